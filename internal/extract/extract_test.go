package extract

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
)

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// An article page wrapped in the usual furniture: only the story is kept,
// paragraph by paragraph, and the headline moves out of the body.
func TestHTMLArticle(t *testing.T) {
	for _, fallback := range []Fallback{FallbackChoose, FallbackAlways, FallbackNever} {
		page, err := HTML(readTestdata(t, "article.html"), Options{
			URL:      "https://www.riverside-gazette.example/news/flood-barrier",
			Fallback: fallback,
		})
		if err != nil {
			t.Fatalf("Fallback=%v: HTML(article.html) error: %v", fallback, err)
		}

		want := []string{
			"The flood barrier built last year held on Tuesday night as the River Wend peaked at 4.2 metres, the highest level recorded since 1998, the county council said.",
			"About 300 homes in the lower town were evacuated as a precaution. Residents were allowed back on Wednesday morning after engineers inspected the barrier, the pumping station and the embankment along Mill Lane.",
			"Years of planning",
			`The barrier cost £12 million and took three years to build. Council leader Ann Marsh said it had "done exactly what it was designed to do" and thanked the emergency services for their work through the night.`,
			"We were ready for the worst, and the worst did not come.",
			"The Environment Agency said river levels would fall slowly over the next two days, but warned that more rain was forecast for the weekend across the whole of the valley.",
			"Sandbags remain available at the town hall.",
			"The Mill Lane footpath stays closed until Friday.",
		}
		if !slices.Equal(page.Paragraphs, want) {
			t.Errorf("Fallback=%v: Paragraphs =\n%q\nwant\n%q", fallback, page.Paragraphs, want)
		}

		text := strings.Join(page.Paragraphs, "\n")
		for _, unwanted := range []string{"Sport", "Share on", "Related stories", "Council approves", "upper valley", "Great news", "All rights reserved", "Privacy"} {
			if strings.Contains(text, unwanted) {
				t.Errorf("Fallback=%v: text contains %q", fallback, unwanted)
			}
		}

		if want := "Flood barrier holds as river peaks"; page.Title != want {
			t.Errorf("Fallback=%v: Title = %q, want %q", fallback, page.Title, want)
		}
		wantRemoved := []news.Removed{{Kind: news.RemovedHeader, Text: "Flood barrier holds as river peaks", Reason: "leading heading repeats the title"}}
		if !slices.Equal(page.Removed, wantRemoved) {
			t.Errorf("Fallback=%v: Removed = %+v, want %+v", fallback, page.Removed, wantRemoved)
		}
		if page.Language != "en-GB" {
			t.Errorf("Fallback=%v: Language = %q, want %q", fallback, page.Language, "en-GB")
		}
		if want := "The new barrier kept the town centre dry."; page.Description != want {
			t.Errorf("Fallback=%v: Description = %q, want %q", fallback, page.Description, want)
		}
	}
}

// A home page of headline links has no article.
func TestHTMLNoArticle(t *testing.T) {
	for _, tt := range []struct{ name, content string }{
		{"no-article.html", readTestdata(t, "no-article.html")},
		{"empty", ""},
		{"headline only", "<html><body><h1>Headline</h1></body></html>"},
	} {
		page, err := HTML(tt.content, Options{})
		if !errors.Is(err, ErrNoArticle) {
			t.Errorf("HTML(%s) = %+v, %v; want error %v", tt.name, page, err, ErrNoArticle)
		}
	}
}

// Publisher, date, authors and language come from the page's metadata.
func TestHTMLMetadata(t *testing.T) {
	page, err := HTML(readTestdata(t, "metadata.html"), Options{})
	if err != nil {
		t.Fatalf("HTML(metadata.html) error: %v", err)
	}
	if want := "lecourrier-exemple.ca"; page.Sitename != want {
		t.Errorf("Sitename = %q, want %q", page.Sitename, want)
	}
	if want := time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC); !page.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", page.Published, want)
	}
	if want := []string{"Marie Tremblay", "Jean Roy"}; !slices.Equal(page.Authors, want) {
		t.Errorf("Authors = %q, want %q", page.Authors, want)
	}
	if want := "fr-CA"; page.Language != want {
		t.Errorf("Language = %q, want %q", page.Language, want)
	}
	if want := "Le pont rouvre après trois mois de travaux"; page.Title != want {
		t.Errorf("Title = %q, want %q", page.Title, want)
	}
	if len(page.Paragraphs) != 3 || !strings.HasPrefix(page.Paragraphs[0], "Le pont Champlain-Ouest") {
		t.Errorf("Paragraphs = %q, want the three paragraphs of the article", page.Paragraphs)
	}
}

// The date can come from the URL alone.
func TestHTMLDateFromURL(t *testing.T) {
	page, err := HTML(readTestdata(t, "article.html"), Options{URL: "https://example.com/2021/06/09/flood-barrier.html"})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2021, 6, 9, 0, 0, 0, 0, time.UTC); !page.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", page.Published, want)
	}
	if want := "example.com"; page.Sitename != want {
		t.Errorf("Sitename = %q, want %q (the URL's host)", page.Sitename, want)
	}
}

// What is taken from a page is in NFC whatever the page's own form: an "é"
// written as "e" and a combining accent comes out as one code point.
func TestHTMLNormalisesToNFC(t *testing.T) {
	decomposed := "Cafe\u0301"
	page := "<html><head><title>" + decomposed + " closes</title><meta property=\"og:site_name\" content=\"Le " + decomposed + "\"></head><body><article><h1>" + decomposed + " closes</h1>" +
		strings.Repeat("<p>The "+decomposed+" on the corner of the market square closed on Friday after forty years, its owner said, thanking the regulars who came every morning.</p>", 3) +
		"</article></body></html>"
	for _, second := range []bool{false, true} {
		p, err := HTML(page, Options{NoSecondOpinion: !second})
		if err != nil {
			t.Fatal(err)
		}
		all := append([]string{p.Title, p.Sitename}, p.Paragraphs...)
		for _, s := range all {
			if strings.Contains(s, "\u0301") || strings.Contains(s, "Cafe") {
				t.Errorf("second opinion %v: not NFC: %q", second, s)
			}
		}
		if !strings.Contains(p.Paragraphs[0], "Café") {
			t.Errorf("second opinion %v: paragraph %q", second, p.Paragraphs[0])
		}
	}
}
