package server

import (
	_ "embed"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/dossier"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
)

// The stories resource: the story list, a story and its dossier, and what
// changed in a dossier since a time.

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
	out := dossier.Diff(before, now)
	out.Story, out.Since, out.Version, out.PreviousVersion = st.ID, since.UTC().Format(time.RFC3339), cur.Version, prev.Version
	writeJSON(w, http.StatusOK, out)
}
