// Package segment splits a cleaned text into sentences with byte spans.
//
// Sentence boundaries come from the Punkt model of
// gopkg.in/neurosnap/sentences.v1 (MIT), trained on English and pinned at
// v1.0.7: v1.1.2 regressed on "March 26." and "Jan. 5.". Paragraphs (blank
// lines) always end a sentence. A few rules are added where news text
// trips Punkt: a sentence never ends inside a closing run of quote marks
// or brackets, never starts with a lower-case word after a bare ellipsis,
// which is an elision inside a quote ("train the army … (and) develop"),
// nor at all before a lower-case word ("Harry Reid (D-Nev.) landed"),
// never after a title ("Rev.", "Gen.", "Sen.", "St.", "No."), and a piece
// without a word (a stray "»") joins the sentence before it.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"

	"github.com/triangulate/triangulate/internal/news"
)

// Segmenter splits texts into sentences. Load one and reuse it: loading the
// Punkt model takes milliseconds. A Segmenter is safe for concurrent use.
type Segmenter struct {
	tok *sentences.DefaultSentenceTokenizer
}

// New loads the English model.
func New() (*Segmenter, error) {
	tok, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return nil, err
	}
	return &Segmenter{tok: tok}, nil
}

// Split returns the sentences of text, paragraph by paragraph, each with
// its byte span [Start, End) in text, trimmed of white space.
func (s *Segmenter) Split(text string) []news.Sentence {
	var out []news.Sentence
	para := 0
	for start := 0; start < len(text); {
		end := strings.Index(text[start:], news.ParagraphSep)
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		for _, sp := range s.paragraph(text[start:end]) {
			out = append(out, news.Sentence{Index: len(out), Paragraph: para, Start: start + sp[0], End: start + sp[1]})
		}
		para++
		start = end + len(news.ParagraphSep)
	}
	return out
}

// paragraph splits one paragraph into trimmed spans.
func (s *Segmenter) paragraph(p string) [][2]int {
	var cuts []int
	for _, pos := range s.tok.SentencePositions(p) {
		if pos <= 0 || pos >= len(p) {
			continue
		}
		pos = extendOverClosers(p, pos)
		if continuesAfterEllipsis(p, pos) || afterTitle(p, pos) || startsLower(p, pos) {
			continue
		}
		if len(cuts) > 0 && pos <= cuts[len(cuts)-1] {
			continue
		}
		cuts = append(cuts, pos)
	}
	cuts = append(cuts, len(p))
	var spans [][2]int
	from := 0
	for _, c := range cuts {
		a, b := trim(p, from, c)
		from = c
		if a >= b {
			continue
		}
		// A piece without a word (a stray closing "»") belongs to the
		// sentence before it.
		if len(spans) > 0 && !hasWord(p[a:b]) {
			spans[len(spans)-1][1] = b
			continue
		}
		spans = append(spans, [2]int{a, b})
	}
	return spans
}

// extendOverClosers moves a cut that falls before closing quote marks or
// brackets to after them: `said.” Next` is cut after ”.
func extendOverClosers(p string, pos int) int {
	for pos < len(p) {
		r, n := utf8.DecodeRuneInString(p[pos:])
		if !strings.ContainsRune(`"'”’»)]`, r) {
			break
		}
		pos += n
	}
	return pos
}

// titleAbbrevs are abbreviations written before a name ("Rev. Al
// Sharpton", "Gen. John Smith", "No. 2"): a sentence does not end on them.
var titleAbbrevs = map[string]bool{
	"rev": true, "gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true, "capt": true,
	"sgt": true, "dr": true, "mr": true, "mrs": true, "ms": true, "st": true, "no": true, "prof": true,
	"maj": true, "adm": true, "cmdr": true, "brig": true, "det": true, "supt": true, "insp": true, "mt": true,
	"ft": true, "pres": true, "atty": true, "cpl": true, "pvt": true, "msgr": true, "fr": true,
}

// afterTitle reports whether the cut at pos follows a title abbreviation.
func afterTitle(p string, pos int) bool {
	before := strings.TrimRight(p[:pos], " ")
	if !strings.HasSuffix(before, ".") {
		return false
	}
	before = before[:len(before)-1]
	i := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) })
	return titleAbbrevs[strings.ToLower(before[i+1:])]
}

// startsLower reports whether the text after the cut at pos starts with a
// lower-case letter: "Harry Reid (D-Nev.) landed" goes on.
func startsLower(p string, pos int) bool {
	before := strings.TrimRight(p[:pos], " ")
	if strings.HasSuffix(before, "?") || strings.HasSuffix(before, "!") {
		return false
	}
	after := strings.TrimLeft(p[pos:], " ")
	r, _ := utf8.DecodeRuneInString(after)
	return unicode.IsLower(r)
}

// continuesAfterEllipsis reports whether the cut at pos follows an
// ellipsis and the next word is lower-case: an elision, not an end.
func continuesAfterEllipsis(p string, pos int) bool {
	before := strings.TrimRight(p[:pos], " ")
	if !strings.HasSuffix(before, "…") && !strings.HasSuffix(before, "...") {
		return false
	}
	after := strings.TrimLeft(p[pos:], " (")
	r, _ := utf8.DecodeRuneInString(after)
	return unicode.IsLower(r)
}

func trim(p string, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRuneInString(p[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(p[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	return a, b
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
