package feeds

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
	"github.com/triangulate/triangulate/internal/store/sqlite"
)

// clock is a fake clock that moves only when told to.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2024, 4, 11, 10, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openStore opens a sqlite store in a temporary directory on clk.
func openStore(t *testing.T, clk *clock) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "feeds.db"), sqlite.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newPoller returns a poller on st and clk whose host delays advance clk
// instead of sleeping; the delays waited are recorded in *slept.
func newPoller(t *testing.T, st store.Store, clk *clock, opts Options) (p *Poller, slept *[]time.Duration) {
	t.Helper()
	opts.Store = st
	opts.Now = clk.Now
	p, err := NewPoller(opts)
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu sync.Mutex
		ds []time.Duration
	)
	p.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		ds = append(ds, d)
		mu.Unlock()
		clk.Advance(d)
		return ctx.Err()
	}
	return p, &ds
}

// request is one request a feedServer received.
type request struct {
	path, ifNoneMatch string
	at                time.Time // on the test's clock
}

// feedServer serves bodies by path with an ETag of their content, answers
// a matching If-None-Match with 304, and records every request.
type feedServer struct {
	*httptest.Server
	clk *clock

	mu     sync.Mutex
	bodies map[string]string
	status map[string]int // a path answering with this status instead
	reqs   []request
	hook   func(path string) // called before answering, if set
}

func newFeedServer(t *testing.T, clk *clock) *feedServer {
	s := &feedServer{clk: clk, bodies: map[string]string{}, status: map[string]int{}}
	s.Server = httptest.NewServer(s)
	t.Cleanup(s.Close)
	return s
}

func (s *feedServer) set(path, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bodies[path] = body
	delete(s.status, path)
}

func (s *feedServer) fail(path string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status[path] = status
}

func (s *feedServer) setHook(hook func(path string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hook = hook
}

func (s *feedServer) requests(path string) []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var rs []request
	for _, r := range s.reqs {
		if r.path == path {
			rs = append(rs, r)
		}
	}
	return rs
}

func (s *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.reqs = append(s.reqs, request{r.URL.Path, r.Header.Get("If-None-Match"), s.clk.Now()})
	body, ok := s.bodies[r.URL.Path]
	status := s.status[r.URL.Path]
	hook := s.hook
	s.mu.Unlock()
	if hook != nil {
		hook(r.URL.Path)
	}
	switch {
	case status != 0:
		http.Error(w, http.StatusText(status), status)
		return
	case !ok:
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(body)))
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Write([]byte(body))
}

// rssDoc is an RSS 2.0 feed with the items given.
func rssDoc(title string, items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>` + title +
		`</title><link>https://example.com/</link><language>en</language>` + strings.Join(items, "") + `</channel></rss>`
}

// rssItem is one item; extra is inserted as is (a <source>, ...).
func rssItem(guid, link, description, extra string) string {
	s := "<item><title>Item " + guid + "</title><guid>" + guid + "</guid>"
	if link != "" {
		s += "<link>" + link + "</link>"
	}
	if description != "" {
		s += "<description>" + description + "</description>"
	}
	return s + extra + "</item>"
}

func addFeed(t *testing.T, st store.Store, u string) store.Feed {
	t.Helper()
	f, err := st.AddFeed(context.Background(), store.Feed{URL: u})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func getFeed(t *testing.T, st store.Store, id int64) store.Feed {
	t.Helper()
	f, err := st.GetFeed(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func articles(t *testing.T, st store.Store) []store.ArticleRecord {
	t.Helper()
	as, err := st.ListArticles(context.Background(), store.ArticleFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func poll(t *testing.T, p *Poller) Result {
	t.Helper()
	res, err := p.PollDue(context.Background())
	if err != nil {
		t.Fatalf("PollDue() error %v", err)
	}
	return res
}

func TestPollAddsNewItemsOnce(t *testing.T) {
	clk := newClock()
	st := openStore(t, clk)
	srv := newFeedServer(t, clk)
	srv.set("/feed", rssDoc("Sahel Wire",
		rssItem("2", "https://example.com/2", "Second story.", `<source url="https://www.reuters.com">Reuters</source>`),
		rssItem("1", "https://example.com/1", "First story.", ""),
	))
	var added [][]int64
	p, _ := newPoller(t, st, clk, Options{Added: func(ids []int64) { added = append(added, ids) }})
	f := addFeed(t, st, srv.URL+"/feed")

	// First poll: both items become articles, oldest first.
	start := clk.Now()
	if res := poll(t, p); res != (Result{Due: 1, Fetched: 1, Added: 2}) {
		t.Errorf("first PollDue() = %+v, want 1 fetched, 2 added", res)
	}
	as := articles(t, st)
	if len(as) != 2 {
		t.Fatalf("after first poll: %d articles, want 2", len(as))
	}
	wantOutlets := []string{"Sahel Wire", "Reuters"}
	for i, a := range as {
		if a.FeedID != f.ID || a.Document.Outlet != wantOutlets[i] || a.Document.Kind != news.KindFeed {
			t.Errorf("article %d = FeedID %d Outlet %q Kind %q, want %d %q %q", i, a.FeedID, a.Document.Outlet, a.Document.Kind, f.ID, wantOutlets[i], news.KindFeed)
		}
	}
	if len(added) != 1 || !slices.Equal(added[0], []int64{as[0].ID, as[1].ID}) {
		t.Errorf("Added called with %v, want once with [%d %d]", added, as[0].ID, as[1].ID)
	}
	got := getFeed(t, st, f.ID)
	if got.Title != "Sahel Wire" || got.ETag == "" || !got.LastFetched.Equal(start) || !got.NextFetch.Equal(start.Add(DefaultInterval)) || got.ErrorCount != 0 {
		t.Errorf("feed after first poll = %+v, want title, ETag, fetched now and due in %v", got, DefaultInterval)
	}

	// Not due yet: nothing is fetched.
	if res := poll(t, p); res != (Result{}) {
		t.Errorf("PollDue() before due = %+v, want nothing", res)
	}

	// Due again, unchanged: the validator is sent back and 304 only
	// reschedules.
	clk.Advance(DefaultInterval)
	if res := poll(t, p); res != (Result{Due: 1, NotModified: 1}) {
		t.Errorf("PollDue() unchanged = %+v, want 1 not modified", res)
	}
	reqs := srv.requests("/feed")
	if len(reqs) != 2 || reqs[1].ifNoneMatch != got.ETag {
		t.Errorf("requests = %+v, want 2, the second with If-None-Match %s", reqs, got.ETag)
	}
	if n := len(articles(t, st)); n != 2 {
		t.Errorf("after 304: %d articles, want 2", n)
	}
	if g := getFeed(t, st, f.ID); !g.NextFetch.Equal(clk.Now().Add(DefaultInterval)) {
		t.Errorf("after 304 NextFetch = %v, want %v", g.NextFetch, clk.Now().Add(DefaultInterval))
	}

	// The feed gains an item, edits an old one (same GUID, new text) and
	// re-serves an old text under a new GUID: only the new item is added.
	srv.set("/feed", rssDoc("Sahel Wire",
		rssItem("4", "https://example.com/4", "First story.", ""),
		rssItem("3", "https://example.com/3", "Third story.", ""),
		rssItem("2", "https://example.com/2", "Second story, corrected.", ""),
		rssItem("1", "https://example.com/1", "First story.", ""),
	))
	clk.Advance(DefaultInterval)
	if res := poll(t, p); res != (Result{Due: 1, Fetched: 1, Added: 1}) {
		t.Errorf("PollDue() with a new item = %+v, want 1 fetched, 1 added", res)
	}
	as = articles(t, st)
	if len(as) != 3 || as[2].Document.Content != "Third story." || as[2].Document.URL != "https://example.com/3" {
		t.Errorf("after new item: %d articles, last %+v, want 3, the last the third story", len(as), as[len(as)-1].Document)
	}
	if len(added) != 2 || !slices.Equal(added[1], []int64{as[2].ID}) {
		t.Errorf("Added called with %v, want a second call with [%d]", added, as[2].ID)
	}
}

func TestPollBackoff(t *testing.T) {
	clk := newClock()
	st := openStore(t, clk)
	srv := newFeedServer(t, clk)
	srv.fail("/down", http.StatusInternalServerError)
	srv.set("/garbage", "<rss><channel><item>")
	srv.set("/good", rssDoc("Good", rssItem("1", "https://example.com/1", "Body.", "")))
	p, _ := newPoller(t, st, clk, Options{HostDelay: -1})
	down := addFeed(t, st, srv.URL+"/down")
	garbage := addFeed(t, st, srv.URL+"/garbage")
	good := addFeed(t, st, srv.URL+"/good")

	// inRange reports whether the feed's wait from now is within
	// [lo, hi] Interval, up to the store's microsecond.
	inRange := func(f store.Feed, lo, hi float64) bool {
		d := f.NextFetch.Sub(clk.Now())
		return d >= time.Duration(lo*float64(DefaultInterval))-time.Microsecond && d <= time.Duration(hi*float64(DefaultInterval))
	}

	t1 := clk.Now()
	if res := poll(t, p); res != (Result{Due: 3, Fetched: 1, Failed: 2, Added: 1}) {
		t.Errorf("PollDue() = %+v, want 1 fetched, 2 failed, 1 added", res)
	}
	d1 := getFeed(t, st, down.ID)
	if d1.ErrorCount != 1 || d1.LastError != "http status 500 Internal Server Error" || !inRange(d1, 0.8, 1.2) || !d1.LastFetched.IsZero() {
		t.Errorf("failing feed after 1 failure = %+v, want ErrorCount 1, the status, due in 0.8–1.2 × %v", d1, DefaultInterval)
	}
	if g := getFeed(t, st, garbage.ID); g.ErrorCount != 1 || !strings.HasPrefix(g.LastError, "invalid feed: ") || !inRange(g, 0.8, 1.2) {
		t.Errorf("unparsable feed = %+v, want ErrorCount 1, \"invalid feed: ...\"", g)
	}
	if g := getFeed(t, st, good.ID); g.ErrorCount != 0 || g.LastError != "" || len(articles(t, st)) != 1 {
		t.Errorf("good feed = %+v with %d articles, want fetched with 1 article", g, len(articles(t, st)))
	}

	clk.Advance(2 * DefaultInterval)
	poll(t, p)
	d2 := getFeed(t, st, down.ID)
	if d2.ErrorCount != 2 || !inRange(d2, 1.6, 2.4) {
		t.Errorf("failing feed after 2 failures = %+v, want ErrorCount 2, due in 1.6–2.4 × %v", d2, DefaultInterval)
	}
	if gap1, gap2 := d1.NextFetch.Sub(t1), d2.NextFetch.Sub(clk.Now()); gap2 <= gap1 {
		t.Errorf("backoff did not grow: %v then %v", gap1, gap2)
	}

	// Recovery clears the errors.
	srv.set("/down", rssDoc("Down", rssItem("x", "https://example.com/x", "Back.", "")))
	clk.Advance(3 * DefaultInterval)
	poll(t, p)
	if g := getFeed(t, st, down.ID); g.ErrorCount != 0 || g.LastError != "" || g.Title != "Down" || !g.NextFetch.Equal(clk.Now().Add(DefaultInterval)) {
		t.Errorf("recovered feed = %+v, want no errors, due in %v", g, DefaultInterval)
	}
}

func TestBackoff(t *testing.T) {
	p, err := NewPoller(Options{Store: openStore(t, newClock()), Interval: time.Minute, MaxBackoff: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		n      int
		lo, hi time.Duration
	}{
		{1, 48 * time.Second, 72 * time.Second},
		{2, 96 * time.Second, 144 * time.Second},
		{4, 384 * time.Second, 576 * time.Second},
		// Capped: 2^6 minutes is over the hour.
		{7, 48 * time.Minute, time.Hour},
		{1000, 48 * time.Minute, time.Hour},
	}
	for _, tt := range tests {
		for range 50 {
			if d := p.backoff(tt.n); d < tt.lo || d > tt.hi {
				t.Errorf("backoff(%d) = %v, want within [%v, %v]", tt.n, d, tt.lo, tt.hi)
				break
			}
		}
	}
}

func TestPollHostDelay(t *testing.T) {
	clk := newClock()
	st := openStore(t, clk)
	a := newFeedServer(t, clk)
	b := newFeedServer(t, clk)
	for i := range 3 {
		a.set(fmt.Sprintf("/%d", i), rssDoc("A", rssItem(fmt.Sprint(i), "", fmt.Sprintf("A%d.", i), "")))
	}
	b.set("/b", rssDoc("B", rssItem("b", "", "B.", "")))

	// The first request to host a waits until host b was asked too:
	// the two hosts are fetched at once. (The timeout only keeps a broken
	// poller from hanging the test.)
	bSeen := make(chan struct{})
	b.setHook(func(string) { close(bSeen) })
	var concurrent atomic.Bool
	a.setHook(func(path string) {
		if path == "/0" {
			select {
			case <-bSeen:
				concurrent.Store(true)
			case <-time.After(10 * time.Second):
			}
		}
	})

	p, slept := newPoller(t, st, clk, Options{HostDelay: 2 * time.Second})
	for i := range 3 {
		addFeed(t, st, fmt.Sprintf("%s/%d", a.URL, i))
	}
	addFeed(t, st, b.URL+"/b")
	if res := poll(t, p); res != (Result{Due: 4, Fetched: 4, Added: 4}) {
		t.Errorf("PollDue() = %+v, want 4 fetched, 4 added", res)
	}
	if !concurrent.Load() {
		t.Errorf("hosts were fetched one after the other, want concurrently")
	}

	// The requests to host a are 2s apart on the clock; host b never
	// waited.
	var times []time.Time
	for i := range 3 {
		for _, r := range a.requests(fmt.Sprintf("/%d", i)) {
			times = append(times, r.at)
		}
	}
	slices.SortFunc(times, time.Time.Compare)
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 2*time.Second {
			t.Errorf("requests to one host %v apart, want at least 2s", gap)
		}
	}
	if !slices.Equal(*slept, []time.Duration{2 * time.Second, 2 * time.Second}) {
		t.Errorf("waits = %v, want two of 2s (host a only)", *slept)
	}
}

func TestPollFetchArticles(t *testing.T) {
	clk := newClock()
	st := openStore(t, clk)
	srv := newFeedServer(t, clk)
	const page = `<!DOCTYPE html><html><head><title>Full</title></head><body><article><p>The whole article.</p></article></body></html>`
	srv.set("/full", page)
	srv.set("/feed", rssDoc("Wire",
		// The page is fetched and replaces the summary.
		rssItem("1", srv.URL+"/full", "Summary only.", ""),
		// The page is missing: the item's own content is kept.
		rssItem("2", srv.URL+"/missing", "Kept summary.", ""),
		// No link: the item's content.
		rssItem("3", "", "No link.", ""),
		// A link the poller must not read as a path.
		rssItem("4", "file:///etc/passwd", "Not a web page.", ""),
	))
	p, _ := newPoller(t, st, clk, Options{FetchArticles: true, HostDelay: -1})
	addFeed(t, st, srv.URL+"/feed")

	if res := poll(t, p); res.Added != 4 || res.Fetched != 1 {
		t.Fatalf("PollDue() = %+v, want 1 fetched, 4 added", res)
	}
	byURL := map[string]news.Document{}
	for _, a := range articles(t, st) {
		byURL[a.Document.URL] = a.Document
	}
	full := byURL[srv.URL+"/full"]
	if full.Kind != news.KindHTML || !strings.Contains(full.Content, "The whole article.") || full.Title != "Item 1" || full.Outlet != "Wire" {
		t.Errorf("fetched article = %+v, want the page with the item's title and outlet", full)
	}
	for u, c := range map[string]string{srv.URL + "/missing": "Kept summary.", "": "No link.", "file:///etc/passwd": "Not a web page."} {
		if d := byURL[u]; d.Kind != news.KindFeed || d.Content != c {
			t.Errorf("article of %q = %+v, want the feed item with content %q", u, d, c)
		}
	}

	// The feed is served again in full (new ETag, same items): the pages
	// of items seen are not fetched again.
	srv.set("/feed", rssDoc("Wire again",
		rssItem("1", srv.URL+"/full", "Summary only.", ""),
		rssItem("2", srv.URL+"/missing", "Kept summary.", ""),
	))
	clk.Advance(DefaultInterval)
	if res := poll(t, p); res.Added != 0 || res.Fetched != 1 {
		t.Errorf("second PollDue() = %+v, want 1 fetched, nothing added", res)
	}
	if n, m := len(srv.requests("/full")), len(srv.requests("/missing")); n != 1 || m != 1 {
		t.Errorf("pages fetched %d and %d times, want once each", n, m)
	}
}

func TestRunAndWake(t *testing.T) {
	clk := newClock()
	st := openStore(t, clk)
	srv := newFeedServer(t, clk)
	srv.set("/1", rssDoc("One", rssItem("1", "", "One.", "")))
	srv.set("/2", rssDoc("Two", rssItem("2", "", "Two.", "")))
	added := make(chan []int64, 10)
	p, _ := newPoller(t, st, clk, Options{HostDelay: -1, Added: func(ids []int64) { added <- ids }})
	addFeed(t, st, srv.URL+"/1")

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		p.Run(ctx)
		close(done)
	}()
	wait := func(what string) {
		t.Helper()
		select {
		case <-added:
		case <-time.After(10 * time.Second):
			t.Fatalf("Run: %s never added", what)
		}
	}
	wait("the first feed")

	// A feed added while Run sleeps (for a minute: the first feed is due
	// in 15) is polled on Wake.
	addFeed(t, st, srv.URL+"/2")
	p.Wake()
	p.Wake() // never blocks
	wait("the feed added before Wake")

	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
}

func TestNewPollerNeedsStore(t *testing.T) {
	if _, err := NewPoller(Options{}); err != ErrNoStore {
		t.Errorf("NewPoller(no store) error %v, want ErrNoStore", err)
	}
}

func TestSeenSetBounded(t *testing.T) {
	s := &seenSet{set: map[string]bool{}}
	var keys []string
	for i := range maxSeen + 10 {
		keys = append(keys, fmt.Sprint(i))
		s.keep([]string{fmt.Sprint(i)})
	}
	if len(s.order) != maxSeen || s.order[0] != "10" || s.set["9"] || !s.set["1009"] {
		t.Errorf("seen set of %d keys holds %d from %q, want the last %d", len(keys), len(s.order), s.order[0], maxSeen)
	}
	// The items listed now are never dropped, however many.
	many := make([]string, maxSeen+5)
	for i := range many {
		many[i] = fmt.Sprint("n", i)
	}
	s.keep(many)
	if len(s.order) != len(many) || !slices.Equal(s.order, many) {
		t.Errorf("seen set holds %d keys, want the %d listed now", len(s.order), len(many))
	}
	// Keeping the same keys again changes nothing (no write).
	if s.keep(many) {
		t.Errorf("keep(same keys) = true, want false")
	}
}
