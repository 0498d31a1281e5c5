package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/triangulate/triangulate/internal/news"
)

// jsonArticle is one article as a JSON object. Fields other than these
// are ignored; any of these may be absent or null.
type jsonArticle struct {
	Title     string
	Text      string
	HTML      string
	URL       string
	Published string
	Outlet    string
	Language  string
}

// jsonFields are the keys read from a JSON article, matched exactly.
var jsonFields = []string{"title", "text", "html", "url", "published", "outlet", "language"}

// decodeJSONArticle reads one JSON object. A field of the wrong type is an
// error naming it; "published" may also be a number (a Unix time, say),
// kept as written.
func decodeJSONArticle(raw []byte) (jsonArticle, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		if _, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
			return jsonArticle{}, reason("not a json object", ErrMalformed, err)
		}
		// Truncated or broken JSON: say so, and where.
		return jsonArticle{}, reason("invalid json: "+err.Error(), ErrMalformed, err)
	}
	if fields == nil {
		return jsonArticle{}, reason("not a json object", ErrMalformed)
	}
	var a jsonArticle
	dst := []*string{&a.Title, &a.Text, &a.HTML, &a.URL, &a.Published, &a.Outlet, &a.Language}
	for i, key := range jsonFields {
		v, ok := fields[key]
		if !ok {
			continue
		}
		if err := json.Unmarshal(v, dst[i]); err != nil {
			if key == "published" && len(v) > 0 && (v[0] == '-' || v[0] >= '0' && v[0] <= '9') {
				*dst[i] = string(v)
				continue
			}
			return jsonArticle{}, reason(fmt.Sprintf("field %q is not a string", key), ErrMalformed, err)
		}
	}
	return a, nil
}

// document turns a JSON article into a Document. When an article has both
// "html" and "text", html wins: the markup keeps the paragraph breaks,
// headings, captions and credits that cleaning relies on, and a "text"
// beside it is usually a lossy rendering of the same page.
func (a jsonArticle) document(input string) (news.Document, error) {
	doc := news.Document{
		Input:     input,
		URL:       strings.TrimSpace(a.URL),
		Kind:      news.KindJSON,
		Title:     strings.TrimSpace(a.Title),
		Outlet:    strings.TrimSpace(a.Outlet),
		Published: strings.TrimSpace(a.Published),
		Language:  strings.TrimSpace(a.Language),
	}
	switch {
	case strings.TrimSpace(a.HTML) != "":
		doc.ContentKind = news.KindHTML
		doc.Content = normalizeText(a.HTML)
	case strings.TrimSpace(a.Text) != "":
		doc.ContentKind = news.KindText
		doc.Content = normalizeText(a.Text)
	case a.HTML != "" || a.Text != "":
		return news.Document{}, ErrEmpty
	case doc.URL != "":
		return news.Document{}, &urlOnlyError{url: doc.URL}
	default:
		return news.Document{}, reason("no text or html field", ErrNoContent)
	}
	return doc, nil
}

// urlOnlyError is an article that gives only its address: no body in a
// file, but one a caller that fetches can read (JSONArticles).
type urlOnlyError struct{ url string }

func (e *urlOnlyError) Error() string { return "no text or html field" }
func (e *urlOnlyError) Unwrap() error { return ErrNoContent }

// JSONArticles reads a JSON article or an array of them as an API
// receives them: as a JSON file is read (the same fields, names and
// errors), except that an article with a url and no body is no error: its
// address is returned in fetch, for the caller to read.
func JSONArticles(input string, content []byte) (docs []news.Document, fetch []string, errs []error) {
	docs, all := readJSON(input, content, FormatJSON)
	for _, err := range all {
		if u, ok := errors.AsType[*urlOnlyError](err); ok {
			fetch = append(fetch, u.url)
			continue
		}
		errs = append(errs, err)
	}
	return docs, fetch, errs
}

// jsonItem is one article's raw bytes within a JSON container.
type jsonItem struct {
	raw []byte
	err error
}

// readJSON reads a JSON object, an array of objects (FormatJSON) or JSON
// Lines (FormatJSONLines). Each article that fails is one *InputError,
// named "input#N", and the others are still read. N counts articles from
// 1 (for JSON Lines, non-blank lines); the suffix is added only when the
// input holds more than one.
func readJSON(input string, content []byte, format Format) ([]news.Document, []error) {
	var items []jsonItem
	if format == FormatJSONLines {
		items = splitJSONLines(content)
	} else {
		if !utf8.Valid(content) {
			return nil, []error{&InputError{Input: input, Err: checkText(content)}}
		}
		content = trimBOM(content)
		var err error
		items, err = splitJSON(content)
		if err != nil {
			return nil, []error{&InputError{Input: input, Err: err}}
		}
	}
	if len(items) == 0 {
		return nil, []error{&InputError{Input: input, Err: reason("no articles", ErrEmpty)}}
	}

	var (
		docs []news.Document
		errs []error
	)
	for i, it := range items {
		name := input
		if len(items) > 1 {
			name = fmt.Sprintf("%s#%d", input, i+1)
		}
		doc, err := it.document(name)
		if err != nil {
			errs = append(errs, &InputError{Input: name, Err: err})
			continue
		}
		docs = append(docs, doc)
	}
	return docs, errs
}

func (it jsonItem) document(name string) (news.Document, error) {
	if it.err != nil {
		return news.Document{}, it.err
	}
	a, err := decodeJSONArticle(it.raw)
	if err != nil {
		return news.Document{}, err
	}
	return a.document(name)
}

// splitJSON splits a JSON object or array of objects into its articles.
func splitJSON(content []byte) ([]jsonItem, error) {
	content = bytes.TrimSpace(content)
	if len(content) == 0 || content[0] != '[' {
		return []jsonItem{{raw: content}}, nil
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(content, &elems); err != nil {
		return nil, reason("invalid json: "+err.Error(), ErrMalformed, err)
	}
	items := make([]jsonItem, len(elems))
	for i, e := range elems {
		items[i] = jsonItem{raw: e}
		if len(e) == 0 || e[0] != '{' {
			items[i].err = reason("not a json object", ErrMalformed)
		}
	}
	return items, nil
}

// splitJSONLines splits JSON Lines into one item per non-blank line; a
// line that is not valid UTF-8 or not valid JSON is an item with an error
// naming the line.
func splitJSONLines(content []byte) []jsonItem {
	var items []jsonItem
	n, offset := 0, len(content)-len(trimBOM(content))
	content = trimBOM(content)
	for raw := range bytes.Lines(content) {
		n++
		start := offset
		offset += len(raw)
		line := bytes.TrimSpace(raw)
		if len(line) == 0 {
			continue
		}
		items = append(items, jsonLineItem(raw, line, n, start))
	}
	return items
}

// jsonLineItem is the article of line n of JSON Lines: raw is the line as
// read, line the same trimmed, start its byte offset in the input.
func jsonLineItem(raw, line []byte, n, start int) jsonItem {
	it := jsonItem{raw: line}
	switch {
	case !utf8.Valid(line):
		lead := len(raw) - len(bytes.TrimLeftFunc(raw, unicode.IsSpace))
		it.err = fmt.Errorf("%w at byte offset %d (line %d)", ErrInvalidUTF8, start+lead+firstInvalidUTF8(line), n)
	case !json.Valid(line):
		var v any
		err := json.Unmarshal(line, &v)
		it.err = reason(fmt.Sprintf("invalid json on line %d: %v", n, err), ErrMalformed, err)
	case line[0] != '{':
		it.err = reason(fmt.Sprintf("line %d is not a json object", n), ErrMalformed)
	}
	return it
}
