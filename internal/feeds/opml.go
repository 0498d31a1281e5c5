package feeds

import (
	"cmp"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/triangulate/triangulate/internal/store"
)

// MaxOPMLBytes bounds an OPML file ImportOPML reads: a list of thousands
// of feeds is a few hundred kilobytes.
const MaxOPMLBytes = 16 << 20

// ErrOPML is ImportOPML's error for input that is not an OPML document.
var ErrOPML = errors.New("feeds: invalid opml")

// ImportOPML subscribes to every feed an OPML file lists: each outline
// element with an xmlUrl attribute, at any depth, so feeds filed under
// categories (nested outlines) are found too; the categories themselves
// are not kept. The feed's title is the outline's title, else its text.
//
// A URL already subscribed, or listed twice, is skipped, as is one that
// ValidateFeedURL refuses; they are counted in skipped. The file is read
// whole before anything is added, so a malformed file (ErrOPML) adds
// nothing; a store failure stops the import with what was added so far.
func ImportOPML(ctx context.Context, st store.Store, r io.Reader, accept func(ctx context.Context, raw string) (string, error)) (added, skipped int, err error) {
	if accept == nil {
		accept = func(_ context.Context, raw string) (string, error) { return ValidateFeedURL(raw) }
	}
	outlines, err := readOPML(r, MaxOPMLBytes)
	if err != nil {
		return 0, 0, err
	}
	for _, o := range outlines {
		u, err := accept(ctx, o.url)
		if err != nil {
			skipped++
			continue
		}
		_, err = st.AddFeed(ctx, store.Feed{URL: u, Title: o.title})
		switch {
		case errors.Is(err, store.ErrConflict):
			skipped++
		case err != nil:
			return added, skipped, fmt.Errorf("feeds: import opml: %w", err)
		default:
			added++
		}
	}
	return added, skipped, nil
}

// opmlFeed is one feed an OPML file lists.
type opmlFeed struct{ url, title string }

// readOPML lists the feeds of an OPML document. It walks the tokens rather
// than unmarshalling into nested structs, so that outlines nested however
// deep neither recurse nor are missed, and reads the attribute names
// without regard to case (xmlUrl, xmlurl and XMLURL are all in use). A
// document over limit bytes is refused.
func readOPML(r io.Reader, limit int64) ([]opmlFeed, error) {
	d := xml.NewDecoder(&capReader{r: r, limit: limit})
	d.CharsetReader = charset.NewReaderLabel
	// Files written by hand or by HTML-minded tools use &nbsp; and such.
	d.Entity = xml.HTMLEntity
	var (
		feeds []opmlFeed
		root  bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, errOPMLTooLarge) {
				return nil, fmt.Errorf("%w: larger than %d bytes", ErrOPML, limit)
			}
			return nil, fmt.Errorf("%w: %s", ErrOPML, strings.Join(strings.Fields(err.Error()), " "))
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !root {
			if !strings.EqualFold(se.Name.Local, "opml") {
				return nil, fmt.Errorf("%w: the root element is <%s>, not <opml>", ErrOPML, se.Name.Local)
			}
			root = true
			continue
		}
		if !strings.EqualFold(se.Name.Local, "outline") {
			continue
		}
		var f opmlFeed
		var text string
		for _, a := range se.Attr {
			switch strings.ToLower(a.Name.Local) {
			case "xmlurl":
				f.url = strings.TrimSpace(a.Value)
			case "title":
				f.title = strings.Join(strings.Fields(a.Value), " ")
			case "text":
				text = strings.Join(strings.Fields(a.Value), " ")
			}
		}
		if f.url != "" {
			f.title = cmp.Or(f.title, text)
			feeds = append(feeds, f)
		}
	}
	if !root {
		return nil, fmt.Errorf("%w: no <opml> element", ErrOPML)
	}
	return feeds, nil
}

var errOPMLTooLarge = errors.New("opml too large")

// capReader reads r up to limit bytes, then fails with errOPMLTooLarge
// rather than ending quietly, so that a truncated document is not taken
// for a whole one.
type capReader struct {
	r     io.Reader
	limit int64
	read  int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.read > c.limit {
		return 0, errOPMLTooLarge
	}
	// One byte past the limit tells a longer input from one of exactly
	// limit bytes.
	if room := c.limit + 1 - c.read; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.r.Read(p)
	c.read += int64(n)
	if c.read > c.limit {
		return n - 1, errOPMLTooLarge
	}
	return n, err
}

// opmlDoc is the OPML 2.0 document ExportOPML writes.
type opmlDoc struct {
	XMLName xml.Name       `xml:"opml"`
	Version string         `xml:"version,attr"`
	Title   string         `xml:"head>title"`
	Feeds   []opmlOutlineW `xml:"body>outline"`
}

// opmlOutlineW is one feed's outline as written: text is required by the
// spec, title is what most readers show, type "rss" marks a subscription
// (for Atom and JSON feeds too, by convention).
type opmlOutlineW struct {
	Type   string `xml:"type,attr"`
	Text   string `xml:"text,attr"`
	Title  string `xml:"title,attr"`
	XMLURL string `xml:"xmlUrl,attr"`
}

// ExportOPML writes every subscribed feed as an OPML 2.0 document, one
// outline per feed with its title (its URL when it has none yet) and
// xmlUrl, in the store's order, for moving the subscriptions to another
// reader or another triangulate. The document has no date, so exporting
// the same feeds gives the same bytes.
func ExportOPML(ctx context.Context, st store.Store, w io.Writer) error {
	feeds, err := st.ListFeeds(ctx)
	if err != nil {
		return fmt.Errorf("feeds: export opml: %w", err)
	}
	doc := opmlDoc{Version: "2.0", Title: "triangulate feeds"}
	for _, f := range feeds {
		title := cmp.Or(f.Title, f.URL)
		doc.Feeds = append(doc.Feeds, opmlOutlineW{Type: "rss", Text: title, Title: title, XMLURL: f.URL})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("feeds: export opml: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("feeds: export opml: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("feeds: export opml: %w", err)
	}
	return nil
}
