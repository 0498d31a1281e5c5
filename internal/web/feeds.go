package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/internal/feeds"
	"github.com/triangulate/triangulate/internal/store"
)

// feedsBody is the data of the feeds page.
type feedsBody struct {
	Feeds []feedRow
	// URL and Error refill the add form after a rejected submission.
	URL, Error string
	// Notice says what the last action did ("Feed added.").
	Notice string
	OPML   bool // the import form is shown
}

// feedRow is one feed of the list.
type feedRow struct {
	store.Feed
	LastFetched, NextFetch string
}

// feeds serves GET /feeds.
func (h *handler) feeds(w http.ResponseWriter, r *http.Request) {
	h.renderFeeds(w, r, http.StatusOK, feedsBody{Notice: feedNotice(r.URL.Query())})
}

// renderFeeds renders the feeds page with body's form state.
func (h *handler) renderFeeds(w http.ResponseWriter, r *http.Request, status int, body feedsBody) {
	feeds, err := h.opts.Store.ListFeeds(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, f := range feeds {
		row := feedRow{Feed: f, LastFetched: formatTime(f.LastFetched), NextFetch: formatTime(f.NextFetch)}
		if row.LastFetched == "" {
			row.LastFetched = "never"
		}
		if row.NextFetch == "" {
			row.NextFetch = "now"
		}
		body.Feeds = append(body.Feeds, row)
	}
	body.OPML = h.opts.ImportOPML != nil
	h.render(w, r, status, "feeds", page{Title: "Feeds", Nav: "feeds", Body: body})
}

// feedNotice reads the outcome of the last action from the redirect's
// query. Only fixed texts and numbers come out of it, so a crafted link
// cannot make the page say anything else.
func feedNotice(q url.Values) string {
	switch {
	case q.Has("added"):
		return "Feed added. It will be fetched shortly."
	case q.Has("deleted"):
		return "Feed removed. Its articles stay."
	case q.Has("imported"):
		added, _ := strconv.Atoi(q.Get("imported"))
		skipped, _ := strconv.Atoi(q.Get("skipped"))
		return "OPML imported: " + plural(max(added, 0), "feed", "feeds") + " added, " + strconv.Itoa(max(skipped, 0)) + " skipped."
	}
	return ""
}

// addFeed serves POST /feeds.
func (h *handler) addFeed(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	raw := strings.TrimSpace(r.PostFormValue("url"))
	shown := feeds.WithoutCredentials(raw) // a password is never sent back
	if msg := checkFeedURL(raw); msg != "" {
		h.renderFeeds(w, r, http.StatusBadRequest, feedsBody{URL: shown, Error: msg})
		return
	}
	u := raw
	if h.opts.CheckFeedURL != nil {
		var err error
		if u, err = h.opts.CheckFeedURL(r.Context(), raw); err != nil {
			h.renderFeeds(w, r, http.StatusBadRequest, feedsBody{URL: shown, Error: "This address cannot be used: " + err.Error() + "."})
			return
		}
	}
	_, err := h.opts.Store.AddFeed(r.Context(), store.Feed{URL: u})
	switch {
	case errors.Is(err, store.ErrConflict):
		h.renderFeeds(w, r, http.StatusConflict, feedsBody{URL: raw, Error: "This feed is already in the list."})
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	h.feedsChanged()
	redirect(w, r, "/feeds?added=1", http.StatusSeeOther)
}

// checkFeedURL says what is wrong with a feed address, "" when nothing.
func checkFeedURL(raw string) string {
	if raw == "" {
		return "Enter the address of a feed."
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "The address must start with http:// or https://."
	}
	if u.Host == "" || u.Hostname() == "" {
		return "The address has no host name."
	}
	if u.User != nil {
		// Credentials would be shown on this page and in exports.
		return "The address must not hold a user name or password."
	}
	return ""
}

// deleteFeed serves POST /feeds/{id}/delete.
func (h *handler) deleteFeed(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.errorPage(w, r, http.StatusNotFound, "There is no feed with this id.")
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	err = h.opts.Store.DeleteFeed(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.errorPage(w, r, http.StatusNotFound, "There is no feed with this id.")
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	h.feedsChanged()
	redirect(w, r, "/feeds?deleted=1", http.StatusSeeOther)
}

// importOPML serves POST /feeds/opml: a multipart form with the file
// "opml" (and the token).
func (h *handler) importOPML(w http.ResponseWriter, r *http.Request) {
	if h.opts.ImportOPML == nil {
		h.errorPage(w, r, http.StatusNotFound, "This server cannot import OPML.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxOPMLBytes)
	if err := r.ParseMultipartForm(maxOPMLBytes); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.errorPage(w, r, http.StatusRequestEntityTooLarge, "The OPML file is too large.")
			return
		}
		h.renderFeeds(w, r, http.StatusBadRequest, feedsBody{Error: "Choose an OPML file to import."})
		return
	}
	defer r.MultipartForm.RemoveAll()
	if !h.authorized(r) {
		h.errorPage(w, r, http.StatusForbidden, "The access token is missing or wrong.")
		return
	}
	f, _, err := r.FormFile("opml")
	if err != nil {
		h.renderFeeds(w, r, http.StatusBadRequest, feedsBody{Error: "Choose an OPML file to import."})
		return
	}
	defer f.Close()
	added, skipped, err := h.opts.ImportOPML(r.Context(), f)
	if err != nil {
		// The importer's error is about the file the user sent (not
		// OPML, no outlines), so it is worth showing, but only in general
		// terms: it may quote internals.
		h.log.WarnContext(r.Context(), "web: opml import failed", "err", err)
		h.renderFeeds(w, r, http.StatusBadRequest, feedsBody{Error: "The file could not be imported as OPML."})
		return
	}
	if added > 0 {
		h.feedsChanged()
	}
	v := url.Values{"imported": {strconv.Itoa(added)}, "skipped": {strconv.Itoa(skipped)}}
	redirect(w, r, "/feeds?"+v.Encode(), http.StatusSeeOther)
}

func (h *handler) feedsChanged() {
	if h.opts.FeedsChanged != nil {
		h.opts.FeedsChanged()
	}
}
