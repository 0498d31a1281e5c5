package quantity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is what a token is.
type kind uint8

const (
	// kWord is a run of letters, possibly with digits ("IE9"), inner
	// hyphens ("air-defence"), apostrophes ("army’s") and the periods of an
	// initialism ("U.S.", "a.m.").
	kWord kind = iota
	// kNum is a run of digits with inner "," and "." ("1,000", "6.1",
	// ".308"); letters glued after it ("2.5bn", "36th") are its suffix.
	kNum
	// kSym is one rune of anything else: punctuation, "$", "%", "€".
	kSym
)

// token is one token of a sentence, with its byte span in the whole text.
type token struct {
	s, e int
	// ne ends the numeric part of a kNum token; text[ne:e] is its suffix.
	ne int
	k  kind
	// sp is set when white space (or the start of the sentence) comes
	// before the token: "F-16" has a glued "-" and a glued "16".
	sp bool
	// up is set when a word starts with an upper-case letter.
	up bool
	r  rune // the rune of a kSym
	// low is the lower-cased text of a word, or the lower-cased suffix of
	// a number.
	low string
}

// tokenize appends the tokens of text[a:b] to buf. It is a hand-written
// scanner rather than a regular expression: one pass, no backtracking, and
// the few shapes news numbers take are easier to keep apart by hand.
func tokenize(buf []token, text string, a, b int) []token {
	sp := true
	for p := a; p < b; {
		c := text[p]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				sp = true
				p++
				continue
			case isDigit(c) || (c == '.' && p+1 < b && isDigit(text[p+1]) && (p == a || !isDigit(text[p-1]))):
				q := scanNumber(text, p, b)
				ne := q
				for q < b {
					r, n := utf8.DecodeRuneInString(text[q:b])
					if !unicode.IsLetter(r) && r != '²' {
						break
					}
					q += n
				}
				buf = append(buf, token{s: p, e: q, ne: ne, k: kNum, sp: sp, low: lower(text[ne:q])})
				sp = false
				p = q
				continue
			case isLetter(c):
				q := scanWord(text, p, b)
				buf = append(buf, word(text, p, q, sp))
				sp = false
				p = q
				continue
			}
			buf = append(buf, token{s: p, e: p + 1, k: kSym, sp: sp, r: rune(c)})
			sp = false
			p++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[p:b])
		switch {
		case unicode.IsSpace(r):
			sp = true
			p += n
			continue
		case unicode.IsLetter(r):
			q := scanWord(text, p, b)
			buf = append(buf, word(text, p, q, sp))
			sp = false
			p = q
			continue
		}
		buf = append(buf, token{s: p, e: p + n, k: kSym, sp: sp, r: r})
		sp = false
		p += n
	}
	return buf
}

func word(text string, p, q int, sp bool) token {
	r, _ := utf8.DecodeRuneInString(text[p:q])
	return token{s: p, e: q, k: kWord, sp: sp, up: unicode.IsUpper(r), low: lower(text[p:q])}
}

// scanNumber returns the end of the digits starting at p, with inner
// separators: "1,000", "3.5", "1.2.3".
func scanNumber(text string, p, b int) int {
	for p < b {
		c := text[p]
		if isDigit(c) {
			p++
			continue
		}
		if (c == ',' || c == '.') && p+1 < b && isDigit(text[p+1]) {
			p++
			continue
		}
		break
	}
	return p
}

// scanWord returns the end of the word starting at p.
func scanWord(text string, p, b int) int {
	run := 0 // letters since the last inner period
	dotted := false
	for p < b {
		r, n := utf8.DecodeRuneInString(text[p:b])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			p += n
			run++
			continue
		case r == '-' || r == '\'' || r == '’':
			// Inner hyphens and apostrophes join letters: "air-defence",
			// "army’s". A hyphen before a digit does not: "COVID-19".
			if p+n < b {
				r2, _ := utf8.DecodeRuneInString(text[p+n : b])
				if unicode.IsLetter(r2) {
					p += n
					run = 0
					continue
				}
			}
		case r == '.':
			// The periods of an initialism: "U.S.", "a.m.".
			if run == 1 {
				if p+1 < b {
					r2, _ := utf8.DecodeRuneInString(text[p+1 : b])
					if unicode.IsLetter(r2) {
						p++
						run = 0
						dotted = true
						continue
					}
				}
				if dotted {
					p++
				}
			}
		}
		break
	}
	return p
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// lower lower-cases s, without allocating when it is lower-case already.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}
