package server

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/store"
)

// writes are the API's state-changing requests, each with a body its
// endpoint accepts from its own origin.
func apiWrites() []struct{ method, path, body, ct string } {
	return []struct{ method, path, body, ct string }{
		{"POST", "/api/articles", `{"title":"Forged","text":"A forged article about a bridge in Lunden."}`, "application/json"},
		{"POST", "/api/articles", "A forged article about a bridge in Lunden.", "text/plain"},
		{"POST", "/api/feeds", `{"url":"https://example.org/feed.xml"}`, "application/json"},
		{"POST", "/api/feeds.opml", `<opml version="2.0"><body><outline type="rss" xmlUrl="https://example.org/rss"/></body></opml>`, "text/x-opml"},
		{"PATCH", "/api/feeds/1", `{"title":"x"}`, "application/json"},
		{"DELETE", "/api/feeds/1", "", ""},
	}
}

// A write a page of another origin makes a browser send is refused,
// whatever the token setting, and nothing reaches the store; the same
// request from the server's own origin, or from no browser, is served.
func TestCrossOriginWritesRefused(t *testing.T) {
	for _, token := range []string{"", "secret"} {
		ts := newTestServer(t, func(c *Config) { c.Token = token })
		auth := []string{}
		if token != "" {
			auth = []string{"Authorization", "Bearer " + token}
		}
		for _, w := range apiWrites() {
			for _, hdr := range [][]string{
				{"Sec-Fetch-Site", "cross-site", "Origin", "http://evil.example"},
				{"Sec-Fetch-Site", "same-site", "Origin", "http://127.0.0.1:1"},
				{"Origin", "http://evil.example"}, // a browser without Sec-Fetch-Site
			} {
				h := append(append([]string{}, hdr...), auth...)
				if w.ct != "" {
					h = append(h, "Content-Type", w.ct)
				}
				ts.expect(t, w.method, w.path, w.body, 403, h...)
			}
		}
		if counts, feeds := ts.stored(t); len(counts) != 0 || len(feeds) != 0 {
			t.Errorf("token %q: cross-origin writes reached the store: articles %v, feeds %d", token, counts, len(feeds))
		}
		// The same origin, and no browser at all, may write.
		h := append([]string{"Sec-Fetch-Site", "same-origin", "Content-Type", "application/json"}, auth...)
		ts.expect(t, "POST", "/api/articles", `{"title":"Bridge","text":"A bridge opened in Lunden on Sunday."}`, 202, h...)
		ts.expect(t, "POST", "/api/feeds", `{"url":"https://example.org/feed.xml"}`, 201, append([]string{"Content-Type", "application/json"}, auth...)...)
	}
}

// A body of a type its endpoint does not take is refused with 415, naming
// the types it takes.
func TestWrongContentTypes(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, c := range []struct{ method, path, body, ct string }{
		{"POST", "/api/articles", "title=x&text=hello", "application/x-www-form-urlencoded"},
		{"POST", "/api/articles", "--b\r\n\r\nhello\r\n--b--", "multipart/form-data; boundary=b"},
		{"POST", "/api/articles", "<a>hello</a>", "application/xml"},
		{"POST", "/api/feeds", "url=https://example.org/feed.xml", "application/x-www-form-urlencoded"},
		{"POST", "/api/feeds", `{"url":"https://example.org/feed.xml"}`, "text/plain"},
		{"POST", "/api/feeds.opml", `{"x":1}`, "application/json"},
		{"PATCH", "/api/feeds/1", `{"title":"x"}`, "text/plain"},
	} {
		r := ts.expect(t, c.method, c.path, c.body, 415, "Content-Type", c.ct)
		if !containsAll(string(r.body), "not accepted", "send ") {
			t.Errorf("%s %s as %s: %s", c.method, c.path, c.ct, r.body)
		}
	}
	if counts, _ := ts.stored(t); len(counts) != 0 {
		t.Errorf("refused bodies reached the store: %v", counts)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// Every way a feed address enters — the API, the web form, an OPML import
// through the API or the page — goes through one check: a loopback or
// link-local address is refused by all of them and never stored.
func TestOneFeedAddressCheck(t *testing.T) {
	ts := newTestServer(t, nil)
	bad := []string{"http://127.0.0.1:9/feed", "http://169.254.169.254/x", "http://[::1]/feed", "https://user:secret@example.org/feed"}
	for _, u := range bad {
		ts.expect(t, "POST", "/api/feeds", map[string]string{"url": u}, 400)
		form := url.Values{"url": {u}}.Encode()
		if r := ts.do(t, "POST", "/feeds", form, "Content-Type", "application/x-www-form-urlencoded"); r.status != 400 || strings.Contains(string(r.body), "secret") {
			t.Errorf("web form with %s: status %d", u, r.status)
		}
	}
	opml := `<opml version="2.0"><body>`
	for _, u := range bad {
		opml += `<outline type="rss" xmlUrl="` + html.EscapeString(u) + `"/>`
	}
	opml += `</body></opml>`
	var counts struct{ Added, Skipped int }
	ts.expect(t, "POST", "/api/feeds.opml", opml, 200, "Content-Type", "text/x-opml").decode(t, &counts)
	if counts.Added != 0 || counts.Skipped != len(bad) {
		t.Errorf("API OPML import: %+v, want all %d skipped", counts, len(bad))
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("opml", "feeds.opml")
	fw.Write([]byte(opml))
	mw.Close()
	ts.do(t, "POST", "/feeds/opml", body.Bytes(), "Content-Type", mw.FormDataContentType())
	_, feeds := ts.stored(t)
	for _, f := range feeds {
		t.Errorf("stored %s", f.URL)
	}
}

// An article whose cleaned text is over the limit is marked failed with
// the reason, and no story or dossier grows with it.
func TestOversizedArticleFails(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.Processor.MaxArticleText = 2000 })
	long := strings.Repeat("The harbour of Lunden reopened on Sunday after the storm. ", 100)
	var got struct{ Articles []articleJSON }
	ts.expect(t, "POST", "/api/articles", long, 202, "Content-Type", "text/plain").decode(t, &got)
	ts.expect(t, "POST", "/api/articles", "A bridge opened in Lunden on Sunday. The minister, Per Olsson, cut the ribbon.", 202, "Content-Type", "text/plain")
	ts.drain(t)
	var a articleJSON
	ts.expect(t, "GET", fmt.Sprintf("/api/articles/%d", got.Articles[0].ID), nil, 200).decode(t, &a)
	if a.Status != "failed" || !strings.Contains(a.Error, "over the limit of 2000") || a.Story != "" {
		t.Errorf("oversized article: status %q, error %q, story %q", a.Status, a.Error, a.Story)
	}
}

// stored returns the articles by status and the feeds in the store.
func (ts *testServer) stored(t testing.TB) (map[store.Status]int, []store.Feed) {
	t.Helper()
	counts, err := ts.st.CountArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	feeds, err := ts.st.ListFeeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return counts, feeds
}
