package ingest

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	xunicode "golang.org/x/text/encoding/unicode"
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

// scrubControls makes real pages' messy bytes readable. A page that is
// text but for a stray NUL byte or a few control characters (a CMS bug, a
// paste from a word processor) loses them; text in UTF-16 with a byte
// order mark is turned into UTF-8. Content that is binary — a known file
// signature (PDF, images, archives, fonts, media, as the standard
// library's sniffer knows them), or control bytes making more than
// maxControlShare of the whole — is returned unchanged for Detect to
// refuse. Binary-ness is thus decided from the whole content, not from
// one byte.
func scrubControls(content []byte) []byte {
	if bytes.HasPrefix(content, []byte{0xff, 0xfe}) || bytes.HasPrefix(content, []byte{0xfe, 0xff}) {
		if b, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(content); err == nil {
			content = b
		}
	}
	if binarySignature(content) {
		return content
	}
	stray := 0
	for _, c := range content {
		if c < 0x20 && isControl(rune(c)) || c == 0x7f {
			stray++
		}
	}
	if stray == 0 || float64(stray) > maxControlShare*float64(len(content)) {
		return content
	}
	out := make([]byte, 0, len(content)-stray)
	for _, c := range content {
		if !(c < 0x20 && isControl(rune(c)) || c == 0x7f) {
			out = append(out, c)
		}
	}
	return out
}

// binarySignature reports whether content opens with the signature of a
// binary file format.
func binarySignature(content []byte) bool {
	t := http.DetectContentType(content)
	for _, p := range []string{"image/", "audio/", "video/", "font/", "application/pdf", "application/zip", "application/x-gzip",
		"application/x-rar-compressed", "application/wasm", "application/ogg", "application/vnd.ms-fontobject", "application/postscript"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return bytes.HasPrefix(content, []byte("\x7fELF")) || bytes.HasPrefix(content, []byte("MZ\x90\x00"))
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
