package extract

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A body cut in two by an advert row: the second half comes back, the
// teaser in capitals goes, the repeated paragraph is not added twice.
func TestRecoverSplitBody(t *testing.T) {
	long := func(s string) string {
		return s + strings.Repeat(" The council gave more details of the plan at its meeting.", 4)
	}
	page := `<html><head><title>Flood barrier holds as river peaks</title></head><body>
<nav><p class="menu">Home</p></nav>
<article><h1>Flood barrier holds as river peaks</h1>
<div class="article__body">
<p>` + long("The flood barrier held on Tuesday night.") + `</p>
<p>` + long("About 300 homes were evacuated as a precaution.") + `</p>
<p><a href="/x">COUNCIL APPROVES NEW BUDGET FOR THE VALLEY</a></p>
<p>` + long("Residents were allowed back on Wednesday morning.") + `</p>
</div>
<div class="ad"><p>Advertisement</p></div>
<div class="article__body">
<p>` + long("The barrier cost 12 million pounds and took three years to build.") + `</p>
<p>Sandbags remain available at the town hall.</p>
<p>` + long("The flood barrier held on Tuesday night.") + `</p>
</div></article>
<footer><p>All rights reserved.</p></footer></body></html>`
	p, err := HTML(page, Options{Fallback: FallbackNever})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(p.Paragraphs, "\n")
	for _, want := range []string{"The barrier cost 12 million", "Sandbags remain available"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "COUNCIL APPROVES") {
		t.Errorf("text keeps the teaser in capitals:\n%s", text)
	}
	if n := strings.Count(text, "The flood barrier held"); n != 1 {
		t.Errorf("the first paragraph appears %d times, want 1", n)
	}
	if i, j := strings.Index(text, "Residents were"), strings.Index(text, "The barrier cost"); i < 0 || j < i {
		t.Errorf("recovered paragraphs out of order:\n%s", text)
	}
}

func TestPrune(t *testing.T) {
	page := `<html><head><script>var x = 1;</script><script type="application/ld+json">{"headline":"H"}</script><style>p{}</style></head>
<body><!-- c --><svg><text>icon</text></svg><p>Kept text.</p><noscript>Enable JS</noscript><button>Share</button></body></html>`
	doc := mustParse(t, page)
	prune(doc)
	var got []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode {
			got = append(got, n.Data)
		}
	}
	if want := []string{"html", "head", "script", "body", "p"}; !slices.Equal(got, want) {
		t.Errorf("elements after prune = %q, want %q", got, want)
	}
}

func mustParse(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
