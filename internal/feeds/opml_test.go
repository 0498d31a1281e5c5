package feeds

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/store"
)

// nestedOPML files feeds under categories, two levels deep, as readers
// export them; one feed is listed twice, one is already subscribed, one
// URL is not a web address and one outline is a category without feeds.
const nestedOPML = `<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0">
<head><title>My feeds</title></head>
<body>
  <outline text="News">
    <outline text="Africa" title="Africa">
      <outline type="rss" text="Sahel&nbsp;Wire" xmlUrl="https://sahel.example.com/feed" htmlUrl="https://sahel.example.com/"/>
      <outline type="rss" text="Caf` + "\xe9" + ` Wire" xmlurl="HTTPS://Cafe.Example.com:443/rss#top"/>
    </outline>
    <outline type="rss" text="Dup" xmlUrl="https://sahel.example.com/feed"/>
  </outline>
  <outline type="rss" text="Text" title="Old" xmlUrl="https://old.example.com/rss"/>
  <outline type="rss" text="Gopher" xmlUrl="gopher://example.com/feed"/>
  <outline text="Empty category"/>
</body>
</opml>`

func TestImportOPML(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	st := openStore(t, clk)
	addFeed(t, st, "https://old.example.com/rss")

	added, skipped, err := ImportOPML(ctx, st, strings.NewReader(nestedOPML), nil)
	if err != nil || added != 2 || skipped != 3 {
		t.Fatalf("ImportOPML(nested) = %d added, %d skipped, error %v, want 2, 3, nil", added, skipped, err)
	}
	feeds, err := st.ListFeeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Feed{
		{URL: "https://old.example.com/rss"},
		{URL: "https://sahel.example.com/feed", Title: "Sahel Wire"}, // white space folded
		{URL: "https://cafe.example.com/rss", Title: "Café Wire"},
	}
	if len(feeds) != len(want) {
		t.Fatalf("after import: %d feeds, want %d: %+v", len(feeds), len(want), feeds)
	}
	for i, f := range feeds {
		if f.URL != want[i].URL || f.Title != want[i].Title || f.NextFetch.After(clk.Now()) {
			t.Errorf("feed %d = %q %q, due %v, want %q %q, due now", i, f.URL, f.Title, f.NextFetch, want[i].URL, want[i].Title)
		}
	}

	// Importing again adds nothing.
	added, skipped, err = ImportOPML(ctx, st, strings.NewReader(nestedOPML), nil)
	if err != nil || added != 0 || skipped != 5 {
		t.Errorf("ImportOPML(again) = %d added, %d skipped, error %v, want 0, 5, nil", added, skipped, err)
	}
}

func TestImportOPMLInvalid(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"not xml", "feeds: a, b", "no <opml> element"},
		{"a feed", `<rss version="2.0"><channel/></rss>`, "the root element is <rss>, not <opml>"},
		{"truncated", `<opml><body><outline xmlUrl="https://a.example/"`, "feeds: invalid opml: XML syntax error"},
	}
	for _, tt := range tests {
		st := openStore(t, newClock())
		added, _, err := ImportOPML(context.Background(), st, strings.NewReader(tt.in), nil)
		if !errors.Is(err, ErrOPML) || !strings.Contains(err.Error(), tt.want) || added != 0 {
			t.Errorf("ImportOPML(%s) = %d added, error %v, want ErrOPML containing %q", tt.name, added, err, tt.want)
		}
	}

	// Larger than the limit, even when well formed so far; exactly at the
	// limit is fine.
	doc := `<opml><body><outline xmlUrl="https://a.example/"/></body></opml>`
	if _, err := readOPML(strings.NewReader(doc+" "), int64(len(doc))); !errors.Is(err, ErrOPML) || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("readOPML(%d bytes, limit %d) error %v, want ErrOPML: larger than", len(doc)+1, len(doc), err)
	}
	if feeds, err := readOPML(strings.NewReader(doc), int64(len(doc))); err != nil || len(feeds) != 1 {
		t.Errorf("readOPML(%d bytes, limit %d) = %v, %v, want one feed", len(doc), len(doc), feeds, err)
	}
}

func TestExportOPMLRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := openStore(t, newClock())
	for _, f := range []store.Feed{
		{URL: "https://sahel.example.com/feed", Title: `Sahel "Wire" & Co`},
		{URL: "https://untitled.example.com/rss"},
	} {
		if _, err := src.AddFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := ExportOPML(ctx, src, &buf); err != nil {
		t.Fatalf("ExportOPML() error %v", err)
	}
	const want = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>triangulate feeds</title>
  </head>
  <body>
    <outline type="rss" text="Sahel &#34;Wire&#34; &amp; Co" title="Sahel &#34;Wire&#34; &amp; Co" xmlUrl="https://sahel.example.com/feed"></outline>
    <outline type="rss" text="https://untitled.example.com/rss" title="https://untitled.example.com/rss" xmlUrl="https://untitled.example.com/rss"></outline>
  </body>
</opml>
`
	if got := buf.String(); got != want {
		t.Errorf("ExportOPML() =\n%s\nwant\n%s", got, want)
	}

	dst := openStore(t, newClock())
	added, skipped, err := ImportOPML(ctx, dst, &buf, nil)
	if err != nil || added != 2 || skipped != 0 {
		t.Fatalf("ImportOPML(exported) = %d added, %d skipped, error %v, want 2, 0, nil", added, skipped, err)
	}
	a, _ := src.ListFeeds(ctx)
	b, _ := dst.ListFeeds(ctx)
	for i := range a {
		// An untitled feed comes back titled by its URL.
		if b[i].URL != a[i].URL || b[i].Title != cmpOr(a[i].Title, a[i].URL) {
			t.Errorf("round trip feed %d = %q %q, want %q %q", i, b[i].URL, b[i].Title, a[i].URL, a[i].Title)
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
