package ingest

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/triangulate/triangulate/internal/news"
)

// sourceMeta is what a source said about its content besides the bytes.
type sourceMeta struct {
	url         string // final URL of a fetched page
	contentType string // Content-Type header of a fetched page
}

// parse detects the format of one input's content and reads it into
// documents; every failure is an *InputError.
func parse(input string, content []byte, meta sourceMeta) ([]news.Document, []error) {
	content = scrubControls(content)
	format := Detect(content)
	if meta.contentType != "" {
		var err error
		format, content, err = refine(format, content, meta.contentType)
		if err != nil {
			return nil, []error{&InputError{Input: input, Err: err}}
		}
	}

	var doc news.Document
	switch format {
	case FormatEmpty:
		return nil, []error{&InputError{Input: input, Err: ErrEmpty}}
	case FormatBinary:
		err := error(ErrBinary)
		if !binarySignature(content) {
			if e := checkText(content); e != nil {
				err = e // what is wrong with it as text: its encoding, its emptiness
			}
		}
		return nil, []error{&InputError{Input: input, Err: err}}
	case FormatJSON, FormatJSONLines:
		return readJSON(input, content, format)
	case FormatFeed:
		return readFeed(input, content, meta.url)
	case FormatHTML:
		doc = news.Document{Kind: news.KindHTML, ContentKind: news.KindHTML, Content: decodeHTML(content, meta.contentType)}
	default:
		doc = news.Document{Kind: news.KindText, ContentKind: news.KindText, Content: normalizeText(string(content))}
	}
	doc.Input = input
	doc.URL = meta.url
	return []news.Document{doc}, nil
}

// refine corrects a format detected from content with what the server
// said in its Content-Type:
//   - a feed, JSON or empty body is what its content says, whatever the
//     header (feeds are often served as text/html or text/plain);
//   - text/html or application/xhtml+xml makes text, or bytes in a legacy
//     encoding, HTML;
//   - another text type with a charset turns a body that is not UTF-8
//     into UTF-8 (text/plain; charset=iso-8859-1), then detects again;
//   - a binary body of a type that is neither text nor generic
//     (application/pdf, image/jpeg) is ErrUnsupported, naming the type.
//
// It returns the format and the content, decoded if it was.
func refine(f Format, content []byte, contentType string) (Format, []byte, error) {
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return f, content, nil
	}
	switch f {
	case FormatEmpty, FormatFeed, FormatJSON, FormatJSONLines:
		return f, content, nil
	}
	hasNUL := bytes.IndexByte(content, 0) >= 0
	switch {
	case media == "text/html" || media == "application/xhtml+xml":
		if !hasNUL {
			return FormatHTML, content, nil
		}
	case isTextMedia(media):
		label := params["charset"]
		if label == "" || hasNUL || utf8.Valid(content) {
			return f, content, nil
		}
		enc, _ := charset.Lookup(label)
		if enc == nil {
			return f, content, nil
		}
		decoded, err := enc.NewDecoder().Bytes(content)
		if err != nil {
			return f, content, nil
		}
		return Detect(decoded), decoded, nil
	case f == FormatBinary && media != "application/octet-stream":
		return f, content, reason(fmt.Sprintf("unsupported content type %q", media), ErrUnsupported, ErrBinary)
	}
	return f, content, nil
}

// isTextMedia reports a media type whose body is text in some charset.
func isTextMedia(media string) bool {
	return strings.HasPrefix(media, "text/") || strings.HasSuffix(media, "+xml") || strings.HasSuffix(media, "/xml") ||
		strings.HasSuffix(media, "json") || strings.HasSuffix(media, "+json")
}

// Parse reads content that arrived by other means than a path or a URL (an
// API request's body) into documents, exactly as Read would read a file
// holding it: the kind is told from the content, corrected by contentType
// when given. rawURL, when known, is the address the content was taken
// from (it resolves a feed's relative links and becomes Document.URL).
func Parse(input string, content []byte, contentType, rawURL string) ([]news.Document, []error) {
	return parse(input, content, sourceMeta{url: rawURL, contentType: contentType})
}
