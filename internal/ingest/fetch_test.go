package ingest

import (
	"compress/gzip"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
)

// newServer starts a local test server for the handlers of mux, closed when
// the test ends.
func newServer(t *testing.T, mux *http.ServeMux) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestReadURL(t *testing.T) {
	var (
		mu          sync.Mutex
		userAgent   string
		accept      string
		askedGzip   bool
		redirectHit int
	)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		userAgent, accept = r.UserAgent(), r.Header.Get("Accept")
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><p>Russia’s trainers</p></body></html>"))
	})
	mux.HandleFunc("GET /old", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		redirectHit++
		mu.Unlock()
		http.Redirect(w, r, "/older", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /older", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page", http.StatusFound)
	})
	mux.HandleFunc("GET /loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("GET /gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Write([]byte("not compressed"))
			return
		}
		mu.Lock()
		askedGzip = true
		mu.Unlock()
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write([]byte(strings.Repeat("Niamey compressed. ", 100)))
		zw.Close()
	})
	mux.HandleFunc("GET /latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.Write([]byte("<p>Le caf\xe9 de Niamey</p>"))
	})
	mux.HandleFunc("GET /latin1.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=iso-8859-1")
		w.Write([]byte("Le caf\xe9 de Niamey, \xe0 l'aube."))
	})
	mux.HandleFunc("GET /missing", func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		// Bounded: the client gives up first, and the handler never
		// outlives the test by more than a second.
		select {
		case <-r.Context().Done():
		case <-time.After(time.Second):
		}
	})
	mux.HandleFunc("GET /big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("x", 500)))
	})
	mux.HandleFunc("GET /big-stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 5 {
			w.Write([]byte(strings.Repeat("y", 100)))
			w.(http.Flusher).Flush() // chunked: no Content-Length to check first
		}
	})
	mux.HandleFunc("GET /feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(rssFeed))
	})
	mux.HandleFunc("GET /article.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"title":"T","text":"From JSON.","url":"https://example.com/canonical"}`))
	})
	mux.HandleFunc("GET /report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4\n\x00\x01\x02\x03binary"))
	})
	srv := newServer(t, mux)
	u := func(path string) string { return srv.URL + path }

	tests := []struct {
		name     string
		path     string
		opts     Options
		wantDocs []news.Document // Input defaults to the URL
		wantErr  string          // after "URL: "
		wantIs   error
	}{
		{name: "html page", path: "/page", wantDocs: []news.Document{{
			URL: u("/page"), Kind: news.KindHTML, ContentKind: news.KindHTML,
			Content: "<html><body><p>Russia’s trainers</p></body></html>",
		}}},
		{name: "redirects", path: "/old", wantDocs: []news.Document{{
			URL: u("/page"), Kind: news.KindHTML, ContentKind: news.KindHTML,
			Content: "<html><body><p>Russia’s trainers</p></body></html>",
		}}},
		{name: "gzip", path: "/gzip", wantDocs: []news.Document{{
			URL: u("/gzip"), Kind: news.KindText, ContentKind: news.KindText,
			Content: strings.Repeat("Niamey compressed. ", 100),
		}}},
		{name: "iso-8859-1 html", path: "/latin1", wantDocs: []news.Document{{
			URL: u("/latin1"), Kind: news.KindHTML, ContentKind: news.KindHTML,
			Content: "<p>Le café de Niamey</p>",
		}}},
		{name: "iso-8859-1 text", path: "/latin1.txt", wantDocs: []news.Document{{
			URL: u("/latin1.txt"), Kind: news.KindText, ContentKind: news.KindText,
			Content: "Le café de Niamey, à l'aube.",
		}}},
		{name: "json", path: "/article.json", wantDocs: []news.Document{{
			URL: "https://example.com/canonical", Kind: news.KindJSON, ContentKind: news.KindText,
			Content: "From JSON.", Title: "T",
		}}},

		{name: "404", path: "/missing", wantErr: "http status 404 Not Found", wantIs: ErrHTTPStatus},
		{name: "redirect loop", path: "/loop", wantErr: "too many redirects (more than 10)", wantIs: ErrFetch},
		{name: "timeout", path: "/slow", opts: Options{Timeout: 50 * time.Millisecond}, wantErr: "timeout after 50ms", wantIs: ErrTimeout},
		{name: "too large by length", path: "/big", opts: Options{MaxBytes: 100}, wantErr: "input too large (500 bytes, limit 100)", wantIs: ErrTooLarge},
		{name: "too large streamed", path: "/big-stream", opts: Options{MaxBytes: 100}, wantErr: "input too large (more than 100 bytes, limit 100)", wantIs: ErrTooLarge},
		{name: "pdf", path: "/report.pdf", wantErr: `unsupported content type "application/pdf"`, wantIs: ErrUnsupported},
	}
	for _, tt := range tests {
		in := u(tt.path)
		start := time.Now()
		docs, errs := Read(context.Background(), []string{in}, tt.opts)
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Errorf("%s: Read(%s) took %v, want well under 5s", tt.name, in, elapsed)
		}
		for i := range tt.wantDocs {
			tt.wantDocs[i].Input = in
		}
		if len(docs) != len(tt.wantDocs) {
			t.Errorf("%s: Read(%s) = %d documents, want %d (errors %v)", tt.name, in, len(docs), len(tt.wantDocs), errs)
		} else {
			for i := range docs {
				if docs[i] != tt.wantDocs[i] {
					t.Errorf("%s: Read(%s) document %d = %+v, want %+v", tt.name, in, i, docs[i], tt.wantDocs[i])
				}
			}
		}
		if tt.wantErr == "" {
			if len(errs) != 0 {
				t.Errorf("%s: Read(%s) errors = %v, want none", tt.name, in, errs)
			}
			continue
		}
		want := in + ": " + tt.wantErr
		if got := errorStrings(errs); len(got) != 1 || got[0] != want {
			t.Errorf("%s: Read(%s) errors = %q, want [%q]", tt.name, in, got, want)
			continue
		}
		if !errors.Is(errs[0], tt.wantIs) {
			t.Errorf("%s: Read(%s) error %v, want errors.Is %v", tt.name, in, errs[0], tt.wantIs)
		}
	}

	mu.Lock()
	defer mu.Unlock()
	if userAgent != DefaultUserAgent {
		t.Errorf("User-Agent sent = %q, want %q", userAgent, DefaultUserAgent)
	}
	if !strings.Contains(accept, "text/html") {
		t.Errorf("Accept sent = %q, want it to name text/html", accept)
	}
	if !askedGzip {
		t.Errorf("request for /gzip did not accept gzip, want Accept-Encoding: gzip")
	}
	if redirectHit != 1 {
		t.Errorf("/old requested %d times, want 1", redirectHit)
	}
}

func TestReadURLUserAgentOption(t *testing.T) {
	got := make(chan string, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		got <- r.UserAgent()
		w.Write([]byte("text"))
	})
	srv := newServer(t, mux)
	_, errs := Read(context.Background(), []string{srv.URL + "/"}, Options{UserAgent: "custom/1.0", Client: srv.Client()})
	if len(errs) != 0 {
		t.Fatalf("Read(%s) errors = %v, want none", srv.URL, errs)
	}
	if ua := <-got; ua != "custom/1.0" {
		t.Errorf("User-Agent sent = %q, want %q", ua, "custom/1.0")
	}
}

func TestReadFeedOverHTTP(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feed", func(w http.ResponseWriter, r *http.Request) {
		// Served with a misleading type: detection goes by content.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(rssFeed))
	})
	srv := newServer(t, mux)
	in := srv.URL + "/feed"

	docs, errs := Read(context.Background(), []string{in}, Options{})
	want := []news.Document{
		{
			Input: in + "#1", URL: "https://example.com/niger-russia", Kind: news.KindFeed, ContentKind: news.KindHTML,
			Content: "<p>Military instructors arrived in Niamey.</p>", Title: "Russian trainers arrive in Niger",
			Outlet: "Sahel Wire", Published: "Thu, 11 Apr 2024 10:00:00 GMT", Language: "en",
		},
		{
			Input: in + "#2", URL: srv.URL + "/second", Kind: news.KindFeed, ContentKind: news.KindHTML,
			Content: "<p>Only a summary.</p>", Title: "Second item",
			Outlet: "Sahel Wire", Published: "11 avril 2024", Language: "en",
		},
	}
	if len(docs) != len(want) {
		t.Fatalf("Read(%s) = %d documents, want %d: %+v", in, len(docs), len(want), docs)
	}
	for i := range docs {
		if docs[i] != want[i] {
			t.Errorf("Read(%s) document %d = %+v, want %+v", in, i, docs[i], want[i])
		}
	}
	wantErr := in + "#3: item has no content or description"
	if got := errorStrings(errs); len(got) != 1 || got[0] != wantErr {
		t.Errorf("Read(%s) errors = %q, want [%q]", in, got, wantErr)
	}
}

func TestReadFeedFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{"atom.xml": atomFeed, "rdf.xml": rdfFeed, "bad.xml": "<rss><channel><item>"})
	tests := []struct {
		file, wantTitle, wantURL, wantContent, wantErr string
	}{
		{"atom.xml", "One", "https://example.com/1", "Sum", ""},
		{"rdf.xml", "A", "https://example.com/a", "Body A", ""},
		{"bad.xml", "", "", "", "invalid feed"},
	}
	for _, tt := range tests {
		in := dir + "/" + tt.file
		docs, errs := Read(context.Background(), []string{in}, Options{})
		if tt.wantErr != "" {
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), in+": "+tt.wantErr) || !errors.Is(errs[0], ErrMalformed) {
				t.Errorf("Read(%s) errors = %v, want one %q", tt.file, errs, tt.wantErr)
			}
			continue
		}
		if len(docs) != 1 || len(errs) != 0 {
			t.Errorf("Read(%s) = %d documents, errors %v, want 1 document", tt.file, len(docs), errs)
			continue
		}
		d := docs[0]
		if d.Input != in || d.Title != tt.wantTitle || d.URL != tt.wantURL || d.Content != tt.wantContent || d.ContentKind != news.KindHTML {
			t.Errorf("Read(%s) = %+v, want Input %q Title %q URL %q Content %q", tt.file, d, in, tt.wantTitle, tt.wantURL, tt.wantContent)
		}
	}
}

func TestReadURLConnectionRefused(t *testing.T) {
	// Find a port with nothing listening: listen, note it, close it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	in := "http://" + addr + "/"
	_, errs := Read(context.Background(), []string{in}, Options{Timeout: 2 * time.Second})
	want := in + ": connection refused"
	if got := errorStrings(errs); len(got) != 1 || got[0] != want {
		t.Fatalf("Read(%s) errors = %q, want [%q]", in, got, want)
	}
	if !errors.Is(errs[0], ErrFetch) {
		t.Errorf("Read(%s) error %v, want errors.Is ErrFetch", in, errs[0])
	}
}

func TestReadURLCancelled(t *testing.T) {
	mux := http.NewServeMux()
	started := make(chan struct{})
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		select {
		case <-r.Context().Done():
		case <-time.After(time.Second):
		}
	})
	srv := newServer(t, mux)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()
	_, errs := Read(ctx, []string{srv.URL + "/"}, Options{})
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) || errors.Is(errs[0], ErrTimeout) {
		t.Errorf("Read(cancelled fetch) errors = %v, want one context.Canceled, not a timeout", errs)
	}
}
