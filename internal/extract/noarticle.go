package extract

import (
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// noArticle says why blocks, trafilatura's answer for doc, are not an
// article, or "" when they may be one.
//
// When its main extractor finds too little, trafilatura falls back on a
// "baseline" which, as a last resort, returns the whole text of the page
// as one paragraph, so a home page made of menus and headline links comes
// out as one paragraph of link labels. A page of plain text with no markup
// takes the same path and is an article; the difference is the links.
func noArticle(blocks []block, doc *html.Node, title string) string {
	if len(blocks) != 1 {
		return ""
	}
	text := blocks[0].text
	if comparable(text) == comparable(title) {
		return "only the headline"
	}
	all, linked := textLengths(doc)
	if n := nonSpace(text); 5*n >= 4*all && 2*linked >= all {
		return "the page's text is mostly links"
	}
	return ""
}

// textLengths returns the length in runes of the readable text of doc (as
// trafilatura's baseline reads it: no scripts, styles, asides or footers)
// and how much of it is inside links. White space is not counted.
func textLengths(doc *html.Node) (all, linked int) {
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			k := nonSpace(n.Data)
			all += k
			if inLink {
				linked += k
			}
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Aside, atom.Footer:
				return
			case atom.A:
				inLink = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(doc, false)
	return all, linked
}

// nonSpace counts the runes of s that are not white space.
func nonSpace(s string) int {
	k := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			k++
		}
	}
	return k
}
