package server

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/store"
)

// The same articles in the same arrival order give the same stories
// whatever the number of workers: articles commit in arrival order, not in
// the order workers finish them.
func TestStoriesIndependentOfWorkers(t *testing.T) {
	dir := corpus.Shared(t, "ecbplus")
	// The articles of eight events of four topics, each topic's two events
	// alike (their stories are where the order matters), in name order.
	var names []string
	for name, ev := range corpus.ECBEvents(t) {
		for _, topic := range []string{"10_", "20_", "27_", "43_"} {
			if strings.HasPrefix(ev, topic) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	type item struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	}
	var batch []item
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, "docs", n))
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, item{Title: n, Text: string(b)})
	}
	partition := func(workers int) []string {
		ts := newTestServer(t, func(c *Config) { c.Processor.Workers = workers })
		ts.expect(t, "POST", "/api/articles", batch, 202)
		ts.drain(t)
		byStory := map[string][]string{}
		var after int64
		for {
			recs, err := ts.st.ListArticles(context.Background(), store.ArticleFilter{AfterID: after, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) == 0 {
				break
			}
			for _, r := range recs {
				after = r.ID
				if r.StoryID == "" {
					t.Fatalf("article %d (%s) has no story: %s", r.ID, r.Input, r.Status)
				}
				byStory[r.StoryID] = append(byStory[r.StoryID], r.Input)
			}
		}
		var out []string
		for _, ins := range byStory {
			slices.Sort(ins)
			out = append(out, strings.Join(ins, " "))
		}
		slices.Sort(out)
		return out
	}
	one := partition(1)
	for _, w := range []int{4, 4} {
		if got := partition(w); !slices.Equal(got, one) {
			t.Errorf("%d workers group %d articles into %d stories, one worker into %d; the groupings differ", w, len(batch), len(got), len(one))
		}
	}
}
