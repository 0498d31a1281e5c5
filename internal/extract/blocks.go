package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A block is one paragraph of the main text and the element that held it.
type block struct {
	text string
	tag  atom.Atom // the innermost block element around the text; 0 for the root
}

// isHeading reports whether the block came from h1–h6.
func (b block) isHeading() bool {
	switch b.tag {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// blockElements end the paragraph before them and start a new one. The list
// is the HTML block-level elements trafilatura can leave in its output, plus
// the sectioning ones a fallback extractor may keep.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Pre: true, atom.Blockquote: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Caption: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Tr: true,
	atom.Article: true, atom.Section: true, atom.Main: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Nav: true, atom.Address: true, atom.Figure: true, atom.Figcaption: true,
	atom.Details: true, atom.Summary: true, atom.Hgroup: true, atom.Center: true, atom.Form: true,
	atom.Fieldset: true, atom.Legend: true, atom.Body: true, atom.Html: true, atom.Hr: true,
}

// skipped elements hold no readable text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
}

// blocksOf splits the text under root into paragraphs, one per block
// element, in document order.
//
// trafilatura's ContentText cannot be used: it joins all blocks with spaces
// and puts a space wherever a tag was, so "<i>more</i>," reads "more ,".
// Here text nodes are concatenated as they are and only whitespace the HTML
// had separates words; whitespace runs are then collapsed. Table cells are
// joined with " | " so that a row reads as one line. A single <br> is a
// space, two in a row end the paragraph, as pages that lay out text with
// <br><br> instead of <p> mean them to.
func blocksOf(root *html.Node) []block {
	if root == nil {
		return nil
	}
	w := &blockWriter{}
	w.walk(root, 0)
	w.flush(0)
	return w.blocks
}

type blockWriter struct {
	blocks  []block
	buf     strings.Builder
	pending bool // a <br> was the last thing written
}

func (w *blockWriter) walk(n *html.Node, tag atom.Atom) {
	switch n.Type {
	case html.TextNode:
		if strings.TrimSpace(n.Data) != "" {
			w.pending = false
		}
		w.buf.WriteString(n.Data)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}

	// Not n.DataAtom: trafilatura builds and renames elements by setting
	// Data alone, so DataAtom is often 0 or stale.
	a := atom.Lookup([]byte(n.Data))
	switch {
	case skipped[a]:
		return
	case a == atom.Br:
		if w.pending {
			w.flush(tag)
			return
		}
		w.pending = true
		w.buf.WriteByte(' ')
		return
	case a == atom.Td || a == atom.Th:
		if hasText(w.buf.String()) {
			w.buf.WriteString(" | ")
		}
	case blockElements[a]:
		w.flush(tag)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, a)
		}
		w.flush(a)
		return
	}
	// Inline, or a cell: the text joins the enclosing block's.
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, tag)
	}
}

// flush ends the current paragraph, which belonged to the block tag.
func (w *blockWriter) flush(tag atom.Atom) {
	w.pending = false
	if w.buf.Len() == 0 {
		return
	}
	text := collapseSpace(w.buf.String())
	w.buf.Reset()
	if text != "" {
		w.blocks = append(w.blocks, block{text: text, tag: tag})
	}
}

func hasText(s string) bool {
	return strings.TrimSpace(s) != ""
}

// collapseSpace trims s and turns every run of white space (Unicode,
// including no-break spaces) into one ASCII space.
func collapseSpace(s string) string {
	if collapsed(s) {
		return s // the common case: no copy
	}
	return strings.Join(strings.Fields(s), " ")
}

// collapsed reports whether collapseSpace(s) == s: no space at either end,
// single ASCII spaces between words, no other white space.
func collapsed(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c < utf8.RuneSelf:
			if c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' {
				return false
			}
			prevSpace = false
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			i += size - 1
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// countFields counts the words of s: len(strings.Fields(s)) without
// making the slice, in scripts written with spaces.
func countFields(s string) int {
	n, in, unspaced := 0, false, 0
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			in = false
		case r >= 0x0E00 && unicode.In(r, unspacedScripts...): // Thai is the first of them
			unspaced++
			in = false
		case !in:
			in = true
			n++
		}
	}
	return n + (unspaced+1)/2
}

// unspacedScripts are the scripts written without spaces between words:
// there, a word is counted for every two characters, about the mean length
// of a Chinese or Japanese word, so that thresholds in words mean the same
// amount of text in every language.
var unspacedScripts = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar}
