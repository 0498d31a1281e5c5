package clean

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Machine translation, and the scrapers that feed it, leave traces that
// careful editors do not: quote marks glued to the words around them,
// guillemets in English text, sentences run together without a space,
// untranslated words in square brackets, opening and closing quote marks
// that do not pair up. One trace can be a typo; two kinds of them, or three
// of one kind, are reported as signs of machine translation.
//
// The traces are found in one pass over the runes rather than with regular
// expressions: this runs on every article and Go's regexp costs tens of
// nanoseconds a byte per pattern.

// TranslationSigns returns the traces of machine translation in an
// English text, each with its count, or nil when there are too few to
// say.
func TranslationSigns(text string) []string {
	var gluedBefore, gluedAfter, runTogether, brackets, guilOpen, guilClose, curlyOpen, curlyClose int
	var p2, p1 rune // the two runes before r
	for i, r := range text {
		next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
		switch r {
		case '“', '«':
			if unicode.IsLower(p1) {
				gluedBefore++
			}
		case '”', '»':
			if unicode.IsLetter(next) {
				gluedAfter++
			}
		case '.', '!', '?':
			if unicode.IsLower(p1) && unicode.IsLower(p2) && unicode.IsUpper(next) && lowerAfter(text[i+1:]) {
				runTogether++
			}
		case '[':
			if bracketedWord(text[i+1:]) {
				brackets++
			}
		}
		switch r {
		case '«':
			guilOpen++
		case '»':
			guilClose++
		case '“':
			curlyOpen++
		case '”':
			curlyClose++
		}
		p2, p1 = p1, r
	}
	var signs []string
	total := 0
	add := func(n int, format string, args ...any) {
		if n > 0 {
			signs = append(signs, fmt.Sprintf(format, args...))
			total += n
		}
	}
	add(gluedBefore, "quote mark glued to the word before it (%d)", gluedBefore)
	add(gluedAfter, "quote mark glued to the word after it (%d)", gluedAfter)
	add(runTogether, "sentences run together without a space (%d)", runTogether)
	add(brackets, "untranslated word in brackets (%d)", brackets)
	if guilOpen != guilClose {
		add(guilOpen+guilClose, "unpaired guillemets (%d)", guilOpen+guilClose)
	}
	if d := absDiff(curlyOpen, curlyClose); d >= 2 {
		add(d, "unpaired curly quotes (%d opening, %d closing)", curlyOpen, curlyClose)
	}
	if len(signs) >= 2 || total >= 3 {
		return signs
	}
	return nil
}

// lowerAfter reports whether s starts with an upper-case letter followed by
// a lower-case one ("One" in "specialties.One"), not an abbreviation.
func lowerAfter(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	r, _ := utf8.DecodeRuneInString(s[n:])
	return unicode.IsLower(r)
}

// bracketedWord reports whether s starts with one to four lower-case
// letters and "]".
func bracketedWord(s string) bool {
	j := strings.IndexByte(s, ']')
	if j < 1 || j > 16 {
		return false
	}
	n := 0
	for _, r := range s[:j] {
		if !unicode.IsLower(r) {
			return false
		}
		n++
	}
	return n <= 4
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}
