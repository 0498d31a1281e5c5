package dossier

import (
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
)

func TestBuild(t *testing.T) {
	a := &news.Article{Input: "a", Title: "Later headline", Text: "Text A.", Published: news.Day(2024, time.April, 13), PublishedBasis: news.BasisMetadata, Outlet: "Wire", OutletBasis: "dateline"}
	b := &news.Article{Input: "b", Title: "Earlier headline", Text: "Text B.", Published: news.Day(2024, time.April, 12), PublishedBasis: news.BasisMetadata}
	c := &news.Article{Input: "c", Title: "Derived …", TitleDerived: true, Text: "Text C."}
	d1, d2 := Build([]*news.Article{a, b, c}), Build([]*news.Article{c, b, a})
	if d1.Story.ID != d2.Story.ID {
		t.Errorf("story id depends on input order: %s vs %s", d1.Story.ID, d2.Story.ID)
	}
	if d1.Story.Title != "Earlier headline" {
		t.Errorf("story title = %q, want the earliest dated headline", d1.Story.Title)
	}
	if d1.Story.FirstPublished != "2024-04-12" || d1.Story.LastPublished != "2024-04-13" {
		t.Errorf("story span = %s..%s", d1.Story.FirstPublished, d1.Story.LastPublished)
	}
	s := d1.Sources
	if s[0].ID != "s1" || s[2].ID != "s3" || *s[0].Outlet != "Wire" || s[1].Outlet != nil || s[2].Published != nil || s[2].PublishedBasis != nil {
		t.Errorf("sources = %+v", s)
	}
	if s[2].Removed == nil || s[2].Captions == nil || d1.Facts == nil || d1.Summary == nil {
		t.Errorf("required arrays must be empty, not nil")
	}
	other := Build([]*news.Article{a, b})
	if other.Story.ID == d1.Story.ID {
		t.Errorf("different sources gave the same story id")
	}
}
