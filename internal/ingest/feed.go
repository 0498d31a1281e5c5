package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/triangulate/triangulate/internal/news"
)

// readFeed reads an RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed with gofeed
// and makes each item one Document: Content is the item's full content
// (content:encoded, atom:content) when it has one, else its description or
// summary, as HTML; Title and URL are the item's; Published is the date as
// the feed wrote it (item.Published, else item.Updated), because gofeed's
// parsed date is nil for dates that are not RFC 822 or RFC 3339; Outlet and
// Language are the feed's title and language.
//
// Feed items often carry only a summary or the first paragraph, not the
// article: a dossier built from them alone sees less than the sources
// said. Fetching each item's URL gives the full page.
//
// Items are named "input#N" (1-based) when the feed has more than one;
// base resolves relative item links (the feed's final URL, or "").
func readFeed(input string, content []byte, base string) ([]news.Document, []error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(content))
	if err != nil {
		return nil, []error{&InputError{Input: input, Err: reason("invalid feed: "+oneLine(err.Error()), ErrMalformed, err)}}
	}
	if len(feed.Items) == 0 {
		return nil, []error{&InputError{Input: input, Err: reason("feed has no items", ErrEmpty)}}
	}
	var (
		docs []news.Document
		errs []error
	)
	for i, item := range feed.Items {
		name := input
		if len(feed.Items) > 1 {
			name = fmt.Sprintf("%s#%d", input, i+1)
		}
		body := item.Content
		if strings.TrimSpace(body) == "" {
			body = item.Description
		}
		if strings.TrimSpace(body) == "" {
			errs = append(errs, &InputError{Input: name, Err: reason("item has no content or description", ErrNoContent)})
			continue
		}
		published := item.Published
		if published == "" {
			published = item.Updated
		}
		docs = append(docs, news.Document{
			Input: name,
			URL:   resolve(base, strings.TrimSpace(item.Link)),
			// news has no kind for feeds; the item is an HTML body taken
			// from a web page, and is read on as one.
			Kind:        news.KindFeed,
			Content:     normalizeText(strings.ToValidUTF8(body, "\uFFFD")),
			ContentKind: news.KindHTML,
			Title:       strings.TrimSpace(item.Title),
			Outlet:      strings.TrimSpace(feed.Title),
			Published:   strings.TrimSpace(published),
			Language:    strings.TrimSpace(feed.Language),
		})
	}
	return docs, errs
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
