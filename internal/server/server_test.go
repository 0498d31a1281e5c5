package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/dossier"

	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/processor"
	"github.com/triangulate/triangulate/internal/schematest"
	"github.com/triangulate/triangulate/internal/store"
	"github.com/triangulate/triangulate/internal/store/sqlite"
)

var (
	brieferOnce sync.Once
	briefer     *pipeline.Briefer
	brieferErr  error
)

// testBriefer loads the annotation models once for every test.
func testBriefer(t testing.TB) *pipeline.Briefer {
	t.Helper()
	brieferOnce.Do(func() { briefer, brieferErr = pipeline.NewBriefer() })
	if brieferErr != nil {
		t.Fatal(brieferErr)
	}
	return briefer
}

type testServer struct {
	*Server
	st  store.Store
	url string
}

// newTestServer runs a server on a fresh SQLite store with short timings;
// edit adjusts its configuration.
func newTestServer(t testing.TB, edit func(*Config)) *testServer {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return newTestServerOn(t, st, edit)
}

// newTestServerOn is newTestServer on the store st, which it closes at the
// end of the test.
func newTestServerOn(t testing.TB, st store.Store, edit func(*Config)) *testServer {
	t.Helper()
	ctx := context.Background()
	cfg := Config{
		Store:     st,
		Briefer:   testBriefer(t),
		Processor: processor.Options{Debounce: 20 * time.Millisecond, MaxDelay: 200 * time.Millisecond, Poll: 50 * time.Millisecond},
	}
	if edit != nil {
		edit(&cfg)
	}
	srv, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		hs.Close()
		st.Close()
	})
	return &testServer{Server: srv, st: st, url: hs.URL}
}

// drain processes everything queued and builds the dossiers.
func (ts *testServer) drain(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := ts.proc.Drain(ctx); err != nil {
		t.Fatal(err)
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// do sends a request; body may be nil, a string, or a value sent as JSON.
func (ts *testServer) do(t testing.TB, method, path string, body any, header ...string) response {
	t.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd, ct = bytes.NewReader(js), "application/json"
	}
	req, err := http.NewRequest(method, ts.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, b}
}

func (ts *testServer) expect(t testing.TB, method, path string, body any, status int, header ...string) response {
	t.Helper()
	r := ts.do(t, method, path, body, header...)
	if r.status != status {
		t.Fatalf("%s %s: status %d, want %d; body %s", method, path, r.status, status, r.body)
	}
	if status >= 400 {
		var e apiError
		if err := json.Unmarshal(r.body, &e); err != nil || e.Error == "" || e.Status != status {
			t.Errorf("%s %s: error body is not a JSON error with status %d: %s", method, path, status, r.body)
		}
	}
	return r
}

type storyList struct {
	Stories []storyJSON `json:"stories"`
	Next    string      `json:"next"`
}

// demoStory loads and processes the example and returns its story, the
// only one.
func demoStory(t *testing.T, ts *testServer) storyJSON {
	t.Helper()
	if err := ts.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts.drain(t)
	var list storyList
	ts.expect(t, "GET", "/api/stories", nil, 200).decode(t, &list)
	if len(list.Stories) != 1 {
		t.Fatalf("the five example reports made %d stories, want 1: %+v", len(list.Stories), list.Stories)
	}
	return list.Stories[0]
}

func TestDemoStoryThroughTheAPI(t *testing.T) {
	ts := newTestServer(t, nil)
	before := time.Now().UTC().Add(-time.Second)
	st := demoStory(t, ts)
	var list storyList
	if st.Articles != 5 || st.DossierVersion < 1 || st.Stale {
		t.Errorf("story = %+v, want 5 articles and a fresh dossier", st)
	}

	r := ts.expect(t, "GET", st.URL, nil, 200)
	if err := schematest.ValidateJSON("../../spec/dossier.schema.json", r.body); err != nil {
		t.Fatal(err)
	}
	var d news.Dossier
	r.decode(t, &d)
	if len(d.Sources) != 5 || d.Story.ID != st.ID {
		t.Errorf("dossier has %d sources and id %s, want 5 and %s", len(d.Sources), d.Story.ID, st.ID)
	}
	if len(d.Facts) == 0 || len(d.Conflicts) == 0 {
		t.Errorf("dossier has %d facts and %d conflicts; the example has both", len(d.Facts), len(d.Conflicts))
	}

	// The same dossier as the CLI writes for the same files.
	arts, errs := pipeline.PrepareAll(context.Background(), mustDemoDocs(t), pipeline.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want, err := testBriefer(t).Dossier(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Facts) != len(d.Facts) || len(want.Conflicts) != len(d.Conflicts) || len(want.Entities) != len(d.Entities) {
		t.Errorf("server dossier has %d facts, %d conflicts, %d entities; brief has %d, %d, %d",
			len(d.Facts), len(d.Conflicts), len(d.Entities), len(want.Facts), len(want.Conflicts), len(want.Entities))
	}

	// Changes: since before the demo everything is new; since now, nothing.
	var ch dossier.Changes
	ts.expect(t, "GET", st.URL+"/changes?since="+before.Format(time.RFC3339), nil, 200).decode(t, &ch)
	if len(ch.NewSources) != 5 || len(ch.NewFacts) != len(d.Facts) || len(ch.NewConflicts) != len(d.Conflicts) || ch.PreviousVersion != 0 {
		t.Errorf("changes since before the demo: %d sources, %d facts, %d conflicts, previous v%d",
			len(ch.NewSources), len(ch.NewFacts), len(ch.NewConflicts), ch.PreviousVersion)
	}
	later := time.Now().UTC().Add(time.Second).Format(time.RFC3339)
	ts.expect(t, "GET", st.URL+"/changes?since="+later, nil, 200).decode(t, &ch)
	if len(ch.NewSources)+len(ch.NewFacts)+len(ch.NewConflicts)+len(ch.ChangedFacts) != 0 || ch.PreviousVersion != st.DossierVersion {
		t.Errorf("changes since now: %+v, want none against v%d", ch, st.DossierVersion)
	}
	ts.expect(t, "GET", st.URL+"/changes", nil, 400)
	ts.expect(t, "GET", st.URL+"/changes?since=yesterday", nil, 400)

	// Search and ordering.
	ts.expect(t, "GET", "/api/stories?q=Tiani", nil, 200).decode(t, &list)
	if len(list.Stories) != 1 {
		t.Errorf("search Tiani found %d stories", len(list.Stories))
	}
	ts.expect(t, "GET", "/api/stories?q=zzyzx+quokka", nil, 200).decode(t, &list)
	if len(list.Stories) != 0 {
		t.Errorf("a nonsense search found %d stories", len(list.Stories))
	}
	ts.expect(t, "GET", "/api/stories?order=articles&limit=1", nil, 200)
	ts.expect(t, "GET", "/api/stories?order=sideways", nil, 400)
	ts.expect(t, "GET", "/api/stories?limit=-3", nil, 400)
	ts.expect(t, "GET", "/api/stories?cursor=%21%21", nil, 400)

	// Loading the demo again adds nothing.
	if err := ts.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	counts, _ := ts.st.CountArticles(context.Background())
	if counts[store.StatusDone] != 5 || counts[store.StatusQueued] != 0 {
		t.Errorf("after a second demo load: %v", counts)
	}
}

func mustDemoDocs(t testing.TB) []news.Document {
	t.Helper()
	docs, err := examples.Niger2024()
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestArticlesEndpoint(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Harbour reopens after storm</title></head><body><article><h1>Harbour reopens after storm</h1>
<p>The port of Valdoria reopened on Monday after a storm closed it for three days, the harbour authority said.</p>
<p>Forty ships waited offshore while crews cleared debris from the main channel, according to the authority.</p>
<p>Fishermen said the closure cost them a week of catch and asked the city for compensation.</p></article></body></html>`)
	}))
	defer page.Close()

	ts := newTestServer(t, func(c *Config) { c.MaxBody = 64 << 10 })
	text := "Rain fell on the city of Oberhain on Tuesday, flooding two streets.\n\nThe mayor, Anna Keller, said 12 families were moved to a school."
	var got struct {
		Articles []articleJSON `json:"articles"`
	}
	ts.expect(t, "POST", "/api/articles", map[string]string{"title": "Floods in Oberhain", "text": text, "outlet": "Oberhain Post"}, 202).decode(t, &got)
	if len(got.Articles) != 1 || !got.Articles[0].Created || got.Articles[0].Status != "queued" {
		t.Fatalf("post: %+v", got)
	}
	first := got.Articles[0]
	ts.expect(t, "POST", "/api/articles", map[string]string{"title": "Floods in Oberhain", "text": text, "outlet": "Oberhain Post"}, 202).decode(t, &got)
	if got.Articles[0].Created || got.Articles[0].ID != first.ID {
		t.Errorf("the same article posted twice was added again: %+v", got.Articles[0])
	}
	// An array, a raw text body with its address, a raw HTML body.
	ts.expect(t, "POST", "/api/articles", []map[string]string{{"text": "Two ferries collided near Port Ellis on Friday. Nobody was hurt, the coast guard said."}, {"html": "<p>Wind turbines went up in Sarnow on Thursday, the council said.</p>"}}, 202).decode(t, &got)
	if len(got.Articles) != 2 {
		t.Errorf("an array of two gave %d articles", len(got.Articles))
	}
	ts.expect(t, "POST", "/api/articles?url=https://example.org/a", "A bridge opened in Lunden on Sunday. The minister, Per Olsson, cut the ribbon.", 202, "Content-Type", "text/plain").decode(t, &got)
	if got.Articles[0].URL != "https://example.org/a" {
		t.Errorf("raw body article url = %q", got.Articles[0].URL)
	}

	// Bad input.
	ts.expect(t, "POST", "/api/articles", `{"title": "broken`, 400, "Content-Type", "application/json")
	ts.expect(t, "POST", "/api/articles", "", 400)
	ts.expect(t, "POST", "/api/articles", map[string]string{"title": "no body"}, 400)
	ts.expect(t, "POST", "/api/articles", strings.Repeat("word ", 20000), 413, "Content-Type", "text/plain")
	ts.expect(t, "POST", "/api/articles", "\x00\x01\x02\x03binary\x00", 422, "Content-Type", "application/octet-stream")
	ts.expect(t, "POST", "/api/articles?url=javascript:alert(1)", "text", 400, "Content-Type", "text/plain")

	// Request forgery: a URL to fetch on this machine or the cloud
	// metadata address is refused before any request; so is a non-HTTP
	// scheme.
	for _, u := range []string{page.URL, "http://localhost:1/x", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "file:///etc/passwd", "gopher://example.org/"} {
		ts.expect(t, "POST", "/api/articles", map[string]string{"url": u}, 400)
	}

	// The articles are processed and land in stories.
	ts.drain(t)
	var a articleJSON
	ts.expect(t, "GET", fmt.Sprintf("/api/articles/%d", first.ID), nil, 200).decode(t, &a)
	if a.Status != "done" || a.Story == "" || !strings.Contains(a.Text, "Anna Keller") || a.Outlet != "Oberhain Post" {
		t.Errorf("processed article: %+v", a)
	}
	ts.expect(t, "GET", "/api/articles/99999", nil, 404)
	ts.expect(t, "GET", "/api/articles/abc", nil, 400)
	ts.expect(t, "GET", "/api/stories/st-nosuchstory", nil, 404)
	ts.expect(t, "GET", "/api/stories/st-nosuchstory/changes?since=2024-01-01T00:00:00Z", nil, 404)

	// With private addresses allowed, a URL is fetched.
	ts2 := newTestServer(t, func(c *Config) { c.AllowPrivate = true })
	ts2.expect(t, "POST", "/api/articles", map[string]string{"url": page.URL + "/harbour"}, 202).decode(t, &got)
	ts2.drain(t)
	ts2.expect(t, "GET", got.Articles[0].Self, nil, 200).decode(t, &a)
	if a.Status != "done" || a.Title != "Harbour reopens after storm" || !strings.Contains(a.Text, "Forty ships") {
		t.Errorf("fetched article: %+v", a)
	}
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	ts2.expect(t, "POST", "/api/articles", map[string]string{"url": gone.URL + "/none"}, 502)
	ts2.expect(t, "POST", "/api/articles", map[string]string{"url": page.URL[:strings.LastIndex(page.URL, ":")] + ":1/none"}, 502)
}

func TestWriteToken(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.Token = "s3cret" })
	body := map[string]string{"text": "A dam was finished in Korvel on Monday, the engineers said."}
	r := ts.expect(t, "POST", "/api/articles", body, 401)
	if r.header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	ts.expect(t, "POST", "/api/articles", body, 401, "Authorization", "Bearer wrong")
	ts.expect(t, "POST", "/api/articles", body, 202, "Authorization", "Bearer s3cret")
	ts.expect(t, "POST", "/api/feeds", map[string]string{"url": "https://example.org/feed.xml"}, 401)
	ts.expect(t, "DELETE", "/api/feeds/1", nil, 401)
	// Reads need no token.
	ts.expect(t, "GET", "/api/stories", nil, 200)
	ts.expect(t, "GET", "/api/feeds", nil, 200)
}

func TestFeedsEndpoints(t *testing.T) {
	ts := newTestServer(t, nil)
	var f feedJSON
	ts.expect(t, "POST", "/api/feeds", map[string]string{"url": "https://news.example.org/rss.xml", "title": "Example News"}, 201).decode(t, &f)
	if f.ID == 0 || f.URL != "https://news.example.org/rss.xml" || f.Title != "Example News" {
		t.Fatalf("created feed: %+v", f)
	}
	ts.expect(t, "POST", "/api/feeds", map[string]string{"url": "https://news.example.org/rss.xml"}, 409)
	ts.expect(t, "POST", "/api/feeds", map[string]string{"url": "ftp://example.org/feed"}, 400)
	ts.expect(t, "POST", "/api/feeds", map[string]string{"url": "http://127.0.0.1:9/feed"}, 400)
	ts.expect(t, "POST", "/api/feeds", `{"url":`, 400)
	ts.expect(t, "GET", f.Self, nil, 200)
	var list struct {
		Feeds []feedJSON `json:"feeds"`
	}
	ts.expect(t, "GET", "/api/feeds", nil, 200).decode(t, &list)
	if len(list.Feeds) != 1 {
		t.Errorf("%d feeds listed, want 1", len(list.Feeds))
	}

	opml := ts.expect(t, "GET", "/api/feeds.opml", nil, 200)
	if !bytes.Contains(opml.body, []byte(`xmlUrl="https://news.example.org/rss.xml"`)) {
		t.Errorf("OPML export lacks the feed: %s", opml.body)
	}
	imp := `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="World"><outline type="rss" text="A" xmlUrl="https://a.example.org/feed"/><outline type="rss" text="B" xmlUrl="https://news.example.org/rss.xml"/></outline></body></opml>`
	var counts map[string]int
	ts.expect(t, "POST", "/api/feeds.opml", imp, 200, "Content-Type", "text/x-opml").decode(t, &counts)
	if counts["added"] != 1 || counts["skipped"] != 1 {
		t.Errorf("OPML import: %v, want 1 added and 1 skipped", counts)
	}
	ts.expect(t, "POST", "/api/feeds.opml", "not xml at all", 400, "Content-Type", "text/x-opml")

	var renamed feedJSON
	ts.expect(t, "PATCH", f.Self, map[string]any{"title": "Renamed", "fetch_now": true}, 200).decode(t, &renamed)
	if renamed.Title != "Renamed" || renamed.ErrorCount != 0 || renamed.NextFetch == "" {
		t.Errorf("patched feed: %+v", renamed)
	}
	ts.expect(t, "PATCH", f.Self, map[string]any{"url": "https://elsewhere.example.org/"}, 400)
	ts.expect(t, "PATCH", "/api/feeds/424242", map[string]any{"title": "x"}, 404)

	ts.expect(t, "DELETE", f.Self, nil, 204)
	ts.expect(t, "DELETE", f.Self, nil, 404)
	ts.expect(t, "GET", f.Self, nil, 404)
	ts.expect(t, "GET", "/api/feeds/x", nil, 400)
}

// TestFeedToStory follows a feed subscribed through the API to the story
// its items make: the poller fetches the feed and each item's page, the
// processor groups them, the dossier cites both publishers.
func TestFeedToStory(t *testing.T) {
	var origin string
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Aggregator</title><link>%[1]s</link>
<item><title>Harbour of Valdoria reopens</title><link>%[1]s/a</link><guid>a</guid><pubDate>Mon, 06 May 2024 09:00:00 GMT</pubDate><source url="https://wire.example.org/">Wire Service</source><description>Short summary.</description></item>
<item><title>Valdoria port open again after storm</title><link>%[1]s/b</link><guid>b</guid><pubDate>Mon, 06 May 2024 11:00:00 GMT</pubDate><source url="https://daily.example.org/">Valdoria Daily</source><description>Short summary.</description></item>
</channel></rss>`, origin)
	})
	page := func(title, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><h1>%s</h1>%s</article></body></html>", title, title, body)
		}
	}
	mux.HandleFunc("/a", page("Harbour of Valdoria reopens", `<p>The harbour of Valdoria reopened on Monday after a storm closed it for three days, harbour master Ines Duarte said.</p>
<p>Forty ships had waited offshore while crews cleared the main channel of debris, Duarte said.</p>
<p>The storm damaged two cranes, according to the port authority.</p>`))
	mux.HandleFunc("/b", page("Valdoria port open again after storm", `<p>Valdoria's port opened again on Monday, three days after a storm shut it, according to harbour master Ines Duarte.</p>
<p>About 45 ships had been waiting offshore, Duarte told reporters.</p>
<p>Fishermen said the closure had cost them a week of catch.</p>`))
	feedSrv := httptest.NewServer(mux)
	defer feedSrv.Close()
	origin = feedSrv.URL

	ts := newTestServer(t, func(c *Config) {
		c.AllowPrivate = true
		c.FeedHostDelay = -1
	})
	ts.expect(t, "POST", "/api/feeds", map[string]string{"url": feedSrv.URL + "/feed.xml"}, 201)
	ctx := context.Background()
	res, err := ts.poller.PollDue(ctx)
	if err != nil || res.Added != 2 {
		t.Fatalf("poll: %+v, %v; want 2 articles added", res, err)
	}
	ts.drain(t)

	var list storyList
	ts.expect(t, "GET", "/api/stories", nil, 200).decode(t, &list)
	if len(list.Stories) != 1 || list.Stories[0].Articles != 2 || list.Stories[0].Sources != 2 {
		t.Fatalf("stories from the feed: %+v; want one story of two publishers", list.Stories)
	}
	var d news.Dossier
	ts.expect(t, "GET", list.Stories[0].URL, nil, 200).decode(t, &d)
	outlets := map[string]bool{}
	for _, src := range d.Sources {
		if src.Outlet != nil {
			outlets[*src.Outlet] = true
		}
		if !strings.Contains(src.Text, "Duarte") {
			t.Errorf("source %s lacks the page's text (only the feed summary?): %q", src.ID, src.Text)
		}
	}
	if !outlets["Wire Service"] || !outlets["Valdoria Daily"] {
		t.Errorf("outlets %v; want the items' <source> publishers", outlets)
	}
	if len(d.Facts) == 0 || d.Facts[0].IndependentSources != 2 {
		t.Errorf("the reopening is not corroborated by both publishers: %+v", d.Facts)
	}
}

func TestAPIRoutingErrors(t *testing.T) {
	ts := newTestServer(t, nil)
	r := ts.expect(t, "DELETE", "/api/stories", nil, 405)
	if !strings.Contains(r.header.Get("Allow"), "GET") {
		t.Errorf("405 Allow = %q", r.header.Get("Allow"))
	}
	ts.expect(t, "GET", "/api/nothing-here", nil, 404)
	r = ts.expect(t, "GET", "/healthz", nil, 200)
	if !bytes.Contains(r.body, []byte(`"status":"ok"`)) {
		t.Errorf("healthz: %s", r.body)
	}
	if r.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff header")
	}
}

// TestOpenAPIDocumentsEveryRoute checks the OpenAPI document against the
// routes the server serves, both ways.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	ts := newTestServer(t, nil)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	ts.expect(t, "GET", "/api/openapi.json", nil, 200).decode(t, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	served := map[string]bool{}
	for _, rt := range ts.apiTable() {
		route := rt.pattern
		served[route] = true
		if !documented[route] {
			t.Errorf("route %s is not in the OpenAPI document", route)
		}
	}
	for route := range documented {
		if !served[route] {
			t.Errorf("the OpenAPI document has %s, which is not served", route)
		}
	}
}

func TestMergedStoryRedirects(t *testing.T) {
	ts := newTestServer(t, nil)
	ctx := context.Background()
	for _, id := range []string{"st-a", "st-b"} {
		if _, err := ts.st.CreateStory(ctx, store.StoryRecord{ID: id, Title: id}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ts.st.MergeStories(ctx, "st-a", "st-b"); err != nil {
		t.Fatal(err)
	}
	r := ts.expect(t, "GET", "/api/stories/st-a?as_of=2024-01-01T00:00:00Z", nil, 301)
	if loc := r.header.Get("Location"); loc != "/api/stories/st-b?as_of=2024-01-01T00:00:00Z" {
		t.Errorf("redirect to %q", loc)
	}
	// A story without a dossier yet answers 202 with Retry-After.
	r = ts.expect(t, "GET", "/api/stories/st-b", nil, 202)
	if r.header.Get("Retry-After") == "" {
		t.Error("202 without Retry-After")
	}
}

func TestDiffDossiers(t *testing.T) {
	before := &news.Dossier{
		Sources:   []news.Source{{ID: "s1", Input: "a.txt"}},
		Facts:     []news.Fact{{ID: "f1", Text: "The port reopened.", Status: "single_source", IndependentSources: 1}},
		Conflicts: []news.Conflict{{About: "ships", Kind: "number", Variants: []news.Variant{{Value: "40"}, {Value: "45"}}}},
	}
	now := &news.Dossier{
		Sources: []news.Source{{ID: "s1", Input: "b.txt"}, {ID: "s2", Input: "a.txt"}},
		Facts: []news.Fact{
			{ID: "f1", Text: "Crews cleared the channel.", Status: "single_source", IndependentSources: 1},
			{ID: "f2", Text: "The port reopened.", Status: "confirmed", IndependentSources: 2},
		},
		Conflicts: []news.Conflict{
			{About: "ships", Kind: "number", Variants: []news.Variant{{Value: "40"}, {Value: "45"}}},
			{About: "days", Kind: "number", Variants: []news.Variant{{Value: "3"}, {Value: "4"}}},
		},
	}
	ch := dossier.Diff(before, now)
	if len(ch.NewSources) != 1 || ch.NewSources[0].Input != "b.txt" {
		t.Errorf("new sources: %+v (ids are renumbered; inputs say what is new)", ch.NewSources)
	}
	if len(ch.NewFacts) != 1 || ch.NewFacts[0].Text != "Crews cleared the channel." {
		t.Errorf("new facts: %+v", ch.NewFacts)
	}
	if len(ch.ChangedFacts) != 1 || ch.ChangedFacts[0].WasStatus != "single_source" || ch.ChangedFacts[0].Fact.Status != "confirmed" {
		t.Errorf("changed facts: %+v", ch.ChangedFacts)
	}
	if len(ch.NewConflicts) != 1 || ch.NewConflicts[0].About != "days" {
		t.Errorf("new conflicts: %+v", ch.NewConflicts)
	}
}

// The web form's articles take the API's path: pasted text is queued with
// its title; an address with credentials, or nothing at all, is refused
// with a reason that does not echo the password.
func TestAddFromForm(t *testing.T) {
	ts := newTestServer(t, nil)
	ctx := t.Context()
	id, err := ts.AddFromForm(ctx, "https://example.org/a", "Bridge opens", "A bridge opened in Lunden on Sunday.\n\nThe minister cut the ribbon.")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ts.st.GetArticle(ctx, id)
	if err != nil || rec.Document.Title != "Bridge opens" || rec.Document.URL != "https://example.org/a" || !strings.Contains(rec.Document.Content, "minister cut") {
		t.Errorf("stored article: %+v, %v", rec.Document, err)
	}
	if _, err := ts.AddFromForm(ctx, "", "", "  "); err == nil {
		t.Error("an empty form was accepted")
	}
	_, err = ts.AddFromForm(ctx, "https://user:s3cret@example.org/a", "", "Some text of the article.")
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("an address with a password: %v", err)
	}
}
