package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/store"
	"github.com/triangulate/triangulate/internal/store/sqlite"
)

// example is the bundled example read and briefed once per test binary:
// loading the annotation models is the slow part, and every test that
// needs the dossier gets its own store with a copy of it.
var example struct {
	once sync.Once
	docs []news.Document
	arts []*news.Article
	d    news.Dossier
	err  error
}

func exampleData(t *testing.T) ([]news.Document, []*news.Article, news.Dossier) {
	t.Helper()
	files := corpus.ExampleFiles(t)
	example.once.Do(func() {
		ctx := context.Background()
		docs, errs := ingest.Read(ctx, files, ingest.Options{})
		if len(errs) > 0 {
			example.err = errors.Join(errs...)
			return
		}
		arts, errs := pipeline.PrepareAll(ctx, docs, pipeline.Options{})
		if len(errs) > 0 {
			example.err = errors.Join(errs...)
			return
		}
		b, err := pipeline.NewBriefer()
		if err != nil {
			example.err = err
			return
		}
		example.docs, example.arts = docs, arts
		example.d, example.err = b.Dossier(ctx, arts)
	})
	if example.err != nil {
		t.Fatal(example.err)
	}
	return example.docs, example.arts, example.d
}

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fixture is a store holding the example as the server would: five
// processed articles in one story with its dossier.
type fixture struct {
	store    *sqlite.Store
	storyID  string
	articles []int64 // in the order of the dossier's sources
	dossier  *news.Dossier
}

func exampleFixture(t *testing.T) fixture {
	t.Helper()
	docs, arts, d := exampleData(t)
	ctx := context.Background()
	s := openStore(t)
	st, err := s.CreateStory(ctx, store.StoryRecord{})
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{store: s, storyID: st.ID}
	for i, doc := range docs {
		id, _, err := s.AddArticle(ctx, store.NewArticle{Document: doc})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveArticle(ctx, id, arts[i], nil); err != nil {
			t.Fatal(err)
		}
		if err := s.AssignArticle(ctx, id, st.ID); err != nil {
			t.Fatal(err)
		}
		f.articles = append(f.articles, id)
	}
	claimed, err := s.Claim(ctx, "test", len(docs), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range claimed {
		if err := s.Complete(ctx, a.ID, "test"); err != nil {
			t.Fatal(err)
		}
	}
	rec, err := s.GetStory(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	d.Story.ID = st.ID
	if _, err := s.PutDossier(ctx, st.ID, rec.Revision, &d); err != nil {
		t.Fatal(err)
	}
	dr, err := s.GetDossier(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.dossier, err = dr.Dossier(); err != nil {
		t.Fatal(err)
	}
	return f
}

func newHandler(t *testing.T, opts Options) http.Handler {
	t.Helper()
	h, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// response is what a request returned.
type response struct {
	code   int
	header http.Header
	body   string
}

func do(t *testing.T, h http.Handler, req *http.Request) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := response{code: rec.Code, header: rec.Header(), body: rec.Body.String()}
	// Every response has a type and the policy, whatever its status.
	// (A 304 has no body, and net/http strips its Content-Type.)
	if res.header.Get("Content-Type") == "" && res.code != http.StatusNotModified {
		t.Errorf("%s %s: no Content-Type", req.Method, req.URL)
	}
	if got := res.header.Get("Content-Security-Policy"); got != contentSecurityPolicy {
		t.Errorf("%s %s: Content-Security-Policy = %q, want %q", req.Method, req.URL, got, contentSecurityPolicy)
	}
	return res
}

func get(t *testing.T, h http.Handler, target string) response {
	t.Helper()
	return do(t, h, httptest.NewRequest(http.MethodGet, target, nil))
}

func post(t *testing.T, h http.Handler, target string, form url.Values) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(t, h, req)
}

func wantCode(t *testing.T, what string, res response, code int) {
	t.Helper()
	if res.code != code {
		t.Fatalf("%s: status %d, want %d\n%.2000s", what, res.code, code, res.body)
	}
}

func TestStoryList(t *testing.T) {
	f := exampleFixture(t)
	h := newHandler(t, Options{Store: f.store})
	title := html.EscapeString(f.dossier.Story.Title)

	res := get(t, h, "/")
	wantCode(t, "GET /", res, http.StatusOK)
	for _, want := range []string{
		`<html lang="en">`,
		`name="viewport"`,
		`href="#main"`,
		`<nav aria-label="Main">`,
		`href="/stories/` + f.storyID + `"`,
		title,
		"5 articles",
		`<label for="q">`,
		`hx-trigger="input changed delay:300ms`,
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("GET / lacks %q", want)
		}
	}
	if strings.Contains(res.body, `class="welcome"`) {
		t.Errorf("GET / shows the welcome box with a story in the store")
	}

	for _, order := range []string{"updated", "articles"} {
		res := get(t, h, "/?order="+order)
		wantCode(t, "GET /?order="+order, res, http.StatusOK)
		if !strings.Contains(res.body, title) {
			t.Errorf("order %s: the story is missing", order)
		}
		if !strings.Contains(res.body, `value="`+order+`" selected`) {
			t.Errorf("order %s is not selected in the form", order)
		}
	}
}

func TestSearch(t *testing.T) {
	f := exampleFixture(t)
	h := newHandler(t, Options{Store: f.store})
	link := `href="/stories/` + f.storyID + `"`

	tests := []struct {
		q     string
		found bool
	}{
		// In the text of the articles, not the story title.
		{"Tiani", true},
		{"air defence Niger", true},
		// Words no article holds.
		{"xylophonequux", false},
		{"Tiani xylophonequux", false},
	}
	for _, tt := range tests {
		res := get(t, h, "/?q="+url.QueryEscape(tt.q))
		wantCode(t, "search "+tt.q, res, http.StatusOK)
		if got := strings.Contains(res.body, link); got != tt.found {
			t.Errorf("search %q found the story = %v, want %v", tt.q, got, tt.found)
		}
		if !tt.found && !strings.Contains(res.body, "No story matches") {
			t.Errorf("search %q: no message for an empty result", tt.q)
		}
		if strings.Contains(res.body, `class="welcome"`) {
			t.Errorf("search %q shows the welcome box", tt.q)
		}
	}
}

func TestSearchFragment(t *testing.T) {
	f := exampleFixture(t)
	h := newHandler(t, Options{Store: f.store})

	req := httptest.NewRequest(http.MethodGet, "/?q=Tiani", nil)
	req.Header.Set("HX-Request", "true")
	res := do(t, h, req)
	wantCode(t, "htmx search", res, http.StatusOK)
	if strings.Contains(res.body, "<html") || strings.Contains(res.body, "<nav aria-label=\"Main\">") {
		t.Errorf("htmx request got a whole page:\n%.500s", res.body)
	}
	if !strings.HasPrefix(res.body, `<div id="stories"`) || !strings.Contains(res.body, `href="/stories/`+f.storyID+`"`) {
		t.Errorf("htmx request did not get the list fragment:\n%.500s", res.body)
	}
	if !strings.Contains(res.header.Get("Vary"), "HX-Request") {
		t.Errorf("Vary = %q, want HX-Request in it", res.header.Get("Vary"))
	}

	// Going back to a pushed URL whose snapshot htmx lost needs the page.
	req = httptest.NewRequest(http.MethodGet, "/?q=Tiani", nil)
	req.Header.Set("HX-Request", "true")
	req.Header.Set("HX-History-Restore-Request", "true")
	res = do(t, h, req)
	if !strings.Contains(res.body, "<html") {
		t.Errorf("history restore got a fragment")
	}
}

func TestPaging(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	for i := range store.DefaultPageSize + 2 {
		if _, err := s.CreateStory(ctx, store.StoryRecord{Title: fmt.Sprintf("Story number %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	h := newHandler(t, Options{Store: s})
	res := get(t, h, "/")
	m := regexp.MustCompile(`<a href="([^"]*)" rel="next">`).FindStringSubmatch(res.body)
	if m == nil {
		t.Fatalf("first page has no next link")
	}
	next := html.UnescapeString(m[1])
	res = get(t, h, next)
	wantCode(t, "next page", res, http.StatusOK)
	if n := strings.Count(res.body, `class="story-title"`); n != 2 {
		t.Errorf("second page has %d stories, want 2", n)
	}
	if !strings.Contains(res.body, ">First page</a>") || strings.Contains(res.body, `rel="next"`) {
		t.Errorf("second page: wrong pager")
	}
	res = get(t, h, "/?cursor=garbage!")
	wantCode(t, "bad cursor", res, http.StatusBadRequest)
}

func TestStoryPage(t *testing.T) {
	f := exampleFixture(t)
	h := newHandler(t, Options{Store: f.store})
	res := get(t, h, "/stories/"+f.storyID)
	wantCode(t, "story", res, http.StatusOK)
	body := res.body

	// The facts × sources matrix has one column per source.
	facts := strings.Index(body, "Facts × sources")
	if facts < 0 {
		t.Fatal("no facts section")
	}
	head := body[facts:]
	head = head[strings.Index(head, "<thead>"):]
	head = head[:strings.Index(head, "</thead>")]
	if n := strings.Count(head, `<th scope="col"><a class="src"`); n != 5 {
		t.Errorf("matrix has %d source columns, want 5", n)
	}

	// The conflict over the number of trainers (the dossier calls them
	// instructors) shows both sides.
	var trainers *news.Conflict
	for i, c := range f.dossier.Conflicts {
		if strings.Contains(c.About, "instructors") || strings.Contains(c.About, "trainers") {
			trainers = &f.dossier.Conflicts[i]
		}
	}
	if trainers == nil {
		t.Fatalf("the example dossier has no conflict about the trainers: %+v", f.dossier.Conflicts)
	}
	if !strings.Contains(body, html.EscapeString(trainers.About)) {
		t.Errorf("page lacks the conflict %q", trainers.About)
	}
	for _, v := range trainers.Variants {
		if !strings.Contains(body, `<div class="value">`+html.EscapeString(v.Value)+`</div>`) {
			t.Errorf("page lacks the side %q of the conflict", v.Value)
		}
	}

	// The timeline chart, accessible, inside the timeline section.
	svg := strings.Index(body, "<svg")
	if svg < 0 || svg < strings.Index(body, `-section-timeline"`) {
		t.Fatalf("no timeline chart in the timeline section")
	}
	chart := body[svg : strings.Index(body, "</svg>")+len("</svg>")]
	for _, want := range []string{`role="img"`, `aria-label="Timeline chart:`, "<title>", "2024-04-10"} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart lacks %q", want)
		}
	}

	// Each source links to its stored article.
	for _, id := range f.articles {
		if !strings.Contains(body, fmt.Sprintf(`href="/articles/%d"`, id)) {
			t.Errorf("no link to article %d", id)
		}
	}
	for _, want := range []string{"Summary", "Entities", "Quotes", "Removed by cleaning", `<h1>`} {
		if !strings.Contains(body, want) {
			t.Errorf("story page lacks %q", want)
		}
	}
	if strings.Contains(body, `http-equiv="refresh"`) {
		t.Errorf("a built story refreshes itself")
	}
}

func TestStoryMerged(t *testing.T) {
	f := exampleFixture(t)
	ctx := context.Background()
	other, err := f.store.CreateStory(ctx, store.StoryRecord{Title: "A duplicate"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.MergeStories(ctx, other.ID, f.storyID); err != nil {
		t.Fatal(err)
	}
	h := newHandler(t, Options{Store: f.store})
	res := get(t, h, "/stories/"+other.ID)
	if res.code != http.StatusMovedPermanently && res.code != http.StatusPermanentRedirect {
		t.Fatalf("merged story: status %d, want a permanent redirect", res.code)
	}
	if got := res.header.Get("Location"); got != "/stories/"+f.storyID {
		t.Errorf("merged story redirects to %q, want /stories/%s", got, f.storyID)
	}
}

func TestStoryBuilding(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	st, err := s.CreateStory(ctx, store.StoryRecord{Title: "Fresh story"})
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := s.AddArticle(ctx, store.NewArticle{Document: news.Document{Input: "https://example.org/a", Content: "Some text.", ContentKind: news.KindText}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AssignArticle(ctx, id, st.ID); err != nil {
		t.Fatal(err)
	}
	h := newHandler(t, Options{Store: s})
	res := get(t, h, "/stories/"+st.ID)
	wantCode(t, "story without dossier", res, http.StatusOK)
	for _, want := range []string{`<meta http-equiv="refresh" content="5">`, "being built", "Fresh story", fmt.Sprintf(`href="/articles/%d"`, id)} {
		if !strings.Contains(res.body, want) {
			t.Errorf("building page lacks %q", want)
		}
	}
}

var markRE = regexp.MustCompile(`<mark title="[^"]*">([^<]*)</mark>`)

func TestArticlePage(t *testing.T) {
	f := exampleFixture(t)
	h := newHandler(t, Options{Store: f.store})
	ctx := context.Background()
	marked := 0
	for i, id := range f.articles {
		a, err := f.store.GetArticle(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		res := get(t, h, fmt.Sprintf("/articles/%d", id))
		wantCode(t, "article", res, http.StatusOK)
		if !strings.Contains(res.body, html.EscapeString(a.Article.Title)) {
			t.Errorf("article %d: title missing", id)
		}
		if !strings.Contains(res.body, `href="/stories/`+f.storyID+`"`) {
			t.Errorf("article %d: no link to its story", id)
		}
		// Every mark is exactly a cited piece of the article's text.
		src := f.dossier.Sources[i]
		for _, m := range markRE.FindAllStringSubmatch(res.body, -1) {
			text := html.UnescapeString(m[1])
			if text == "" || !strings.Contains(a.Article.Text, text) {
				t.Errorf("article %d: marked %q is not in its text", id, text)
			}
			if !citedBy(f.dossier, src.ID, text) {
				t.Errorf("article %d: marked %q is not in any evidence of %s", id, text, src.ID)
			}
			marked++
		}
		for _, r := range a.Article.Removed {
			if !strings.Contains(res.body, html.EscapeString(r.Text)) {
				t.Errorf("article %d: removed piece %q not in the audit", id, r.Text)
			}
		}
		if strings.Contains(res.body, `http-equiv="refresh"`) {
			t.Errorf("article %d: a processed article refreshes itself", id)
		}
	}
	if marked == 0 {
		t.Errorf("no article has a cited sentence marked")
	}
}

// citedBy reports whether text is (part of) a piece of evidence of src.
func citedBy(d *news.Dossier, src, text string) bool {
	var evs []news.Evidence
	for _, f := range d.Facts {
		evs = append(evs, f.Evidence...)
	}
	for _, c := range d.Conflicts {
		for _, v := range c.Variants {
			evs = append(evs, v.Evidence...)
		}
	}
	for _, e := range d.Timeline {
		evs = append(evs, e.Evidence...)
	}
	for _, q := range d.Quotes {
		evs = append(evs, q.Evidence...)
	}
	for _, e := range evs {
		// Overlapping evidence is merged into one mark, so a mark may span
		// two pieces; it then starts with one of them.
		if e.Source == src && (strings.Contains(e.Text, text) || strings.HasPrefix(text, e.Text)) {
			return true
		}
	}
	return false
}

func TestArticleStatuses(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	add := func(content string) int64 {
		id, _, err := s.AddArticle(ctx, store.NewArticle{Document: news.Document{Input: "in-" + content, Content: content, ContentKind: news.KindText}})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	queued := add("queued one")
	failed := add("failed one")
	claimed, err := s.Claim(ctx, "w", 2, time.Minute)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("Claim = %d, %v", len(claimed), err)
	}
	if err := s.Fail(ctx, failed, "w", "could not parse <b>this</b>"); err != nil {
		t.Fatal(err)
	}
	h := newHandler(t, Options{Store: s})

	res := get(t, h, fmt.Sprintf("/articles/%d", queued))
	wantCode(t, "processing article", res, http.StatusOK)
	if !strings.Contains(res.body, "processing") || !strings.Contains(res.body, `http-equiv="refresh"`) {
		t.Errorf("processing article: no status or refresh")
	}
	res = get(t, h, fmt.Sprintf("/articles/%d", failed))
	if !strings.Contains(res.body, "failed") || !strings.Contains(res.body, "could not parse &lt;b&gt;this&lt;/b&gt;") {
		t.Errorf("failed article: status or escaped error missing:\n%s", res.body)
	}
}

func TestEscaping(t *testing.T) {
	const evil = `<script>alert(1)</script>`
	s := openStore(t)
	ctx := context.Background()
	st, err := s.CreateStory(ctx, store.StoryRecord{Title: "Story " + evil})
	if err != nil {
		t.Fatal(err)
	}
	doc := news.Document{Input: "evil.html", URL: "https://example.org/evil?a=1&b=2", Content: "<p>" + evil + "</p>", ContentKind: news.KindHTML}
	id, _, err := s.AddArticle(ctx, store.NewArticle{Document: doc})
	if err != nil {
		t.Fatal(err)
	}
	text := "Body " + evil + " end.\n\nSecond <img src=x onerror=alert(2)> paragraph."
	art := &news.Article{
		Input: doc.Input, URL: doc.URL, Title: "Title " + evil, Outlet: "Outlet " + evil,
		Text:     text,
		Removed:  []news.Removed{{Kind: news.RemovedCaption, Text: "Caption " + evil, Reason: "caption rule"}},
		Captions: []string{"Caption " + evil},
	}
	if err := s.SaveArticle(ctx, id, art, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.AssignArticle(ctx, id, st.ID); err != nil {
		t.Fatal(err)
	}
	rec, err := s.GetStory(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	// A dossier citing the evil sentence, so that it is marked too.
	outlet := art.Outlet
	start := strings.Index(text, evil)
	d := &news.Dossier{
		Schema: news.SchemaID,
		Story:  news.Story{ID: st.ID, Title: "Story " + evil},
		Sources: []news.Source{{ID: "s1", Input: doc.Input, URL: doc.URL, Outlet: &outlet, Title: art.Title, Text: text,
			Removed: art.Removed, Captions: art.Captions}},
		Facts: []news.Fact{{ID: "f1", Text: "Fact " + evil, Status: news.StatusSingleSource, IndependentSources: 1,
			Evidence: []news.Evidence{{Source: "s1", Text: evil, Start: start, End: start + len(evil)}}}},
		Timeline: []news.Event{{Date: "2024-04-10", Text: "Event " + evil, Evidence: []news.Evidence{{Source: "s1", Text: evil, Start: start, End: start + len(evil)}}}},
	}
	if _, err := s.PutDossier(ctx, st.ID, rec.Revision, d); err != nil {
		t.Fatal(err)
	}
	h := newHandler(t, Options{Store: s})

	for _, target := range []string{"/", "/?q=alert", "/stories/" + st.ID, fmt.Sprintf("/articles/%d", id)} {
		res := get(t, h, target)
		wantCode(t, target, res, http.StatusOK)
		low := strings.ToLower(res.body)
		if strings.Contains(low, "<script>alert") || strings.Contains(low, "<img src=x") {
			t.Errorf("%s: article markup came through unescaped:\n%s", target, res.body)
		}
		if !strings.Contains(res.body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the escaped text is missing", target)
		}
	}
	res := get(t, h, fmt.Sprintf("/articles/%d", id))
	if !strings.Contains(res.body, `<mark title="Cited by fact: Fact &lt;script&gt;alert(1)&lt;/script&gt;; timeline: 2024-04-10">&lt;script&gt;alert(1)&lt;/script&gt;</mark>`) {
		t.Errorf("article: the cited sentence is not marked once with both citations:\n%s", res.body)
	}
	if !strings.Contains(res.body, `<a href="https://example.org/evil?a=1&amp;b=2" rel="noopener noreferrer nofollow">`) {
		t.Errorf("article: no safe link to its URL")
	}
}

func TestArticleJavascriptURL(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	doc := news.Document{Input: "x", URL: "javascript:alert(1)", Content: "text", ContentKind: news.KindText}
	id, _, err := s.AddArticle(ctx, store.NewArticle{Document: doc})
	if err != nil {
		t.Fatal(err)
	}
	res := get(t, newHandler(t, Options{Store: s}), fmt.Sprintf("/articles/%d", id))
	if strings.Contains(res.body, `href="javascript:`) {
		t.Errorf("article links a javascript: URL")
	}
}

func TestWelcome(t *testing.T) {
	s := openStore(t)
	demo := func(context.Context) error { return nil }

	res := get(t, newHandler(t, Options{Store: s, Demo: demo}), "/")
	wantCode(t, "empty store", res, http.StatusOK)
	for _, want := range []string{`class="welcome"`, `action="/demo"`, "Load the example", `href="/feeds"`, "triangulate add"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("welcome lacks %q", want)
		}
	}
	res = get(t, newHandler(t, Options{Store: s}), "/")
	if !strings.Contains(res.body, `class="welcome"`) || strings.Contains(res.body, `action="/demo"`) {
		t.Errorf("without Demo: welcome box missing or demo button shown")
	}
	// A search over the empty store is not a welcome.
	res = get(t, newHandler(t, Options{Store: s, Demo: demo}), "/?q=anything")
	if strings.Contains(res.body, `class="welcome"`) {
		t.Errorf("search over the empty store shows the welcome box")
	}
}

func TestDemo(t *testing.T) {
	s := openStore(t)
	calls := 0
	h := newHandler(t, Options{Store: s, Demo: func(ctx context.Context) error { calls++; return nil }})
	res := post(t, h, "/demo", nil)
	wantCode(t, "POST /demo", res, http.StatusSeeOther)
	if res.header.Get("Location") != "/" || calls != 1 {
		t.Errorf("POST /demo: Location %q, %d calls; want / and 1", res.header.Get("Location"), calls)
	}

	var logs bytes.Buffer
	h = newHandler(t, Options{Store: s, Logger: slog.New(slog.NewTextHandler(&logs, nil)),
		Demo: func(ctx context.Context) error { return errors.New("demo: /secret/path unreadable") }})
	res = post(t, h, "/demo", nil)
	wantCode(t, "failing demo", res, http.StatusInternalServerError)
	if strings.Contains(res.body, "secret") || !strings.Contains(logs.String(), "secret") {
		t.Errorf("a failing demo must be logged and not shown")
	}

	res = post(t, newHandler(t, Options{Store: s}), "/demo", nil)
	wantCode(t, "POST /demo without Demo", res, http.StatusNotFound)
}

func TestFeeds(t *testing.T) {
	s := openStore(t)
	changed := 0
	h := newHandler(t, Options{Store: s, FeedsChanged: func() { changed++ }})

	res := get(t, h, "/feeds")
	wantCode(t, "feeds", res, http.StatusOK)
	for _, want := range []string{"No feeds yet", `action="/feeds"`, `<label for="feed-url">`, `href="/api/feeds.opml"`, `aria-current="page">Feeds`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("feeds page lacks %q", want)
		}
	}
	if strings.Contains(res.body, `action="/feeds/opml"`) {
		t.Errorf("import form shown without ImportOPML")
	}

	// Rejected addresses: the form comes back with the value and a message.
	for _, tt := range []struct {
		url  string
		code int
	}{
		{"", http.StatusBadRequest},
		{"not a url", http.StatusBadRequest},
		{"ftp://example.org/feed", http.StatusBadRequest},
		{"https://", http.StatusBadRequest},
		{"javascript:alert(1)", http.StatusBadRequest},
		{"https://user:pw@example.org/feed", http.StatusBadRequest},
	} {
		res := post(t, h, "/feeds", url.Values{"url": {tt.url}})
		if res.code != tt.code || !strings.Contains(res.body, `role="alert"`) {
			t.Errorf("add %q: status %d, want %d with a message", tt.url, res.code, tt.code)
		}
	}
	if changed != 0 {
		t.Errorf("FeedsChanged called %d times for rejected feeds", changed)
	}

	const feed = "https://example.org/feed.xml"
	res = post(t, h, "/feeds", url.Values{"url": {feed}})
	wantCode(t, "add feed", res, http.StatusSeeOther)
	if changed != 1 {
		t.Errorf("FeedsChanged called %d times, want 1", changed)
	}
	res = get(t, h, res.header.Get("Location"))
	if !strings.Contains(res.body, feed) || !strings.Contains(res.body, "Feed added") {
		t.Errorf("the added feed is not listed")
	}
	res = post(t, h, "/feeds", url.Values{"url": {feed}})
	wantCode(t, "add a known feed", res, http.StatusConflict)

	feeds, err := s.ListFeeds(context.Background())
	if err != nil || len(feeds) != 1 {
		t.Fatalf("ListFeeds = %v, %v", feeds, err)
	}
	del := fmt.Sprintf("/feeds/%d/delete", feeds[0].ID)
	if !strings.Contains(get(t, h, "/feeds").body, `action="`+del+`"`) {
		t.Errorf("no delete button for the feed")
	}
	res = post(t, h, del, nil)
	wantCode(t, "delete feed", res, http.StatusSeeOther)
	if changed != 2 {
		t.Errorf("FeedsChanged called %d times, want 2", changed)
	}
	if feeds, _ := s.ListFeeds(context.Background()); len(feeds) != 0 {
		t.Errorf("feed not deleted")
	}
	wantCode(t, "delete again", post(t, h, del, nil), http.StatusNotFound)
	wantCode(t, "delete bad id", post(t, h, "/feeds/x/delete", nil), http.StatusNotFound)
}

// opmlRequest is a multipart POST of an OPML file and the form's fields.
func opmlRequest(t *testing.T, content string, fields url.Values) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile("opml", "feeds.opml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fw, content)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/feeds/opml", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

func TestImportOPML(t *testing.T) {
	s := openStore(t)
	changed := 0
	var got string
	h := newHandler(t, Options{Store: s, FeedsChanged: func() { changed++ },
		ImportOPML: func(ctx context.Context, r io.Reader) (int, int, error) {
			b, err := io.ReadAll(r)
			got = string(b)
			return 2, 1, err
		}})
	if !strings.Contains(get(t, h, "/feeds").body, `action="/feeds/opml"`) {
		t.Errorf("no import form")
	}
	res := do(t, h, opmlRequest(t, "<opml/>", nil))
	wantCode(t, "import", res, http.StatusSeeOther)
	if got != "<opml/>" || changed != 1 {
		t.Errorf("ImportOPML read %q, FeedsChanged %d times", got, changed)
	}
	res = get(t, h, res.header.Get("Location"))
	if !strings.Contains(res.body, "2 feeds added, 1 skipped") {
		t.Errorf("no import notice")
	}

	h = newHandler(t, Options{Store: s, ImportOPML: func(context.Context, io.Reader) (int, int, error) {
		return 0, 0, errors.New("opml: not OPML")
	}})
	wantCode(t, "import a bad file", do(t, h, opmlRequest(t, "junk", nil)), http.StatusBadRequest)
	wantCode(t, "import without ImportOPML", do(t, newHandler(t, Options{Store: s}), opmlRequest(t, "<opml/>", nil)), http.StatusNotFound)
}

func TestToken(t *testing.T) {
	s := openStore(t)
	demoCalls := 0
	imported := 0
	h := newHandler(t, Options{Store: s, Token: "s3cret",
		Demo: func(context.Context) error { demoCalls++; return nil },
		ImportOPML: func(context.Context, io.Reader) (int, int, error) {
			imported++
			return 1, 0, nil
		}})

	// Every write form asks for the token.
	for _, target := range []string{"/", "/feeds"} {
		if !strings.Contains(get(t, h, target).body, `<input type="password" name="token"`) {
			t.Errorf("%s: a write form has no token field", target)
		}
	}

	for _, tok := range []string{"", "wrong", "s3cre", "s3crett"} {
		form := url.Values{"url": {"https://example.org/feed"}}
		if tok != "" {
			form.Set("token", tok)
		}
		wantCode(t, "add feed with token "+tok, post(t, h, "/feeds", form), http.StatusForbidden)
		wantCode(t, "demo with token "+tok, post(t, h, "/demo", form), http.StatusForbidden)
		wantCode(t, "import with token "+tok, do(t, h, opmlRequest(t, "<opml/>", form)), http.StatusForbidden)
	}
	if demoCalls != 0 || imported != 0 {
		t.Fatalf("a write went through without the token")
	}
	if feeds, _ := s.ListFeeds(context.Background()); len(feeds) != 0 {
		t.Fatalf("a feed was added without the token")
	}

	ok := url.Values{"url": {"https://example.org/feed"}, "token": {"s3cret"}}
	wantCode(t, "add feed with the token", post(t, h, "/feeds", ok), http.StatusSeeOther)
	wantCode(t, "demo with the token", post(t, h, "/demo", ok), http.StatusSeeOther)
	wantCode(t, "import with the token", do(t, h, opmlRequest(t, "<opml/>", ok)), http.StatusSeeOther)
	feeds, _ := s.ListFeeds(context.Background())
	if len(feeds) != 1 {
		t.Fatalf("feeds = %v", feeds)
	}
	del := fmt.Sprintf("/feeds/%d/delete", feeds[0].ID)
	wantCode(t, "delete without the token", post(t, h, del, nil), http.StatusForbidden)
	wantCode(t, "delete with the token", post(t, h, del, url.Values{"token": {"s3cret"}}), http.StatusSeeOther)
}

func TestCrossSitePost(t *testing.T) {
	s := openStore(t)
	h := newHandler(t, Options{Store: s})
	req := httptest.NewRequest(http.MethodPost, "/feeds", strings.NewReader("url=https%3A%2F%2Fexample.org%2Ffeed"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	wantCode(t, "cross-site post", do(t, h, req), http.StatusForbidden)
	if feeds, _ := s.ListFeeds(context.Background()); len(feeds) != 0 {
		t.Errorf("a cross-site form added a feed")
	}
}

func TestNotFound(t *testing.T) {
	s := openStore(t)
	h := newHandler(t, Options{Store: s})
	for _, target := range []string{"/stories/st-nope", "/articles/999", "/articles/abc", "/articles/-1", "/nothing", "/static/nope.js"} {
		res := get(t, h, target)
		wantCode(t, target, res, http.StatusNotFound)
		if strings.HasPrefix(res.header.Get("Content-Type"), "text/html") && !strings.Contains(res.body, "Not Found") {
			t.Errorf("%s: the error page does not say Not Found", target)
		}
	}
}

// failingStore fails the calls the pages make first.
type failingStore struct{ store.Store }

var errSecret = errors.New("sqlite: disk I/O error at /var/lib/secret.db")

func (failingStore) ListStories(context.Context, store.StoryQuery) (store.StoryPage, error) {
	return store.StoryPage{}, errSecret
}
func (failingStore) GetStory(context.Context, string) (store.StoryRecord, error) {
	return store.StoryRecord{}, errSecret
}
func (failingStore) GetArticle(context.Context, int64) (store.ArticleRecord, error) {
	return store.ArticleRecord{}, errSecret
}
func (failingStore) ListFeeds(context.Context) ([]store.Feed, error) { return nil, errSecret }

func TestStoreErrors(t *testing.T) {
	var logs bytes.Buffer
	h := newHandler(t, Options{Store: failingStore{openStore(t)}, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	for _, target := range []string{"/", "/stories/st-1", "/articles/1", "/feeds"} {
		res := get(t, h, target)
		wantCode(t, target, res, http.StatusInternalServerError)
		if strings.Contains(res.body, "secret") || strings.Contains(res.body, "sqlite") {
			t.Errorf("%s: the page shows the store's error", target)
		}
	}
	if n := strings.Count(logs.String(), "secret.db"); n != 4 {
		t.Errorf("%d store errors logged, want 4:\n%s", n, logs.String())
	}
}

func TestStatic(t *testing.T) {
	h := newHandler(t, Options{Store: openStore(t)})
	for _, tt := range []struct{ path, ctype, contains string }{
		{"/static/htmx.min.js", "text/javascript", "htmx"},
		{"/static/app.css", "text/css", ".skip"},
		{"/static/dossier.css", "text/css", ".variants"},
		{"/static/LICENSE-htmx.txt", "text/plain", "Zero-Clause BSD"},
	} {
		res := get(t, h, tt.path)
		wantCode(t, tt.path, res, http.StatusOK)
		if !strings.HasPrefix(res.header.Get("Content-Type"), tt.ctype) || !strings.Contains(res.body, tt.contains) {
			t.Errorf("%s: Content-Type %q, or content lacks %q", tt.path, res.header.Get("Content-Type"), tt.contains)
		}
		if !strings.Contains(res.header.Get("Cache-Control"), "max-age") || res.header.Get("ETag") == "" {
			t.Errorf("%s: no cache headers", tt.path)
		}
	}
	// The pages link versioned addresses, cached for good.
	page := get(t, h, "/").body
	m := regexp.MustCompile(`src="(/static/htmx\.min\.js\?v=[0-9a-f]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page does not load htmx from /static/")
	}
	res := get(t, h, m[1])
	if !strings.Contains(res.header.Get("Cache-Control"), "immutable") {
		t.Errorf("versioned file: Cache-Control %q", res.header.Get("Cache-Control"))
	}
	req := httptest.NewRequest(http.MethodGet, m[1], nil)
	req.Header.Set("If-None-Match", res.header.Get("ETag"))
	if res := do(t, h, req); res.code != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", res.code)
	}
}

func TestNewNeedsStore(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Errorf("New without a store succeeded")
	}
}

// The story page links its dossier as files to download; each export is
// the dossier rendered in that format, and an unknown format is a 404.
func TestExport(t *testing.T) {
	f := exampleFixture(t)
	h := newHandler(t, Options{Store: f.store})
	page := get(t, h, "/stories/"+f.storyID).body
	for _, format := range []string{"md", "json", "html", "text"} {
		link := exportPath(f.storyID, format)
		if !strings.Contains(page, `href="`+link+`"`) {
			t.Errorf("the story page has no link to %s", link)
		}
		res := get(t, h, link)
		wantCode(t, "export "+format, res, http.StatusOK)
		if cd := res.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=") {
			t.Errorf("export %s: Content-Disposition %q", format, cd)
		}
		if id := f.dossier.Story.ID; !strings.Contains(res.body, id) {
			t.Errorf("export %s lacks the story's id %q", format, id)
		}
	}
	var d news.Dossier
	if err := json.Unmarshal([]byte(get(t, h, exportPath(f.storyID, "json")).body), &d); err != nil || len(d.Facts) != len(f.dossier.Facts) {
		t.Errorf("the JSON export is not the dossier: %v, %d facts", err, len(d.Facts))
	}
	wantCode(t, "export pdf", get(t, h, exportPath(f.storyID, "pdf")), http.StatusNotFound)
	wantCode(t, "export of no story", get(t, h, exportPath("st-none", "md")), http.StatusNotFound)
}

// The "Add an article" form queues what a person pastes or points to and
// shows the article's page; a rejected one comes back with the reason and
// the fields as typed.
func TestAddArticleForm(t *testing.T) {
	st := openStore(t)
	var got []string
	add := func(_ context.Context, u, title, text string) (int64, error) {
		if text == "" && u == "" {
			return 0, errors.New("give an address or paste the article's text")
		}
		got = append(got, u+"|"+title+"|"+text)
		return 42, nil
	}
	h := newHandler(t, Options{Store: st, AddArticle: add})
	page := get(t, h, "/add")
	wantCode(t, "add form", page, http.StatusOK)
	for _, want := range []string{`<form method="post" action="/add">`, `name="url"`, `name="title"`, `<textarea id="add-text" name="text"`, `href="/add" aria-current="page"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the add page lacks %q", want)
		}
	}
	res := post(t, h, "/add", url.Values{"title": {"Bridge opens"}, "text": {"A bridge opened in Lunden on Sunday."}})
	if res.code != http.StatusSeeOther || res.header.Get("Location") != "/articles/42" {
		t.Errorf("adding text: status %d, Location %q; want 303 to /articles/42", res.code, res.header.Get("Location"))
	}
	if len(got) != 1 || got[0] != "|Bridge opens|A bridge opened in Lunden on Sunday." {
		t.Errorf("AddArticle got %q", got)
	}
	res = post(t, h, "/add", url.Values{"title": {"Only a title <b>"}})
	wantCode(t, "adding nothing", res, http.StatusUnprocessableEntity)
	if !strings.Contains(res.body, "give an address or paste") || !strings.Contains(res.body, `value="Only a title &lt;b&gt;"`) {
		t.Errorf("a rejected article: no reason or the title is lost:\n%.1500s", res.body)
	}

	h = newHandler(t, Options{Store: st})
	wantCode(t, "add form without AddArticle", get(t, h, "/add"), http.StatusNotFound)
	if strings.Contains(get(t, h, "/").body, `href="/add"`) {
		t.Error("the nav links to a form the server does not offer")
	}
}

// While work is pending the story list says so, with the failures.
func TestQueueLine(t *testing.T) {
	f := exampleFixture(t)
	h := newHandler(t, Options{Store: f.store})
	if body := get(t, h, "/").body; strings.Contains(body, "Work in progress") {
		t.Errorf("the list reports work with none pending")
	}
	for i := range 3 {
		d := news.Document{Input: fmt.Sprintf("queued-%d", i), Kind: news.KindText, ContentKind: news.KindText, Content: fmt.Sprintf("Queued article %d.", i)}
		if _, _, err := f.store.AddArticle(t.Context(), store.NewArticle{Document: d}); err != nil {
			t.Fatal(err)
		}
	}
	if body := get(t, h, "/").body; !strings.Contains(body, "Work in progress: 3 articles waiting.") {
		t.Errorf("the list does not say 3 articles wait:\n%.1500s", body)
	}
	if got := queueLine(map[store.Status]int{store.StatusQueued: 1, store.StatusProcessing: 2, store.StatusFailed: 1, store.StatusDone: 9}); got != "1 article waiting, 2 being processed, 1 failed" {
		t.Errorf("queueLine = %q", got)
	}
}

// A dossier's later version links what changed since the one before: the
// new facts, the facts whose standing moved, the new conflicts.
func TestChangesPage(t *testing.T) {
	f := exampleFixture(t)
	h := newHandler(t, Options{Store: f.store})
	page := get(t, h, "/stories/"+f.storyID).body
	if strings.Contains(page, "what changed since") {
		t.Error("a dossier of one version links its changes")
	}
	wantCode(t, "changes of one version", get(t, h, "/stories/"+f.storyID+"/changes"), http.StatusNotFound)

	d := *f.dossier
	d.Facts = slices.Clone(d.Facts)
	d.Facts[0].Status, d.Facts[0].IndependentSources = news.StatusDisputed, 1
	d.Facts = append(d.Facts, news.Fact{ID: "f999", Text: "A new fact from the second version.", Status: news.StatusSingleSource, IndependentSources: 1,
		Evidence: []news.Evidence{{Source: d.Sources[0].ID, Text: "A new fact from the second version."}}})
	d.Conflicts = append(slices.Clone(d.Conflicts), news.Conflict{ID: "c99", About: "the day of the arrival", Kind: "date",
		Variants: []news.Variant{{Value: "Wednesday"}, {Value: "Thursday"}}})
	rec, err := f.store.GetStory(t.Context(), f.storyID)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Millisecond) // versions are told apart by their creation time
	if _, err := f.store.PutDossier(t.Context(), f.storyID, rec.Revision, &d); err != nil {
		t.Fatal(err)
	}
	page = get(t, h, "/stories/"+f.storyID).body
	link := changesPath(f.storyID, 1)
	if !strings.Contains(page, `href="`+html.EscapeString(link)+`"`) {
		t.Fatalf("version 2 does not link %s", link)
	}
	res := get(t, h, link)
	wantCode(t, "changes since version 1", res, http.StatusOK)
	for _, want := range []string{"What changed since version 1", "A new fact from the second version.", "the day of the arrival", "<strong>Wednesday</strong>", html.EscapeString(f.dossier.Facts[0].Text), "disputed, 1 independent"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the changes page lacks %q", want)
		}
	}
	wantCode(t, "changes since version 7", get(t, h, changesPath(f.storyID, 7)), http.StatusNotFound)
}
