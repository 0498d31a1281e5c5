package timex

import (
	"unicode"
	"unicode/utf8"
)

// A hand-written scanner rather than regular expressions: one pass over the
// bytes, no allocation once the token buffer has grown, and the rules then
// look at a handful of tokens around a trigger word. Go's regexp costs tens
// of nanoseconds per byte per pattern; this costs a few in all.

type tokKind uint8

const (
	tkWord tokKind = iota + 1
	tkNum
	tkPunct
)

type tokFlag uint16

const (
	fSpace   tokFlag = 1 << iota // white space (or the sentence start) before
	fCap                         // a word whose first letter is upper case
	fLower                       // a word all in lower case
	fGrouped                     // a number with thousands separators: "1,000"
	fDecimal                     // a number with a decimal part: "3.5"
	fOrdinal                     // a number with an ordinal suffix: "10th"
	fGlued                       // a number with letters stuck after it: "1990s", "76mm"
	fApos                        // a punctuation mark that is an apostrophe
)

type token struct {
	start, end int // byte offsets in the whole text
	kind       tokKind
	flags      tokFlag
	info       info
	nd         int // digits of a number
	num        int // value of a number (of its integer part), -1 when too long
	ch         byte
}

func (t *token) has(f tokFlag) bool { return t.flags&f != 0 }

// tokenize appends the tokens of text[a:b] to toks[:0].
func tokenize(toks []token, text string, a, b int) []token {
	toks = toks[:0]
	space := true
	for i := a; i < b; {
		c := text[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			space = true
			i++
			continue
		case c >= '0' && c <= '9':
			t := token{start: i, kind: tkNum}
			j, v := i, 0
			for j < b && text[j] >= '0' && text[j] <= '9' {
				if j-i < 9 {
					v = v*10 + int(c2d(text[j]))
				}
				j++
			}
			t.nd = j - i
			if t.nd > 9 {
				v = -1
			}
			// thousands groups: ",ddd" not followed by a digit
			for j < b && text[j] == ',' && isDigits(text, j+1, j+4, b) && (j+4 >= b || !isDigit(text[j+4])) {
				t.flags |= fGrouped
				j += 4
			}
			if j+1 < b && text[j] == '.' && isDigit(text[j+1]) {
				t.flags |= fDecimal
				j++
				for j < b && isDigit(text[j]) {
					j++
				}
			}
			if j < b && isASCIILetter(text[j]) {
				k := j
				for k < b && isASCIILetter(text[k]) {
					k++
				}
				if k-j == 2 && isOrdinalSuffix(text[j], text[j+1]) && (k >= b || !startsLetter(text, k, b)) {
					t.flags |= fOrdinal
					j = k
				} else {
					t.flags |= fGlued
				}
			}
			t.end, t.num = j, v
			if space {
				t.flags |= fSpace
			}
			toks = append(toks, t)
			i = j
		case isASCIILetter(c) || c >= utf8.RuneSelf && startsLetter(text, i, b):
			j := i
			for j < b {
				d := text[j]
				if isASCIILetter(d) || isDigit(d) {
					j++
					continue
				}
				if d < utf8.RuneSelf {
					if d == '\'' && continuesWord(text, j+1, b) {
						j++
						continue
					}
					break
				}
				r, n := utf8.DecodeRuneInString(text[j:b])
				if unicode.IsLetter(r) || unicode.IsMark(r) {
					j += n
					continue
				}
				if r == '’' && continuesWord(text, j+n, b) {
					j += n
					continue
				}
				break
			}
			t := token{start: i, end: j, kind: tkWord}
			if space {
				t.flags |= fSpace
			}
			t.flags |= caseFlags(text[i:j])
			t.info = lookup(text[i:j])
			toks = append(toks, t)
			i = j
		default:
			r, n := rune(c), 1
			if c >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[i:b])
				if unicode.IsSpace(r) {
					space = true
					i += n
					continue
				}
			}
			t := token{start: i, end: i + n, kind: tkPunct, ch: c}
			if r == '\'' || r == '’' {
				t.flags |= fApos
			}
			if r == '–' || r == '—' {
				t.ch = '-'
			}
			if space {
				t.flags |= fSpace
			}
			toks = append(toks, t)
			i += n
		}
		space = false
	}
	return toks
}

// continuesWord tells whether an apostrophe at the end of text[:i] is
// inside a word ("don't", "O'Brien") rather than a possessive "'s".
func continuesWord(text string, i, b int) bool {
	if i >= b || !startsLetter(text, i, b) {
		return false
	}
	if (text[i] == 's' || text[i] == 'S') && (i+1 >= b || !startsLetter(text, i+1, b)) {
		return false
	}
	return true
}

func startsLetter(text string, i, b int) bool {
	if i >= b {
		return false
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:b])
	return unicode.IsLetter(r)
}

func caseFlags(w string) tokFlag {
	r, _ := utf8.DecodeRuneInString(w)
	var f tokFlag
	if unicode.IsUpper(r) {
		f |= fCap
	}
	lower := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			lower = false
			break
		}
	}
	if lower && !unicode.IsUpper(r) {
		f |= fLower
	}
	return f
}

// lookup finds a word in the lexicon, case-folded, without allocating.
func lookup(w string) info {
	if len(w) > 12 {
		return info{}
	}
	var buf [12]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return info{}
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return lexicon[string(buf[:len(w)])]
}

func isOrdinalSuffix(a, b byte) bool {
	a |= 0x20
	b |= 0x20
	return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h'
}

func isDigits(text string, i, j, b int) bool {
	if j > b {
		return false
	}
	for k := i; k < j; k++ {
		if !isDigit(text[k]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func c2d(c byte) byte           { return c - '0' }
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
