package app

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/processor"
	"github.com/triangulate/triangulate/internal/store"
	"github.com/triangulate/triangulate/internal/store/sqlite"
)

const serveChildDB = "TRIANGULATE_SERVE_CHILD_DB"

// TestServeChild is not a test of its own: TestServeRestartLosesNothing
// runs the test binary again with serveChildDB set, and this is then the
// real `triangulate serve` process it kills.
func TestServeChild(t *testing.T) {
	db := os.Getenv(serveChildDB)
	if db == "" {
		t.Skip("run by TestServeRestartLosesNothing")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	var stderr bytes.Buffer
	p := &Program{Stdout: os.Stdout, Stderr: &stderr}
	code := p.Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--workers", "2"})
	os.Stdout.WriteString(stderr.String())
	os.Exit(code)
}

// syntheticArticles makes n articles about n/10 invented events, each
// event reported ten times in other words, so that processing them forms
// stories.
func syntheticArticles(n int) []news.Document {
	cities := []string{"Valdoria", "Oberhain", "Port Ellis", "Sarnow", "Korvel", "Lunden", "Marisco", "Tervola", "Ashgrove", "Quillon"}
	people := []string{"Anna Keller", "Per Olsson", "Mira Dosanjh", "Tomas Vrba", "Lea Fournier", "Ivo Brandt", "Sara Lindqvist", "Omar Haddad", "Nina Petrov", "Jon Aldous"}
	things := []string{"bridge", "dam", "harbour", "school", "hospital", "railway", "tunnel", "airport", "stadium", "library"}
	docs := make([]news.Document, n)
	for i := range n {
		e, v := i/10, i%10
		city, person, thing := cities[e%len(cities)], people[(e*3)%len(people)], things[(e*7)%len(things)]
		count := 20 + e*13
		sents := []string{
			fmt.Sprintf("The new %s in %s opened on Monday after %d months of work, officials said.", thing, city, count),
			fmt.Sprintf("%s, the mayor of %s, said the %s would serve %d thousand people.", person, city, thing, count*3),
			fmt.Sprintf("Critics in %s said the %s cost more than planned.", city, thing),
			fmt.Sprintf("\"This %s belongs to everyone in %s,\" %s told reporters.", thing, city, person),
		}
		// Each report orders the sentences its own way and adds a line of
		// its own, so no two are the same text.
		for k := 0; k < v%len(sents); k++ {
			sents = append(sents[1:], sents[0])
		}
		sents = append(sents, fmt.Sprintf("Reporter %d of desk %d filed this report.", v, e))
		docs[i] = news.Document{
			Input:       fmt.Sprintf("synthetic/%03d.txt", i),
			Kind:        news.KindText,
			ContentKind: news.KindText,
			Title:       fmt.Sprintf("%s opens new %s", city, thing),
			Content:     strings.Join(sents, "\n\n"),
		}
	}
	return docs
}

// TestServeRestartLosesNothing kills a serving process with SIGKILL in the
// middle of a batch of 200 articles, restarts processing on the same
// store, and checks that every article was processed exactly once: the
// articles done before the kill plus those the restart processed make 200,
// none twice, each in one story, and every story's dossier up to date.
func TestServeRestartLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "restart.db")
	st, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const total = 200
	docs := syntheticArticles(total)
	if err := st.WithTx(ctx, func(tx store.Tx) error {
		for _, d := range docs {
			if _, _, err := tx.AddArticle(ctx, store.NewArticle{Document: d}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
	cmd.Env = append(os.Environ(), serveChildDB+"="+db)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it has done some articles and not all.
	deadline := time.Now().Add(2 * time.Minute)
	var counts map[store.Status]int
	for {
		counts, err = st.CountArticles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts[store.StatusDone] >= 20 || time.Now().After(deadline) {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	counts, err = st.CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	doneBefore := counts[store.StatusDone]
	t.Logf("killed the server with %d done, %d processing, %d queued", doneBefore, counts[store.StatusProcessing], counts[store.StatusQueued])
	if doneBefore == 0 || doneBefore == total {
		t.Fatalf("the kill did not land mid-batch (%d of %d done); output:\n%s", doneBefore, total, out.String())
	}
	storyOf := map[int64]string{}
	recs, err := st.ListArticles(ctx, store.ArticleFilter{Status: store.StatusDone, Limit: total})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		storyOf[r.ID] = r.StoryID
	}

	// Restart: a new processor on the same store finishes the work.
	b, err := pipeline.NewBriefer()
	if err != nil {
		t.Fatal(err)
	}
	proc, err := processor.New(ctx, st, b, processor.Options{Workers: 2, Debounce: 10 * time.Millisecond, MaxDelay: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	dctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	if err := proc.Drain(dctx); err != nil {
		t.Fatal(err)
	}
	stats := proc.Stats()
	if got := int(stats.Processed + stats.Failed); got != total-doneBefore {
		t.Errorf("the restart processed %d articles; %d were left by the killed server", got, total-doneBefore)
	}
	counts, _ = st.CountArticles(ctx)
	if counts[store.StatusDone] != total {
		t.Errorf("after the restart: %v, want all %d done", counts, total)
	}

	// Each article in exactly one story, the stories' counts add up, the
	// first run's stories still stand, and no dossier is stale.
	members := 0
	page, err := st.ListStories(ctx, store.StoryQuery{Limit: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range page.Stories {
		members += s.ArticleCount
		if s.Stale() || s.DossierVersion == 0 {
			t.Errorf("story %s: revision %d, dossier of revision %d", s.ID, s.Revision, s.DossierRevision)
		}
	}
	if members != total {
		t.Errorf("stories hold %d articles, want %d", members, total)
	}
	for id, before := range storyOf {
		r, err := st.GetArticle(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		now, err := st.GetStory(ctx, before)
		if err != nil || (r.StoryID != before && r.StoryID != now.ID) {
			t.Errorf("article %d was in story %s before the restart, now in %s (%v)", id, before, r.StoryID, err)
		}
	}
	if len(page.Stories) > total/10*2 {
		t.Errorf("%d stories for %d events reported ten times each", len(page.Stories), total/10)
	}
}

func TestAddProcessesIntoTheStore(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "add.db")
	dir := filepath.Join(corpus.Root(t), "examples", "niger-2024")
	var stdout, stderr bytes.Buffer
	p := &Program{Stdout: &stdout, Stderr: &stderr}
	missing := filepath.Join(t.TempDir(), "missing.txt")
	if code := p.Run(ctx, []string{"add", "--db", db, dir, missing}); code != ExitOK {
		t.Fatalf("add exited %d: %s", code, stderr.String())
	}
	out := stderr.String()
	for _, want := range []string{"5 new articles queued", "processed 5 articles (0 unusable)", "missing.txt"} {
		if !strings.Contains(out, want) {
			t.Errorf("add's report lacks %q:\n%s", want, out)
		}
	}
	st, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.ListStories(ctx, store.StoryQuery{})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Stories) != 1 || page.Stories[0].ArticleCount != 5 || page.Stories[0].Stale() {
		t.Fatalf("stories after add: %+v", page.Stories)
	}

	// Adding the same files again adds nothing; nothing readable fails.
	stderr.Reset()
	if code := p.Run(ctx, []string{"add", "--db", db, dir}); code != ExitOK || !strings.Contains(stderr.String(), "0 new articles queued in") {
		t.Errorf("second add exited %d: %s", code, stderr.String())
	}
	stderr.Reset()
	if code := p.Run(ctx, []string{"add", "--db", db, missing}); code != ExitFailure {
		t.Errorf("add of a missing file exited %d, want %d: %s", code, ExitFailure, stderr.String())
	}
	if code := p.Run(ctx, []string{"add", "--db", db}); code != ExitUsage {
		t.Errorf("add without inputs exited %d, want %d", code, ExitUsage)
	}
}

// A feed interval below the least time between two fetches is refused
// with a message, not silently raised.
func TestServeFeedIntervalTooShort(t *testing.T) {
	code, _, stderr := run(t, "serve", "--db", filepath.Join(t.TempDir(), "t.db"), "--addr", "127.0.0.1:0", "--feed-interval", "10s")
	if code != 2 || !strings.Contains(stderr, "--feed-interval 10s is below") {
		t.Errorf("serve --feed-interval 10s: exit %d, stderr %q", code, stderr)
	}
}

// add takes a JSON Lines archive far over --max-size, the limit being each
// article's: it queues every article but the one over it, which it names.
func TestAddJSONLinesOverTheFileLimit(t *testing.T) {
	const n = 1000
	content := corpus.ArchiveJSONL(n, 10)
	dir := t.TempDir()
	archive := filepath.Join(dir, "archive.jsonl")
	if err := os.WriteFile(archive, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "add", "--db", filepath.Join(dir, "t.db"), "--queue-only", "--max-size", "4KB", archive)
	if code != 0 || !strings.Contains(stderr, fmt.Sprintf("%d new articles queued", n-1)) || !strings.Contains(stderr, "archive.jsonl#11") {
		t.Errorf("add of a %d-byte archive with --max-size 4KB: exit %d, stderr %q", len(content), code, stderr)
	}
}
