// Package storetest is the conformance suite every store.Store
// implementation runs from its own tests:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { ... a fresh, empty store ... })
//	}
//
// It checks the behaviour callers rely on, not the SQL: idempotent adds, the
// queue's leases and exactly-once completion under concurrent claimers,
// merges, dossier versions, search, paging, feeds, state, atomic
// transactions and cancellation. Restart safety (kill the process, reopen
// the file) needs the implementation's own crash test.
package storetest

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
)

// Run runs the suite. open must return a fresh, empty store for each call
// and close it when t ends (Close must tolerate being called twice).
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"AddArticleIdempotent", testAddArticleIdempotent},
		{"SaveArticle", testSaveArticle},
		{"QueueLifecycle", testQueueLifecycle},
		{"LeaseExpiry", testLeaseExpiry},
		{"PoisonItem", testPoisonItem},
		{"ConcurrentClaimersExactlyOnce", testConcurrentClaimers},
		{"Stories", testStories},
		{"Merges", testMerges},
		{"Dossiers", testDossiers},
		{"Search", testSearch},
		{"Paging", testPaging},
		{"Feeds", testFeeds},
		{"State", testState},
		{"TxRollback", testTxRollback},
		{"ContextCancelled", testContextCancelled},
		{"Closed", testClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

// doc is a document with distinct content per n.
func doc(n int) news.Document {
	return news.Document{
		Input:       "test/" + strconv.Itoa(n) + ".txt",
		URL:         "https://example.com/" + strconv.Itoa(n),
		Kind:        news.KindText,
		ContentKind: news.KindText,
		Content:     fmt.Sprintf("Article number %d.\n\nIts body.", n),
		Title:       fmt.Sprintf("Title %d", n),
	}
}

func add(t *testing.T, s store.Store, n int) int64 {
	t.Helper()
	id, created, err := s.AddArticle(t.Context(), store.NewArticle{Document: doc(n)})
	if err != nil || !created {
		t.Fatalf("AddArticle(%d) = %d, %v, %v; want created", n, id, created, err)
	}
	return id
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: err = %v, want %v", what, err, want)
	}
}

func testAddArticleIdempotent(t *testing.T, s store.Store) {
	ctx := t.Context()
	d := doc(1)
	id, created, err := s.AddArticle(ctx, store.NewArticle{Document: d})
	if err != nil || !created || id == 0 {
		t.Fatalf("AddArticle = %d, %v, %v; want a new id", id, created, err)
	}
	// The same content with other white space and another input is the same
	// article.
	again := d
	again.Input = "elsewhere.txt"
	again.Content = "  Article number 1.\r\n\r\nIts   body.\n"
	id2, created, err := s.AddArticle(ctx, store.NewArticle{Document: again})
	if err != nil || created || id2 != id {
		t.Fatalf("AddArticle(same content) = %d, %v, %v; want %d, false", id2, created, err, id)
	}
	// An explicit hash wins over the content.
	id3, created, err := s.AddArticle(ctx, store.NewArticle{Document: doc(2), Hash: "custom"})
	if err != nil || !created || id3 == id {
		t.Fatalf("AddArticle(hash custom) = %d, %v, %v", id3, created, err)
	}
	if _, created, _ := s.AddArticle(ctx, store.NewArticle{Document: doc(3), Hash: "custom"}); created {
		t.Errorf("AddArticle(hash custom again) created a second article")
	}

	a, err := s.GetArticle(ctx, id)
	must(t, err)
	if a.Document != d || a.Input != d.Input || a.URL != d.URL || a.Hash != store.ContentHash(d) {
		t.Errorf("GetArticle = %+v, want the document %+v", a, d)
	}
	if a.Status != store.StatusQueued || a.Article != nil || a.StoryID != "" || a.CreatedAt.IsZero() {
		t.Errorf("GetArticle: new article = status %q, article %v, story %q, created %v", a.Status, a.Article, a.StoryID, a.CreatedAt)
	}
	b, err := s.ArticleByHash(ctx, a.Hash)
	if err != nil || b.ID != id {
		t.Errorf("ArticleByHash = %d, %v; want %d", b.ID, err, id)
	}
	_, err = s.GetArticle(ctx, 999999)
	wantErr(t, "GetArticle(missing)", err, store.ErrNotFound)
	_, err = s.ArticleByHash(ctx, "nope")
	wantErr(t, "ArticleByHash(missing)", err, store.ErrNotFound)

	counts, err := s.CountArticles(ctx)
	must(t, err)
	if counts[store.StatusQueued] != 2 {
		t.Errorf("CountArticles = %v, want 2 queued (one per new article)", counts)
	}
}

func testSaveArticle(t *testing.T, s store.Store) {
	ctx := t.Context()
	id := add(t, s, 1)
	art := &news.Article{
		Input: "test/1.txt", Title: "Russian trainers arrive", Outlet: "Reuters", OutletBasis: "dateline",
		Published: news.Day(2024, 4, 12), PublishedBasis: news.BasisText,
		Text:    "Military instructors arrived.\n\nMore text.",
		Removed: []news.Removed{{Kind: news.RemovedCaption, Text: "A photo", Reason: "caption"}},
		Authors: []string{"A. Writer"},
	}
	ann := []byte(`{"sentences":[{"start":0,"end":29}]}`)
	must(t, s.SaveArticle(ctx, id, art, ann))
	a, err := s.GetArticle(ctx, id)
	must(t, err)
	if a.Article == nil || a.Article.Title != art.Title || a.Article.Text != art.Text ||
		!a.Article.Published.Equal(art.Published) || len(a.Article.Removed) != 1 || a.Article.Authors[0] != "A. Writer" {
		t.Errorf("GetArticle after SaveArticle: article = %+v, want %+v", a.Article, art)
	}
	if string(a.Annotations) != string(ann) {
		t.Errorf("annotations = %s, want %s", a.Annotations, ann)
	}
	if !a.Published.Equal(art.Published) {
		t.Errorf("Published = %v, want %v", a.Published, art.Published)
	}
	if a.Status != store.StatusQueued {
		t.Errorf("SaveArticle changed the status to %q", a.Status)
	}
	wantErr(t, "SaveArticle(missing)", s.SaveArticle(ctx, 999999, art, nil), store.ErrNotFound)
}

func testQueueLifecycle(t *testing.T, s store.Store) {
	ctx := t.Context()
	var ids []int64
	for i := range 5 {
		ids = append(ids, add(t, s, i))
	}
	got, err := s.Claim(ctx, "w1", 3, time.Minute)
	must(t, err)
	if len(got) != 3 || got[0].ID != ids[0] || got[1].ID != ids[1] || got[2].ID != ids[2] {
		t.Fatalf("Claim(3) = %v, want the three oldest", articleIDs(got))
	}
	for _, a := range got {
		if a.Status != store.StatusProcessing || a.Owner != "w1" || a.Attempts != 1 || !a.LeaseUntil.After(time.Now()) {
			t.Errorf("claimed %d: status %q owner %q attempts %d lease %v", a.ID, a.Status, a.Owner, a.Attempts, a.LeaseUntil)
		}
		if a.Document.Content == "" {
			t.Errorf("claimed %d without its document", a.ID)
		}
	}
	rest, err := s.Claim(ctx, "w2", 10, time.Minute)
	must(t, err)
	if len(rest) != 2 || rest[0].ID != ids[3] {
		t.Fatalf("Claim by w2 = %v, want the two left", articleIDs(rest))
	}
	if none, err := s.Claim(ctx, "w3", 10, time.Minute); err != nil || len(none) != 0 {
		t.Errorf("Claim on an empty queue = %v, %v", articleIDs(none), err)
	}

	must(t, s.Complete(ctx, ids[0], "w1"))
	wantErr(t, "Complete twice", s.Complete(ctx, ids[0], "w1"), store.ErrLeaseLost)
	wantErr(t, "Complete by another owner", s.Complete(ctx, ids[1], "w2"), store.ErrLeaseLost)
	wantErr(t, "Complete(missing)", s.Complete(ctx, 999999, "w1"), store.ErrNotFound)
	must(t, s.ExtendLease(ctx, ids[1], "w1", time.Hour))
	must(t, s.Fail(ctx, ids[1], "w1", "extract: no article"))
	a, err := s.GetArticle(ctx, ids[1])
	must(t, err)
	if a.Status != store.StatusFailed || a.Error != "extract: no article" || a.Owner != "" {
		t.Errorf("after Fail: status %q error %q owner %q", a.Status, a.Error, a.Owner)
	}

	// w2 shuts down gracefully without finishing: its items go back.
	n, err := s.Release(ctx, "w2")
	if err != nil || n != 2 {
		t.Errorf("Release(w2) = %d, %v; want 2", n, err)
	}
	// A failed article is retried on request only.
	must(t, s.Retry(ctx, ids[1]))
	wantErr(t, "Retry(processing)", s.Retry(ctx, ids[2]), store.ErrConflict)

	counts, err := s.CountArticles(ctx)
	must(t, err)
	want := map[store.Status]int{store.StatusDone: 1, store.StatusProcessing: 1, store.StatusQueued: 3}
	for st, n := range want {
		if counts[st] != n {
			t.Errorf("CountArticles = %v, want %v", counts, want)
			break
		}
	}
	queued, err := s.ListArticles(ctx, store.ArticleFilter{Status: store.StatusQueued})
	must(t, err)
	if fmt.Sprint(articleIDs(queued)) != fmt.Sprint([]int64{ids[1], ids[3], ids[4]}) {
		t.Errorf("ListArticles(queued) = %v", articleIDs(queued))
	}
	page, err := s.ListArticles(ctx, store.ArticleFilter{AfterID: ids[1], Limit: 2})
	must(t, err)
	if fmt.Sprint(articleIDs(page)) != fmt.Sprint([]int64{ids[2], ids[3]}) {
		t.Errorf("ListArticles(after %d, 2) = %v", ids[1], articleIDs(page))
	}

	_, err = s.Claim(ctx, "", 1, time.Minute)
	wantErr(t, "Claim without owner", err, store.ErrInvalid)
}

func testLeaseExpiry(t *testing.T, s store.Store) {
	ctx := t.Context()
	id := add(t, s, 1)
	got, err := s.Claim(ctx, "dead", 1, 50*time.Millisecond)
	must(t, err)
	if len(got) != 1 {
		t.Fatalf("Claim = %d items", len(got))
	}
	if again, _ := s.Claim(ctx, "live", 1, time.Minute); len(again) != 0 {
		t.Fatalf("an item was claimed twice while its lease held")
	}
	time.Sleep(80 * time.Millisecond)
	n, err := s.RequeueExpired(ctx)
	if err != nil || n != 1 {
		t.Fatalf("RequeueExpired = %d, %v; want 1", n, err)
	}
	a, err := s.GetArticle(ctx, id)
	must(t, err)
	if a.Status != store.StatusQueued || a.Owner != "" {
		t.Errorf("after expiry: status %q owner %q", a.Status, a.Owner)
	}
	got, err = s.Claim(ctx, "live", 1, time.Minute)
	must(t, err)
	if len(got) != 1 || got[0].Attempts != 2 {
		t.Fatalf("reclaim = %v", got)
	}
	// The dead owner's work is refused, so it cannot be committed twice.
	wantErr(t, "Complete by the expired owner", s.Complete(ctx, id, "dead"), store.ErrLeaseLost)
	must(t, s.Complete(ctx, id, "live"))

	// Claim itself requeues expired items.
	id2 := add(t, s, 2)
	_, err = s.Claim(ctx, "dead", 1, 20*time.Millisecond)
	must(t, err)
	time.Sleep(40 * time.Millisecond)
	got, err = s.Claim(ctx, "live", 1, time.Minute)
	must(t, err)
	if len(got) != 1 || got[0].ID != id2 {
		t.Errorf("Claim after expiry = %v, want [%d]", articleIDs(got), id2)
	}
}

func testPoisonItem(t *testing.T, s store.Store) {
	ctx := t.Context()
	id := add(t, s, 1)
	for i := range store.MaxAttempts {
		got, err := s.Claim(ctx, "crashy", 1, 10*time.Millisecond)
		must(t, err)
		if len(got) != 1 {
			t.Fatalf("attempt %d: Claim = %d items", i+1, len(got))
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := s.RequeueExpired(ctx); err != nil {
		t.Fatal(err)
	}
	a, err := s.GetArticle(ctx, id)
	must(t, err)
	if a.Status != store.StatusFailed || a.Error == "" {
		t.Errorf("after %d expired leases: status %q error %q; want failed", store.MaxAttempts, a.Status, a.Error)
	}
}

func testConcurrentClaimers(t *testing.T, s store.Store) {
	ctx := t.Context()
	const items, workers = 200, 4
	for i := range items {
		add(t, s, i)
	}
	var (
		mu    sync.Mutex
		seen  = map[int64]string{}
		twice []int64
		wg    sync.WaitGroup
		errs  = make(chan error, workers)
	)
	for w := range workers {
		owner := "w" + strconv.Itoa(w)
		wg.Go(func() {
			for {
				got, err := s.Claim(ctx, owner, 7, time.Minute)
				if err != nil {
					errs <- err
					return
				}
				if len(got) == 0 {
					return
				}
				for _, a := range got {
					mu.Lock()
					if _, ok := seen[a.ID]; ok {
						twice = append(twice, a.ID)
					}
					seen[a.ID] = owner
					mu.Unlock()
					// The item's effect and its completion commit together.
					err := s.WithTx(ctx, func(tx store.Tx) error {
						if err := tx.PutState(ctx, "done/"+strconv.FormatInt(a.ID, 10), []byte(owner)); err != nil {
							return err
						}
						return tx.Complete(ctx, a.ID, owner)
					})
					if err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(twice) > 0 {
		t.Errorf("items claimed twice: %v", twice)
	}
	if len(seen) != items {
		t.Errorf("%d items processed, want %d", len(seen), items)
	}
	counts, err := s.CountArticles(ctx)
	must(t, err)
	if counts[store.StatusDone] != items {
		t.Errorf("CountArticles = %v, want %d done", counts, items)
	}
	for id, owner := range seen {
		v, err := s.GetState(ctx, "done/"+strconv.FormatInt(id, 10))
		if err != nil || string(v) != owner {
			t.Errorf("effect of %d = %q, %v; want %q", id, v, err, owner)
		}
	}
}

// saved adds an article and saves its cleaned form.
func saved(t *testing.T, s store.Store, n int, outlet string, pub time.Time, title, text string) int64 {
	t.Helper()
	id := add(t, s, n)
	must(t, s.SaveArticle(t.Context(), id, &news.Article{Title: title, Outlet: outlet, Published: pub, Text: text}, nil))
	return id
}

func testStories(t *testing.T, s store.Store) {
	ctx := t.Context()
	st, err := s.CreateStory(ctx, store.StoryRecord{ID: "st-one"})
	must(t, err)
	if st.ID != "st-one" || st.ArticleCount != 0 || st.CreatedAt.IsZero() {
		t.Errorf("CreateStory = %+v", st)
	}
	_, err = s.CreateStory(ctx, store.StoryRecord{ID: "st-one"})
	wantErr(t, "CreateStory(taken id)", err, store.ErrConflict)
	other, err := s.CreateStory(ctx, store.StoryRecord{Title: "Other"})
	must(t, err)
	if other.ID == "" || other.Title != "Other" {
		t.Errorf("CreateStory(no id) = %+v", other)
	}

	a1 := saved(t, s, 1, "Reuters", news.Day(2024, 4, 12), "Trainers arrive in Niger", "Text one.")
	a2 := saved(t, s, 2, "reuters", news.Day(2024, 4, 11), "", "Text two.")
	a3 := saved(t, s, 3, "", time.Time{}, "", "Text three.")
	a4 := saved(t, s, 4, "", news.Day(2024, 4, 14), "", "Text four.")
	for _, id := range []int64{a1, a2, a3, a4} {
		must(t, s.AssignArticle(ctx, id, "st-one"))
	}
	must(t, s.AssignArticle(ctx, a1, "st-one")) // again: no change
	st, err = s.GetStory(ctx, "st-one")
	must(t, err)
	// Publishers: Reuters (twice, case folded) and two unknown outlets.
	if st.ArticleCount != 4 || st.SourceCount != 3 {
		t.Errorf("story counts = %d articles, %d sources; want 4, 3", st.ArticleCount, st.SourceCount)
	}
	if !st.FirstPublished.Equal(news.Day(2024, 4, 11)) || !st.LastPublished.Equal(news.Day(2024, 4, 14)) {
		t.Errorf("story dates = %v .. %v", st.FirstPublished, st.LastPublished)
	}
	if st.Title != "Trainers arrive in Niger" {
		t.Errorf("story title = %q, want the first article's", st.Title)
	}
	if st.Revision != 4 || !st.Stale() {
		t.Errorf("revision = %d (stale %v), want 4 and stale", st.Revision, st.Stale())
	}

	// Moving an article updates both stories.
	must(t, s.AssignArticle(ctx, a4, other.ID))
	st, _ = s.GetStory(ctx, "st-one")
	ot, _ := s.GetStory(ctx, other.ID)
	if st.ArticleCount != 3 || ot.ArticleCount != 1 || !st.LastPublished.Equal(news.Day(2024, 4, 12)) {
		t.Errorf("after move: %d and %d articles, last %v", st.ArticleCount, ot.ArticleCount, st.LastPublished)
	}
	arts, err := s.StoryArticles(ctx, "st-one")
	must(t, err)
	if fmt.Sprint(articleIDs(arts)) != fmt.Sprint([]int64{a1, a2, a3}) || arts[0].StoryID != "st-one" {
		t.Errorf("StoryArticles = %v", articleIDs(arts))
	}

	must(t, s.SetStoryTitle(ctx, "st-one", "Renamed"))
	st, _ = s.GetStory(ctx, "st-one")
	if st.Title != "Renamed" {
		t.Errorf("title after SetStoryTitle = %q", st.Title)
	}

	stale, err := s.StaleStories(ctx, 10)
	must(t, err)
	if len(stale) != 2 {
		t.Errorf("StaleStories = %d, want 2", len(stale))
	}

	_, err = s.GetStory(ctx, "st-none")
	wantErr(t, "GetStory(missing)", err, store.ErrNotFound)
	wantErr(t, "AssignArticle(missing story)", s.AssignArticle(ctx, a1, "st-none"), store.ErrNotFound)
	wantErr(t, "AssignArticle(missing article)", s.AssignArticle(ctx, 999999, "st-one"), store.ErrNotFound)
}

func testMerges(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, id := range []string{"st-a", "st-b", "st-c"} {
		_, err := s.CreateStory(ctx, store.StoryRecord{ID: id, Title: id})
		must(t, err)
	}
	a1 := saved(t, s, 1, "Reuters", news.Day(2024, 4, 10), "", "x")
	a2 := saved(t, s, 2, "TRT", news.Day(2024, 4, 12), "", "y")
	must(t, s.AssignArticle(ctx, a1, "st-a"))
	must(t, s.AssignArticle(ctx, a2, "st-b"))

	must(t, s.MergeStories(ctx, "st-a", "st-b"))
	got, err := s.GetStory(ctx, "st-a")
	must(t, err)
	if got.ID != "st-b" || got.ArticleCount != 2 || got.SourceCount != 2 || got.MergedInto != "" {
		t.Errorf("GetStory(merged) = %+v, want st-b with 2 articles", got)
	}
	a, _ := s.GetArticle(ctx, a1)
	if a.StoryID != "st-b" {
		t.Errorf("merged article's story = %q", a.StoryID)
	}
	// Assigning to a merged story goes to its successor.
	a3 := saved(t, s, 3, "", time.Time{}, "", "z")
	must(t, s.AssignArticle(ctx, a3, "st-a"))
	if arts, _ := s.StoryArticles(ctx, "st-a"); len(arts) != 3 {
		t.Errorf("StoryArticles(merged) = %v, want 3", articleIDs(arts))
	}

	// Chains resolve to the live story.
	must(t, s.MergeStories(ctx, "st-b", "st-c"))
	got, err = s.GetStory(ctx, "st-a")
	must(t, err)
	if got.ID != "st-c" || got.ArticleCount != 3 {
		t.Errorf("GetStory(st-a after chain) = %s with %d", got.ID, got.ArticleCount)
	}
	merges, err := s.Merges(ctx, "st-c")
	must(t, err)
	if len(merges) != 2 || merges[0].From != "st-a" || merges[0].Into != "st-b" || merges[1].From != "st-b" || merges[1].At.IsZero() {
		t.Errorf("Merges(st-c) = %+v", merges)
	}
	wantErr(t, "merge into itself", s.MergeStories(ctx, "st-a", "st-c"), store.ErrConflict)
	wantErr(t, "merge missing", s.MergeStories(ctx, "st-x", "st-c"), store.ErrNotFound)

	page, err := s.ListStories(ctx, store.StoryQuery{})
	must(t, err)
	if len(page.Stories) != 1 || page.Stories[0].ID != "st-c" {
		t.Errorf("ListStories after merges = %v, want only st-c", storyIDs(page.Stories))
	}
}

func dossier(title string, facts int) *news.Dossier {
	d := &news.Dossier{Schema: news.SchemaID, Story: news.Story{Title: title}}
	for i := range facts {
		d.Facts = append(d.Facts, news.Fact{ID: "f" + strconv.Itoa(i+1), Text: "fact", Status: news.StatusSingleSource})
	}
	return d
}

func testDossiers(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.CreateStory(ctx, store.StoryRecord{ID: "st-d"})
	must(t, err)
	_, err = s.GetDossier(ctx, "st-d")
	wantErr(t, "GetDossier(none yet)", err, store.ErrNotFound)
	must(t, s.AssignArticle(ctx, add(t, s, 1), "st-d"))
	st, _ := s.GetStory(ctx, "st-d")

	v1, err := s.PutDossier(ctx, "st-d", st.Revision, dossier("First title", 1))
	must(t, err)
	if v1.Version != 1 || v1.CreatedAt.IsZero() {
		t.Fatalf("PutDossier = %+v", v1)
	}
	st, _ = s.GetStory(ctx, "st-d")
	if st.Stale() || st.DossierVersion != 1 || st.Title != "First title" {
		t.Errorf("after PutDossier: stale %v version %d title %q", st.Stale(), st.DossierVersion, st.Title)
	}
	// The same dossier again adds no version.
	same, err := s.PutDossier(ctx, "st-d", st.Revision, dossier("First title", 1))
	must(t, err)
	if same.Version != 1 {
		t.Errorf("PutDossier(unchanged) made version %d", same.Version)
	}

	must(t, s.AssignArticle(ctx, add(t, s, 2), "st-d"))
	st, _ = s.GetStory(ctx, "st-d")
	if !st.Stale() {
		t.Errorf("story not stale after a new article")
	}
	v2, err := s.PutDossier(ctx, "st-d", st.Revision, dossier("Second title", 2))
	must(t, err)
	if v2.Version != 2 || !v2.CreatedAt.After(v1.CreatedAt) {
		t.Fatalf("second PutDossier = v%d at %v (first at %v)", v2.Version, v2.CreatedAt, v1.CreatedAt)
	}

	latest, err := s.GetDossier(ctx, "st-d")
	must(t, err)
	d, err := latest.Dossier()
	must(t, err)
	if latest.Version != 2 || len(d.Facts) != 2 || d.Story.Title != "Second title" {
		t.Errorf("GetDossier = v%d with %d facts", latest.Version, len(d.Facts))
	}
	for _, c := range []struct {
		at   time.Time
		want int // version, 0 for none
	}{
		{v1.CreatedAt.Add(-time.Microsecond), 0},
		{v1.CreatedAt, 1},
		{v2.CreatedAt.Add(-time.Microsecond), 1},
		{v2.CreatedAt, 2},
		{v2.CreatedAt.Add(time.Hour), 2},
	} {
		got, err := s.GetDossierAsOf(ctx, "st-d", c.at)
		switch {
		case c.want == 0:
			wantErr(t, "GetDossierAsOf(before the first)", err, store.ErrNotFound)
		case err != nil || got.Version != c.want:
			t.Errorf("GetDossierAsOf(%v) = v%d, %v; want v%d", c.at, got.Version, err, c.want)
		case len(got.JSON) == 0:
			t.Errorf("GetDossierAsOf(%v) without its JSON", c.at)
		}
	}
	versions, err := s.DossierVersions(ctx, "st-d")
	must(t, err)
	if len(versions) != 2 || versions[0].Version != 2 || versions[1].Version != 1 {
		t.Errorf("DossierVersions = %+v", versions)
	}
	_, err = s.PutDossier(ctx, "st-d", st.Revision+10, dossier("x", 0))
	wantErr(t, "PutDossier(revision ahead)", err, store.ErrInvalid)

	// A merged story's dossier is its successor's.
	_, err = s.CreateStory(ctx, store.StoryRecord{ID: "st-e"})
	must(t, err)
	must(t, s.MergeStories(ctx, "st-e", "st-d"))
	got, err := s.GetDossier(ctx, "st-e")
	if err != nil || got.StoryID != "st-d" {
		t.Errorf("GetDossier(merged) = %s, %v; want st-d's", got.StoryID, err)
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.CreateStory(ctx, store.StoryRecord{ID: "st-niger", Title: "Russian trainers arrive in Niger"})
	must(t, err)
	_, err = s.CreateStory(ctx, store.StoryRecord{ID: "st-other", Title: "Elections in Portugal"})
	must(t, err)
	id := saved(t, s, 1, "Reuters", time.Time{}, "Air defence for Niamey",
		"The head of Niger's military government, General Abdourahamane Tiani, spoke by telephone with Putin.")
	must(t, s.AssignArticle(ctx, id, "st-niger"))
	must(t, s.AssignArticle(ctx, saved(t, s, 2, "", time.Time{}, "", "Voters went to the polls."), "st-other"))

	for _, c := range []struct {
		q    string
		want []string
	}{
		{"Tiani", []string{"st-niger"}},         // a body word
		{"tiani putin", []string{"st-niger"}},   // every word, any case
		{"trainer", []string{"st-niger"}},       // a title word, stemmed
		{"Niamey", []string{"st-niger"}},        // an article's title
		{"polls", []string{"st-other"}},         // another story's body
		{"Tiani Portugal", nil},                 // all words must match in one place
		{"Wagner", nil},                         // absent
		{`"Tiani" OR NEAR(x`, nil},              // FTS syntax is not interpreted
		{"!!!", nil},                            // no words
		{"ABDOURAHAMANE", []string{"st-niger"}}, // case
		{"abdourahamané", []string{"st-niger"}}, // accents
		{"Tiani\x00; DROP TABLE", nil},          // odd input is just words
		{"general telephone", []string{"st-niger"}},
	} {
		page, err := s.ListStories(ctx, store.StoryQuery{Search: c.q})
		if err != nil {
			t.Errorf("ListStories(search %q): %v", c.q, err)
			continue
		}
		if got := storyIDs(page.Stories); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("ListStories(search %q) = %v, want %v", c.q, got, c.want)
		}
	}

	// The index follows changes: a new title, a merge.
	must(t, s.SetStoryTitle(ctx, "st-other", "Lisbon vote"))
	if page, _ := s.ListStories(ctx, store.StoryQuery{Search: "Lisbon"}); len(page.Stories) != 1 {
		t.Errorf("search for a new title found %v", storyIDs(page.Stories))
	}
	if page, _ := s.ListStories(ctx, store.StoryQuery{Search: "Portugal"}); len(page.Stories) != 0 {
		t.Errorf("search for an old title found %v", storyIDs(page.Stories))
	}
	must(t, s.MergeStories(ctx, "st-other", "st-niger"))
	page, err := s.ListStories(ctx, store.StoryQuery{Search: "Lisbon"})
	must(t, err)
	if fmt.Sprint(storyIDs(page.Stories)) != "[st-niger]" {
		t.Errorf("search for a merged story's title = %v, want [st-niger]", storyIDs(page.Stories))
	}
	// Re-saving an article replaces its indexed text.
	must(t, s.SaveArticle(ctx, id, &news.Article{Title: "Air defence", Text: "Nothing about him."}, nil))
	if page, _ := s.ListStories(ctx, store.StoryQuery{Search: "Tiani"}); len(page.Stories) != 0 {
		t.Errorf("search found a replaced text: %v", storyIDs(page.Stories))
	}
}

func testPaging(t *testing.T, s store.Store) {
	ctx := t.Context()
	const n = 25
	for i := range n {
		id := fmt.Sprintf("st-%02d", i)
		_, err := s.CreateStory(ctx, store.StoryRecord{ID: id, Title: "Story"})
		must(t, err)
		// Story i gets i%4 articles.
		for j := range i % 4 {
			must(t, s.AssignArticle(ctx, add(t, s, i*10+j), id))
		}
	}
	for _, order := range []store.StoryOrder{"", store.OrderUpdated, store.OrderArticles} {
		for _, search := range []string{"", "story"} {
			var all []store.StoryRecord
			q := store.StoryQuery{Order: order, Limit: 10, Search: search}
			pages := 0
			for {
				page, err := s.ListStories(ctx, q)
				must(t, err)
				pages++
				all = append(all, page.Stories...)
				if page.Next == "" {
					break
				}
				if pages > n {
					t.Fatalf("paging does not end")
				}
				q.Cursor = page.Next
			}
			if pages != 3 || len(all) != n {
				t.Errorf("order %q search %q: %d stories in %d pages, want %d in 3", order, search, len(all), pages, n)
			}
			seen := map[string]bool{}
			for i, st := range all {
				if seen[st.ID] {
					t.Errorf("order %q: %s listed twice", order, st.ID)
				}
				seen[st.ID] = true
				if i == 0 {
					continue
				}
				prev := all[i-1]
				if order == store.OrderArticles {
					if prev.ArticleCount < st.ArticleCount ||
						prev.ArticleCount == st.ArticleCount && prev.UpdatedAt.Before(st.UpdatedAt) {
						t.Errorf("order %q: %s (%d) before %s (%d)", order, prev.ID, prev.ArticleCount, st.ID, st.ArticleCount)
					}
				} else if prev.UpdatedAt.Before(st.UpdatedAt) {
					t.Errorf("order %q: %s (%v) before %s (%v)", order, prev.ID, prev.UpdatedAt, st.ID, st.UpdatedAt)
				}
			}
		}
	}
	_, err := s.ListStories(ctx, store.StoryQuery{Cursor: "garbage!"})
	wantErr(t, "ListStories(bad cursor)", err, store.ErrInvalid)
	_, err = s.ListStories(ctx, store.StoryQuery{Order: "random"})
	wantErr(t, "ListStories(bad order)", err, store.ErrInvalid)
	page, err := s.ListStories(ctx, store.StoryQuery{Limit: 10})
	must(t, err)
	_, err = s.ListStories(ctx, store.StoryQuery{Order: store.OrderArticles, Cursor: page.Next})
	wantErr(t, "ListStories(cursor of another order)", err, store.ErrInvalid)
}

func testFeeds(t *testing.T, s store.Store) {
	ctx := t.Context()
	now := time.Now().UTC().Truncate(time.Microsecond)
	a, err := s.AddFeed(ctx, store.Feed{URL: "https://a.example/rss", Title: "A"})
	must(t, err)
	if a.ID == 0 || a.NextFetch.IsZero() || a.CreatedAt.IsZero() {
		t.Errorf("AddFeed = %+v", a)
	}
	b, err := s.AddFeed(ctx, store.Feed{URL: "https://b.example/atom", NextFetch: now.Add(time.Hour)})
	must(t, err)
	_, err = s.AddFeed(ctx, store.Feed{URL: "https://a.example/rss"})
	wantErr(t, "AddFeed(same URL)", err, store.ErrConflict)
	_, err = s.AddFeed(ctx, store.Feed{})
	wantErr(t, "AddFeed(no URL)", err, store.ErrInvalid)

	due, err := s.DueFeeds(ctx, now.Add(time.Second), 10)
	must(t, err)
	if len(due) != 1 || due[0].ID != a.ID {
		t.Errorf("DueFeeds(now) = %v, want [A]", due)
	}
	due, _ = s.DueFeeds(ctx, now.Add(2*time.Hour), 10)
	if len(due) != 2 || due[0].ID != a.ID {
		t.Errorf("DueFeeds(later) = %d feeds, most overdue first", len(due))
	}

	a.ETag, a.LastModified = `"abc"`, "Wed, 10 Apr 2024 10:00:00 GMT"
	a.LastFetched, a.NextFetch = now, now.Add(30*time.Minute)
	a.ErrorCount, a.LastError = 2, "503 Service Unavailable"
	must(t, s.UpdateFeed(ctx, a))
	got, err := s.GetFeed(ctx, a.ID)
	must(t, err)
	if got != a {
		t.Errorf("GetFeed after UpdateFeed = %+v, want %+v", got, a)
	}
	if due, _ := s.DueFeeds(ctx, now.Add(time.Second), 10); len(due) != 0 {
		t.Errorf("DueFeeds after rescheduling = %d", len(due))
	}
	list, err := s.ListFeeds(ctx)
	must(t, err)
	if len(list) != 2 || list[0].ID != a.ID || list[1].ID != b.ID {
		t.Errorf("ListFeeds = %v", list)
	}

	// A feed's articles keep their feed until it is deleted.
	id, _, err := s.AddArticle(ctx, store.NewArticle{Document: doc(1), FeedID: b.ID})
	must(t, err)
	if art, _ := s.GetArticle(ctx, id); art.FeedID != b.ID {
		t.Errorf("article feed = %d, want %d", art.FeedID, b.ID)
	}
	must(t, s.DeleteFeed(ctx, b.ID))
	if art, err := s.GetArticle(ctx, id); err != nil || art.FeedID != 0 {
		t.Errorf("article after its feed was deleted: feed %d, %v", art.FeedID, err)
	}
	wantErr(t, "DeleteFeed(missing)", s.DeleteFeed(ctx, b.ID), store.ErrNotFound)
	_, err = s.GetFeed(ctx, b.ID)
	wantErr(t, "GetFeed(missing)", err, store.ErrNotFound)
	b.URL = "https://b.example/atom"
	wantErr(t, "UpdateFeed(missing)", s.UpdateFeed(ctx, b), store.ErrNotFound)
}

func testState(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.GetState(ctx, "cluster")
	wantErr(t, "GetState(missing)", err, store.ErrNotFound)
	must(t, s.PutState(ctx, "cluster", []byte("v1")))
	must(t, s.PutState(ctx, "cluster", []byte{0, 1, 2, 255}))
	v, err := s.GetState(ctx, "cluster")
	if err != nil || string(v) != "\x00\x01\x02\xff" {
		t.Errorf("GetState = %q, %v", v, err)
	}
	must(t, s.PutState(ctx, "empty", nil))
	if v, err := s.GetState(ctx, "empty"); err != nil || len(v) != 0 {
		t.Errorf("GetState(empty) = %q, %v", v, err)
	}
	must(t, s.DeleteState(ctx, "cluster"))
	must(t, s.DeleteState(ctx, "cluster"))
	_, err = s.GetState(ctx, "cluster")
	wantErr(t, "GetState(deleted)", err, store.ErrNotFound)
}

var errBoom = errors.New("boom")

func testTxRollback(t *testing.T, s store.Store) {
	ctx := t.Context()
	id := add(t, s, 1)
	claimed, err := s.Claim(ctx, "w", 1, time.Minute)
	must(t, err)
	if len(claimed) != 1 {
		t.Fatal("nothing claimed")
	}
	// Half a batch of changes, then an error: nothing is kept.
	err = s.WithTx(ctx, func(tx store.Tx) error {
		if _, _, err := tx.AddArticle(ctx, store.NewArticle{Document: doc(2)}); err != nil {
			return err
		}
		if _, err := tx.CreateStory(ctx, store.StoryRecord{ID: "st-half"}); err != nil {
			return err
		}
		if err := tx.AssignArticle(ctx, id, "st-half"); err != nil {
			return err
		}
		if err := tx.SaveArticle(ctx, id, &news.Article{Title: "half", Text: "half written"}, nil); err != nil {
			return err
		}
		if err := tx.PutState(ctx, "k", []byte("v")); err != nil {
			return err
		}
		if err := tx.Complete(ctx, id, "w"); err != nil {
			return err
		}
		// Reads in the transaction see its own writes.
		if st, err := tx.GetStory(ctx, "st-half"); err != nil || st.ArticleCount != 1 {
			return fmt.Errorf("read own write: %+v, %v", st, err)
		}
		return errBoom
	})
	wantErr(t, "WithTx(failing fn)", err, errBoom)
	if _, err := s.GetStory(ctx, "st-half"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a rolled-back story exists: %v", err)
	}
	if _, err := s.GetState(ctx, "k"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a rolled-back state exists: %v", err)
	}
	a, err := s.GetArticle(ctx, id)
	must(t, err)
	if a.Status != store.StatusProcessing || a.Article != nil || a.StoryID != "" {
		t.Errorf("rolled-back article: status %q article %v story %q", a.Status, a.Article, a.StoryID)
	}
	counts, _ := s.CountArticles(ctx)
	if counts[store.StatusQueued]+counts[store.StatusProcessing] != 1 {
		t.Errorf("a rolled-back article exists: %v", counts)
	}
	if page, _ := s.ListStories(ctx, store.StoryQuery{Search: "half"}); len(page.Stories) != 0 {
		t.Errorf("a rolled-back text is indexed")
	}

	// A panic rolls back too, and propagates.
	func() {
		defer func() {
			if recover() == nil {
				t.Errorf("WithTx swallowed a panic")
			}
		}()
		s.WithTx(ctx, func(tx store.Tx) error {
			if err := tx.PutState(ctx, "p", []byte("v")); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	if _, err := s.GetState(ctx, "p"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("state written before a panic exists: %v", err)
	}

	// A lost lease inside the transaction discards the item's results.
	err = s.WithTx(ctx, func(tx store.Tx) error {
		if err := tx.PutState(ctx, "result", []byte("v")); err != nil {
			return err
		}
		return tx.Complete(ctx, id, "someone-else")
	})
	wantErr(t, "WithTx(lost lease)", err, store.ErrLeaseLost)
	if _, err := s.GetState(ctx, "result"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("results of a lost lease were kept")
	}

	// And a transaction that succeeds keeps everything.
	must(t, s.WithTx(ctx, func(tx store.Tx) error {
		if _, err := tx.CreateStory(ctx, store.StoryRecord{ID: "st-whole"}); err != nil {
			return err
		}
		if err := tx.AssignArticle(ctx, id, "st-whole"); err != nil {
			return err
		}
		return tx.Complete(ctx, id, "w")
	}))
	a, _ = s.GetArticle(ctx, id)
	if a.Status != store.StatusDone || a.StoryID != "st-whole" {
		t.Errorf("after a committed transaction: status %q story %q", a.Status, a.StoryID)
	}
}

func testContextCancelled(t *testing.T, s store.Store) {
	id := add(t, s, 1)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := s.GetArticle(ctx, id)
	wantErr(t, "GetArticle(cancelled)", err, context.Canceled)
	_, _, err = s.AddArticle(ctx, store.NewArticle{Document: doc(2)})
	wantErr(t, "AddArticle(cancelled)", err, context.Canceled)
	_, err = s.ListStories(ctx, store.StoryQuery{Search: "x"})
	wantErr(t, "ListStories(cancelled)", err, context.Canceled)
	_, err = s.Claim(ctx, "w", 1, time.Minute)
	wantErr(t, "Claim(cancelled)", err, context.Canceled)

	// Cancelled in the middle of a transaction: nothing is kept.
	ctx, cancel = context.WithCancel(t.Context())
	err = s.WithTx(ctx, func(tx store.Tx) error {
		if err := tx.PutState(ctx, "k", []byte("v")); err != nil {
			return err
		}
		cancel()
		_, err := tx.CreateStory(ctx, store.StoryRecord{ID: "st-cancelled"})
		return err
	})
	wantErr(t, "WithTx(cancelled inside)", err, context.Canceled)
	bg := t.Context()
	if _, err := s.GetState(bg, "k"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a cancelled transaction's write was kept: %v", err)
	}
	if _, err := s.GetStory(bg, "st-cancelled"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a cancelled transaction's story was kept: %v", err)
	}
	counts, err := s.CountArticles(bg)
	must(t, err)
	if counts[store.StatusQueued] != 1 {
		t.Errorf("CountArticles after cancellations = %v, want 1 queued", counts)
	}

	// A deadline that passes while waiting ends the wait.
	ctx, cancel = context.WithTimeout(bg, time.Millisecond)
	defer cancel()
	<-ctx.Done() // the deadline has passed and the context says so (a sleep raced with its timer under load)
	_, err = s.GetArticle(ctx, id)
	wantErr(t, "GetArticle(deadline passed)", err, context.DeadlineExceeded)
}

func testClosed(t *testing.T, s store.Store) {
	ctx := t.Context()
	add(t, s, 1)
	must(t, s.Close())
	_, err := s.GetArticle(ctx, 1)
	wantErr(t, "GetArticle after Close", err, store.ErrClosed)
	wantErr(t, "WithTx after Close", s.WithTx(ctx, func(store.Tx) error { return nil }), store.ErrClosed)
}

func articleIDs(as []store.ArticleRecord) []int64 {
	out := make([]int64, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func storyIDs(ss []store.StoryRecord) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}
