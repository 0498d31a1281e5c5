package ingest

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Format is what an input holds, as told by Detect.
type Format int

// The formats Detect tells apart.
const (
	FormatText      Format = iota + 1 // plain UTF-8 text
	FormatHTML                        // an HTML page or fragment
	FormatJSON                        // one JSON object, or an array of objects
	FormatJSONLines                   // one JSON object per line
	FormatFeed                        // RSS 2.0, Atom, RDF (RSS 1.0) or JSON Feed
	FormatBinary                      // not text: NUL bytes, control characters, or not UTF-8
	FormatEmpty                       // nothing but white space
)

var formatNames = [...]string{
	FormatText:      "text",
	FormatHTML:      "html",
	FormatJSON:      "json",
	FormatJSONLines: "jsonl",
	FormatFeed:      "feed",
	FormatBinary:    "binary",
	FormatEmpty:     "empty",
}

func (f Format) String() string {
	if f > 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "unknown"
}

// Detect tells the format of content from the content alone, never from a
// file name: a news page saved as .txt is still HTML.
//
// The rules, in order, after a UTF-8 byte order mark and leading white
// space:
//   - nothing left: FormatEmpty; a NUL byte anywhere, or the signature of
//     a binary format (PDF, an image, an archive...): FormatBinary (parse
//     first drops the stray control bytes of content that is text);
//   - markup: after any XML declaration, comments and doctype, a root
//     element rss, feed or rdf:RDF is FormatFeed; a doctype html, or a
//     first element html, head, body or one of the common body tags (div,
//     p, article, ...) is FormatHTML. Markup must come first: a text that
//     merely mentions "<" ("a < b", "<3") stays text;
//   - "{": valid JSON is FormatJSON (FormatFeed for a JSON Feed); else if
//     most of the first lines are JSON objects, FormatJSONLines;
//   - "[": valid JSON whose first element is an object is FormatJSON;
//   - anything else is FormatText when it is valid UTF-8 with few control
//     characters, else FormatBinary (so a FormatText is always valid UTF-8).
//
// JSON is recognised only when it parses (JSON Lines: mostly), so a text
// that starts with "{" or "[" ("[Reuters] ...") stays text.
func Detect(content []byte) Format {
	b := bytes.TrimLeft(trimBOM(content), " \t\r\n\f\v")
	if len(bytes.TrimSpace(b)) == 0 {
		return FormatEmpty
	}
	if bytes.IndexByte(b, 0) >= 0 || binarySignature(content) {
		return FormatBinary
	}
	switch b[0] {
	case '<':
		if f := detectMarkup(b); f != 0 {
			return f
		}
	case '{':
		if json.Valid(b) {
			if isJSONFeed(b) {
				return FormatFeed
			}
			return FormatJSON
		}
		if looksLikeJSONLines(b) {
			return FormatJSONLines
		}
	case '[':
		if json.Valid(b) && isArrayOfObjects(b) {
			return FormatJSON
		}
	}
	if checkText(content) != nil {
		return FormatBinary
	}
	return FormatText
}

// commonTags are elements an HTML fragment plausibly starts with. A text
// opening with "<" followed by one of these and then a space, ">" or "/"
// is taken as HTML.
var commonTags = map[string]bool{
	"a": true, "article": true, "aside": true, "b": true, "base": true,
	"blockquote": true, "body": true, "br": true, "center": true,
	"div": true, "em": true, "figure": true, "font": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "head": true, "header": true, "hr": true, "html": true,
	"i": true, "iframe": true, "img": true, "li": true, "link": true,
	"main": true, "meta": true, "nav": true, "noscript": true, "ol": true,
	"p": true, "picture": true, "pre": true, "script": true,
	"section": true, "span": true, "strong": true, "style": true,
	"table": true, "title": true, "ul": true,
}

// detectMarkup looks at the first element of b (which starts with "<"),
// past an XML declaration, processing instructions, comments and a
// doctype, and returns FormatFeed, FormatHTML or 0 when b is not markup it
// knows.
func detectMarkup(b []byte) Format {
	for {
		b = bytes.TrimLeft(b, " \t\r\n\f\v")
		switch {
		case len(b) == 0 || b[0] != '<':
			return 0
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return 0
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b[4:], []byte("-->"))
			if i < 0 {
				return 0
			}
			b = b[4+i+3:]
		case bytes.HasPrefix(b, []byte("<!")):
			name := strings.ToLower(string(tagName(b[2:])))
			if name != "doctype" {
				return 0
			}
			rest := bytes.TrimLeft(b[2+len(name):], " \t\r\n\f\v")
			switch strings.ToLower(string(tagName(rest))) {
			case "html":
				return FormatHTML
			case "rss":
				return FormatFeed
			}
			i := bytes.IndexByte(b, '>')
			if i < 0 {
				return 0
			}
			b = b[i+1:]
		default:
			name := tagName(b[1:])
			if len(name) == 0 {
				return 0
			}
			if next := b[1+len(name):]; len(next) > 0 && !isTagEnd(next[0]) {
				return 0
			}
			local := strings.ToLower(string(name))
			if i := strings.LastIndexByte(local, ':'); i >= 0 {
				local = local[i+1:]
			}
			switch {
			case local == "rss" || local == "feed" || local == "rdf":
				return FormatFeed
			case commonTags[local]:
				return FormatHTML
			}
			return 0
		}
	}
}

// tagName returns the leading run of b that can name an element: a letter
// then letters, digits, "-", "_", ":" or ".".
func tagName(b []byte) []byte {
	if len(b) == 0 || !isASCIILetter(b[0]) {
		return nil
	}
	i := 1
	for i < len(b) && (isASCIILetter(b[i]) || b[i] >= '0' && b[i] <= '9' || b[i] == '-' || b[i] == '_' || b[i] == ':' || b[i] == '.') {
		i++
	}
	return b[:i]
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isTagEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '>' || c == '/'
}

// isJSONFeed reports whether the JSON object b is a JSON Feed
// (https://jsonfeed.org), which gofeed reads as a feed.
func isJSONFeed(b []byte) bool {
	var head struct {
		Version string `json:"version"`
	}
	return json.Unmarshal(b, &head) == nil && strings.HasPrefix(head.Version, "https://jsonfeed.org/version/")
}

// isArrayOfObjects reports whether the valid JSON array b is empty or
// starts with an object.
func isArrayOfObjects(b []byte) bool {
	rest := bytes.TrimLeft(b[1:], " \t\r\n")
	return len(rest) > 0 && (rest[0] == '{' || rest[0] == ']')
}

// jsonLinesSample is how many non-blank lines looksLikeJSONLines judges.
const jsonLinesSample = 20

// looksLikeJSONLines reports whether more than half of the first
// non-blank lines of b are JSON objects, so that one bad line does not
// turn a JSON Lines file into text.
func looksLikeJSONLines(b []byte) bool {
	seen, objects := 0, 0
	for line := range bytes.Lines(b) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		seen++
		if line[0] == '{' && json.Valid(line) {
			objects++
		}
		if seen == jsonLinesSample {
			break
		}
	}
	return objects > 0 && objects*2 > seen
}
