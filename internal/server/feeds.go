package server

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/feeds"
	"github.com/triangulate/triangulate/internal/store"
)

// The feeds resource: the feeds the server polls, and their OPML import
// and export.

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
