package server

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"

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
