package web

import (
	"bytes"
	"container/list"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/render"
	"github.com/triangulate/triangulate/internal/store"
)

// listBody is the data of the story list and its fragment.
type listBody struct {
	Q       string
	Order   string // "updated" or "articles"
	Rows    []storyRow
	Next    string // address of the next page, "" on the last
	First   string // address of the first page when this is a later one
	Welcome bool   // the store holds no story at all
	Demo    bool   // the example can be loaded
	// NeedToken repeats page.NeedToken, since the fragment is rendered
	// without the layout.
	NeedToken bool
	// Queue says what work is pending ("3 articles waiting, 1 being
	// processed"), "" when none.
	Queue string
}

// queueLine says what work is pending ("12 articles waiting, 2 being
// processed, 1 failed"), "" when none is and none failed.
func queueLine(counts map[store.Status]int) string {
	var parts []string
	if n := counts[store.StatusQueued]; n > 0 {
		parts = append(parts, plural(n, "article", "articles")+" waiting")
	}
	if n := counts[store.StatusProcessing]; n > 0 {
		parts = append(parts, strconv.Itoa(n)+" being processed")
	}
	if n := counts[store.StatusFailed]; n > 0 {
		parts = append(parts, strconv.Itoa(n)+" failed")
	}
	return strings.Join(parts, ", ")
}

// storyRow is one line of the list.
type storyRow struct {
	store.StoryRecord
	Path  string
	Title string
	Span  string // "2024-04-10 – 2024-04-12", "" when no date is known
}

// stories serves GET /: the story list, or only its fragment for htmx.
func (h *handler) stories(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	order := store.OrderUpdated
	if r.URL.Query().Get("order") == string(store.OrderArticles) {
		order = store.OrderArticles
	}
	cursor := r.URL.Query().Get("cursor")
	res, err := h.opts.Store.ListStories(r.Context(), store.StoryQuery{Search: q, Order: order, Cursor: cursor})
	switch {
	case errors.Is(err, store.ErrInvalid) && cursor != "":
		h.errorPage(w, r, http.StatusBadRequest, "This page link is not valid any more. Start again from the first page.")
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	body := listBody{
		Q:         q,
		Order:     string(order),
		Welcome:   len(res.Stories) == 0 && q == "" && cursor == "",
		Demo:      h.opts.Demo != nil,
		NeedToken: h.opts.Token != "",
	}
	for _, s := range res.Stories {
		body.Rows = append(body.Rows, storyRow{StoryRecord: s, Path: storyPath(s.ID), Title: titleOr(s.Title), Span: span(s)})
	}
	counts, err := h.opts.Store.CountArticles(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body.Queue = queueLine(counts)
	if res.Next != "" {
		body.Next = listURL(q, order, res.Next)
	}
	if cursor != "" {
		body.First = listURL(q, order, "")
	}

	// The list depends on this header, so caches must keep both answers.
	w.Header().Add("Vary", "HX-Request")
	if isFragmentRequest(r) {
		h.execute(w, r, http.StatusOK, "stories", "list", body)
		return
	}
	title := "Stories"
	if q != "" {
		title = "Stories matching “" + q + "”"
	}
	h.render(w, r, http.StatusOK, "stories", page{Title: title, Nav: "stories", Body: body})
}

// isFragmentRequest reports whether htmx asked for part of a page. A
// history restore (going back to a page htmx pushed, with its cache
// missed) is sent by htmx with HX-Request too, but needs the whole page.
func isFragmentRequest(r *http.Request) bool {
	return r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-History-Restore-Request") != "true"
}

// listURL is the address of a page of the list.
func listURL(q string, order store.StoryOrder, cursor string) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if order != store.OrderUpdated {
		v.Set("order", string(order))
	}
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

func titleOr(title string) string {
	if strings.TrimSpace(title) == "" {
		return "Untitled story"
	}
	return title
}

// span is when a story's articles were published.
func span(s store.StoryRecord) string {
	first, last := s.FirstPublished, s.LastPublished
	switch {
	case first.IsZero() && last.IsZero():
		return ""
	case first.IsZero():
		first = last
	case last.IsZero():
		last = first
	}
	a, b := first.UTC().Format(dateFormat), last.UTC().Format(dateFormat)
	if a == b {
		return a
	}
	return a + " – " + b
}

// demo serves POST /demo: load the bundled example, then show the list.
func (h *handler) demo(w http.ResponseWriter, r *http.Request) {
	if h.opts.Demo == nil {
		h.errorPage(w, r, http.StatusNotFound, "This server has no example to load.")
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	if err := h.opts.Demo(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/", http.StatusSeeOther)
}

// storyBody is the data of the story page.
type storyBody struct {
	Record store.StoryRecord
	// Dossier is the render package's markup of the dossier, built with
	// html/template (every piece of article text escaped there).
	Dossier template.HTML
	// Version and Built describe the dossier shown.
	Version int
	Built   string
}

// Previous is the version before the one shown; Changes the address of
// what changed since it.
func (b storyBody) Previous() int   { return b.Version - 1 }
func (b storyBody) Changes() string { return changesPath(b.Record.ID, b.Version-1) }

// Export is the address of the dossier as a file of format.
func (b storyBody) Export(format string) string { return exportPath(b.Record.ID, format) }

// buildingBody is the data of the page of a story without a dossier yet.
type buildingBody struct {
	Record   store.StoryRecord
	Title    string
	Articles []articleRow
}

// articleRow is an article in a list.
type articleRow struct {
	Path, Title, Status string
}

// story serves GET /stories/{id}.
func (h *handler) story(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	rec, ok := h.lookupStory(w, r, id)
	if !ok {
		return
	}
	if rec.ID != id {
		// The story was merged into another: its address moved for good.
		redirect(w, r, storyPath(rec.ID), http.StatusMovedPermanently)
		return
	}
	// The fragment depends on the dossier version and, through the links
	// to the articles, on the membership (the revision); the story record
	// names both, so a cached page costs no read of the dossier.
	frag, ok := h.fragments.get(fragmentKey{id: rec.ID, version: rec.DossierVersion, revision: rec.Revision})
	if !ok {
		dr, err := h.opts.Store.GetDossier(r.Context(), rec.ID)
		if errors.Is(err, store.ErrNotFound) {
			h.building(w, r, rec)
			return
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if frag, err = h.renderFragment(r, rec, dr); err != nil {
			h.fail(w, r, err)
			return
		}
		h.fragments.put(fragmentKey{id: rec.ID, version: dr.Version, revision: rec.Revision}, frag)
	}
	body := storyBody{
		Record:  rec,
		Dossier: frag.html,
		Version: frag.version,
		Built:   frag.built,
	}
	h.render(w, r, http.StatusOK, "story", page{Title: frag.title, Nav: "stories", Body: body})
}

// building serves the page of a story whose first dossier is not built
// yet: its articles and their state, refreshed every few seconds.
func (h *handler) building(w http.ResponseWriter, r *http.Request, rec store.StoryRecord) {
	arts, err := h.opts.Store.StoryArticles(r.Context(), rec.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := buildingBody{Record: rec, Title: titleOr(rec.Title)}
	for _, a := range arts {
		body.Articles = append(body.Articles, articleRow{Path: articlePath(a.ID), Title: articleTitle(a), Status: string(a.Status)})
	}
	h.render(w, r, http.StatusOK, "building", page{Title: body.Title, Nav: "stories", Refresh: 5, Body: body})
}

// fragment is a story's dossier rendered for its page, with the version
// it shows and when that version was built.
type fragment struct {
	title   string
	html    template.HTML
	version int
	built   string
}

// renderFragment renders a stored dossier with its timeline chart and the
// links from its sources to their articles.
func (h *handler) renderFragment(r *http.Request, rec store.StoryRecord, dr store.DossierRecord) (fragment, error) {
	arts, err := h.opts.Store.StoryArticles(r.Context(), rec.ID)
	if err != nil {
		return fragment{}, err
	}
	d, err := dr.Dossier()
	if err != nil {
		return fragment{}, err
	}
	figure, err := h.timelineFigure(d)
	if err != nil {
		return fragment{}, err
	}
	var buf bytes.Buffer
	err = render.HTMLStoryFragment(&buf, d, render.FragmentOptions{
		SourceLinks:    sourceLinks(d, arts),
		TimelineFigure: figure,
	})
	if err != nil {
		return fragment{}, err
	}
	// Safe: html/template output of the render package, not article text.
	return fragment{title: titleOr(d.Story.Title), html: template.HTML(buf.String()), version: dr.Version, built: formatTime(dr.CreatedAt)}, nil
}

type fragmentKey struct {
	id       string
	version  int
	revision int64
}

// fragmentCache is a small LRU of rendered dossiers.
type fragmentCache struct {
	mu    sync.Mutex
	max   int
	items map[fragmentKey]*list.Element
	lru   list.List // of fragmentEntry, most recent first
}

type fragmentEntry struct {
	key fragmentKey
	val fragment
}

func newFragmentCache(n int) *fragmentCache {
	return &fragmentCache{max: n, items: map[fragmentKey]*list.Element{}}
}

func (c *fragmentCache) get(k fragmentKey) (fragment, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return fragment{}, false
	}
	c.lru.MoveToFront(e)
	return e.Value.(fragmentEntry).val, true
}

func (c *fragmentCache) put(k fragmentKey, v fragment) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		e.Value = fragmentEntry{k, v}
		c.lru.MoveToFront(e)
		return
	}
	c.items[k] = c.lru.PushFront(fragmentEntry{k, v})
	for c.lru.Len() > c.max {
		last := c.lru.Back()
		delete(c.items, last.Value.(fragmentEntry).key)
		c.lru.Remove(last)
	}
}

// sourceLinks maps each source of the dossier to the page of the stored
// article it was built from, matched on the input, else on the URL.
func sourceLinks(d *news.Dossier, arts []store.ArticleRecord) map[string]string {
	links := map[string]string{}
	for _, src := range d.Sources {
		if a, ok := matchArticle(src, arts); ok {
			links[src.ID] = articlePath(a.ID)
		}
	}
	return links
}

// matchArticle finds the stored article a source was built from.
func matchArticle(src news.Source, arts []store.ArticleRecord) (store.ArticleRecord, bool) {
	for _, byURL := range []bool{false, true} {
		for _, a := range arts {
			if builtFrom(src, a, byURL) {
				return a, true
			}
		}
	}
	return store.ArticleRecord{}, false
}

// builtFrom reports whether the dossier source src was built from stored
// article a, by their inputs, or with byURL by their addresses: the input
// is tried first by both lookups, since one page reached by two inputs
// makes two sources.
func builtFrom(src news.Source, a store.ArticleRecord, byURL bool) bool {
	if byURL {
		return a.URL != "" && src.URL == a.URL
	}
	return a.Input != "" && src.Input == a.Input
}

// articleTitle is an article's title, or its input until it is cleaned.
func articleTitle(a store.ArticleRecord) string {
	if a.Article != nil && strings.TrimSpace(a.Article.Title) != "" {
		return a.Article.Title
	}
	if a.Input != "" {
		return a.Input
	}
	return a.URL
}

// exportTypes are the media types and file extensions of the export
// formats.
var exportTypes = map[render.Format]struct{ mediaType, ext string }{
	render.FormatMarkdown: {"text/markdown; charset=utf-8", "md"},
	render.FormatJSON:     {"application/json", "json"},
	render.FormatHTML:     {"text/html; charset=utf-8", "html"},
	render.FormatText:     {"text/plain; charset=utf-8", "txt"},
}

// export serves a story's current dossier as a file to download: Markdown,
// JSON (the dossier schema), a self-contained HTML page, or plain text.
func (h *handler) export(w http.ResponseWriter, r *http.Request) {
	format, err := render.ParseFormat(r.PathValue("format"))
	t, known := exportTypes[format]
	if err != nil || !known {
		h.errorPage(w, r, http.StatusNotFound, "There is no such export: the formats are md, json, html and text.")
		return
	}
	rec, ok := h.lookupStory(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	dr, err := h.opts.Store.GetDossier(r.Context(), rec.ID)
	if errors.Is(err, store.ErrNotFound) {
		h.errorPage(w, r, http.StatusNotFound, "This story's dossier is not built yet; try again in a moment.")
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := dr.Dossier()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := render.Render(&buf, format, []news.Dossier{*d}, render.Options{}); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", t.mediaType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", fmt.Sprintf("%s-v%d.%s", rec.ID, dr.Version, t.ext)))
	w.Write(buf.Bytes())
}

// lookupStory reads story id (a merged story's record is its survivor's),
// or answers 404 or 500 and reports false.
func (h *handler) lookupStory(w http.ResponseWriter, r *http.Request, id string) (store.StoryRecord, bool) {
	rec, err := h.opts.Store.GetStory(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.errorPage(w, r, http.StatusNotFound, "There is no story with this id.")
		return rec, false
	case err != nil:
		h.fail(w, r, err)
		return rec, false
	}
	return rec, true
}
