package ingest

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// decodeHTML returns an HTML document as UTF-8 with LF line endings.
//
// A document that is valid UTF-8 and has non-ASCII bytes is read as UTF-8
// whatever it declares: a valid multi-byte UTF-8 sequence is almost never
// what a legacy-encoded text happens to contain, while a wrong declaration
// is common (servers that add "charset=iso-8859-1" to everything, stale
// meta tags, and golang.org/x/net/html/charset judging only the first 1024
// bytes, so that a UTF-8 page whose first kilobyte is ASCII falls back to
// windows-1252). Otherwise the encoding is found as browsers do, by
// charset.DetermineEncoding: a byte order mark, then the charset of
// contentType (the HTTP header; "" for files), then a <meta charset> in the
// first 1024 bytes, then windows-1252.
func decodeHTML(content []byte, contentType string) string {
	if hasNonASCII(content) && utf8.Valid(content) {
		return normalizeText(string(content))
	}
	enc, _, _ := charset.DetermineEncoding(content, contentType)
	b, err := enc.NewDecoder().Bytes(content)
	if err != nil {
		// The decoders of x/text replace what they cannot map, so this is
		// not expected; keep the bytes rather than lose the page.
		b = content
	}
	return normalizeText(strings.ToValidUTF8(string(b), "\uFFFD"))
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
