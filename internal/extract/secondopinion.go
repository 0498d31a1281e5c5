package extract

import (
	"net/url"
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// The second opinion. trafilatura and readability (readeck's maintained
// port of Readability.js) fail differently: each now and then takes in a
// block the other leaves out — a comment thread, a list of related
// stories, a second article on the page. On the article extraction
// benchmark the two agree closely on most pages; where they share fewer
// than disagreeBelow of their 4-word shingles (15 of 181 pages), the
// shorter extraction was the better one on every page: the longer one had
// swallowed furniture. So where they disagree that much, the shorter
// extraction is kept, provided it is not thin.
//
// readability is fast (about twice trafilatura's speed), so the second
// opinion costs about a third more time per page.

// disagreeBelow is the shingle agreement under which two extractions are
// said to disagree.
const disagreeBelow = 0.86

// secondOpinion returns page, or page with readability's main text when
// the two disagree and readability's is the shorter. doc is consumed: the
// caller must not use it afterwards (readability prunes it in place,
// which spares a copy of the page).
func secondOpinion(doc *html.Node, pageURL string, page *Page) *Page {
	u, _ := url.Parse(pageURL)
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, u)
	if err != nil || art.Node == nil {
		return page
	}
	blocks, title, removed := dropLeadingHeadings(blocksOf(art.Node), page.Title, page.Description)
	var paras []string
	for _, b := range blocks {
		paras = append(paras, b.text)
	}
	if !preferSecond(page.Paragraphs, paras) {
		return page
	}
	alt := *page
	alt.Extractor, alt.Title, alt.Paragraphs, alt.Removed = "readability", title, paras, removed
	return &alt
}

// preferSecond reports whether the second extraction is to be kept: the
// two disagree, and the second is the shorter without being thin.
func preferSecond(first, second []string) bool {
	n := wordCount(second)
	return n >= shortWords && n < wordCount(first) && agreement(first, second) < disagreeBelow
}

// agreement is the shingle F1 of two texts: the share of their 4-word
// shingles they have in common, as the extraction benchmark measures it.
func agreement(a, b []string) float64 {
	sa, sb := shingleCounts(a), shingleCounts(b)
	na, nb, common := 0, 0, 0
	for k, c := range sa {
		na += c
		common += min(c, sb[k])
	}
	for _, c := range sb {
		nb += c
	}
	if na+nb == 0 {
		return 1
	}
	return 2 * float64(common) / float64(na+nb)
}

func shingleCounts(paras []string) map[string]int {
	var words []string
	for _, p := range paras {
		words = append(words, strings.FieldsFunc(p, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
		})...)
	}
	const n = 4
	out := map[string]int{}
	for i := 0; i+n <= len(words); i++ {
		out[strings.Join(words[i:i+n], " ")]++
	}
	return out
}
