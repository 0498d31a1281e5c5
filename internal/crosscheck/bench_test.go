package crosscheck_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
)

// ecbStory returns the first n articles of the two largest ECB+ topics
// (same-kind events: the hardest input for alignment), prepared.
func ecbStory(b *testing.B, n int) []*news.Article {
	ecbDir := corpus.Shared(b, "ecbplus")
	raw, err := os.ReadFile(filepath.Join(ecbDir, "labels.json"))
	if err != nil {
		b.Fatal(err)
	}
	var labels map[string]struct{ Topic string }
	if err := json.Unmarshal(raw, &labels); err != nil {
		b.Fatal(err)
	}
	var files []string
	for name, l := range labels {
		if l.Topic == "1" || l.Topic == "13" {
			files = append(files, filepath.Join(ecbDir, "docs", name))
		}
	}
	slices.Sort(files)
	files = files[:min(n, len(files))]
	ctx := context.Background()
	docs, errs := ingest.Read(ctx, files, ingest.Options{})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	arts, _ := pipeline.PrepareAll(ctx, docs, pipeline.Options{})
	return arts
}

// BenchmarkBrief measures a whole story's dossier — annotation and
// cross-check — by story size, on one core (-cpu 1): the growth of cost
// with the number of articles.
func BenchmarkBrief(b *testing.B) {
	br, err := pipeline.NewBriefer()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, n := range []int{10, 25, 50} {
		arts := ecbStory(b, n)
		b.Run(fmt.Sprintf("ecb-%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := br.Dossier(ctx, arts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCrosscheckECBEvents measures the cross-check alone (annotation
// done beforehand) on the 86 gold events of ECB+, each one story: the
// figure that bounds the cost of the alignment, the entity resolution and
// the conflicts on real multi-outlet stories. Reported per event.
func BenchmarkCrosscheckECBEvents(b *testing.B) {
	ecbDir := corpus.Shared(b, "ecbplus")
	labels := corpus.ECBEvents(b)
	var files []string
	for name := range labels {
		files = append(files, filepath.Join(ecbDir, "docs", name))
	}
	slices.Sort(files)
	ctx := context.Background()
	docs, errs := ingest.Read(ctx, files, ingest.Options{})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	arts, _ := pipeline.PrepareAll(ctx, docs, pipeline.Options{})
	br, err := pipeline.NewBriefer()
	if err != nil {
		b.Fatal(err)
	}
	as, err := br.Annotate(ctx, arts)
	if err != nil {
		b.Fatal(err)
	}
	byEvent := map[string][]*news.Annotated{}
	for _, a := range as {
		ev := labels[filepath.Base(a.Article.Input)]
		byEvent[ev] = append(byEvent[ev], a)
	}
	events := slices.Sorted(maps.Keys(byEvent))
	b.ResetTimer()
	for b.Loop() {
		for _, ev := range events {
			if _, err := br.DossierAnnotated(byEvent[ev]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(events)), "ms/event")
}
