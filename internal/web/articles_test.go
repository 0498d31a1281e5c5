package web

import (
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/news"
)

func TestCitedSpans(t *testing.T) {
	text := "First sentence. Second one.\n\nThird here."
	ev := func(src, s string) news.Evidence {
		i := strings.Index(text, s)
		return news.Evidence{Source: src, Text: s, Start: i, End: i + len(s)}
	}
	d := &news.Dossier{
		Facts: []news.Fact{
			{Text: "A", Evidence: []news.Evidence{ev("s1", "First sentence."), ev("s2", "Second one.")}},
			// Offsets that do not hold the text are left out.
			{Text: "B", Evidence: []news.Evidence{{Source: "s1", Text: "Third here.", Start: 0, End: 11}}},
			{Text: "C", Evidence: []news.Evidence{{Source: "s1", Text: "x", Start: 40, End: 99}}},
		},
		Quotes:   []news.Quote{{Text: "q", Evidence: []news.Evidence{ev("s1", "sentence. Second")}}},
		Timeline: []news.Event{{Date: "2024", Evidence: []news.Evidence{ev("s1", "Third here.")}}},
	}
	got := citedSpans(d, "s1", text)
	// "First sentence." and "sentence. Second" overlap: one span.
	if len(got) != 2 {
		t.Fatalf("citedSpans = %+v, want 2 spans", got)
	}
	if s := text[got[0].start:got[0].end]; s != "First sentence. Second" || len(got[0].why) != 2 {
		t.Errorf("first span = %q (%v)", s, got[0].why)
	}
	if s := text[got[1].start:got[1].end]; s != "Third here." {
		t.Errorf("second span = %q", s)
	}
}

func TestMarkParagraphs(t *testing.T) {
	text := "Alpha beta. Gamma.\n\nDelta epsilon.\n\nZeta."
	span := func(s string) citedSpan {
		i := strings.Index(text, s)
		return citedSpan{start: i, end: i + len(s), why: []string{"fact"}}
	}
	// One span inside a paragraph, one across a paragraph break.
	got := markParagraphs(text, []citedSpan{span("beta"), span("Gamma.\n\nDelta")})
	var b strings.Builder
	for i, p := range got {
		if i > 0 {
			b.WriteString(" | ")
		}
		for _, s := range p {
			if s.Cited {
				b.WriteString("[" + s.Text + "]")
			} else {
				b.WriteString(s.Text)
			}
		}
	}
	want := "Alpha [beta]. [Gamma.] | [Delta] epsilon. | Zeta."
	if b.String() != want {
		t.Errorf("markParagraphs = %q, want %q", b.String(), want)
	}
	if got := markParagraphs("", nil); len(got) != 0 {
		t.Errorf("markParagraphs(empty) = %v", got)
	}
}

func TestCheckFeedURL(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"https://example.org/feed.xml", true},
		{"http://example.org:8080/rss?x=1", true},
		{"", false},
		{"example.org/feed", false},
		{"ftp://example.org/feed", false},
		{"https://", false},
		{"https:///feed", false},
		{"javascript:alert(1)", false},
		{"https://u:p@example.org/", false},
		{"http://[::1", false},
	}
	for _, tt := range tests {
		if got := checkFeedURL(tt.in) == ""; got != tt.ok {
			t.Errorf("checkFeedURL(%q) ok = %v, want %v", tt.in, got, tt.ok)
		}
	}
}
