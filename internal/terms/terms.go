// Package terms turns text into terms that compare across sources: words
// folded to one case and without diacritics, English function words left
// out, and the rest reduced to their Snowball stems, so that "arrived",
// "arrival" and "arrives" meet, and "Télé Sahel" meets "Tele Sahel".
//
// Stemming uses github.com/blevesearch/snowballstem (BSD), the Snowball
// project's own English stemmer compiled to Go, at about 300 ns a word.
package terms

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Word is a run of letters and digits in a text, with inner apostrophes
// and hyphens ("Niger's", "al-Qaeda", "1,000" is three... see Words).
type Word struct {
	Text       string
	Start, End int
}

// Words returns the words of s with their byte spans: runs of letters and
// digits, joined across an inner apostrophe, hyphen or (between digits) a
// comma or point, so that "al-Qaeda", "Niger's", "1,000" and "3.5" are one
// word each.
func Words(s string) []Word {
	var out []Word
	start := -1
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && joiner(s, i, r, n):
			// keep going: the word continues after the joiner
		default:
			if start >= 0 {
				out = append(out, Word{s[start:i], start, i})
				start = -1
			}
		}
		i += n
	}
	if start >= 0 {
		out = append(out, Word{s[start:], start, len(s)})
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// joiner reports whether the rune r at s[i:i+n] joins the word before it
// to a word right after it.
func joiner(s string, i int, r rune, n int) bool {
	if i+n >= len(s) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	switch r {
	case '\'', '’', '-', '‑':
		return isWordRune(next)
	case ',', '.':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return false
}

// folders strip diacritics: NFKD, drop non-spacing marks, NFC. A chain
// keeps state between calls and is not safe for concurrent use (the server
// annotates and cross-checks at once), hence one per goroutine from a pool.
var folders = sync.Pool{New: func() any {
	return transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold returns s in lower case without diacritics: "Télé Sahel" → "tele
// sahel". Text that is plain ASCII skips the Unicode transforms.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		folder := folders.Get().(transform.Transformer)
		if t, _, err := transform.String(folder, s); err == nil {
			s = t
		}
		folders.Put(folder)
		s = strings.Map(func(r rune) rune {
			switch r {
			case '’', '‘':
				return '\''
			case '‐', '‑', '‒', '–':
				return '-'
			}
			return r
		}, s)
	}
	return strings.ToLower(s)
}

// Stem returns the Snowball stem of a folded word.
func Stem(folded string) string {
	if len(folded) < 3 {
		return folded
	}
	env := snowballstem.NewEnv(folded)
	english.Stem(env)
	return env.Current()
}

// Content returns the stems of the content words of s, in order: folded,
// without function words, possessive endings and one-letter words. Numbers
// are kept as written without separators ("1,000" → "1000").
func Content(s string) []string {
	var out []string
	for _, w := range Words(s) {
		if t := Term(w.Text); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// Term is the comparable term of one word, "" for a function word.
func Term(word string) string {
	f := Fold(word)
	f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "'")
	if len(f) < 2 || Stopword(f) {
		return ""
	}
	if f[0] >= '0' && f[0] <= '9' {
		return strings.ReplaceAll(f, ",", "")
	}
	return Stem(f)
}

// Stopword reports whether a folded word is an English function word.
func Stopword(folded string) bool { return stopwords[folded] }
