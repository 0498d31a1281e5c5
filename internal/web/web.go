// Package web is the server-rendered web UI: the list of stories with
// search, each story's dossier (the HTML renderer's markup in the site's
// layout, plus a timeline chart drawn as inline SVG), each article with the
// sentences its story cites marked, and the feeds the server polls.
//
// Every page works without JavaScript; htmx (vendored under static/) only
// makes the story search live. Pages are html/template output, so article
// text, which is untrusted, is always escaped: nothing from an article is
// ever passed as template.HTML.
//
// The handler speaks store.Store only. What it cannot do itself (load the
// bundled example, import OPML, wake the feed poller) comes in as functions
// in Options, so that the package imports no pipeline and stays testable
// with a bare store.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/triangulate/triangulate/internal/store"
)

// Options configure the web UI. Only Store is required; the zero value of
// every other field turns its feature off.
type Options struct {
	// Store is where stories, dossiers, articles and feeds are read from.
	Store store.Store
	// Token, when set, is required (as the form field "token", a password
	// input on every write form) by every POST: adding or deleting a feed,
	// importing OPML, loading the example. Empty leaves writes open, which
	// suits a server bound to localhost.
	Token string
	// Demo loads the bundled example into the store; nil hides the "Load the
	// example" button of the empty store.
	Demo func(ctx context.Context) error
	// FeedsChanged is called after a feed was added or removed, so that the
	// poller can reschedule; nil for none.
	FeedsChanged func()
	// ImportOPML subscribes to the feeds of an OPML document and reports how
	// many were added and how many skipped (known or invalid); nil hides the
	// import form.
	ImportOPML func(ctx context.Context, r io.Reader) (added, skipped int, err error)
	// CheckFeedURL is the server's one check of a feed address (see
	// server.acceptFeedURL): it returns the address to store, or why it
	// cannot be used. Nil checks the address's form only.
	CheckFeedURL func(ctx context.Context, raw string) (string, error)
	// AddArticle queues the article a person gives in the "Add an
	// article" form (an address, or pasted text with an optional title
	// and address) and returns its id; nil hides the form. Its error is
	// shown on the form.
	AddArticle func(ctx context.Context, url, title, text string) (int64, error)
	// Logger receives the errors the pages hide from users; nil discards
	// them.
	Logger *slog.Logger
}

// contentSecurityPolicy allows nothing but this origin: the pages load their
// stylesheets and htmx from /static/. Inline styles stay allowed because
// htmx sets style attributes while swapping; the chart is inline SVG, which
// needs no img-src, and data: images are allowed for htmx's indicators.
const contentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"

// Size limits of request bodies: a form of a few fields, an OPML file.
const (
	maxFormBytes = 64 << 10
	maxOPMLBytes = 4 << 20
)

// handler serves the UI.
type handler struct {
	opts   Options
	log    *slog.Logger
	pages  map[string]*template.Template
	static *staticFiles
	token  [sha256.Size]byte // hash of Options.Token, compared in constant time
	// fragments keeps the rendered dossiers of recently viewed stories:
	// decoding and rendering a dossier is most of a story page's cost, and
	// a story is read far more often than it changes.
	fragments *fragmentCache
}

// New returns the web UI's handler. It fails when Options.Store is nil or a
// template does not parse.
func New(opts Options) (http.Handler, error) {
	if opts.Store == nil {
		return nil, errors.New("web: no store")
	}
	h := &handler{opts: opts, log: opts.Logger, fragments: newFragmentCache(256)}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if opts.Token != "" {
		h.token = sha256.Sum256([]byte(opts.Token))
	}
	var err error
	if h.static, err = newStaticFiles(); err != nil {
		return nil, err
	}
	if h.pages, err = parsePages(h.static); err != nil {
		return nil, err
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.stories)
	mux.HandleFunc("POST /demo", h.demo)
	mux.HandleFunc("GET /stories/{id}", h.story)
	mux.HandleFunc("GET /stories/{id}/export/{format}", h.export)
	mux.HandleFunc("GET /stories/{id}/changes", h.changes)
	mux.HandleFunc("GET /articles/{id}", h.article)
	mux.HandleFunc("GET /add", h.addForm)
	mux.HandleFunc("POST /add", h.addArticle)
	mux.HandleFunc("GET /feeds", h.feeds)
	mux.HandleFunc("POST /feeds", h.addFeed)
	mux.HandleFunc("POST /feeds/{id}/delete", h.deleteFeed)
	mux.HandleFunc("POST /feeds/opml", h.importOPML)
	mux.Handle("GET /static/", h.static)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.errorPage(w, r, http.StatusNotFound, "There is no page at this address.")
	})

	// Go's cross-origin protection rejects form posts that another site's
	// page makes the browser send (CSRF): without a token, a server on
	// localhost would otherwise take orders from any page the user visits.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.errorPage(w, r, http.StatusForbidden, "This form was sent from another site.")
	}))
	return securityHeaders(cop.Handler(mux)), nil
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// page is what the layout renders; Body is the page's own data.
type page struct {
	Title string
	// Nav is the current section of the nav bar: "stories" or "feeds".
	Nav string
	// Refresh, when positive, reloads the page after that many seconds (a
	// dossier being built, an article being processed).
	Refresh int
	// NeedToken shows the token field on write forms.
	NeedToken bool
	// CanAdd shows the link to the "Add an article" form.
	CanAdd bool
	Body   any
}

// render writes a whole page with the layout.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	p.NeedToken = h.opts.Token != ""
	p.CanAdd = h.opts.AddArticle != nil
	h.execute(w, r, status, name, "layout", p)
}

// execute runs template tmpl of page name into a buffer first, so that a
// template error becomes a clean 500 instead of half a page.
func (h *handler) execute(w http.ResponseWriter, r *http.Request, status int, name, tmpl string, data any) {
	t, ok := h.pages[name]
	if !ok {
		h.fail(w, r, fmt.Errorf("web: no page %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, tmpl, data); err != nil {
		h.fail(w, r, fmt.Errorf("web: render %s: %w", name, err))
		return
	}
	writePage(w, r, status, buf.Bytes())
}

// writePage sends a rendered page (only its headers to a HEAD request).
func writePage(w http.ResponseWriter, r *http.Request, status int, page []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// errorBody is the data of the error page.
type errorBody struct {
	Status  int
	Heading string
	Message string
}

// errorPage renders the error page with status and a message safe to show.
func (h *handler) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p := page{Title: http.StatusText(status), Body: errorBody{Status: status, Heading: http.StatusText(status), Message: msg}}
	p.NeedToken = h.opts.Token != ""
	t := h.pages["error"]
	var buf bytes.Buffer
	if t == nil || t.ExecuteTemplate(&buf, "layout", p) != nil {
		// The error page itself failed: plain text is all that is left.
		http.Error(w, http.StatusText(status), status)
		return
	}
	writePage(w, r, status, buf.Bytes())
}

// fail logs an internal error and shows a 500 without its details: store
// errors name tables and paths that are no business of the visitor's.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		// The visitor went away; nobody will read the page.
		return
	}
	h.log.ErrorContext(r.Context(), "web: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	h.errorPage(w, r, http.StatusInternalServerError, "Something went wrong on our side. The error was logged; try again in a moment.")
}

// redirect answers with a redirect to a local path. http.Redirect sets a
// Content-Type only for GET and HEAD; it is set here for the others so that
// every response has one.
func redirect(w http.ResponseWriter, r *http.Request, to string, status int) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	http.Redirect(w, r, to, status)
}

// authorized checks the token of a write form (already parsed). Both sides
// are hashed first so that the comparison takes the same time whatever the
// length of the guess.
func (h *handler) authorized(r *http.Request) bool {
	if h.opts.Token == "" {
		return true
	}
	got := sha256.Sum256([]byte(r.PostFormValue("token")))
	return subtle.ConstantTimeCompare(got[:], h.token[:]) == 1
}

// parseForm reads a small urlencoded form and checks its token, answering
// the request itself (400 or 403) when it returns false.
func (h *handler) parseForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		h.errorPage(w, r, http.StatusBadRequest, "The form could not be read.")
		return false
	}
	if !h.authorized(r) {
		h.errorPage(w, r, http.StatusForbidden, "The access token is missing or wrong.")
		return false
	}
	return true
}

// storyPath and articlePath are the addresses of a story and an article.
func storyPath(id string) string { return "/stories/" + url.PathEscape(id) }

// exportPath is the address of a story's dossier as a file of format
// (md, json, html, text).
func exportPath(id, format string) string { return storyPath(id) + "/export/" + format }
func articlePath(id int64) string         { return fmt.Sprintf("/articles/%d", id) }

// Time formats of the pages: dates as the dossier writes them, and times in
// UTC since the server cannot know the visitor's zone without scripts.
const (
	dateFormat = "2006-01-02"
	timeFormat = "2006-01-02 15:04 UTC"
)

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}
