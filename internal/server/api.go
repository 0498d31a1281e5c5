package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/feeds"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/netguard"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
)

//go:embed openapi.json
var openAPI []byte

// route is one API endpoint; write endpoints need the token and have
// their body bounded.
type route struct {
	pattern string
	h       http.HandlerFunc
	write   bool
}

// apiTable lists the API's endpoints; the OpenAPI document is tested
// against it.
func (s *Server) apiTable() []route {
	return []route{
		{"GET /healthz", s.healthz, false},
		{"GET /api/openapi.json", serveOpenAPI, false},
		{"GET /api/stories", s.listStories, false},
		{"GET /api/stories/{id}", s.getStory, false},
		{"GET /api/stories/{id}/changes", s.storyChanges, false},
		{"POST /api/articles", s.postArticles, true},
		{"GET /api/articles/{id}", s.getArticle, false},
		{"GET /api/feeds", s.listFeeds, false},
		{"POST /api/feeds", s.postFeed, true},
		{"GET /api/feeds/{id}", s.getFeed, false},
		{"PATCH /api/feeds/{id}", s.patchFeed, true},
		{"DELETE /api/feeds/{id}", s.deleteFeed, true},
		{"GET /api/feeds.opml", s.exportOPML, false},
		{"POST /api/feeds.opml", s.importOPML, true},
	}
}

func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openAPI)
}

// routes mounts the API and the web UI.
func (s *Server) routes(ui http.Handler) http.Handler {
	api := http.NewServeMux()
	for _, rt := range s.apiTable() {
		h := rt.h
		if rt.write {
			h = s.write(rt.pattern, h)
		}
		api.HandleFunc(rt.pattern, h)
	}
	// Go's cross-origin protection refuses every write a page of another
	// origin makes the browser send (Sec-Fetch-Site, else Origin against
	// Host), whatever the token setting: without it, any page the user
	// visits could post articles and feeds to a server on localhost.
	// Requests without those headers (curl, scripts) are not a browser's
	// and pass.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusForbidden, "cross-origin request refused: write to the API from its own origin or without a browser")
	}))
	mux := http.NewServeMux()
	mux.Handle("/api/", cop.Handler(jsonErrors(api)))
	mux.Handle("/healthz", jsonErrors(api))
	mux.Handle("/", ui)
	return recoverer(s, securityHeaders(mux))
}

// bodyTypes are the media types each write endpoint takes; any other is
// refused with 415 before the body is read.
var bodyTypes = map[string][]string{
	"POST /api/articles":     {"application/json", "text/html", "application/xhtml+xml", "text/plain", "application/rss+xml", "application/atom+xml", "application/octet-stream"},
	"POST /api/feeds":        {"application/json"},
	"PATCH /api/feeds/{id}":  {"application/json"},
	"POST /api/feeds.opml":   {"text/x-opml", "application/xml", "text/xml", "application/x-opml+xml"},
	"DELETE /api/feeds/{id}": nil, // no body
}

// checkBodyType answers 415 when a request's Content-Type is not one its
// endpoint takes, naming those it takes. A body sent without a type is
// read as its endpoint's first type.
func checkBodyType(w http.ResponseWriter, r *http.Request, pattern string) bool {
	types, ok := bodyTypes[pattern]
	if !ok || types == nil {
		return true
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return true
	}
	media, _, err := mime.ParseMediaType(ct)
	if err == nil && slices.Contains(types, media) {
		return true
	}
	writeError(w, http.StatusUnsupportedMediaType, "Content-Type %q is not accepted here; send %s", ct, strings.Join(types, ", "))
	return false
}

// apiError is the body of every API error.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encoding the response failed","status":500}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, apiError{Error: fmt.Sprintf(format, args...), Status: status})
}

// storeError answers a store failure: not found is 404, anything else 500
// (logged, not shown: its text may name files and queries).
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, what string, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "%s not found", what)
	case errors.Is(err, store.ErrConflict):
		writeError(w, http.StatusConflict, "%s already exists", what)
	case errors.Is(err, store.ErrInvalid):
		writeError(w, http.StatusBadRequest, "invalid %s", what)
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads the answer.
	default:
		s.log.Error("api", "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

// jsonErrors turns the mux's own plain-text 404 and 405 answers into JSON
// ones, keeping their status and Allow header.
func jsonErrors(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &statusRecorder{header: http.Header{}}
		mux.ServeHTTP(rec, r)
		if allow := rec.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		status := rec.status
		if status == 0 || status == http.StatusOK {
			status = http.StatusNotFound
		}
		writeError(w, status, "%s %s: %s", r.Method, r.URL.Path, strings.ToLower(http.StatusText(status)))
	})
}

type statusRecorder struct {
	header http.Header
	status int
}

func (r *statusRecorder) Header() http.Header         { return r.header }
func (r *statusRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (r *statusRecorder) WriteHeader(status int)      { r.status = status }

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// recoverer answers 500 instead of dropping the connection when a handler
// panics, and logs the panic.
func recoverer(s *Server, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic serving request", "path", r.URL.Path, "panic", fmt.Sprint(v))
				writeError(w, http.StatusInternalServerError, "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// write guards a write endpoint: the token when one is set, and the body
// size.
func (s *Server) write(pattern string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Token != "" {
			got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			if subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="triangulate"`)
				writeError(w, http.StatusUnauthorized, "a valid token is required (Authorization: Bearer TOKEN)")
				return
			}
		}
		if !checkBodyType(w, r, pattern) {
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		h(w, r)
	}
}

// readBody reads a request body within the size limit, answering 413 when
// it is over.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			writeError(w, http.StatusRequestEntityTooLarge, "request body over %d bytes", s.cfg.MaxBody)
			return nil, false
		}
		writeError(w, http.StatusBadRequest, "reading the request body: %v", err)
		return nil, false
	}
	return b, true
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	counts, err := s.st.CountArticles(r.Context())
	if err != nil {
		s.log.Error("healthz", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "error": "store unavailable"})
		return
	}
	queue := map[string]int{}
	for st, n := range counts {
		queue[string(st)] = n
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "articles": queue, "processor": s.proc.Stats()})
}

// storyJSON is a story in lists.
type storyJSON struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	FirstPublished string `json:"first_published,omitempty"`
	LastPublished  string `json:"last_published,omitempty"`
	Articles       int    `json:"articles"`
	Sources        int    `json:"sources"`
	CreatedAt      string `json:"created_at"`
	UpdatedAt      string `json:"updated_at"`
	// DossierVersion is 0 while the first dossier is being built; Stale
	// marks a dossier that does not yet include the newest articles.
	DossierVersion int    `json:"dossier_version"`
	Stale          bool   `json:"stale"`
	URL            string `json:"url"`
}

func newStoryJSON(s store.StoryRecord) storyJSON {
	return storyJSON{
		ID:             s.ID,
		Title:          s.Title,
		FirstPublished: news.DateString(s.FirstPublished),
		LastPublished:  news.DateString(s.LastPublished),
		Articles:       s.ArticleCount,
		Sources:        s.SourceCount,
		CreatedAt:      s.CreatedAt.Format(time.RFC3339),
		UpdatedAt:      s.UpdatedAt.Format(time.RFC3339),
		DossierVersion: s.DossierVersion,
		Stale:          s.Stale(),
		URL:            "/api/stories/" + url.PathEscape(s.ID),
	}
}

func (s *Server) listStories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sq := store.StoryQuery{Search: q.Get("q"), Order: store.StoryOrder(q.Get("order")), Cursor: q.Get("cursor")}
	if _, err := sq.Order.Normalize(); err != nil {
		writeError(w, http.StatusBadRequest, "order must be %q or %q", store.OrderUpdated, store.OrderArticles)
		return
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "limit must be a positive integer")
			return
		}
		sq.Limit = n
	}
	page, err := s.st.ListStories(r.Context(), sq)
	if err != nil {
		if errors.Is(err, store.ErrInvalid) {
			writeError(w, http.StatusBadRequest, "invalid cursor")
			return
		}
		s.storeError(w, r, "stories", err)
		return
	}
	out := struct {
		Stories []storyJSON `json:"stories"`
		Next    string      `json:"next,omitempty"`
	}{Stories: []storyJSON{}, Next: page.Next}
	for _, st := range page.Stories {
		out.Stories = append(out.Stories, newStoryJSON(st))
	}
	writeJSON(w, http.StatusOK, out)
}

// resolveStory finds a story and, when its id was merged into another,
// redirects to the surviving story's address.
func (s *Server) resolveStory(w http.ResponseWriter, r *http.Request) (store.StoryRecord, bool) {
	id := r.PathValue("id")
	st, err := s.st.GetStory(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "story "+strconv.Quote(id), err)
		return st, false
	}
	if st.ID != id {
		to := strings.Replace(r.URL.Path, "/"+url.PathEscape(id), "/"+url.PathEscape(st.ID), 1)
		if r.URL.RawQuery != "" {
			to += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return st, false
	}
	return st, true
}

func (s *Server) getStory(w http.ResponseWriter, r *http.Request) {
	st, ok := s.resolveStory(w, r)
	if !ok {
		return
	}
	var (
		rec store.DossierRecord
		err error
	)
	if asOf := r.URL.Query().Get("as_of"); asOf != "" {
		t, perr := time.Parse(time.RFC3339, asOf)
		if perr != nil {
			writeError(w, http.StatusBadRequest, "as_of must be an RFC 3339 time, e.g. 2024-04-12T00:00:00Z")
			return
		}
		rec, err = s.st.GetDossierAsOf(r.Context(), st.ID, t)
	} else {
		rec, err = s.st.GetDossier(r.Context(), st.ID)
	}
	if errors.Is(err, store.ErrNotFound) && st.DossierVersion == 0 {
		w.Header().Set("Retry-After", "2")
		writeJSON(w, http.StatusAccepted, map[string]any{"status": "building", "story": newStoryJSON(st)})
		return
	}
	if err != nil {
		s.storeError(w, r, "dossier of story "+strconv.Quote(st.ID), err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("ETag", fmt.Sprintf(`"%s-v%d"`, rec.StoryID, rec.Version))
	w.Header().Set("Last-Modified", rec.CreatedAt.UTC().Format(http.TimeFormat))
	w.Header().Set("X-Dossier-Version", strconv.Itoa(rec.Version))
	if st.Stale() {
		// The dossier is being brought up to date with newer articles.
		w.Header().Set("X-Dossier-Stale", "true")
	}
	_, _ = w.Write(rec.JSON)
}

// changes is what a story's dossier gained since a time.
type changes struct {
	Story           string          `json:"story"`
	Since           string          `json:"since"`
	Version         int             `json:"version"`
	PreviousVersion int             `json:"previous_version"`
	NewSources      []news.Source   `json:"new_sources"`
	NewFacts        []news.Fact     `json:"new_facts"`
	ChangedFacts    []factChange    `json:"changed_facts"`
	NewConflicts    []news.Conflict `json:"new_conflicts"`
}

// factChange is a fact whose status moved (confirmed → disputed, ...).
type factChange struct {
	Fact       news.Fact       `json:"fact"`
	WasStatus  news.FactStatus `json:"was_status"`
	WasSources int             `json:"was_independent_sources"`
}

func (s *Server) storyChanges(w http.ResponseWriter, r *http.Request) {
	st, ok := s.resolveStory(w, r)
	if !ok {
		return
	}
	sinceText := r.URL.Query().Get("since")
	since, err := time.Parse(time.RFC3339, sinceText)
	if err != nil {
		writeError(w, http.StatusBadRequest, "since is required, as an RFC 3339 time (e.g. 2024-04-12T00:00:00Z)")
		return
	}
	cur, err := s.st.GetDossier(r.Context(), st.ID)
	if err != nil {
		s.storeError(w, r, "dossier of story "+strconv.Quote(st.ID), err)
		return
	}
	now, err := cur.Dossier()
	if err != nil {
		s.storeError(w, r, "dossier", err)
		return
	}
	var before *news.Dossier
	prev, err := s.st.GetDossierAsOf(r.Context(), st.ID, since)
	switch {
	case errors.Is(err, store.ErrNotFound):
		// No version existed then: everything is new.
	case err != nil:
		s.storeError(w, r, "dossier", err)
		return
	default:
		if before, err = prev.Dossier(); err != nil {
			s.storeError(w, r, "dossier", err)
			return
		}
	}
	out := diffDossiers(before, now)
	out.Story, out.Since, out.Version, out.PreviousVersion = st.ID, since.UTC().Format(time.RFC3339), cur.Version, prev.Version
	writeJSON(w, http.StatusOK, out)
}

// diffDossiers lists what now has that before had not. Sources are matched
// by input and URL, facts by statement, conflicts by subject and values:
// ids (s1, f3) are renumbered between versions and say nothing.
func diffDossiers(before, now *news.Dossier) changes {
	out := changes{NewSources: []news.Source{}, NewFacts: []news.Fact{}, ChangedFacts: []factChange{}, NewConflicts: []news.Conflict{}}
	if before == nil {
		before = &news.Dossier{}
	}
	srcKey := func(s news.Source) string { return s.Input + "\x00" + s.URL }
	seen := map[string]bool{}
	for _, src := range before.Sources {
		seen[srcKey(src)] = true
	}
	for _, src := range now.Sources {
		if !seen[srcKey(src)] {
			src.Text, src.Removed = "", nil // the article itself is a link away
			out.NewSources = append(out.NewSources, src)
		}
	}
	facts := map[string]news.Fact{}
	for _, f := range before.Facts {
		facts[f.Text] = f
	}
	for _, f := range now.Facts {
		old, ok := facts[f.Text]
		switch {
		case !ok:
			out.NewFacts = append(out.NewFacts, f)
		case old.Status != f.Status || old.IndependentSources != f.IndependentSources:
			out.ChangedFacts = append(out.ChangedFacts, factChange{Fact: f, WasStatus: old.Status, WasSources: old.IndependentSources})
		}
	}
	conflictKey := func(c news.Conflict) string {
		var b strings.Builder
		b.WriteString(c.Kind + "\x00" + c.About)
		for _, v := range c.Variants {
			b.WriteString("\x00" + v.Value)
		}
		return b.String()
	}
	had := map[string]bool{}
	for _, c := range before.Conflicts {
		had[conflictKey(c)] = true
	}
	for _, c := range now.Conflicts {
		if !had[conflictKey(c)] {
			out.NewConflicts = append(out.NewConflicts, c)
		}
	}
	return out
}

// articleJSON is an article's state as the API shows it.
type articleJSON struct {
	ID        int64  `json:"id"`
	Created   bool   `json:"created"`
	Status    string `json:"status"`
	Error     string `json:"error,omitempty"`
	Input     string `json:"input"`
	URL       string `json:"url,omitempty"`
	Story     string `json:"story,omitempty"`
	Title     string `json:"title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	Language  string `json:"language,omitempty"`
	Text      string `json:"text,omitempty"`
	Self      string `json:"self"`
}

func newArticleJSON(r store.ArticleRecord, withText bool) articleJSON {
	a := articleJSON{ID: r.ID, Status: string(r.Status), Error: r.Error, Input: r.Input, URL: r.URL, Story: r.StoryID,
		Self: "/api/articles/" + strconv.FormatInt(r.ID, 10)}
	if art := r.Article; art != nil {
		a.Title, a.Outlet, a.Published, a.Language = art.Title, art.Outlet, news.DateString(art.Published), art.Language
		if withText {
			a.Text = art.Text
		}
	}
	return a
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "article id must be an integer")
		return
	}
	rec, err := s.st.GetArticle(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "article "+strconv.FormatInt(id, 10), err)
		return
	}
	writeJSON(w, http.StatusOK, newArticleJSON(rec, true))
}

// postArticles accepts articles: a JSON article or an array of them (the
// fields of `triangulate brief` JSON input; an article with only a url is
// fetched), or a raw HTML or text body with the page's address in ?url=.
func (s *Server) postArticles(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	if len(bytes.TrimSpace(body)) == 0 {
		writeError(w, http.StatusBadRequest, "empty body: send a JSON article, or HTML or text")
		return
	}
	ct := r.Header.Get("Content-Type")
	media, _, _ := mime.ParseMediaType(ct)
	pageURL := r.URL.Query().Get("url")
	if pageURL != "" {
		if _, err := feeds.ValidateFeedURL(pageURL); err != nil {
			writeError(w, http.StatusBadRequest, "url: %v", err)
			return
		}
	}

	var docs []news.Document
	switch {
	case media == "application/json" || media == "" && json.Valid(body):
		var (
			fetch []string
			errs  []error
		)
		docs, fetch, errs = ingest.JSONArticles("api", body)
		if len(errs) > 0 {
			writeError(w, http.StatusBadRequest, "%v", errors.Join(errs...))
			return
		}
		for i := range docs {
			if docs[i].URL != "" {
				if _, err := feeds.ValidateFeedURL(docs[i].URL); err != nil {
					writeError(w, http.StatusBadRequest, "%s: url: %v", docs[i].Input, err)
					return
				}
			}
			docs[i].Input = apiInput(docs[i].URL, []byte(docs[i].Content))
		}
		for _, u := range fetch {
			if _, err := feeds.ValidateFeedURL(u); err != nil {
				writeError(w, http.StatusBadRequest, "url: %v", err)
				return
			}
			fetched, status, err := s.fetch(r.Context(), u)
			if err != nil {
				writeError(w, status, "%v", err)
				return
			}
			docs = append(docs, fetched...)
		}
	default:
		var errs []error
		docs, errs = ingest.Parse(apiInput(pageURL, body), body, ct, pageURL)
		if len(docs) == 0 {
			writeError(w, http.StatusUnprocessableEntity, "%v", errors.Join(errs...))
			return
		}
	}

	var out []articleJSON
	err := store.WithRetry(r.Context(), s.st, func(tx store.Tx) error {
		out = out[:0]
		for _, d := range docs {
			id, created, err := tx.AddArticle(r.Context(), store.NewArticle{Document: d})
			if err != nil {
				return err
			}
			rec, err := tx.GetArticle(r.Context(), id)
			if err != nil {
				return err
			}
			a := newArticleJSON(rec, false)
			a.Created = created
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		s.storeError(w, r, "article", err)
		return
	}
	s.proc.Wake()
	writeJSON(w, http.StatusAccepted, map[string]any{"articles": out})
}

// apiInput names an article posted to the API: its address when it has
// one, else "api:" and a digest of its content.
func apiInput(url string, content []byte) string {
	if url != "" {
		return url
	}
	sum := sha256.Sum256(content)
	return "api:" + hex.EncodeToString(sum[:6])
}

// fetch reads a URL a user asked for, through the guarded client. It
// answers the status the failure deserves: 400 for an address the server
// may not fetch (the dialer refused it), 502 when the remote end failed.
func (s *Server) fetch(ctx context.Context, raw string) ([]news.Document, int, error) {
	docs, errs := ingest.Read(ctx, []string{raw}, ingest.Options{Client: s.client, MaxBytes: s.cfg.MaxBody, Timeout: s.cfg.FetchTimeout})
	if len(docs) == 0 {
		err := errors.Join(errs...)
		if errors.Is(err, netguard.ErrForbidden) {
			return nil, http.StatusBadRequest, err
		}
		return nil, http.StatusBadGateway, err
	}
	return docs, 0, nil
}

// checkAddress refuses a feed URL whose host is or resolves only to an
// address the server may not fetch: the feed is fetched later, by the
// poller, and a subscriber should hear now that it never will be. The
// dialer's guard is what actually holds; a fetch made while answering a
// request (s.fetch) relies on it alone.
func (s *Server) checkAddress(ctx context.Context, raw string) error {
	if s.cfg.AllowPrivate {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invalid url: %v", err)
	}
	host := u.Hostname()
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		addrs, err = net.DefaultResolver.LookupNetIP(rctx, "ip", host)
		if err != nil {
			return nil // the fetch reports the failure to resolve
		}
	}
	for _, a := range addrs {
		if netguard.Allowed(a) {
			return nil
		}
	}
	return fmt.Errorf("url %s: refusing to fetch a private, loopback or link-local address (%w)", raw, netguard.ErrForbidden)
}

// acceptFeedURL is the one check of a feed address, however it enters
// (the API, the web form, an OPML import): an HTTP(S) URL with a host and
// no user name or password (it would be shown on pages and in exports),
// whose host resolves to an address the server may fetch. It returns the
// address normalised.
func (s *Server) acceptFeedURL(ctx context.Context, raw string) (string, error) {
	u, err := feeds.ValidateFeedURL(raw)
	if err != nil {
		return "", err
	}
	if pu, err := url.Parse(u); err == nil && pu.User != nil {
		return "", fmt.Errorf("%w: the address must not hold a user name or password", feeds.ErrInvalidURL)
	}
	if err := s.checkAddress(ctx, u); err != nil {
		return "", err
	}
	return u, nil
}

// feedJSON is a feed as the API shows it.
type feedJSON struct {
	ID           int64  `json:"id"`
	URL          string `json:"url"`
	Title        string `json:"title"`
	LastFetched  string `json:"last_fetched,omitempty"`
	NextFetch    string `json:"next_fetch,omitempty"`
	ErrorCount   int    `json:"error_count"`
	LastError    string `json:"last_error,omitempty"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	CreatedAt    string `json:"created_at"`
	Self         string `json:"self"`
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func newFeedJSON(f store.Feed) feedJSON {
	return feedJSON{ID: f.ID, URL: f.URL, Title: f.Title, LastFetched: stamp(f.LastFetched), NextFetch: stamp(f.NextFetch),
		ErrorCount: f.ErrorCount, LastError: f.LastError, ETag: f.ETag, LastModified: f.LastModified,
		CreatedAt: stamp(f.CreatedAt), Self: "/api/feeds/" + strconv.FormatInt(f.ID, 10)}
}

func (s *Server) listFeeds(w http.ResponseWriter, r *http.Request) {
	fs, err := s.st.ListFeeds(r.Context())
	if err != nil {
		s.storeError(w, r, "feeds", err)
		return
	}
	out := []feedJSON{}
	for _, f := range fs {
		out = append(out, newFeedJSON(f))
	}
	writeJSON(w, http.StatusOK, map[string]any{"feeds": out})
}

func (s *Server) postFeed(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	var in struct {
		URL   string `json:"url"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		writeError(w, http.StatusBadRequest, "malformed JSON: %v", err)
		return
	}
	u, err := s.acceptFeedURL(r.Context(), in.URL)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	f, err := s.st.AddFeed(r.Context(), store.Feed{URL: u, Title: strings.TrimSpace(in.Title)})
	if err != nil {
		s.storeError(w, r, "feed "+strconv.Quote(u), err)
		return
	}
	s.poller.Wake()
	w.Header().Set("Location", "/api/feeds/"+strconv.FormatInt(f.ID, 10))
	writeJSON(w, http.StatusCreated, newFeedJSON(f))
}

func feedID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "feed id must be an integer")
		return 0, false
	}
	return id, true
}

func (s *Server) getFeed(w http.ResponseWriter, r *http.Request) {
	id, ok := feedID(w, r)
	if !ok {
		return
	}
	f, err := s.st.GetFeed(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "feed "+strconv.FormatInt(id, 10), err)
		return
	}
	writeJSON(w, http.StatusOK, newFeedJSON(f))
}

// patchFeed changes a feed's title, or asks for it to be fetched now
// ({"fetch_now": true}), which also clears its backoff.
func (s *Server) patchFeed(w http.ResponseWriter, r *http.Request) {
	id, ok := feedID(w, r)
	if !ok {
		return
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	var in struct {
		Title    *string `json:"title"`
		FetchNow bool    `json:"fetch_now"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "malformed JSON (fields: title, fetch_now): %v", err)
		return
	}
	var f store.Feed
	err := store.WithRetry(r.Context(), s.st, func(tx store.Tx) error {
		var err error
		if f, err = tx.GetFeed(r.Context(), id); err != nil {
			return err
		}
		if in.Title != nil {
			f.Title = strings.TrimSpace(*in.Title)
		}
		if in.FetchNow {
			f.NextFetch, f.ErrorCount = time.Now().UTC(), 0
		}
		return tx.UpdateFeed(r.Context(), f)
	})
	if err != nil {
		s.storeError(w, r, "feed "+strconv.FormatInt(id, 10), err)
		return
	}
	if in.FetchNow {
		s.poller.Wake()
	}
	writeJSON(w, http.StatusOK, newFeedJSON(f))
}

func (s *Server) deleteFeed(w http.ResponseWriter, r *http.Request) {
	id, ok := feedID(w, r)
	if !ok {
		return
	}
	if err := s.st.DeleteFeed(r.Context(), id); err != nil {
		s.storeError(w, r, "feed "+strconv.FormatInt(id, 10), err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) exportOPML(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := feeds.ExportOPML(r.Context(), s.st, &buf); err != nil {
		s.storeError(w, r, "feeds", err)
		return
	}
	w.Header().Set("Content-Type", "text/x-opml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="triangulate-feeds.opml"`)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) importOPML(w http.ResponseWriter, r *http.Request) {
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	added, skipped, err := feeds.ImportOPML(r.Context(), s.st, bytes.NewReader(body), s.acceptFeedURL)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return
		}
		writeError(w, http.StatusBadRequest, "opml: %v", err)
		return
	}
	s.poller.Wake()
	writeJSON(w, http.StatusOK, map[string]int{"added": added, "skipped": skipped})
}
