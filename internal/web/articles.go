package web

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/internal/feeds"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/render"
	"github.com/triangulate/triangulate/internal/store"
)

// articleBody is the data of the article page.
type articleBody struct {
	Record    store.ArticleRecord
	Title     string
	Outlet    string // "" when unknown
	Published string // "" when unknown
	Basis     string
	// Link is the article's address when it is an http(s) URL; other
	// schemes are shown as text, never linked.
	Link       string
	StoryPath  string
	StoryTitle string
	// SourceID is the article's id in its story's dossier ("s3"), "" when
	// the dossier does not include it (yet).
	SourceID string
	// SourceAnchor is the address of that source on the story page.
	SourceAnchor string
	Paragraphs   []paragraph
	Cited        int // spans marked
	Processed    bool
}

// paragraph is a paragraph of the cleaned text cut into plain and cited
// pieces.
type paragraph []segment

// segment is a piece of a paragraph; Cited pieces are shown in <mark>, with
// Why (what cites them) as the tooltip.
type segment struct {
	Text  string
	Cited bool
	Why   string
}

// article serves GET /articles/{id}.
func (h *handler) article(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.errorPage(w, r, http.StatusNotFound, "There is no article with this id.")
		return
	}
	a, err := h.opts.Store.GetArticle(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.errorPage(w, r, http.StatusNotFound, "There is no article with this id.")
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	body := articleBody{Record: a, Title: articleTitle(a), Link: webLink(a.URL), Processed: a.Article != nil}
	if art := a.Article; art != nil {
		body.Outlet = art.Outlet
		if !art.Published.IsZero() {
			body.Published = art.Published.UTC().Format(dateFormat)
			body.Basis = string(art.PublishedBasis)
		}
		if body.Link == "" {
			body.Link = webLink(art.URL)
		}
	}

	spans, err := h.citations(r.Context(), a, &body)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if a.Article != nil {
		body.Paragraphs = markParagraphs(a.Article.Text, spans)
		body.Cited = len(spans)
	}
	p := page{Title: body.Title, Nav: "stories", Body: body}
	if a.Status == store.StatusQueued || a.Status == store.StatusProcessing {
		p.Refresh = 5
	}
	h.render(w, r, http.StatusOK, "article", p)
}

// citations finds the sentences of article a that its story's dossier
// cites, and fills in body's links to the story and the source. An
// article without a story, a story gone or without a dossier yet, or a
// dossier that does not include the article, cite nothing.
func (h *handler) citations(ctx context.Context, a store.ArticleRecord, body *articleBody) ([]citedSpan, error) {
	if a.StoryID == "" {
		return nil, nil
	}
	st, err := h.opts.Store.GetStory(ctx, a.StoryID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil // the story went away under us: show the article alone
	}
	if err != nil {
		return nil, err
	}
	body.StoryPath, body.StoryTitle = storyPath(st.ID), titleOr(st.Title)
	dr, err := h.opts.Store.GetDossier(ctx, st.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	d, err := dr.Dossier()
	if err != nil {
		return nil, err
	}
	src, ok := matchSource(d, a)
	if !ok || a.Article == nil {
		return nil, nil
	}
	body.SourceID = src.ID
	body.SourceAnchor = body.StoryPath + "#" + render.HTMLSourceAnchor(d.Story.ID, src.ID)
	return citedSpans(d, src.ID, a.Article.Text), nil
}

// webLink returns u when it is an absolute http(s) URL, else "".
func webLink(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// matchSource finds the dossier's source built from the article, matched
// on the input, else on the URL (the inverse of matchArticle).
func matchSource(d *news.Dossier, a store.ArticleRecord) (*news.Source, bool) {
	for _, byURL := range []bool{false, true} {
		for i := range d.Sources {
			if builtFrom(d.Sources[i], a, byURL) {
				return &d.Sources[i], true
			}
		}
	}
	return nil, false
}

// citedSpan is a byte range of the cleaned text that the dossier cites, and
// what cites it.
type citedSpan struct {
	start, end int
	why        []string
}

// citedSpans collects the evidence of source src in the dossier's facts,
// conflicts, timeline and quotes, as sorted, disjoint spans of text. Evidence
// whose offsets do not hold its text in this text (the article was cleaned
// again since the dossier) is left out rather than marking the wrong words.
func citedSpans(d *news.Dossier, src, text string) []citedSpan {
	var spans []citedSpan
	add := func(evs []news.Evidence, why string) {
		for _, e := range evs {
			if e.Source != src || e.Start < 0 || e.End <= e.Start || e.End > len(text) || text[e.Start:e.End] != e.Text {
				continue
			}
			spans = append(spans, citedSpan{start: e.Start, end: e.End, why: []string{why}})
		}
	}
	for _, f := range d.Facts {
		add(f.Evidence, "fact: "+collapse(f.Text))
	}
	for _, c := range d.Conflicts {
		for _, v := range c.Variants {
			add(v.Evidence, "conflict, "+collapse(c.About)+": "+collapse(v.Value))
		}
	}
	for _, e := range d.Timeline {
		add(e.Evidence, "timeline: "+e.Date)
	}
	for _, q := range d.Quotes {
		add(q.Evidence, "quote")
	}
	slices.SortFunc(spans, func(a, b citedSpan) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
	})
	// Merge overlapping spans: one sentence often backs a fact, a timeline
	// entry and a quote, and marks cannot nest.
	var out []citedSpan
	for _, s := range spans {
		if n := len(out); n > 0 && s.start < out[n-1].end {
			last := &out[n-1]
			last.end = max(last.end, s.end)
			for _, w := range s.why {
				if !slices.Contains(last.why, w) {
					last.why = append(last.why, w)
				}
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// markParagraphs cuts text into its paragraphs, and each into plain and
// cited segments. A span across a paragraph break is marked in each
// paragraph it covers.
func markParagraphs(text string, spans []citedSpan) []paragraph {
	var out []paragraph
	pos := 0
	for i, para := range news.SplitParagraphs(text) {
		if i > 0 {
			pos += len(news.ParagraphSep)
		}
		start, end := pos, pos+len(para)
		pos = end
		var p paragraph
		at := start
		for _, s := range spans {
			if s.end <= start || s.start >= end {
				continue
			}
			from, to := max(s.start, start), min(s.end, end)
			if from > at {
				p = append(p, segment{Text: text[at:from]})
			}
			p = append(p, segment{Text: text[from:to], Cited: true, Why: whyLabel(s.why)})
			at = to
		}
		if at < end {
			p = append(p, segment{Text: text[at:end]})
		}
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// whyLabel is the tooltip of a mark: what cites the sentence, at most a few
// lines.
func whyLabel(why []string) string {
	const most = 4
	if len(why) > most {
		return "Cited by " + strings.Join(why[:most], "; ") + "; and " + strconv.Itoa(len(why)-most) + " more"
	}
	return "Cited by " + strings.Join(why, "; ")
}

// addBody is the data of the "Add an article" page: the form's fields,
// refilled after a rejected submission, and what was wrong.
type addBody struct {
	URL, Title, Text, Error string
}

// addForm serves GET /add.
func (h *handler) addForm(w http.ResponseWriter, r *http.Request) {
	if h.opts.AddArticle == nil {
		h.errorPage(w, r, http.StatusNotFound, "This server does not take articles from its pages.")
		return
	}
	h.render(w, r, http.StatusOK, "add", page{Title: "Add an article", Nav: "add", Body: addBody{}})
}

// addArticle serves POST /add: the article is queued and its page shown;
// a rejected one brings the form back with what was wrong.
func (h *handler) addArticle(w http.ResponseWriter, r *http.Request) {
	if h.opts.AddArticle == nil {
		h.errorPage(w, r, http.StatusNotFound, "This server does not take articles from its pages.")
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	b := addBody{URL: r.PostFormValue("url"), Title: r.PostFormValue("title"), Text: r.PostFormValue("text")}
	id, err := h.opts.AddArticle(r.Context(), b.URL, b.Title, b.Text)
	if err != nil {
		b.URL = feeds.WithoutCredentials(b.URL) // a password is never sent back
		b.Error = "The article was not added: " + err.Error()
		h.render(w, r, http.StatusUnprocessableEntity, "add", page{Title: "Add an article", Nav: "add", Body: b})
		return
	}
	redirect(w, r, articlePath(id), http.StatusSeeOther)
}
