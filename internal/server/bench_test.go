package server

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/processor"
	"github.com/triangulate/triangulate/internal/store"
)

// Benchmarks of the service, over loopback HTTP against a real store. Run
// with: go test ./internal/server -run XXX -bench . -benchtime 1x

// benchStories fills the store with n stories, each with a dossier of the
// example's size (the example's dossier under the story's id).
func benchStories(b *testing.B, ts *testServer, n int) []string {
	b.Helper()
	ctx := context.Background()
	arts, errs := pipeline.PrepareAll(ctx, mustDemoDocs(b), pipeline.Options{})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	d, err := testBriefer(b).Dossier(ctx, arts)
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, n)
	for i := range n {
		ids[i] = fmt.Sprintf("st-bench%06d", i)
		if _, err := ts.st.CreateStory(ctx, store.StoryRecord{ID: ids[i], Title: d.Story.Title}); err != nil {
			b.Fatal(err)
		}
		dd := d
		dd.Story = news.Story{ID: ids[i], Title: fmt.Sprintf("%s (%d)", d.Story.Title, i)}
		if _, err := ts.st.PutDossier(ctx, ids[i], 0, &dd); err != nil {
			b.Fatal(err)
		}
	}
	return ids
}

// BenchmarkStoryLatency sends requests at a fixed rate (open loop: a slow
// answer does not slow the sender, as with real users) for a fixed time,
// alternating the story page of the web UI and the dossier API on random
// stories among 1,000, and reports the latency percentiles of each.
func BenchmarkStoryLatency(b *testing.B) {
	const (
		stories  = 1000
		rate     = 100 // requests per second
		duration = 3 * time.Second
	)
	ts := newTestServer(b, nil)
	ids := benchStories(b, ts, stories)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	for b.Loop() {
		var (
			mu   sync.Mutex
			lat  = map[string][]time.Duration{}
			fail int
			wg   sync.WaitGroup
		)
		tick := time.NewTicker(time.Second / rate)
		stop := time.After(duration)
		i := 0
	send:
		for {
			select {
			case <-stop:
				break send
			case <-tick.C:
			}
			kind, path := "api", "/api/stories/"+ids[rand.IntN(len(ids))]
			if i%2 == 1 {
				kind, path = "page", "/stories/"+ids[rand.IntN(len(ids))]
			}
			i++
			wg.Add(1)
			go func() {
				defer wg.Done()
				start := time.Now()
				resp, err := client.Get(ts.url + path)
				ok := err == nil && resp.StatusCode == 200
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				took := time.Since(start)
				mu.Lock()
				defer mu.Unlock()
				if !ok {
					fail++
					return
				}
				lat[kind] = append(lat[kind], took)
			}()
		}
		tick.Stop()
		wg.Wait()
		if fail > 0 {
			b.Fatalf("%d requests failed", fail)
		}
		for kind, ds := range lat {
			slices.Sort(ds)
			ms := func(q float64) float64 { return float64(ds[int(q*float64(len(ds)-1))].Microseconds()) / 1000 }
			b.ReportMetric(ms(0.5), kind+"-p50-ms")
			b.ReportMetric(ms(0.99), kind+"-p99-ms")
		}
	}
}

// BenchmarkIngest measures the whole pipeline into the store: 200 ECB+
// articles added through the API's path (AddArticle), then cleaned,
// annotated, grouped, committed and their dossiers built.
func BenchmarkIngest(b *testing.B) {
	texts := corpus.ECBTexts(b, 200)
	docs := make([]news.Document, len(texts))
	for i, t := range texts {
		docs[i] = news.Document{Input: fmt.Sprintf("ecb/%03d.txt", i), Kind: news.KindText, ContentKind: news.KindText, Content: t}
	}
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		// The default debouncing: the tests' short one rebuilds dossiers
		// far more often than a server does.
		ts := newTestServer(b, func(c *Config) { c.Processor = processor.Options{Workers: 1} })
		b.StartTimer()
		start := time.Now()
		ctx := context.Background()
		for _, d := range docs {
			if _, _, err := ts.st.AddArticle(ctx, store.NewArticle{Document: d}); err != nil {
				b.Fatal(err)
			}
		}
		ts.drain(b)
		total += time.Since(start)
	}
	b.ReportMetric(float64(len(docs)*b.N)/total.Seconds(), "articles/s")
}
