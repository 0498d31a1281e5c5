package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/feeds"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/netguard"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
)

// The articles resource: adding articles (text, HTML, a URL to fetch) and
// reading one back.

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

	out, err := s.queue(r.Context(), docs)
	if err != nil {
		s.storeError(w, r, "article", err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"articles": out})
}

// queue stores documents as queued articles, in one transaction, and wakes
// the processor.
func (s *Server) queue(ctx context.Context, docs []news.Document) ([]articleJSON, error) {
	var out []articleJSON
	err := store.WithRetry(ctx, s.st, func(tx store.Tx) error {
		out = out[:0]
		for _, d := range docs {
			id, created, err := tx.AddArticle(ctx, store.NewArticle{Document: d})
			if err != nil {
				return err
			}
			rec, err := tx.GetArticle(ctx, id)
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
		return nil, err
	}
	s.proc.Wake()
	return out, nil
}

// AddFromForm adds the article a person gave in the web UI's form: pasted
// text (with an optional title and the address it came from), or, without
// text, the page at an address, fetched as the API fetches it. It returns
// the stored article's id; its error is for the person to read.
func (s *Server) AddFromForm(ctx context.Context, rawURL, title, text string) (int64, error) {
	rawURL, title, text = strings.TrimSpace(rawURL), strings.TrimSpace(title), strings.TrimSpace(text)
	if rawURL != "" {
		if _, err := feeds.ValidateFeedURL(rawURL); err != nil {
			return 0, fmt.Errorf("the address: %v", err)
		}
		if u, err := url.Parse(rawURL); err == nil && u.User != nil {
			return 0, errors.New("the address must not hold a user name or password")
		}
	}
	var docs []news.Document
	switch {
	case text != "":
		var errs []error
		docs, errs = ingest.Parse(apiInput(rawURL, []byte(text)), []byte(text), "text/plain; charset=utf-8", rawURL)
		if len(docs) == 0 {
			return 0, fmt.Errorf("the text: %v", errors.Join(errs...))
		}
		if title != "" {
			docs[0].Title = title
		}
	case rawURL != "":
		var err error
		if docs, _, err = s.fetch(ctx, rawURL); err != nil {
			return 0, fmt.Errorf("the page could not be read: %v", err)
		}
	default:
		return 0, errors.New("give an address or paste the article's text")
	}
	out, err := s.queue(ctx, docs[:1])
	if err != nil {
		return 0, err
	}
	return out[0].ID, nil
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
