package cluster_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/annotate"
	"github.com/triangulate/triangulate/internal/cluster"
	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
)

// docs reads, cleans, annotates and featurises files.
func docs(tb testing.TB, files []string) []*cluster.Doc {
	tb.Helper()
	ctx := context.Background()
	raw, errs := ingest.Read(ctx, files, ingest.Options{})
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	arts, errs := pipeline.PrepareAll(ctx, raw, pipeline.Options{})
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	b, err := pipeline.NewBriefer()
	if err != nil {
		tb.Fatal(err)
	}
	as, err := b.Annotate(ctx, arts)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]*cluster.Doc, len(as))
	for i, a := range as {
		out[i] = cluster.NewDoc(a)
	}
	return out
}

// The five reports of the bundled example are one story.
func TestExampleOneStory(t *testing.T) {
	ds := docs(t, corpus.ExampleFiles(t))
	g := cluster.GroupAll(ds, cluster.Options{})
	if len(g.Stories) != 1 {
		for _, a := range g.Assignments {
			t.Logf("%s → %s %+v", filepath.Base(a.Input), a.Story, a.Why)
		}
		t.Fatalf("cluster.GroupAll(example) = %d stories, want 1", len(g.Stories))
	}
	s := g.Stories[0]
	if len(s.Members) != 5 || s.Title == "" || news.DateString(s.First) != "2024-04-12" {
		t.Errorf("story = %d articles, title %q, first %s", len(s.Members), s.Title, news.DateString(s.First))
	}
	joined := 0
	for _, a := range g.Assignments {
		if !a.New {
			joined++
			if len(a.Why.Entities) == 0 || len(a.Why.Terms) == 0 || a.Why.Score <= 0 {
				t.Errorf("%s joined without an explanation: %+v", a.Input, a.Why)
			}
		}
	}
	if joined != 4 {
		t.Errorf("%d articles joined the story, want 4", joined)
	}
	if s.Independent != 5 {
		t.Errorf("independent = %d, want 5 (no copies among the five)", s.Independent)
	}
}

// Mixed into the 982 ECB+ articles, the example still forms one story,
// and a story of its own.
func TestExampleAmongECB(t *testing.T) {
	ecb := corpus.ECBFiles(t, 0)
	ex := corpus.ExampleFiles(t)
	// The example is spread through the pile, not appended.
	var files []string
	for i, f := range ecb {
		files = append(files, f)
		if i%200 == 100 && len(ex) > 0 {
			files, ex = append(files, ex[0]), ex[1:]
		}
	}
	files = append(files, ex...)
	ds := docs(t, files)
	g := cluster.GroupAll(ds, cluster.Options{})
	isExample := func(i int) bool { return strings.Contains(ds[i].Input, "niger-2024") }
	var stories []string
	for i, a := range g.Assignments {
		if isExample(i) && !slices.Contains(stories, a.Story) {
			stories = append(stories, a.Story)
		}
	}
	if len(stories) != 1 {
		t.Fatalf("the example's articles are in %d stories, want 1: %v", len(stories), stories)
	}
	for _, s := range g.Stories {
		if s.ID != stories[0] {
			continue
		}
		for _, m := range s.Members {
			if !isExample(m) {
				t.Errorf("the example's story also holds %s", ds[m].Input)
			}
		}
		if len(s.Members) != 5 {
			t.Errorf("the example's story holds %d articles, want 5", len(s.Members))
		}
	}
}

// synth makes a document from feature keys: "e:key" for an entity, a
// bare word for a term.
func synth(input string, published time.Time, keys ...string) *cluster.Doc {
	h := fnv.New64a()
	h.Write([]byte(input))
	d := &cluster.Doc{Input: input, Title: input, Published: published, Digest: fmt.Sprintf("%016x", h.Sum64())}
	for _, k := range keys {
		f := cluster.Feature{Kind: cluster.KindTerm, Key: k, Label: k, Count: 1}
		if e, ok := strings.CutPrefix(k, "e:"); ok {
			f = cluster.Feature{Kind: cluster.KindEntity, Key: e, Label: e, Count: 1}
		}
		d.Features = append(d.Features, f)
	}
	return d
}

func TestAssignments(t *testing.T) {
	day := news.Day(2024, 4, 10)
	quake := []string{"e:qeshm", "e:iran", "earthquak", "villag", "magnitud", "island"}
	rehab := []string{"e:tara reid", "e:promises", "rehab", "actress", "treatment"}
	tests := []struct {
		name      string
		docs      []*cluster.Doc
		opts      cluster.Options
		wantNew   []bool
		wantSame  [][2]int // pairs of articles in one story
		wantApart [][2]int // pairs in different stories
	}{
		// Same features: one story; different features: two.
		{"same story", []*cluster.Doc{synth("a", day, quake...), synth("b", day, quake...)}, cluster.Options{}, []bool{true, false}, [][2]int{{0, 1}}, nil},
		{"two stories", []*cluster.Doc{synth("a", day, quake...), synth("b", day, rehab...)}, cluster.Options{}, []bool{true, true}, nil, [][2]int{{0, 1}}},
		// The same words a month apart are another event.
		{"outside the window", []*cluster.Doc{synth("a", day, quake...), synth("b", day.AddDate(0, 1, 0), quake...)}, cluster.Options{}, []bool{true, true}, nil, [][2]int{{0, 1}}},
		{"inside the window", []*cluster.Doc{synth("a", day, quake...), synth("b", day.AddDate(0, 0, 3), quake...)}, cluster.Options{}, []bool{true, false}, [][2]int{{0, 1}}, nil},
		// Undated articles are not held to the window.
		{"undated", []*cluster.Doc{synth("a", day, quake...), synth("b", time.Time{}, quake...)}, cluster.Options{}, []bool{true, false}, [][2]int{{0, 1}}, nil},
		{"wide window", []*cluster.Doc{synth("a", day, quake...), synth("b", day.AddDate(0, 1, 0), quake...)}, cluster.Options{Window: 60 * 24 * time.Hour}, []bool{true, false}, [][2]int{{0, 1}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cluster.New(tt.opts)
			as := make([]cluster.Assignment, len(tt.docs))
			for i, d := range tt.docs {
				as[i] = c.Add(d)
				if as[i].New != tt.wantNew[i] {
					t.Errorf("Add(%s).New = %v, want %v (%+v)", d.Input, as[i].New, tt.wantNew[i], as[i].Why)
				}
			}
			for _, p := range tt.wantSame {
				if as[p[0]].Story != as[p[1]].Story {
					t.Errorf("%d and %d in stories %s and %s, want one", p[0], p[1], as[p[0]].Story, as[p[1]].Story)
				}
			}
			for _, p := range tt.wantApart {
				if as[p[0]].Story == as[p[1]].Story {
					t.Errorf("%d and %d both in %s, want two stories", p[0], p[1], as[p[0]].Story)
				}
			}
		})
	}
}

func TestJoinExplained(t *testing.T) {
	c := cluster.New(cluster.Options{})
	c.Add(synth("a", time.Time{}, "e:qeshm", "e:iran", "earthquak", "villag"))
	a := c.Add(synth("b", time.Time{}, "e:qeshm", "e:iran", "earthquak", "villag", "tent"))
	if a.New || !slices.Contains(a.Why.Entities, "qeshm") || !slices.Contains(a.Why.Terms, "earthquak") || a.Why.Score < 0.5 {
		t.Errorf("Add = %+v, want a join explained by qeshm and earthquak", a)
	}
	// Stories keep the id they started with.
	s, ok := c.Story(a.Story)
	if !ok || len(s.Articles) != 2 || s.ID != a.Story {
		t.Errorf("Story(%s) = %+v, %v", a.Story, s, ok)
	}
}

// A reprint is marked as a copy of its original and not counted as an
// independent publisher.
func TestNearDuplicate(t *testing.T) {
	files := corpus.ExampleFiles(t)
	raw, errs := ingest.Read(context.Background(), files[:2], ingest.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	orig, err := pipeline.Prepare(raw[0])
	if err != nil {
		t.Fatal(err)
	}
	other, err := pipeline.Prepare(raw[1])
	if err != nil {
		t.Fatal(err)
	}
	reprint := *orig
	reprint.Input, reprint.Outlet = "reprint.txt", "Daily Example"
	reprint.Text = "Published with permission.\n\n" + orig.Text + "\n\nCopyright Daily Example."
	an, err := annotate.New()
	if err != nil {
		t.Fatal(err)
	}
	c := cluster.New(cluster.Options{})
	c.Add(cluster.NewDoc(an.Annotate(orig)))
	a := c.Add(cluster.NewDoc(an.Annotate(&reprint)))
	if a.Why.DuplicateOf != orig.Input || a.New || a.Why.Jaccard < 0.8 {
		t.Fatalf("Add(reprint) = %+v, want a near-duplicate of %s", a, orig.Input)
	}
	b := c.Add(cluster.NewDoc(an.Annotate(other)))
	if b.Why.DuplicateOf != "" || b.Story != a.Story {
		t.Errorf("Add(other report) = %+v, want a join of %s that is no copy", b, a.Story)
	}
	s, _ := c.Story(a.Story)
	if !slices.Equal(s.Duplicates, []string{"reprint.txt"}) || len(s.Articles) != 3 || s.Independent != 2 {
		t.Errorf("story = %d articles, duplicates %v, %d independent; want 3, [reprint.txt], 2", len(s.Articles), s.Duplicates, s.Independent)
	}
}

// Two stories that an arrival shows to be one are merged; the younger id
// resolves to the older.
func TestMerge(t *testing.T) {
	c := cluster.New(cluster.Options{Threshold: 0.7, MergeThreshold: 0.3, Cohesion: 0.01})
	a := c.Add(synth("a", time.Time{}, "e:x", "e:y", "p", "q", "r"))
	b := c.Add(synth("b", time.Time{}, "e:x", "e:y", "s", "t", "u"))
	if !b.New {
		t.Fatalf("b joined %s; the test needs two stories first (%+v)", b.Story, b.Why)
	}
	m := c.Add(synth("m", time.Time{}, "e:x", "e:y", "p", "q", "r", "s", "t", "u"))
	if len(m.Merged) != 1 || m.Merged[0] != b.Story || m.Story != a.Story {
		t.Fatalf("Add(m) = %+v, want %s merged into %s", m, b.Story, a.Story)
	}
	if got := c.Resolve(b.Story); got != a.Story {
		t.Errorf("Resolve(%s) = %s, want %s", b.Story, got, a.Story)
	}
	if c.Len() != 1 || c.Merged()[b.Story] != a.Story {
		t.Errorf("Len = %d, merged = %v", c.Len(), c.Merged())
	}
	if s, ok := c.Story(b.Story); !ok || len(s.Articles) != 3 {
		t.Errorf("Story(old id) = %+v, %v", s, ok)
	}
}

// A story that turns out to hold two events is split in two: the first
// report of a second quake on the same island joins the first quake's
// story (nothing else is near), and draws the next ones; once each event
// has enough articles, the story is split, the larger part keeping its id.
func TestSplit(t *testing.T) {
	topic := []string{"e:qeshm", "e:iran", "earthquak", "villag", "island", "injur", "damag", "struck", "resid", "tremor"}
	first := []string{"e:dargahan", "novemb", "magnitud59", "e:mehdi irannejad"}
	second := []string{"e:tourism board", "septemb", "magnitud61", "e:ali akbar"}
	doc := func(input string, specific []string, i int) *cluster.Doc {
		keys := slices.Concat(topic[i%3:], specific[:2+i%3], []string{fmt.Sprint("word", input)})
		return synth(input, time.Time{}, keys...)
	}
	pile := func() []*cluster.Doc {
		var docs []*cluster.Doc
		for i := range 6 {
			docs = append(docs, doc(fmt.Sprint("a", i), first, i))
		}
		for i := range 5 {
			docs = append(docs, doc(fmt.Sprint("b", i), second, i))
		}
		return docs
	}
	docs := pile()
	c := cluster.New(cluster.Options{})
	for _, d := range docs {
		c.Observe(d) // the pile's statistics, as GroupAll counts them
	}
	var split *cluster.Split
	as := make([]cluster.Assignment, len(docs))
	for i, d := range docs {
		as[i] = c.Add(d)
		if as[i].Split != nil {
			if split != nil {
				t.Fatalf("two splits: %+v and %+v", split, as[i].Split)
			}
			split = as[i].Split
		}
	}
	if as[6].New {
		t.Fatalf("b0 started a story: the test needs it to join the first quake's (%+v)", as[6].Why)
	}
	if split == nil {
		t.Fatalf("no split; stories %+v", c.Stories())
	}
	if split.From != as[0].Story || split.Into == split.From {
		t.Errorf("split %+v, want one from %s", split, as[0].Story)
	}
	if c.Splits()[split.Into] != split.From {
		t.Errorf("Splits() = %v", c.Splits())
	}
	a, _ := c.Story(split.From)
	b, _ := c.Story(split.Into)
	if !slices.Equal(a.Articles, []string{"a0", "a1", "a2", "a3", "a4", "a5"}) || !slices.Equal(b.Articles, []string{"b0", "b1", "b2", "b3", "b4"}) {
		t.Fatalf("after the split: %s = %v, %s = %v", a.ID, a.Articles, b.ID, b.Articles)
	}
	if !strings.Contains(as[10].Why.Note, "split") || as[10].Story != split.Into {
		t.Errorf("the arrival that split the story: %+v", as[10])
	}
	// Each event's next report goes to its own story, and the two are not
	// merged back.
	if x := c.Add(doc("a6", first, 6)); x.Story != split.From || len(x.Merged) > 0 {
		t.Errorf("a6 → %+v, want %s", x, split.From)
	}
	if x := c.Add(doc("b5", second, 5)); x.Story != split.Into || len(x.Merged) > 0 {
		t.Errorf("b5 → %+v, want %s", x, split.Into)
	}
	// A whole pile: the articles that moved say so.
	g := cluster.GroupAll(pile(), cluster.Options{})
	if len(g.Stories) != 2 || len(g.Splits) != 1 {
		t.Fatalf("GroupAll: %d stories, splits %v", len(g.Stories), g.Splits)
	}
	for i := 6; i < 10; i++ {
		if !strings.Contains(g.Assignments[i].Why.Note, "moved to "+g.Assignments[10].Story) {
			t.Errorf("%s: %+v, want a note of its move", docs[i].Input, g.Assignments[i])
		}
	}
	// Never splitting is an option.
	if g := cluster.GroupAll(pile(), cluster.Options{SplitRatio: -1}); len(g.Stories) != 1 {
		t.Errorf("SplitRatio -1: %d stories, want 1", len(g.Stories))
	}
}

// Memory is bounded by MaxActive: the least recently updated stories go.
func TestMaxActive(t *testing.T) {
	c := cluster.New(cluster.Options{MaxActive: 3})
	var first string
	for i := range 10 {
		a := c.Add(synth(fmt.Sprint("d", i), time.Time{}, fmt.Sprint("e:name", i), fmt.Sprint("word", i)))
		if i == 0 {
			first = a.Story
		}
	}
	if c.Len() != 3 {
		t.Fatalf("Len = %d, want 3", c.Len())
	}
	var ids []string
	for _, s := range c.Stories() {
		ids = append(ids, s.Articles[0])
	}
	if !slices.Equal(ids, []string{"d7", "d8", "d9"}) {
		t.Errorf("active stories hold %v, want the last three", ids)
	}
	if _, ok := c.Story(first); ok {
		t.Errorf("a retired story is still found")
	}
}

func TestOrder(t *testing.T) {
	d := func(day int) *cluster.Doc {
		if day == 0 {
			return &cluster.Doc{}
		}
		return &cluster.Doc{Published: news.Day(2024, 4, day)}
	}
	got := cluster.Order([]*cluster.Doc{d(0), d(12), d(10), d(0), d(10)})
	if want := []int{2, 4, 1, 0, 3}; !slices.Equal(got, want) {
		t.Errorf("cluster.Order = %v, want %v", got, want)
	}
}

// BenchmarkECBPlus measures the 982 ECB+ articles from cleaned text to
// stories, annotation included (run with -cpu 1 for a per-core figure).
func BenchmarkECBPlus(b *testing.B) {
	files := corpus.ECBFiles(b, 0)
	ctx := context.Background()
	raw, _ := ingest.Read(ctx, files, ingest.Options{})
	arts, _ := pipeline.PrepareAll(ctx, raw, pipeline.Options{})
	an, err := annotate.New()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		ds := make([]*cluster.Doc, len(arts))
		for i, a := range arts {
			ds[i] = cluster.NewDoc(an.Annotate(a))
		}
		cluster.GroupAll(ds, cluster.Options{})
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkClusterOnly measures features and clustering of the ECB+
// articles, annotations made beforehand.
func BenchmarkClusterOnly(b *testing.B) {
	files := corpus.ECBFiles(b, 0)
	ctx := context.Background()
	raw, _ := ingest.Read(ctx, files, ingest.Options{})
	arts, _ := pipeline.PrepareAll(ctx, raw, pipeline.Options{})
	an, err := annotate.New()
	if err != nil {
		b.Fatal(err)
	}
	as := make([]*news.Annotated, len(arts))
	for i, a := range arts {
		as[i] = an.Annotate(a)
	}
	b.ResetTimer()
	for b.Loop() {
		ds := make([]*cluster.Doc, len(as))
		for i, a := range as {
			ds[i] = cluster.NewDoc(a)
		}
		cluster.GroupAll(ds, cluster.Options{})
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
}

// stream makes a synthetic feed: each story has two entities of its own,
// and its articles draw terms from a Zipf-distributed vocabulary shared by
// all stories plus a few of the story's own.
type stream struct {
	rng  *rand.Rand
	zipf *rand.Zipf
	n    int
}

func newStream() *stream {
	rng := rand.New(rand.NewPCG(1, 2))
	return &stream{rng: rng, zipf: rand.NewZipf(rng, 1.1, 1, 50000)}
}

func (s *stream) doc(story int) *cluster.Doc {
	s.n++
	keys := []string{fmt.Sprint("e:person", story), fmt.Sprint("e:place", story)}
	for i := range 6 {
		keys = append(keys, fmt.Sprint("own", story, "_", i))
	}
	for range 40 {
		keys = append(keys, fmt.Sprint("w", s.zipf.Uint64()))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	return synth(fmt.Sprint("doc", s.n), time.Time{}, keys...)
}

// BenchmarkStream measures one arrival among 1,000, 10,000 and 100,000
// active stories: the cost per article must stay flat.
func BenchmarkStream(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("stories=%d", n), func(b *testing.B) {
			st := newStream()
			c := cluster.New(cluster.Options{MaxActive: n})
			for i := range n {
				c.Add(st.doc(i))
			}
			if c.Len() < n*9/10 {
				b.Fatalf("%d active stories after %d distinct ones", c.Len(), n)
			}
			next := n
			compared := 0
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				// Half the arrivals follow an active story, half start one.
				story := next
				if i%2 == 0 {
					story = next - 1 - st.rng.IntN(n/2)
				} else {
					next++
				}
				compared += c.Add(st.doc(story)).Why.Compared
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "µs/article")
			// The work per arrival, whatever the machine's caches do with
			// a larger memory: the stories scored.
			b.ReportMetric(float64(compared)/float64(b.N), "compared/article")
			b.ReportMetric(float64(c.Len()), "stories")
		})
	}
}
