package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
	"github.com/triangulate/triangulate/internal/store/postgres/pgtest"
	"github.com/triangulate/triangulate/internal/store/storetest"
)

// open opens a store on a fresh database. Cleanups run last in, first out:
// the store is closed before its database is dropped.
func open(t testing.TB) *Store {
	t.Helper()
	dsn := pgtest.FreshDSN(t)
	s, err := Open(context.Background(), dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

func TestOpenMigratesOnceAndReopens(t *testing.T) {
	ctx := t.Context()
	dsn := pgtest.FreshDSN(t)
	// Processes starting together: the advisory lock lets one migrate and
	// the others find the schema done.
	var wg sync.WaitGroup
	stores := make([]*Store, 4)
	errs := make([]error, len(stores))
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(ctx, dsn, Options{}) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("concurrent Open %d: %v", i, err)
		}
	}
	v, err := stores[0].SchemaVersion(ctx)
	if err != nil || v < 1 {
		t.Fatalf("SchemaVersion = %d, %v", v, err)
	}
	if err := stores[0].PutState(ctx, "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	for _, s := range stores {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(ctx, dsn, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if v2, _ := s.SchemaVersion(ctx); v2 != v {
		t.Errorf("schema version after reopen = %d, want %d", v2, v)
	}
	if got, err := s.GetState(ctx, "k"); err != nil || string(got) != "v" {
		t.Errorf("GetState after reopen = %q, %v", got, err)
	}
}

func TestOpenBadDSN(t *testing.T) {
	if _, err := Open(t.Context(), "postgres://%zz", Options{}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Open(malformed DSN) = %v, want ErrInvalid", err)
	}
}

// TestClaimAcrossStores runs claimers on two stores (two pools, as two
// machines would have) over one database: no item may be handed out twice,
// and every item must be handed out.
func TestClaimAcrossStores(t *testing.T) {
	ctx := t.Context()
	dsn := pgtest.FreshDSN(t)
	var stores [2]*Store
	for i := range stores {
		s, err := Open(ctx, dsn, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	const items, workersPerStore = 300, 4
	err := stores[0].WithTx(ctx, func(tx store.Tx) error {
		for i := range items {
			d := news.Document{Input: fmt.Sprintf("%d.txt", i), Kind: news.KindText, ContentKind: news.KindText,
				Content: fmt.Sprintf("item %d", i)}
			if _, _, err := tx.AddArticle(ctx, store.NewArticle{Document: d}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	var (
		mu    sync.Mutex
		owner = map[int64]string{}
		twice []string
		wg    sync.WaitGroup
		errc  = make(chan error, 2*workersPerStore)
	)
	for si, s := range stores {
		for w := range workersPerStore {
			name := "s" + strconv.Itoa(si) + "w" + strconv.Itoa(w)
			wg.Go(func() {
				for {
					got, err := s.Claim(ctx, name, 5, time.Minute)
					if err != nil {
						errc <- fmt.Errorf("%s: %w", name, err)
						return
					}
					if len(got) == 0 {
						return
					}
					mu.Lock()
					for _, a := range got {
						if prev, ok := owner[a.ID]; ok {
							twice = append(twice, fmt.Sprintf("%d (%s and %s)", a.ID, prev, name))
						}
						owner[a.ID] = name
					}
					mu.Unlock()
					for _, a := range got {
						if err := s.Complete(ctx, a.ID, name); err != nil {
							errc <- fmt.Errorf("%s: %w", name, err)
							return
						}
					}
				}
			})
		}
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	if len(twice) > 0 {
		t.Errorf("items claimed twice: %v", twice)
	}
	if len(owner) != items {
		t.Errorf("%d items claimed, want %d", len(owner), items)
	}
	counts, err := stores[1].CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[store.StatusDone] != items {
		t.Errorf("CountArticles = %v, want %d done", counts, items)
	}
}

// TestFailingTxLeavesNothing checks, in the database itself rather than
// through the store's reads, that a WithTx whose fn fails writes no row.
func TestFailingTxLeavesNothing(t *testing.T) {
	ctx := t.Context()
	s := open(t)
	tables := []string{"articles", "stories", "story_merges", "dossiers", "feeds", "state"}
	count := func() map[string]int {
		out := map[string]int{}
		for _, tbl := range tables {
			var n int
			if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM `+tbl).Scan(&n); err != nil {
				t.Fatal(err)
			}
			out[tbl] = n
		}
		return out
	}
	before := count()
	boom := errors.New("boom")
	err := s.WithTx(ctx, func(tx store.Tx) error {
		id, _, err := tx.AddArticle(ctx, store.NewArticle{Document: news.Document{Input: "x", Content: "x"}})
		if err != nil {
			return err
		}
		for _, sid := range []string{"st-a", "st-b"} {
			if _, err := tx.CreateStory(ctx, store.StoryRecord{ID: sid}); err != nil {
				return err
			}
		}
		if err := tx.AssignArticle(ctx, id, "st-a"); err != nil {
			return err
		}
		if err := tx.MergeStories(ctx, "st-a", "st-b"); err != nil {
			return err
		}
		if _, err := tx.PutDossier(ctx, "st-b", 1, &news.Dossier{Schema: news.SchemaID}); err != nil {
			return err
		}
		if _, err := tx.AddFeed(ctx, store.Feed{URL: "https://x.example/rss"}); err != nil {
			return err
		}
		// An expected error inside the transaction leaves it usable, as on
		// SQLite: the taken URL does not abort what follows.
		if _, err := tx.AddFeed(ctx, store.Feed{URL: "https://x.example/rss"}); !errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("AddFeed(taken) = %v, want ErrConflict", err)
		}
		if err := tx.PutState(ctx, "k", []byte("v")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("WithTx = %v, want fn's error", err)
	}
	if after := count(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("rows after a failed WithTx = %v, before %v", after, before)
	}
}

// TestWithTxNotRetried checks that WithTx runs fn once even when its
// transaction fails at commit or in the database.
func TestWithTxNotRetried(t *testing.T) {
	ctx := t.Context()
	s := open(t)
	calls := 0
	err := s.WithTx(ctx, func(tx store.Tx) error {
		calls++
		o := tx.(*ops)
		_, err := o.c.Exec(ctx, `SELECT 1/0`)
		return err
	})
	if err == nil || calls != 1 {
		t.Errorf("WithTx(failing statement) = %v after %d calls, want an error after 1", err, calls)
	}
}

// TestOpenRequeuesExpired: a process that died holding items (its store
// never released them) leaves them to the next Open once their lease ends.
func TestOpenRequeuesExpired(t *testing.T) {
	ctx := t.Context()
	dsn := pgtest.FreshDSN(t)
	dead, err := Open(ctx, dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := dead.AddArticle(ctx, store.NewArticle{Document: news.Document{Input: "a", Content: "a"}}); err != nil {
		t.Fatal(err)
	}
	got, err := dead.Claim(ctx, "dead", 1, 20*time.Millisecond)
	if err != nil || len(got) != 1 {
		t.Fatalf("Claim = %d items, %v", len(got), err)
	}
	dead.Close()
	time.Sleep(40 * time.Millisecond)
	s, err := Open(ctx, dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := s.GetArticle(ctx, got[0].ID)
	if err != nil || a.Status != store.StatusQueued || a.Owner != "" {
		t.Errorf("after reopen: status %q owner %q, %v; want queued", a.Status, a.Owner, err)
	}
}

// TestExpectedErrorsKeepTxUsable: on SQLite a failed statement fails only
// itself; PostgreSQL aborts the transaction, so the store keeps the errors a
// caller may handle (a taken story id or feed URL) from reaching the server
// as failures, and fn can carry on.
func TestExpectedErrorsKeepTxUsable(t *testing.T) {
	ctx := t.Context()
	s := open(t)
	a, err := s.AddFeed(ctx, store.Feed{URL: "https://a.example/rss"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.AddFeed(ctx, store.Feed{URL: "https://b.example/rss"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateStory(ctx, store.StoryRecord{ID: "st-taken"}); err != nil {
		t.Fatal(err)
	}
	err = s.WithTx(ctx, func(tx store.Tx) error {
		if _, err := tx.CreateStory(ctx, store.StoryRecord{ID: "st-taken"}); !errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("CreateStory(taken) = %v, want ErrConflict", err)
		}
		if _, err := tx.AddFeed(ctx, store.Feed{URL: a.URL}); !errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("AddFeed(taken) = %v, want ErrConflict", err)
		}
		b.URL = a.URL
		if err := tx.UpdateFeed(ctx, b); !errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("UpdateFeed(to a taken URL) = %v, want ErrConflict", err)
		}
		_, err := tx.CreateStory(ctx, store.StoryRecord{ID: "st-after"})
		return err
	})
	if err != nil {
		t.Fatalf("WithTx after handled conflicts: %v", err)
	}
	if _, err := s.GetStory(ctx, "st-after"); err != nil {
		t.Errorf("the write after the handled conflicts was not kept: %v", err)
	}
}

// TestConcurrentAssignKeepsCounts moves articles between stories from two
// stores at once. Each assignment locks two stories and an article; taken
// in any order, such moves deadlock (PostgreSQL aborts one, and after a few
// retries the caller sees the error), and a recount that did not wait for
// the story's lock could miss an assignment committed beside it. The counts
// must end equal to the stories' articles.
func TestConcurrentAssignKeepsCounts(t *testing.T) {
	ctx := t.Context()
	dsn := pgtest.FreshDSN(t)
	var stores [2]*Store
	for i := range stores {
		s, err := Open(ctx, dsn, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	stories := []string{"st-a", "st-b", "st-c"}
	for _, id := range stories {
		if _, err := stores[0].CreateStory(ctx, store.StoryRecord{ID: id}); err != nil {
			t.Fatal(err)
		}
	}
	const articles, workers, moves = 40, 6, 30
	var ids []int64
	for i := range articles {
		d := news.Document{Input: strconv.Itoa(i), Content: "text " + strconv.Itoa(i)}
		id, _, err := stores[0].AddArticle(ctx, store.NewArticle{Document: d})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	var wg sync.WaitGroup
	errc := make(chan error, workers)
	for w := range workers {
		s := stores[w%len(stores)]
		wg.Go(func() {
			for m := range moves {
				id := ids[(w*7+m*13)%len(ids)]
				to := stories[(w+m)%len(stories)]
				if err := s.AssignArticle(ctx, id, to); err != nil {
					errc <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	total := 0
	for _, id := range stories {
		st, err := stores[1].GetStory(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		arts, err := stores[1].StoryArticles(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if st.ArticleCount != len(arts) || st.SourceCount != len(arts) {
			t.Errorf("%s: ArticleCount %d, SourceCount %d; it has %d articles (each of unknown outlet)",
				id, st.ArticleCount, st.SourceCount, len(arts))
		}
		total += len(arts)
	}
	moved := map[int64]bool{}
	for w := range workers {
		for m := range moves {
			moved[ids[(w*7+m*13)%len(ids)]] = true
		}
	}
	if total != len(moved) {
		t.Errorf("%d articles in the stories, want the %d assigned", total, len(moved))
	}
}
