package extract

import (
	"slices"
	"strings"
	"testing"
	"testing/quick"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestBlocksOf(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		// Words stay apart exactly where the HTML had white space.
		{"inline tags", `<p>Hello <b>world</b> again and <i>more</i>, text<span>joined</span> end.</p>`,
			[]string{"Hello world again and more, textjoined end."}},
		{"white space collapsed", "<p>  a\n\t b&nbsp;c  </p>", []string{"a b c"}},
		{"empty blocks skipped", `<p> </p><p>x</p><div>&nbsp;</div>`, []string{"x"}},

		// One paragraph per block, in document order.
		{"headings and paragraphs", `<h1>Title</h1><p>One.</p><h2>Sub</h2><p>Two.</p>`,
			[]string{"Title", "One.", "Sub", "Two."}},
		{"text directly in a div", `<div>Direct text. <p>inner</p> tail</div>`,
			[]string{"Direct text.", "inner", "tail"}},
		{"list items", `<ul><li>one</li><li>two <em>too</em></li></ul>`, []string{"one", "two too"}},
		{"nested list", `<ul><li>outer<ul><li>inner</li></ul></li></ul>`, []string{"outer", "inner"}},
		{"quote and pre", "<blockquote>Said.</blockquote><pre>a\n  b</pre>", []string{"Said.", "a b"}},
		{"definition list", `<dl><dt>Term</dt><dd>Meaning</dd></dl>`, []string{"Term", "Meaning"}},
		{"table rows", `<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>41</td></tr></table>`,
			[]string{"Name | Age", "Ann | 41"}},
		{"empty first cell", `<table><tr><td></td><td>b</td></tr></table>`, []string{"b"}},

		// Line breaks: one is a space, two end the paragraph.
		{"br", `<p>one<br>two</p>`, []string{"one two"}},
		{"br br", `<div>one<br><br>two<br> <br>three</div>`, []string{"one", "two", "three"}},

		// Nothing to read.
		{"script and style", `<p>a<script>var x;</script><style>p{}</style></p>`, []string{"a"}},
		{"empty", ``, nil},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, b := range blocksOf(doc) {
			got = append(got, b.text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: blocksOf(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// trafilatura makes and renames elements by setting Data only; blocksOf must
// go by the name, not by DataAtom.
func TestBlocksOfBuiltNodes(t *testing.T) {
	body := &html.Node{Type: html.ElementNode, Data: "body"}
	for _, text := range []string{"first", "second"} {
		li := &html.Node{Type: html.ElementNode, Data: "li"} // DataAtom 0
		li.AppendChild(&html.Node{Type: html.TextNode, Data: text})
		body.AppendChild(li)
	}
	h := &html.Node{Type: html.ElementNode, Data: "h2", DataAtom: atom.Span} // renamed span
	h.AppendChild(&html.Node{Type: html.TextNode, Data: "heading"})
	body.AppendChild(h)

	blocks := blocksOf(body)
	want := []block{{"first", atom.Li}, {"second", atom.Li}, {"heading", atom.H2}}
	if !slices.Equal(blocks, want) {
		t.Errorf("blocksOf(built nodes) = %+v, want %+v", blocks, want)
	}
}

func TestDropLeadingHeadings(t *testing.T) {
	h1 := func(s string) block { return block{s, atom.H1} }
	h2 := func(s string) block { return block{s, atom.H2} }
	p := func(s string) block { return block{s, atom.P} }
	tests := []struct {
		name        string
		blocks      []block
		title, desc string
		wantText    []string
		wantTitle   string
		wantRemoved []string
	}{
		{"headline", []block{h1("Flood Barrier Holds"), p("Text.")}, "Flood barrier  holds", "",
			[]string{"Text."}, "Flood barrier  holds", []string{"Flood Barrier Holds"}},
		{"typographic quotes", []block{h1("‘We had issues’"), p("Text.")}, "'We had issues'", "",
			[]string{"Text."}, "'We had issues'", []string{"‘We had issues’"}},
		{"headline and standfirst", []block{h1("Headline here"), h2("The standfirst."), p("Text.")}, "Headline here", "The standfirst.",
			[]string{"Text."}, "Headline here", []string{"Headline here", "The standfirst."}},
		{"decorated title", []block{h1("Republicans Follow Trump"), p("Text.")}, "Opinion | Republicans Follow Trump - The Times", "",
			[]string{"Text."}, "Republicans Follow Trump", []string{"Republicans Follow Trump"}},
		{"section name is not the headline", []block{h2("Opinion"), p("Text.")}, "Opinion | Republicans Follow Trump", "",
			[]string{"Opinion", "Text."}, "Opinion | Republicans Follow Trump", nil},
		{"kicker before headline", []block{h2("Breaking"), h1("Headline here"), p("Text.")}, "Headline here", "",
			[]string{"Breaking", "Text."}, "Headline here", []string{"Headline here"}},
		{"heading later in the text", []block{p("Text."), h2("Headline here")}, "Headline here", "",
			[]string{"Text.", "Headline here"}, "Headline here", nil},
		{"paragraph equal to the title", []block{p("Headline here"), p("Text.")}, "Headline here", "",
			[]string{"Headline here", "Text."}, "Headline here", nil},
		{"different heading", []block{h1("Other"), p("Text.")}, "Headline here", "",
			[]string{"Other", "Text."}, "Headline here", nil},
		{"no title", []block{h1("Headline"), p("Text.")}, "", "",
			[]string{"Headline", "Text."}, "", nil},
	}
	for _, tt := range tests {
		blocks, title, removed := dropLeadingHeadings(slices.Clone(tt.blocks), tt.title, tt.desc)
		var text, removedText []string
		for _, b := range blocks {
			text = append(text, b.text)
		}
		for _, r := range removed {
			removedText = append(removedText, r.Text)
			if r.Kind != "header" {
				t.Errorf("%s: removed kind %q, want header", tt.name, r.Kind)
			}
		}
		if !slices.Equal(text, tt.wantText) || title != tt.wantTitle || !slices.Equal(removedText, tt.wantRemoved) {
			t.Errorf("%s: dropLeadingHeadings = %q, %q, removed %q; want %q, %q, removed %q",
				tt.name, text, title, removedText, tt.wantText, tt.wantTitle, tt.wantRemoved)
		}
	}
}

// collapseSpace's fast path and countFields agree with the definitions
// they shortcut, in scripts written with spaces; in the others countFields
// counts a word for every two characters.
func TestCollapseAndCount(t *testing.T) {
	check := func(s string) bool {
		spaced := !strings.ContainsFunc(s, func(r rune) bool { return unicode.In(r, unspacedScripts...) })
		return collapseSpace(s) == strings.Join(strings.Fields(s), " ") && (!spaced || countFields(s) == len(strings.Fields(s)))
	}
	for s, want := range map[string]int{"肉をくわえたイヌが": 5, "Apple 发布 iPhone": 3, "ข่าว": 2} {
		if got := countFields(s); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
	}
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u0085b", "é à", "x\u2003y"} {
		if !check(s) {
			t.Errorf("collapseSpace/countFields(%q) differ from strings.Fields", s)
		}
	}
	if err := quick.Check(check, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}
