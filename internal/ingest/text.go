package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

var utf8BOM = []byte("\xef\xbb\xbf")

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, utf8BOM) }

// Thresholds of checkText. Text with more than one control character in
// ten runes is no article; bytes that are mostly not UTF-8 are not a text
// in another encoding but binary data.
const (
	maxControlShare = 0.10
	maxInvalidShare = 0.30
)

// checkText reports why content (with an optional UTF-8 BOM) is not usable
// plain text: ErrEmpty for white space only, ErrBinary for NUL bytes or
// mostly control characters or garbage, ErrInvalidUTF8 with the byte offset
// of the first bad byte for text in another encoding. It returns nil for
// good text.
func checkText(content []byte) error {
	b := trimBOM(content)
	if len(bytes.TrimSpace(b)) == 0 {
		return ErrEmpty
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return ErrBinary
	}
	runes, controls, invalid, firstInvalid := 0, 0, 0, -1
	for i := 0; i < len(b); {
		runes++
		if c := b[i]; c < utf8.RuneSelf { // fast path for ASCII
			if isControl(rune(c)) {
				controls++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
			if firstInvalid < 0 {
				firstInvalid = i
			}
		case isControl(r):
			controls++
		}
		i += size
	}
	if float64(controls) > maxControlShare*float64(runes) || float64(invalid) > maxInvalidShare*float64(runes) {
		return ErrBinary
	}
	if firstInvalid >= 0 {
		offset := firstInvalid + len(content) - len(b)
		return fmt.Errorf("%w at byte offset %d", ErrInvalidUTF8, offset)
	}
	return nil
}

// isControl reports a C0 or C1 control character other than the white
// space that plain text uses (tab, newline, vertical tab, form feed,
// carriage return).
func isControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r < 0xa0:
		return true
	}
	return false
}

// normalizeText drops a UTF-8 BOM and turns CRLF and lone CR line endings
// into LF.
func normalizeText(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// firstInvalidUTF8 returns the offset of the first byte of b that is not
// part of valid UTF-8, or -1.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
