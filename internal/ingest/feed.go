package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/rss"

	"github.com/triangulate/triangulate/internal/news"
)

// FeedInfo is what ParseFeed learnt about a feed besides its documents.
type FeedInfo struct {
	// Title, Description and Language are the feed's own, trimmed.
	Title       string
	Description string
	Language    string
	// Link is the site the feed belongs to (RSS channel link, Atom
	// alternate link, JSON Feed home_page_url), resolved against base.
	Link string
	// Type is the format gofeed read: "rss" (also RDF), "atom" or "json".
	Type string
	// Items lists every item in feed order, also the items without a body
	// that gave no document: a caller following a feed over time (the feed
	// poller) tells items apart by their GUID and may fetch the page of an
	// item that carries only a link.
	Items []FeedItem
}

// FeedItem is one item of a feed as ParseFeed read it.
type FeedItem struct {
	// GUID is the item's guid (RSS), id (Atom, JSON Feed), trimmed; "" when
	// it has none.
	GUID string
	// Document is the item as ParseFeed makes it; its Content is "" when
	// the item has neither content nor description.
	Document news.Document
}

// ParseFeed reads an RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed with gofeed
// and makes each item with a body one Document: Content is the item's full
// content (content:encoded, atom:content) when it has one, else its
// description or summary, as HTML; Title and URL are the item's; Outlet is
// the publisher the item names in its RSS <source> (or Atom source title),
// else the feed's title, since aggregators (Google News, a wire's partner
// feed) carry other publishers' articles; Language is the feed's.
//
// Published is the date as the feed wrote it (item published, else
// updated), because gofeed's parsed date is nil for dates that are not
// RFC 822 or RFC 3339 and the cleaning stage has a better date parser;
// only when the feed wrote no date string but gofeed still parsed one is
// that date given, as RFC 3339.
//
// Feed items often carry only a summary or the first paragraph, not the
// article: a dossier built from them alone sees less than the sources
// said. Fetching each item's URL gives the full page.
//
// Items are named "input#N" (1-based) when the feed has more than one;
// base resolves relative links (the feed's final URL, or ""). A feed that
// does not parse is one *InputError wrapping ErrMalformed; a feed without
// items is ErrEmpty (with feed still filled in); each item without a body
// is one ErrNoContent, and the other items are still read.
func ParseFeed(input string, content []byte, base string) (feed FeedInfo, docs []news.Document, errs []error) {
	rssT := &rssSources{sources: map[*gofeed.Item]string{}}
	atomT := &atomSources{sources: map[*gofeed.Item]string{}}
	p := gofeed.NewParser()
	p.RSSTranslator = rssT
	p.AtomTranslator = atomT
	f, err := p.Parse(bytes.NewReader(content))
	if err != nil {
		return FeedInfo{}, nil, []error{&InputError{Input: input, Err: reason("invalid feed: "+oneLine(err.Error()), ErrMalformed, err)}}
	}
	feed = FeedInfo{
		Title:       feedString(f.Title, maxFeedTitle),
		Description: feedString(f.Description, maxFeedDescription),
		Language:    feedString(f.Language, 35),
		Link:        resolve(base, strings.TrimSpace(f.Link)),
		Type:        f.FeedType,
	}
	if len(f.Items) == 0 {
		return feed, nil, []error{&InputError{Input: input, Err: reason("feed has no items", ErrEmpty)}}
	}
	for i, item := range f.Items {
		name := input
		if len(f.Items) > 1 {
			name = fmt.Sprintf("%s#%d", input, i+1)
		}
		body := item.Content
		if strings.TrimSpace(body) == "" {
			body = item.Description
		}
		if strings.TrimSpace(body) == "" {
			body = ""
			errs = append(errs, &InputError{Input: name, Err: reason("item has no content or description", ErrNoContent)})
		}
		outlet := feedString(rssT.sources[item], maxFeedTitle)
		if outlet == "" {
			outlet = feedString(atomT.sources[item], maxFeedTitle)
		}
		if outlet == "" {
			outlet = feed.Title
		}
		doc := news.Document{
			Input: name,
			URL:   resolve(base, strings.TrimSpace(item.Link)),
			// news has no kind for feeds; the item is an HTML body taken
			// from a web page, and is read on as one.
			Kind:        news.KindFeed,
			Content:     normalizeText(strings.ToValidUTF8(body, "\uFFFD")),
			ContentKind: news.KindHTML,
			Title:       feedString(item.Title, maxItemTitle),
			Outlet:      outlet,
			Published:   itemDate(item),
			Language:    feed.Language,
		}
		feed.Items = append(feed.Items, FeedItem{GUID: feedString(item.GUID, maxGUID), Document: doc})
		if body != "" {
			docs = append(docs, doc)
		}
	}
	return feed, docs, errs
}

// readFeed is ParseFeed for Read, which wants the documents only.
func readFeed(input string, content []byte, base string) ([]news.Document, []error) {
	_, docs, errs := ParseFeed(input, content, base)
	return docs, errs
}

// itemDate is the item's date as the feed wrote it (published, else
// updated), else the date gofeed parsed, as RFC 3339 in the feed's own
// offset (so the day stays the publisher's day), else "".
func itemDate(item *gofeed.Item) string {
	for _, s := range []string{item.Published, item.Updated} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	for _, t := range []*time.Time{item.PublishedParsed, item.UpdatedParsed} {
		if t != nil && !t.IsZero() {
			return t.Format(time.RFC3339)
		}
	}
	return ""
}

// rssSources is gofeed's RSS translator that also notes the publisher each
// item names in its <source> element, which gofeed's universal Item does
// not carry (only rss.Item does). The notes are keyed by the translated
// item; a translator serves one Parse.
type rssSources struct {
	gofeed.DefaultRSSTranslator
	sources map[*gofeed.Item]string
}

// Translate translates as gofeed does, then notes the items' sources.
func (t *rssSources) Translate(feed any) (*gofeed.Feed, error) {
	f, err := t.DefaultRSSTranslator.Translate(feed)
	if err != nil {
		return nil, err
	}
	// The default translator keeps the items in order, one for one.
	if rf, ok := feed.(*rss.Feed); ok && len(rf.Items) == len(f.Items) {
		for i, it := range rf.Items {
			if it.Source != nil {
				t.sources[f.Items[i]] = sourceName(it.Source.Title, it.Source.URL)
			}
		}
	}
	return f, nil
}

// atomSources is rssSources for Atom's <source>, the feed an entry was
// copied from: its title names the publisher.
type atomSources struct {
	gofeed.DefaultAtomTranslator
	sources map[*gofeed.Item]string
}

// Translate translates as gofeed does, then notes the entries' sources.
func (t *atomSources) Translate(feed any) (*gofeed.Feed, error) {
	f, err := t.DefaultAtomTranslator.Translate(feed)
	if err != nil {
		return nil, err
	}
	if af, ok := feed.(*atom.Feed); ok && len(af.Entries) == len(f.Items) {
		for i, e := range af.Entries {
			if e.Source != nil {
				t.sources[f.Items[i]] = sourceName(e.Source.Title, "")
			}
		}
	}
	return f, nil
}

// sourceName is the publisher a source element names: its text, else the
// host of its URL without "www." (<source url="https://www.reuters.com"/>
// names Reuters as well as the text would), else "".
func sourceName(title, rawURL string) string {
	if title = strings.Join(strings.Fields(title), " "); title != "" {
		return title
	}
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Hostname() == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// feedAccept asks for feeds first.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, " +
	"application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

// Validators are what a previous 200 response said to send back so the
// server can answer 304 Not Modified instead of the whole feed.
type Validators struct {
	ETag         string // sent as If-None-Match
	LastModified string // sent as If-Modified-Since
}

// FeedResponse is the outcome of FetchFeed.
type FeedResponse struct {
	// StatusCode is the HTTP status (0 when no response came).
	StatusCode int
	// NotModified is true on 304: the feed is unchanged and Content empty.
	NotModified bool
	// Content is the body of a 2xx response, at most Options.MaxBytes.
	Content []byte
	// URL is the final URL after redirects, for resolving relative links.
	URL string
	// Validators of a 2xx response, to send on the next fetch (empty when
	// the server sent none).
	Validators Validators
	// RetryAfter is how long a 429 or 503 response asked the client to
	// wait (its Retry-After header), 0 when it did not say.
	RetryAfter time.Duration
}

// FetchFeed GETs a feed with a conditional request: when v holds a
// validator of the previous response, a server that supports them answers
// 304 and the feed is not downloaded again, which is what keeps polling
// many feeds every few minutes cheap for both sides.
//
// It follows Read's rules for URLs (http and https only, opts.Timeout for
// the whole fetch, opts.MaxBytes after gzip decoding, opts.Client or a
// default one) and fails with an *InputError wrapping the same sentinels
// (ErrHTTPStatus for a status other than 2xx and 304, ErrTimeout,
// ErrFetch, ErrTooLarge, ErrUnsupported). On ErrHTTPStatus the response
// still reports StatusCode and RetryAfter.
func FetchFeed(ctx context.Context, rawURL string, v Validators, opts Options) (FeedResponse, error) {
	opts = opts.withDefaults()
	if opts.Client == nil {
		c := newClient(opts)
		opts.Client = c
		defer c.CloseIdleConnections()
	}
	resp, err := fetchFeed(ctx, rawURL, v, opts)
	if err != nil {
		return resp, &InputError{Input: rawURL, Err: err}
	}
	return resp, nil
}

func fetchFeed(ctx context.Context, rawURL string, v Validators, opts Options) (FeedResponse, error) {
	u, err := url.Parse(rawURL)
	switch {
	case err != nil:
		return FeedResponse{}, reason("invalid url: "+oneLine(err.Error()), ErrUnsupported, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return FeedResponse{}, reason(fmt.Sprintf("unsupported url scheme %q (only http and https)", u.Scheme), ErrUnsupported)
	case u.Host == "":
		return FeedResponse{}, reason("invalid url: no host", ErrUnsupported)
	}

	fctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(fctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return FeedResponse{}, reason("invalid url: "+oneLine(err.Error()), ErrUnsupported, err)
	}
	req.Header.Set("User-Agent", opts.UserAgent)
	req.Header.Set("Accept", feedAccept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}

	resp, err := opts.Client.Do(req)
	if err != nil {
		return FeedResponse{}, fetchError(ctx, err, opts.Timeout)
	}
	defer resp.Body.Close()

	out := FeedResponse{StatusCode: resp.StatusCode, URL: resp.Request.URL.String()}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			out.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
		}
		return out, fmt.Errorf("%w %s", ErrHTTPStatus, statusText(resp))
	}
	out.Validators = Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}

	body := io.Reader(resp.Body)
	// As in fetch: the standard transport decodes the gzip it asked for;
	// a header still present means a body nobody decoded yet.
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(body)
		if err != nil {
			return out, reason("invalid gzip body: "+err.Error(), ErrFetch, err)
		}
		defer zr.Close()
		body = zr
	} else if resp.ContentLength > opts.MaxBytes {
		return out, tooLarge(resp.ContentLength, opts.MaxBytes)
	}
	content, err := io.ReadAll(io.LimitReader(body, opts.MaxBytes+1))
	if err != nil {
		return out, fetchError(ctx, err, opts.Timeout)
	}
	if int64(len(content)) > opts.MaxBytes {
		return out, tooLargeStream(opts.MaxBytes)
	}
	out.Content = content
	return out, nil
}

// retryAfter reads a Retry-After header: delay seconds or an HTTP date
// (RFC 9110 section 10.2.3); 0 when absent, unreadable or past.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil {
		if s <= 0 {
			return 0
		}
		// A week is already longer than any poller waits; larger
		// values would overflow a Duration.
		return time.Duration(min(s, 7*24*3600)) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// resolve returns ref made absolute against base when ref is relative and
// base is known, else ref.
func resolve(base, ref string) string {
	if base == "" || ref == "" {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil || r.IsAbs() {
		return ref
	}
	return b.ResolveReference(r).String()
}

// oneLine folds a message from a library onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Bounds of the strings a feed gives, in characters: a feed is anyone's
// text, and these end up in pages, the store and dossiers.
const (
	maxFeedTitle       = 200
	maxFeedDescription = 1000
	maxItemTitle       = 500
	maxGUID            = 1000
)

// entityRefRE matches a character reference left unresolved ("&w;").
var entityRefRE = regexp.MustCompile(`&#?[A-Za-z0-9]{1,32};`)

// feedString cleans a string a feed gives: character references resolved
// (those that resolve to nothing dropped), control characters and runs of
// white space made one space, and the whole cut to max characters with an
// ellipsis.
func feedString(s string, max int) string {
	s = html.UnescapeString(strings.ToValidUTF8(s, "\uFFFD"))
	s = entityRefRE.ReplaceAllString(s, " ")
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:max-1])) + "…"
	}
	return s
}
