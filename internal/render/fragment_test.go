package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/news"
)

func TestHTMLStoryFragment(t *testing.T) {
	d := syntheticDossier()
	var page, frag bytes.Buffer
	if err := HTML(&page, []news.Dossier{d}); err != nil {
		t.Fatal(err)
	}
	if err := HTMLStoryFragment(&frag, &d, FragmentOptions{}); err != nil {
		t.Fatal(err)
	}
	got := frag.String()
	// Without options the fragment is exactly the page's article.
	if !strings.HasPrefix(got, "<article") || !strings.HasSuffix(got, "</article>\n") {
		t.Errorf("fragment is not one article element:\n%.200s", got)
	}
	if !strings.Contains(page.String(), strings.TrimSuffix(got, "\n")) {
		t.Errorf("fragment differs from the page's article")
	}
	for _, bad := range []string{"<html", "<head>", "<style", "<body"} {
		if strings.Contains(got, bad) {
			t.Errorf("fragment holds %q", bad)
		}
	}
	checkHeadings(t, got)
}

func TestHTMLStoryFragmentOptions(t *testing.T) {
	d := syntheticDossier()
	var frag bytes.Buffer
	id := d.Sources[0].ID
	err := HTMLStoryFragment(&frag, &d, FragmentOptions{
		SourceLinks:    map[string]string{id: "/articles/7"},
		TimelineFigure: template.HTML(`<svg role="img" aria-label="chart"></svg>`),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := frag.String()
	if n := strings.Count(got, `href="/articles/7"`); n != 1 {
		t.Errorf("fragment links the article %d times, want 1", n)
	}
	tl := strings.Index(got, `-section-timeline"`)
	svg := strings.Index(got, `<svg role="img"`)
	if tl < 0 || svg < tl {
		t.Errorf("timeline figure not in the timeline section (section at %d, svg at %d)", tl, svg)
	}
}

func TestHTMLStyle(t *testing.T) {
	css := HTMLStyle()
	var page bytes.Buffer
	if err := HTML(&page, []news.Dossier{syntheticDossier()}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(css, ".variants") || !strings.Contains(page.String(), "<style>\n"+css+"</style>") {
		t.Errorf("HTMLStyle() is not the page's stylesheet:\n%s", css)
	}
}

// A source linked to its own page is cited without its text: the page of
// a story of many long articles stays a page of facts.
func TestFragmentLeavesLinkedTextsOut(t *testing.T) {
	d := syntheticDossier()
	long := strings.Repeat("An uncited paragraph of a very long article. ", 200)
	d.Sources[0].Text += "\n\n" + long
	d.Sources[1].Text += "\n\n" + long
	var frag bytes.Buffer
	if err := HTMLStoryFragment(&frag, &d, FragmentOptions{SourceLinks: map[string]string{d.Sources[0].ID: "/articles/7"}}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(frag.String(), strings.TrimSpace(long)); n != 1 {
		t.Errorf("the long text appears %d times, want once (the unlinked source's only)", n)
	}
}
