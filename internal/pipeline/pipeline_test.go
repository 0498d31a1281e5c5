package pipeline

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
)

const exampleDir = "../../examples/niger-2024"

func TestPrepareJSONMetadataWins(t *testing.T) {
	doc := news.Document{
		Input: "a.json", Kind: news.KindJSON, ContentKind: news.KindText,
		Title: "Floods in the north", Outlet: "Example Wire", Published: "2021-05-03T08:00:00Z", Language: "en",
		Content: "Floods in the north\n\nHeavy rain flooded towns on Tuesday, forcing 5,000 people from their homes.\n\nOfficials expect more rain.",
	}
	a, err := Prepare(doc)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != doc.Title || a.Outlet != "Example Wire" || a.OutletBasis != "input" || news.DateString(a.Published) != "2021-05-03" {
		t.Errorf("Prepare(json) = title %q, outlet %q (%s), published %s", a.Title, a.Outlet, a.OutletBasis, news.DateString(a.Published))
	}
	// The headline opens the text once, as its own paragraph; the body
	// repeated it, and the repetition is gone.
	if strings.Count(a.Text, "Floods in the north") != 1 || a.HeadlineLen() == 0 || strings.HasPrefix(a.Body(), "Floods in the north") {
		t.Errorf("headline in the text: %q (body %q)", a.Text, a.Body())
	}
}

func TestPrepareNoText(t *testing.T) {
	doc := news.Document{Input: "x.txt", Kind: news.KindText, ContentKind: news.KindText, Content: "Support Us!\n\nRead more\n\nFollow us on Twitter"}
	if _, err := Prepare(doc); err != ErrNoText {
		t.Errorf("Prepare(only furniture) error = %v, want ErrNoText", err)
	}
}

func TestDerivedTitle(t *testing.T) {
	got := derivedTitle("Russia has sent an air defense system and 100 military trainers to Niger, West Africa. The ministry said.")
	if !strings.HasPrefix(got, "Russia has sent an air defense system") || strings.Contains(got, "ministry") || !strings.HasSuffix(got, "…") {
		t.Errorf("derivedTitle = %q", got)
	}
}

// benchIngestClean measures the whole path from a path on disk to a
// cleaned article, one document at a time (run with -cpu 1 for a
// per-core figure).
func benchIngestClean(b *testing.B, dir string) {
	ctx := context.Background()
	docs, errs := ingest.Read(ctx, []string{dir}, ingest.Options{Concurrency: 1})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	size := 0
	for _, d := range docs {
		size += len(d.Content)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		docs, _ := ingest.Read(ctx, []string{dir}, ingest.Options{Concurrency: 1})
		arts, errs := PrepareAll(ctx, docs, Options{Concurrency: 1})
		if len(arts) == 0 {
			b.Fatal(errs)
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkIngestCleanText(b *testing.B) { benchIngestClean(b, exampleDir) }
func BenchmarkIngestCleanHTML(b *testing.B) {
	benchIngestClean(b, filepath.Dir(corpus.AEBPages(b, 0)[0]))
}
