package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// recoverParagraphs adds to blocks, trafilatura's answer for doc, the
// body paragraphs it dropped because the page splits the article into
// several containers.
//
// Pages interrupt the body with advert rows, embeds or "most popular"
// boxes by closing the body's <div> and opening another of the same kind
// after the interruption (<div class="article__body">…</div><div
// class="ad">…</div><div class="article__body">…</div>). trafilatura
// keeps the container it scored best and loses the rest of the story. The
// signature of a container here is its tag and class attribute: a <p>
// whose parent has the signature of the parents of at least two of the
// extracted paragraphs, and is not inside navigation, an aside, a form or
// a footer, is the same article's, wherever it stands. Containers without
// a class are not matched: a bare <div> says nothing about what it holds.
//
// Recovered paragraphs go after the extracted block that precedes them in
// the page. On the 181 AEB pages this raised recall most on pages whose
// body is cut by advert rows, and no page lost precision by more than a
// few shingles.
//
// It also returns the page's <p> elements with their text, as its walk read
// them, for the second opinion to find the article's region (articleRoot)
// without reading the page again.
func recoverParagraphs(doc *html.Node, blocks []block) ([]block, []pageParagraph) {
	if len(blocks) == 0 {
		return blocks, nil
	}
	index := make(map[string]int, len(blocks))
	for i, b := range blocks {
		if _, dup := index[b.text]; !dup {
			index[b.text] = i
		}
	}

	// First walk: the paragraphs of the page, with their text, and the
	// signatures of the parents of those trafilatura kept.
	type para struct {
		text   string
		parent string // signature of the parent, "" when it has no class
		at     int    // index of the extracted block, -1 when not extracted
		inside bool   // inside navigation, an aside, a form or a footer
	}
	var paras []para
	var ps []pageParagraph
	counts := map[string]int{}
	teasers := map[int]bool{} // extracted blocks that are links to other stories
	var walk func(n *html.Node, furniture bool)
	walk = func(n *html.Node, furniture bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Nav, atom.Aside, atom.Form, atom.Footer, atom.Header, atom.Figure, atom.Head:
				walk(c, true)
				continue
			case atom.P:
				text := collapseSpace(textOf(c))
				if text == "" {
					continue
				}
				ps = append(ps, pageParagraph{c, text})
				// A paragraph that is mostly a link is a teaser for
				// another story ("RELATED: ..."), not a lost paragraph.
				p := para{text: text, parent: signature(n), at: -1, inside: furniture || mostlyLinked(c)}
				if i, ok := index[text]; ok {
					if shoutedLink(c, text) {
						teasers[i] = true
					}
					p.at = i
					if p.parent != "" {
						counts[p.parent]++
					}
				}
				paras = append(paras, p)
				continue
			}
			walk(c, furniture)
		}
	}
	walk(doc, false)

	// A paragraph whose text the extraction already holds, whole or split
	// differently into blocks, is not lost: compare without white space,
	// since the two walks may space inline tags differently.
	var all strings.Builder
	for _, b := range blocks {
		all.WriteString(squeeze(b.text))
	}
	have := all.String()

	// Second pass: insert the unextracted paragraphs of body containers
	// after the last extracted block seen before them.
	after := map[int][]string{} // block index → paragraphs to insert after it (-1: before all)
	last, added := -1, 0
	seen := map[string]bool{}
	for _, p := range paras {
		if p.at >= 0 {
			last = max(last, p.at)
			continue
		}
		// A lone word or two ("comments", "Share") is a widget's label.
		if p.inside || p.parent == "" || counts[p.parent] < 2 || seen[p.text] || last < 0 || countFields(p.text) < 4 {
			continue
		}
		if sq := squeeze(p.text); strings.Contains(have, sq[:max(len(sq)*2/3, min(len(sq), 24))]) {
			// Its first two thirds are extracted already: the page
			// repeats the paragraph (a print or mobile copy) with a
			// different ending, such as a citation the other lacks.
			continue
		}
		seen[p.text] = true
		after[last] = append(after[last], p.text)
		added++
	}
	if added == 0 && len(teasers) == 0 {
		return blocks, ps
	}
	out := make([]block, 0, len(blocks)+added)
	for i, b := range blocks {
		if !teasers[i] {
			out = append(out, b)
		}
		for _, t := range after[i] {
			out = append(out, block{text: t, tag: atom.P})
		}
	}
	return out, ps
}

// pageParagraph is a <p> element of a page and its text as blocksOf reads
// it, white space collapsed.
type pageParagraph struct {
	node *html.Node
	text string
}

// signature names an element by its tag and classes, "" without classes.
func signature(n *html.Node) string {
	class := strings.Join(strings.Fields(attr(n, "class")), " ")
	if class == "" {
		return ""
	}
	return n.Data + "." + class
}

// textOf is the text under n as blocksOf reads it: <br> is a space, and
// scripts and the like are skipped.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br {
				b.WriteByte(' ')
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// squeeze drops the white space of s.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// mostlyLinked reports whether at least half of the text under n is
// inside links.
func mostlyLinked(n *html.Node) bool {
	var all, linked int
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.TextNode {
			k := nonSpace(n.Data)
			all += k
			if in {
				linked += k
			}
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			in = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(n, false)
	return 2*linked >= all
}

// shoutedLink reports whether the paragraph n, whose text is text, is a
// link written in capitals: the way many outlets set headlines of related
// stories inside the body ("SENATOR SAYS ... "), which trafilatura keeps
// as paragraphs.
func shoutedLink(n *html.Node, text string) bool {
	if countFields(text) < 3 || !mostlyLinked(n) {
		return false
	}
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 10
}
