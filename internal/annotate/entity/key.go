package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the normalised form of a name used for keys and look-ups:
// NFKD with combining marks dropped, case-folded, hyphens and white space
// collapsed to single spaces, dots and apostrophes dropped ("Télé Sahel" →
// "tele sahel", "al-Qaeda" → "al qaeda", "U.S." → "us").
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFKD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r >= 0x300 && unicode.Is(unicode.Mn, r): // no mark comes before U+0300
			continue
		case r == '.' || r == '\'' || r == '’' || r == 'ʼ' || r == '‘':
			continue
		case r == '-' || r == '‐' || r == '‑' || r == '–' || unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
