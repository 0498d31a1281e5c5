package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// candidatePage builds a page whose paragraphs sit in the page's <p>
// elements under the given class, as pageOf would read them.
func candidatePage(name, class string, paras ...string) *Page {
	parent := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: class}}}
	p := &Page{Extractor: name, Paragraphs: paras}
	for _, t := range paras {
		n := &html.Node{Type: html.ElementNode, Data: "p"}
		parent.AppendChild(n)
		p.paragraphs = append(p.paragraphs, pageParagraph{node: n, text: t})
	}
	return p
}

func sentences(prefix string, n int) []string {
	var out []string
	for i := range n {
		out = append(out, prefix+" sentence number "+strings.Repeat("word ", 8+i%3)+"ends here with detail "+string(rune('a'+i%26))+".")
	}
	return out
}

func TestChooseCandidate(t *testing.T) {
	post := sentences("The council approved the budget", 3)
	comments := sentences("Reader comment says the budget", 12)
	chapter := sentences("The chapter goes on", 40)
	notes := sentences("Author's note about the chapter", 6)
	listing := []string{}
	for range 4 {
		listing = append(listing, sentences("Another post of the blog", 3)...)
		listing = append(listing, "Share on Facebook Twitter")
	}
	tests := []struct {
		name        string
		plain, fb   *Page
		wantPlain   bool
		wantWhyPart string
	}{
		{"the fallback took the comment thread", candidatePage("trafilatura", "entry-content", post...), candidatePage("trafilatura+fallback", "comment-list", comments...), true, "comments"},
		{"the fallback took a listing", candidatePage("trafilatura", "entry", listing[:3]...), candidatePage("trafilatura+fallback", "main", listing...), true, "repeats lines"},
		{"trafilatura stopped at the notes", candidatePage("trafilatura", "notes", notes...), candidatePage("trafilatura+fallback", "chapter", chapter...), false, "trafilatura's own choice"},
		{"trafilatura's text is thin", candidatePage("trafilatura", "a", "Just a line of links here"), candidatePage("trafilatura+fallback", "b", chapter...), false, "thin"},
		{"the two agree", candidatePage("trafilatura", "a", chapter...), candidatePage("trafilatura+fallback", "a", chapter...), false, "agree"},
		{"trafilatura alone found nothing", nil, candidatePage("trafilatura+fallback", "a", chapter...), false, "found no article"},
	}
	for _, tt := range tests {
		got := chooseCandidate(tt.plain, tt.fb)
		if (got == tt.plain) != tt.wantPlain {
			t.Errorf("%s: kept %s", tt.name, got.Extractor)
		}
		kept := 0
		for _, c := range got.Candidates {
			if c.Kept {
				kept++
				if !strings.Contains(c.Why, tt.wantWhyPart) {
					t.Errorf("%s: why %q, want it to say %q", tt.name, c.Why, tt.wantWhyPart)
				}
			} else if !strings.HasPrefix(c.Why, "set aside: ") {
				t.Errorf("%s: %s set aside with why %q", tt.name, c.Extractor, c.Why)
			}
		}
		if kept != 1 {
			t.Errorf("%s: %d candidates kept, want 1: %+v", tt.name, kept, got.Candidates)
		}
	}
}

// Words around inline elements of a list item stay apart ("the
// <code>x</code> attribute"): the vendored trafilatura keeps their spaces.
func TestListItemInlineSpaces(t *testing.T) {
	page := `<html><head><title>Tool notes</title></head><body><article><h1>Tool notes</h1>
<p>This is a long paragraph that explains how the testing tool works in some detail for the reader of the page.</p>
<ul><li>Notice the <code>data-cover</code> attribute we added to the script tag so that it works fine.</li>
<li>The value <strong>must</strong> be a string of the <em>right</em> kind for the tool.</li></ul>
<p>Another long paragraph that explains how the testing tool works in some detail for the reader of the page here.</p>
</article></body></html>`
	for _, fb := range []Fallback{FallbackChoose, FallbackNever, FallbackAlways} {
		p, err := HTML(page, Options{Fallback: fb})
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(p.Paragraphs, "\n")
		for _, want := range []string{"the data-cover attribute we", "value must be a string of the right kind"} {
			if !strings.Contains(text, want) {
				t.Errorf("fallback mode %d: text lacks %q:\n%s", fb, want, text)
			}
		}
	}
}
