package extract

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Choosing the main text. trafilatura alone and trafilatura with its
// fallback (its own comparison with go-readability and go-domdistiller)
// often give the same text; where they disagree, each is wrong in its own
// way. trafilatura alone stops at a part of the article — the author's
// notes under a story, a list of links, the first line of a list — and
// the fallback then finds the article; the fallback, reading the page
// whole, now and then takes the comment thread under a short post, or a
// page of several posts where trafilatura kept the one the page is about.
// The fallback's answer is kept unless the page shows one of those two
// faults, read from the page's structure, not from its wording:
//
//   - the fallback's text sits in the page's comment region (an element
//     whose class or id names comments or replies), and trafilatura's
//     does not;
//   - the fallback's text repeats a line, three times or more, that
//     trafilatura's does not (the share buttons or the byline of each post
//     of a listing).
//
// Then the second opinion (secondopinion.go) weighs the kept text against
// readability's.

// Candidate is one extraction weighed for the main text.
type Candidate struct {
	// Extractor names the extraction, as Page.Extractor does.
	Extractor string
	// Words is the length of its text in words.
	Words int
	// Kept says the main text is this candidate's.
	Kept bool
	// Why says why it was kept or set aside.
	Why string
	// Paragraphs are its text, kept only with Options.KeepCandidates.
	Paragraphs []string
}

// thinWords is the length under which trafilatura's text alone is too
// thin to weigh against the fallback's: the fallback, when longer, is kept.
const thinWords = 50

// chooseCandidate returns the page kept among trafilatura's answer alone
// (plain) and with its fallback (fb), either of which may be nil (no
// article found), with both recorded in Candidates.
func chooseCandidate(plain, fb *Page) *Page {
	if plain == nil || fb == nil {
		kept := plain
		why := "trafilatura with its fallback found no article"
		if kept == nil {
			kept, why = fb, "trafilatura alone found no article"
		}
		kept.Candidates = []Candidate{{Extractor: kept.Extractor, Words: wordCount(kept.Paragraphs), Kept: true, Why: why, Paragraphs: kept.Paragraphs}}
		return kept
	}
	wp, wf := wordCount(plain.Paragraphs), wordCount(fb.Paragraphs)
	agree := agreement(plain.Paragraphs, fb.Paragraphs)
	keepPlain, why := false, ""
	switch {
	case agree >= disagreeBelow:
		why = fmt.Sprintf("the two agree (%.2f of their shingles): the fallback's is kept", agree)
	case wp < thinWords && wf > wp:
		why = fmt.Sprintf("the two disagree (%.2f); trafilatura's alone is thin (%d words)", agree, wp)
	case inComments(fb) > 0.5 && inComments(plain) < 0.5:
		keepPlain, why = true, fmt.Sprintf("the two disagree (%.2f); the fallback's text lies in the comments", agree)
	case repeatedLines(fb) > repeatedLines(plain):
		keepPlain, why = true, fmt.Sprintf("the two disagree (%.2f); the fallback's text repeats lines, as a listing of several posts does", agree)
	default:
		why = fmt.Sprintf("the two disagree (%.2f); no fault seen in the fallback's, trafilatura's own choice", agree)
	}
	kept := fb
	if keepPlain {
		kept = plain
	}
	kept.Candidates = []Candidate{
		{Extractor: plain.Extractor, Words: wp, Kept: keepPlain, Paragraphs: plain.Paragraphs},
		{Extractor: fb.Extractor, Words: wf, Kept: !keepPlain, Paragraphs: fb.Paragraphs},
	}
	for i := range kept.Candidates {
		if kept.Candidates[i].Kept {
			kept.Candidates[i].Why = why
		} else {
			kept.Candidates[i].Why = "set aside: " + why
		}
	}
	return kept
}

// commentRE matches the class or id of an element that holds comments.
var commentRE = regexp.MustCompile(`(?i)comment|disqus|repl(?:y|ies)|respon[ds]e?s?\b`)

// inComments is the share of a page's text, in bytes, found in <p>
// elements inside a comment region of the page.
func inComments(p *Page) float64 {
	at := make(map[string]*html.Node, len(p.paragraphs))
	for _, pp := range p.paragraphs {
		if _, ok := at[pp.text]; !ok {
			at[pp.text] = pp.node
		}
	}
	all, in := 0, 0
	for _, t := range p.Paragraphs {
		all += len(t)
		if n := at[t]; n != nil && commentRegion(n) {
			in += len(t)
		}
	}
	if all == 0 {
		return 0
	}
	return float64(in) / float64(all)
}

// commentRegion reports whether n lies inside an element whose class or
// id names comments.
func commentRegion(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type != html.ElementNode {
			continue
		}
		if commentRE.MatchString(attr(a, "class")) || commentRE.MatchString(attr(a, "id")) {
			return true
		}
	}
	return false
}

// repeatedLines counts the short paragraphs (under ten words) a text
// holds three times or more, each counted once: the furniture of each post
// of a listing. (Twice is common in one article: a section name at the top
// and the bottom.)
func repeatedLines(p *Page) int {
	seen := map[string]int{}
	n := 0
	for _, t := range p.Paragraphs {
		if countFields(t) >= 10 {
			continue
		}
		k := strings.ToLower(t)
		seen[k]++
		if seen[k] == 3 {
			n++
		}
	}
	return n
}
