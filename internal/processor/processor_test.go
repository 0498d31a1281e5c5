package processor

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/cluster"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
	"github.com/triangulate/triangulate/internal/store/sqlite"
)

// A story the clusterer splits in two is split in the store too, and a
// restart replays the same stories under the same ids.
func TestProcessorSplit(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Loose thresholds: the first report of the second quake joins the
	// first one's story even with a fresh stream's statistics.
	opts := Options{Owner: "test", Cluster: cluster.Options{Threshold: 0.1, Cohesion: 0.01}}
	p, err := New(ctx, st, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	topic := []string{"qeshm", "iran", "earthquak", "villag", "island", "injur", "damag", "struck", "resid", "tremor"}
	first := []string{"dargahan", "novemb", "magnitud59", "irannejad"}
	second := []string{"tourism", "septemb", "magnitud61", "akbar"}
	doc := func(input string, specific []string, i int) *cluster.Doc {
		sum := sha256.Sum256([]byte(input))
		d := &cluster.Doc{Input: input, Title: input, Digest: hex.EncodeToString(sum[:8])}
		for _, k := range slices.Concat(topic[i%3:], specific[:2+i%3], []string{"word" + input}) {
			d.Features = append(d.Features, cluster.Feature{Kind: cluster.KindTerm, Key: k, Label: k, Count: 1})
		}
		return d
	}
	// The second quake's first report starts the story; the first
	// quake's reports join it, and it is split when the second quake has
	// five: the first quake's part, the larger, keeps the story's id, and
	// the article that started it moves.
	docs := []*cluster.Doc{doc("b0", second, 0)}
	for i := range 6 {
		docs = append(docs, doc(fmt.Sprint("a", i), first, i))
	}
	for i := 1; i < 5; i++ {
		docs = append(docs, doc(fmt.Sprint("b", i), second, i))
	}
	for _, d := range docs {
		if _, _, err := st.AddArticle(ctx, store.NewArticle{Document: news.Document{Input: d.Input, Content: "Text of " + d.Input + ".", ContentKind: news.KindText}}); err != nil {
			t.Fatal(err)
		}
		recs, err := st.Claim(ctx, opts.Owner, 1, time.Minute)
		if err != nil || len(recs) != 1 {
			t.Fatal(recs, err)
		}
		blob, _ := json.Marshal(storedAnnotations{Version: annotationsVersion, Doc: d})
		p.mu.Lock()
		err = p.assign(ctx, recs[0], &news.Article{Input: d.Input, Title: d.Input, Text: "Text of " + d.Input + "."}, d, blob)
		p.mu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(p.cl.Splits()) != 1 {
		t.Fatalf("splits %v, want one (stories %+v)", p.cl.Splits(), p.cl.Stories())
	}
	same := func(p *Processor) {
		t.Helper()
		for _, s := range p.cl.Stories() {
			arts, err := st.StoryArticles(ctx, p.storeID(s.ID))
			if err != nil {
				t.Fatal(err)
			}
			var ins []string
			for _, a := range arts {
				ins = append(ins, a.Input)
			}
			if !slices.Equal(ins, s.Articles) {
				t.Errorf("story %s: stored %v, clusterer %v", s.ID, ins, s.Articles)
			}
		}
	}
	same(p)
	for part, from := range p.cl.Splits() {
		kept, _ := p.cl.Story(from)
		moved, _ := p.cl.Story(part)
		if len(kept.Articles) != 6 || kept.Articles[0] != "a0" || len(moved.Articles) != 5 || moved.Articles[0] != "b0" {
			t.Errorf("split: %s holds %v, %s holds %v; want the first quake's six and the second's five", from, kept.Articles, part, moved.Articles)
		}
	}
	// A restart replays the stories; no alias is needed.
	q, err := New(ctx, st, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.alias) != 0 || q.cl.Len() != 2 {
		t.Errorf("replay: alias %v, %d stories", q.alias, q.cl.Len())
	}
	same(q)
}

// storeMatches checks that every story of p's clusterer holds, in the
// store, exactly the articles the clusterer gives it.
func storeMatches(t *testing.T, st store.Store, p *Processor, when string) bool {
	t.Helper()
	ok := true
	for _, s := range p.cl.Stories() {
		arts, err := st.StoryArticles(context.Background(), p.storeID(s.ID))
		if err != nil {
			t.Fatal(err)
		}
		var stored []string
		for _, a := range arts {
			stored = append(stored, a.Input)
		}
		want := slices.Clone(s.Articles)
		slices.Sort(want)
		slices.Sort(stored)
		if !slices.Equal(stored, want) {
			t.Errorf("%s: story %s (stored as %s): store holds %v, clusterer %v", when, s.ID, p.storeID(s.ID), stored, want)
			ok = false
		}
	}
	return ok
}

// Random streams with loose thresholds make arrivals that merge stories,
// split them, or both at once (an arrival that ties two stories together
// and then lands in the part split off): after every arrival, and after a
// restart replays the store, the store's stories hold what the
// clusterer's hold.
func TestProcessorStoreMatchesClusterer(t *testing.T) {
	ctx := context.Background()
	// Eight seeds, and the five of the first 96 on which merges used to go
	// into the split-off part.
	for _, seed := range []int64{0, 1, 2, 3, 4, 5, 6, 7, 55, 74, 77, 80, 91} {
		st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), fmt.Sprint(seed, ".db")), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(uint64(seed), 7))
		opts := Options{Owner: "test", Cluster: cluster.Options{
			Threshold: 0.05 + r.Float64()*0.2, Cohesion: 0.01, MergeThreshold: 0.2 + r.Float64()*0.4, SplitMin: 2,
		}}
		p, err := New(ctx, st, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		topics := make([][]string, 2+r.IntN(3))
		for i := range topics {
			for range 8 {
				topics[i] = append(topics[i], fmt.Sprint("w", r.IntN(40)))
			}
		}
		for i := range 40 {
			input := fmt.Sprint("d", i)
			sum := sha256.Sum256([]byte(input))
			d := &cluster.Doc{Input: input, Title: input, Digest: hex.EncodeToString(sum[:8])}
			keys := []string{fmt.Sprint("w", r.IntN(40)), fmt.Sprint("own", i)}
			for _, k := range topics[r.IntN(len(topics))] {
				if r.Float64() < 0.6 {
					keys = append(keys, k)
				}
			}
			slices.Sort(keys)
			for _, k := range slices.Compact(keys) {
				d.Features = append(d.Features, cluster.Feature{Kind: cluster.KindTerm, Key: k, Label: k, Count: 1})
			}
			text := "Text of " + input + "."
			if _, _, err := st.AddArticle(ctx, store.NewArticle{Document: news.Document{Input: input, Content: text, ContentKind: news.KindText}}); err != nil {
				t.Fatal(err)
			}
			recs, err := st.Claim(ctx, opts.Owner, 1, time.Minute)
			if err != nil || len(recs) != 1 {
				t.Fatalf("claim: %v %v", recs, err)
			}
			blob, err := json.Marshal(storedAnnotations{Version: annotationsVersion, Doc: d})
			if err != nil {
				t.Fatal(err)
			}
			p.mu.Lock()
			err = p.assign(ctx, recs[0], &news.Article{Input: input, Title: input, Text: text}, d, blob)
			p.mu.Unlock()
			if err != nil {
				t.Fatal(err)
			}
			if !storeMatches(t, st, p, fmt.Sprintf("seed %d, after %s", seed, input)) {
				break
			}
		}
		q, err := New(ctx, st, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		storeMatches(t, st, q, fmt.Sprintf("seed %d, after a restart", seed))
		st.Close()
	}
}

// A process killed and not yet reaped (a zombie) is dead to the reclaim,
// so its articles are requeued at once on restart.
func TestZombieIsNotAlive(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc: zombies cannot be told from running processes here")
	}
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Skipf("cannot start a child process: %v", err)
	}
	pid := cmd.Process.Pid
	if !processAlive(pid) {
		t.Fatal("a running child is not alive")
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	// Not reaped: the child stays a zombie until Wait.
	deadline := time.Now().Add(5 * time.Second)
	for processAlive(pid) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if processAlive(pid) {
		t.Error("a killed, unreaped child counts as alive")
	}
	_ = cmd.Wait()
}

func TestAnnotationCacheBound(t *testing.T) {
	c := newAnnotationCache(100)
	an := func(n int) *news.Annotated {
		return &news.Annotated{Article: &news.Article{Text: strings.Repeat("x", n)}}
	}
	for id := int64(1); id <= 5; id++ {
		c.put(id, an(30))
	}
	if c.bytes > 100 || c.get(1) != nil || c.get(5) == nil {
		t.Errorf("cache holds %d bytes; oldest kept %v, newest kept %v", c.bytes, c.get(1) != nil, c.get(5) != nil)
	}
	c.put(5, an(10)) // replacing counts the new size only
	if c.bytes != 70 {
		t.Errorf("after replacing: %d bytes, want 70", c.bytes)
	}
	c.put(6, an(500)) // one article over the bound is still kept, alone
	if c.get(6) == nil || len(c.items) != 1 {
		t.Errorf("an oversize article: kept %v, %d items", c.get(6) != nil, len(c.items))
	}
}
