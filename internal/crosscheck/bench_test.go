package crosscheck_test

import (
	"context"
	"encoding/json"
	"fmt"
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
