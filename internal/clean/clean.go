package clean

import (
	"strings"
	"time"
	"unicode"

	"github.com/triangulate/triangulate/internal/news"
)

// Options tune cleaning. The zero value works.
type Options struct {
	// Title is the headline when the container states it (HTML metadata, a
	// JSON field). Then no headline is looked for in the text, and a leading
	// paragraph equal to it is removed as a repeat.
	Title string
}

// Result is an article's cleaned body and what cleaning learnt on the way.
type Result struct {
	// Paragraphs of the cleaned body, in order.
	Paragraphs []string
	// Removed lists every piece taken out, in input order.
	Removed  []news.Removed
	Captions []string

	// Title is the headline found in the text ("" when none was found and
	// none was given).
	Title      string
	Standfirst string
	// Dateline is the place of a dateline ("NIAMEY"), "" when none.
	Dateline string
	Authors  []string

	// Outlets names the publisher as the text states it, strongest first.
	Outlets []Mention
	// Published is a publication date stated by a metadata or date line
	// (zero when none). Dates in captions are never used: a caption may show
	// a later photo.
	Published     time.Time
	PublishedText string

	// TranslationSigns lists traces of machine translation found in the
	// text, e.g. "glued quote marks (3)".
	TranslationSigns []string
}

// Mention is a statement of the publisher and how it was made.
type Mention struct {
	Name  string
	Basis news.OutletBasis // dateline, self-reference, footer, credit
}

// Text cleans a plain-text article: it splits the text into blocks (blank
// lines, and single lines unless the text is hard-wrapped) and cleans them.
func Text(text string, opts Options) Result {
	return Paragraphs(SplitBlocks(text), opts)
}

// role is what a block turned out to be.
type role int

const (
	roleBody role = iota
	roleTitle
	roleStandfirst
	roleMetadata
	roleDateLine
	roleByline
	roleCaption
	roleCredit
	roleAppeal
	roleNavigation
	roleRelated
	roleFooter
	roleAdvert
)

func (r role) kind() news.RemovalKind {
	switch r {
	case roleTitle, roleStandfirst:
		return news.RemovedHeader
	case roleMetadata, roleDateLine, roleByline:
		return news.RemovedMetadata
	case roleCaption:
		return news.RemovedCaption
	case roleCredit:
		return news.RemovedCredit
	case roleAppeal:
		return news.RemovedAppeal
	case roleNavigation:
		return news.RemovedNavigation
	case roleRelated:
		return news.RemovedRelated
	case roleFooter:
		return news.RemovedFooter
	case roleAdvert:
		return news.RemovedAdvert
	}
	return news.RemovedOther
}

// block is one paragraph under classification. A block may be split into a
// caption and its trailing credit, or a dateline and the body after it.
type block struct {
	text   string
	role   role
	reason string
	// credit is a trailing credit split off this block's text.
	credit string
	// prefix is a dateline split off the front of a body block.
	prefix       string
	prefixReason string
	// words is the number of words in text.
	words int
}

// Paragraphs cleans an article given as blocks (paragraphs, headings, list
// items), for example the blocks an HTML extractor found.
func Paragraphs(paras []string, opts Options) Result {
	var res Result
	bs := make([]*block, 0, len(paras))
	for _, p := range paras {
		p = collapseSpace(p)
		if p == "" {
			continue
		}
		bs = append(bs, &block{text: p, words: countWords(p)})
	}

	classifyLines(bs)
	findTitle(bs, opts.Title, &res)
	splitTrailingCredits(bs)
	findCaptions(bs)
	findTail(bs)
	findStandfirst(bs, &res)
	findDatelines(bs, &res)

	for _, b := range bs {
		if b.prefix != "" {
			res.Removed = append(res.Removed, news.Removed{Kind: news.RemovedMetadata, Text: b.prefix, Reason: b.prefixReason})
		}
		switch b.role {
		case roleBody:
			text, cut := dropDoubledCap(b.text)
			if cut != "" {
				res.Removed = append(res.Removed, news.Removed{Kind: news.RemovedOther, Text: cut, Reason: "doubled drop cap"})
			}
			res.Paragraphs = append(res.Paragraphs, text)
		default:
			res.Removed = append(res.Removed, news.Removed{Kind: b.role.kind(), Text: b.text, Reason: b.reason})
			if b.role == roleCaption {
				res.Captions = append(res.Captions, b.text)
			}
		}
		if b.credit != "" {
			res.Removed = append(res.Removed, news.Removed{Kind: news.RemovedCredit, Text: b.credit, Reason: "credit after a caption"})
		}
	}
	collectMetadata(bs, &res)
	res.TranslationSigns = TranslationSigns(news.JoinParagraphs(res.Paragraphs))
	return res
}

// SplitBlocks splits plain text into blocks. Blank lines always separate
// blocks. Inside a run of lines without blank lines, each line is its own
// block — scraped text often puts the headline, a caption and a date line on
// consecutive lines — unless the run looks hard-wrapped (lines of similar,
// moderate length), in which case its lines are joined.
func SplitBlocks(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var out []string
	for _, run := range strings.Split(text, "\n\n") {
		var lines []string
		for _, l := range strings.Split(run, "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		if hardWrapped(lines) {
			out = append(out, strings.Join(lines, " "))
			continue
		}
		out = append(out, lines...)
	}
	return out
}

// hardWrapped reports whether a run of lines is one paragraph wrapped at a
// fixed width: three or more lines, none longer than 100 bytes, and most of
// the lines before the last at least 45 bytes and not ending a sentence.
func hardWrapped(lines []string) bool {
	if len(lines) < 3 {
		return false
	}
	long := 0
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if len(l) > 100 {
			return false
		}
		if i < len(lines)-1 && len(l) >= 45 && !endsSentence(l) {
			long++
		}
	}
	return long*10 >= (len(lines)-1)*7
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"'”’»)]`)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ":")
}

// collapseSpace trims s and collapses every run of white space (including
// no-break spaces) into one space.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// countWords counts runs of letters and digits.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
