package annotate

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/clean"
	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/news"
)

func articles(tb testing.TB, names []string) ([]*news.Article, int) {
	var arts []*news.Article
	size := 0
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		r := clean.Text(string(raw), clean.Options{})
		a := &news.Article{Input: name, Text: news.JoinParagraphs(r.Paragraphs), Published: r.Published}
		arts = append(arts, a)
		size += len(a.Text)
	}
	return arts, size
}

func TestAnnotateSpans(t *testing.T) {
	an, err := New()
	if err != nil {
		t.Fatal(err)
	}
	arts, _ := articles(t, corpus.ExampleFiles(t))
	for _, a := range arts {
		x := an.Annotate(a)
		if len(x.Sentences) == 0 || len(x.Mentions) == 0 || len(x.Dates) == 0 {
			t.Errorf("%s: %d sentences, %d mentions, %d dates", a.Input, len(x.Sentences), len(x.Mentions), len(x.Dates))
		}
		for _, m := range x.Mentions {
			s := x.Sentences[m.Sentence]
			if a.Text[m.Start:m.End] != m.Text || m.Start < s.Start || m.End > s.End {
				t.Errorf("%s: mention %q not at its span inside sentence %d", a.Input, m.Text, m.Sentence)
			}
		}
	}
}

// benchAnnotate measures the whole annotation layer on cleaned texts (run
// with -cpu 1 for a per-core figure). The heap in use after the run is
// reported to show memory flat in the number of documents.
func benchAnnotate(b *testing.B, files []string) {
	an, err := New()
	if err != nil {
		b.Fatal(err)
	}
	arts, size := articles(b, files)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			an.Annotate(a)
		}
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "docs/s")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
}

func BenchmarkAnnotateExample(b *testing.B) { benchAnnotate(b, corpus.ExampleFiles(b)) }
func BenchmarkAnnotateECBPlus(b *testing.B) { benchAnnotate(b, corpus.ECBFiles(b, 0)) }

// A panic inside one stage costs that stage's annotations of the article,
// recorded as a fault; the other stages still run.
func TestStageFault(t *testing.T) {
	out := &news.Annotated{}
	stage(out, "entities", func() { panic("boom") })
	ran := false
	stage(out, "quantities", func() { ran = true })
	if len(out.Faults) != 1 || !strings.HasPrefix(out.Faults[0], "entities: internal error: boom") || !ran {
		t.Errorf("faults %q, later stage ran %v", out.Faults, ran)
	}
}
