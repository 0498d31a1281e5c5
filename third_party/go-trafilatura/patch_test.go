package trafilatura

// Tests of triangulate's patches (see PATCHES.md). Upstream's own suite
// needs 148 MB of test pages and is not vendored; PATCHES.md says how to
// run it against this copy.

import (
	"strings"
	"testing"
	"testing/quick"
	"unicode/utf8"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// trimReference is upstream's trim, which the patched one must equal.
func trimReference(s string) string {
	return strings.TrimSpace(strings.Join(strings.Fields(s), " "))
}

func TestTrimMatchesUpstream(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u00a0b",
		"a\u0085b", "\u2003", "é à", "a\u200bb", "x\x1fy", "ok. Fine", "  lead and trail  "} {
		if got, want := trim(s), trimReference(s); got != want {
			t.Errorf("trim(%q) = %q, want %q", s, got, want)
		}
	}
	if err := quick.Check(func(s string) bool { return trim(s) == trimReference(s) }, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
	lenOK := func(s string) bool { return trimmedLen(s) == utf8.RuneCountInString(trimReference(s)) }
	for _, s := range []string{"", " ", "a", " a  b ", "a\u00a0\u00a0b", "é à", "\u2003x"} {
		if !lenOK(s) {
			t.Errorf("trimmedLen(%q) = %d, want %d", s, trimmedLen(s), utf8.RuneCountInString(trimReference(s)))
		}
	}
	if err := quick.Check(lenOK, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}

func TestNoLanguageGuess(t *testing.T) {
	page := `<html lang="fr"><head><title>T</title></head><body><article><p>` +
		strings.Repeat("The river rose overnight and the town council met at dawn to decide on the evacuation. ", 8) +
		`</p></article></body></html>`
	for _, guess := range []bool{true, false} {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		res, err := ExtractDocument(doc, Options{NoLanguageGuess: !guess, NoTaxonomy: true})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]string{true: "en", false: ""}[guess]; res.Metadata.Language != want {
			t.Errorf("guess %v: language %q, want %q", guess, res.Metadata.Language, want)
		}
		if len(res.Metadata.Categories)+len(res.Metadata.Tags) != 0 || res.Metadata.License != "" {
			t.Errorf("NoTaxonomy: categories %v, tags %v, licence %q", res.Metadata.Categories, res.Metadata.Tags, res.Metadata.License)
		}
	}
}

// TestNestedParagraphAsUpstream: a <p> nested in a <p> is stripped as
// upstream strips it (its children copied), so the loop's later changes to
// its descendants stay out of the result, as upstream's do. Found by
// review: with children moved, the link's attributes were cleaned and the
// <div> and its tail dropped.
func TestNestedParagraphAsUpstream(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><body><p id="outer">Intro text here <span>x</span></p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	outer := dom.QuerySelector(doc, "#outer")
	inner := dom.CreateElement("p")
	inner.AppendChild(dom.CreateTextNode("inner text "))
	a := dom.CreateElement("a")
	dom.SetAttribute(a, "href", "  http://x  ")
	dom.SetAttribute(a, "class", "junkattr")
	a.AppendChild(dom.CreateTextNode("link"))
	inner.AppendChild(a)
	div := dom.CreateElement("div")
	div.AppendChild(dom.CreateTextNode("JUNK"))
	inner.AppendChild(div)
	inner.AppendChild(dom.CreateTextNode(" after"))
	outer.AppendChild(inner)
	res := handleParagraphs(outer, map[string]struct{}{"p": {}, "a": {}, "span": {}, "hi": {}}, nil, Options{Config: DefaultConfig()})
	if res == nil {
		t.Fatal("handleParagraphs returned nil")
	}
	got := dom.OuterHTML(res)
	for _, want := range []string{`class="junkattr"`, "<div>JUNK</div>", " after"} {
		if !strings.Contains(got, want) {
			t.Errorf("handleParagraphs = %s; upstream keeps %q", got, want)
		}
	}
}

func TestRemoveEmojis(t *testing.T) {
	for in, want := range map[string]string{
		"Jane Doe 🎉":        "Jane Doe ",
		"👩🏽‍💻 Ann Roe":      " Ann Roe",
		"José Álvarez":      "José Álvarez",
		"By 🇫🇷 Marie Curie": "By  Marie Curie",
		"李小龍":               "李小龍",
		"❤️ Sam":            " Sam",
	} {
		if got := removeEmojis(in); got != want {
			t.Errorf("removeEmojis(%q) = %q, want %q", in, got, want)
		}
	}
}

// With KeepPlain, one run gives the answer of a run without the fallback
// beside its own.
func TestKeepPlain(t *testing.T) {
	page := `<html><body><article><h1>Title</h1>` + strings.Repeat(`<p>The council approved the new budget for the coming year after a long debate on schools, roads and the harbour.</p>`, 6) + `</article></body></html>`
	doc := func() *html.Node {
		d, err := dom.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	plain, err := ExtractDocument(doc(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	both, err := ExtractDocument(doc(), Options{EnableFallback: true, KeepPlain: true})
	if err != nil {
		t.Fatal(err)
	}
	if both.PlainNode == nil {
		t.Fatal("no PlainNode")
	}
	if got, want := trim(dom.TextContent(both.PlainNode)), trim(dom.TextContent(plain.ContentNode)); got != want {
		t.Errorf("PlainNode text = %q, want the plain run's %q", got, want)
	}
	if none, _ := ExtractDocument(doc(), Options{EnableFallback: true}); none.PlainNode != nil {
		t.Error("PlainNode set without KeepPlain")
	}
}

// Every pattern compiled on first use compiles.
func TestLazyPatternsCompile(t *testing.T) {
	for _, r := range []*lazyRegexp{rxCommaSeparator, rxTitleCleaner, rxJsonSymbol, rxNameJson, rxUrlCheck, rxSitenameFinder, rxHtmlStripTag, rxCategoryHref, rxTagHref, rxCcLicense, rxCcLicenseText, rxAuthorPrefix, rxAuthorDigits, rxAuthorSocialMedia, rxAuthorSpaceChars, rxAuthorNickname, rxAuthorSpecialChars, rxAuthorPreposition, rxAuthorEmail, rxAuthorSeparator, rxAuthorHTML, rxHtmlLang} {
		r.MatchString("")
	}
}
