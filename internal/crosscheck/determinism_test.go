package crosscheck_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/render"
)

// The same inputs give the same dossier bytes, run after run and whatever
// the number of workers: map order and goroutine timing never reach the
// output. Checked on the example and on ECB+ events of several kinds.
func TestDossierDeterministic(t *testing.T) {
	stories := map[string][]string{"example": corpus.ExampleFiles(t)}
	if dir := filepath.Join(corpus.Root(t), "..", "shared", "data", "ecbplus"); exists(dir) {
		for name, ev := range corpus.ECBEvents(t) {
			switch ev {
			case "1_ecb", "12_plus", "20_plus", "28_plus", "37_plus":
				stories[ev] = append(stories[ev], filepath.Join(dir, "docs", name))
			}
		}
	}
	ctx := context.Background()
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range stories {
			if !yield(k) {
				return
			}
		}
	}) {
		files := stories[name]
		slices.Sort(files)
		docs, errs := ingest.Read(ctx, files, ingest.Options{})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		arts, _ := pipeline.PrepareAll(ctx, docs, pipeline.Options{})
		var first []byte
		for run, workers := range []int{1, 4, 2} {
			b, err := pipeline.NewBriefer()
			if err != nil {
				t.Fatal(err)
			}
			d, err := b.WithConcurrency(workers).Dossier(ctx, arts)
			if err != nil {
				t.Fatal(err)
			}
			out := dossierJSON(t, &d)
			if run == 0 {
				first = out
				continue
			}
			if !bytes.Equal(first, out) {
				t.Errorf("%s: the dossier differs between run 1 and run %d (%d workers)", name, run+1, workers)
			}
		}
	}
}

func dossierJSON(t *testing.T, d *news.Dossier) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := render.JSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
