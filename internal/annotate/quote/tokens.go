package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord  tokKind = iota
	tPunct         // one punctuation rune
	tMark          // a quote mark
)

// token is a word, a punctuation rune or a quote mark, with its byte span.
type token struct {
	start, end int
	kind       tokKind
	low        string // the lower-cased word; "" for other kinds
	cap        bool   // the word starts with an upper-case letter
	fl         uint32 // lexicon flags of low
}

// punct reports whether t is the punctuation rune r.
func (t token) punct(text string, r rune) bool {
	if t.kind != tPunct {
		return false
	}
	got, _ := utf8.DecodeRuneInString(text[t.start:t.end])
	return got == r
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize appends the tokens of text[lo:hi] to dst. Words keep inner
// apostrophes ("Niger's", "it’s"), hyphens ("light-skinned"), digit
// separators ("1,000") and the periods of abbreviations ("U.S.", "Lt.");
// a period glued between two words ("Defense.Public") splits them.
func tokenize(text string, lo, hi int, dst []token) []token {
	for i := lo; i < hi; {
		r, n := utf8.DecodeRuneInString(text[i:hi])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := wordEnd(text, i, hi)
			w := text[i:j]
			low := strings.ToLower(w)
			dst = append(dst, token{start: i, end: j, kind: tWord, low: low, cap: unicode.IsUpper(r), fl: flags(strings.TrimSuffix(low, "."))})
			i = j
		default:
			if _, m := markAt(text, i, hi); m > 0 {
				dst = append(dst, token{start: i, end: i + m, kind: tMark})
				i += m
				continue
			}
			dst = append(dst, token{start: i, end: i + n, kind: tPunct})
			i += n
		}
	}
	return dst
}

// wordEnd returns the end of the word that starts at i.
func wordEnd(text string, i, hi int) int {
	j := i
	seg := 0 // letters since the last inner period
	for j < hi {
		r, n := utf8.DecodeRuneInString(text[j:hi])
		if isWordRune(r) {
			j += n
			seg++
			continue
		}
		// A joiner is kept when a word rune follows it.
		next := utf8.RuneError
		if j+n < hi {
			next, _ = utf8.DecodeRuneInString(text[j+n : hi])
		}
		switch r {
		case '\'', '’', '-', '‑':
			if isWordRune(next) {
				j += n
				seg = 0
				continue
			}
		case ',':
			if j > i && isDigitByte(text[j-1]) && next >= '0' && next <= '9' {
				j += n
				continue
			}
		case '.':
			if j > i && isDigitByte(text[j-1]) && next >= '0' && next <= '9' {
				j += n
				continue
			}
			// "U.S.": one letter, a period, a letter.
			if seg == 1 && unicode.IsLetter(next) {
				j += n
				seg = 0
				continue
			}
			// The final period of "U.S.", of an initial ("Harold L.
			// Child") or of a title ("Lt.").
			if seg == 1 && (strings.Contains(text[i:j], ".") || j-i == 1 && text[i] >= 'A' && text[i] <= 'Z' && next == ' ') || titleAbbrevs[strings.ToLower(text[i:j])] {
				j += n
			}
		}
		break
	}
	return j
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }
