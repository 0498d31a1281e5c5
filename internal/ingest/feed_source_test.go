package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
)

// aggregatorFeed is a feed that carries other publishers' articles, as
// Google News does: each item names its publisher in <source>.
const aggregatorFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Top stories - Aggregator</title>
<link>https://news.example.org/</link>
<language>fr</language>
<item>
<title>Niger: arrival of Russian trainers</title>
<link>https://www.reuters.com/world/africa/niger-1</link>
<guid isPermaLink="false">agg-1</guid>
<pubDate>Thu, 11 Apr 2024 10:00:00 GMT</pubDate>
<description>Instructors arrived.</description>
<source url="https://www.reuters.com">  Reuters
</source>
</item>
<item>
<title>Only a source URL</title>
<link>https://apnews.com/article/2</link>
<description>Second.</description>
<source url="https://www.apnews.com/index.rss"></source>
</item>
<item>
<title>No source</title>
<link>relative/3</link>
<description>Third.</description>
</item>
</channel>
</rss>`

// atomSourceFeed is an Atom feed with an entry copied from another feed.
const atomSourceFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Planet Wire</title>
<link rel="alternate" href="https://planet.example.org/"/>
<entry>
<title>Copied</title><id>urn:planet:1</id><link href="https://blog.example.com/1"/>
<updated>2024-04-11T10:00:00+02:00</updated><summary>Sum</summary>
<source><title>Example Blog</title><id>urn:blog</id></source>
</entry>
<entry><title>Own</title><id>urn:planet:2</id><link href="https://planet.example.org/2"/><summary>Own sum</summary></entry>
</feed>`

func TestParseFeedSource(t *testing.T) {
	const in = "https://news.example.org/rss"
	feed, docs, errs := ParseFeed(in, []byte(aggregatorFeed), in)
	if len(errs) != 0 {
		t.Fatalf("ParseFeed(aggregator) errors = %v, want none", errs)
	}
	if feed.Title != "Top stories - Aggregator" || feed.Language != "fr" || feed.Link != "https://news.example.org/" || feed.Type != "rss" {
		t.Errorf("ParseFeed(aggregator) feed = %+v, want its title, language, link and type rss", feed)
	}
	tests := []struct {
		outlet, url, guid string
	}{
		// The publisher's name from the element's text, white space folded.
		{"Reuters", "https://www.reuters.com/world/africa/niger-1", "agg-1"},
		// An empty element names the publisher by its URL's host.
		{"apnews.com", "https://apnews.com/article/2", ""},
		// No <source>: the feed's own title, as before.
		{"Top stories - Aggregator", "https://news.example.org/relative/3", ""},
	}
	if len(docs) != len(tests) || len(feed.Items) != len(tests) {
		t.Fatalf("ParseFeed(aggregator) = %d documents, %d items, want %d", len(docs), len(feed.Items), len(tests))
	}
	for i, tt := range tests {
		if docs[i].Outlet != tt.outlet || docs[i].URL != tt.url || docs[i].Language != "fr" {
			t.Errorf("ParseFeed(aggregator) document %d = Outlet %q URL %q Language %q, want %q %q %q",
				i, docs[i].Outlet, docs[i].URL, docs[i].Language, tt.outlet, tt.url, "fr")
		}
		if feed.Items[i].GUID != tt.guid || feed.Items[i].Document != docs[i] {
			t.Errorf("ParseFeed(aggregator) item %d = %+v, want GUID %q and document %+v", i, feed.Items[i], tt.guid, docs[i])
		}
	}

	_, docs, errs = ParseFeed("atom", []byte(atomSourceFeed), "")
	if len(errs) != 0 || len(docs) != 2 {
		t.Fatalf("ParseFeed(atom) = %d documents, errors %v, want 2 documents", len(docs), errs)
	}
	if docs[0].Outlet != "Example Blog" || docs[1].Outlet != "Planet Wire" {
		t.Errorf("ParseFeed(atom) outlets = %q, %q, want %q, %q", docs[0].Outlet, docs[1].Outlet, "Example Blog", "Planet Wire")
	}
	// An Atom entry without <published> is dated by <updated>, as written.
	if docs[0].Published != "2024-04-11T10:00:00+02:00" {
		t.Errorf("ParseFeed(atom) Published = %q, want the raw <updated>", docs[0].Published)
	}
}

func TestParseFeedItemsWithoutBody(t *testing.T) {
	feed, docs, errs := ParseFeed("f", []byte(rssFeed), "")
	if len(docs) != 2 || len(feed.Items) != 3 {
		t.Fatalf("ParseFeed(rss) = %d documents, %d items, want 2 and 3", len(docs), len(feed.Items))
	}
	// The item without a body gives no document but stays listed, with its
	// link, for a caller that fetches the page.
	if it := feed.Items[2]; it.Document.Content != "" || it.Document.URL != "https://example.com/empty" {
		t.Errorf("ParseFeed(rss) item 3 = %+v, want no content and its link", it)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrNoContent) {
		t.Errorf("ParseFeed(rss) errors = %v, want one ErrNoContent", errs)
	}

	feed, docs, errs = ParseFeed("empty", []byte(`<rss version="2.0"><channel><title>Quiet</title></channel></rss>`), "")
	if feed.Title != "Quiet" || len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrEmpty) {
		t.Errorf("ParseFeed(empty) = %+v, %d documents, errors %v, want title Quiet and one ErrEmpty", feed, len(docs), errs)
	}
}

func TestItemDate(t *testing.T) {
	parsed := time.Date(2024, 4, 11, 10, 0, 0, 0, time.FixedZone("", 2*3600))
	updated := time.Date(2024, 4, 12, 8, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		item gofeed.Item
		want string
	}{
		// The raw string wins, even when gofeed parsed it: the cleaning
		// stage's parser reads more formats than gofeed's.
		{"raw published", gofeed.Item{Published: " 11 avril 2024 ", PublishedParsed: &parsed}, "11 avril 2024"},
		{"raw updated", gofeed.Item{Updated: "yesterday", UpdatedParsed: &updated}, "yesterday"},
		{"published before updated", gofeed.Item{Published: "a", Updated: "b"}, "a"},
		// No raw string: the parsed date, in its own offset.
		{"parsed published", gofeed.Item{PublishedParsed: &parsed, UpdatedParsed: &updated}, "2024-04-11T10:00:00+02:00"},
		{"parsed updated", gofeed.Item{Published: "  ", UpdatedParsed: &updated}, "2024-04-12T08:30:00Z"},
		{"zero parsed", gofeed.Item{PublishedParsed: &time.Time{}}, ""},
		{"none", gofeed.Item{}, ""},
	}
	for _, tt := range tests {
		if got := itemDate(&tt.item); got != tt.want {
			t.Errorf("itemDate(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseFeedDates(t *testing.T) {
	// A JSON Feed date gofeed parses is kept as written.
	const jsonFeed = `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
		{"id":"1","url":"https://example.com/j1","content_html":"<p>x</p>","date_published":"2024-04-11T10:00:00Z"},
		{"id":"2","url":"https://example.com/j2","content_text":"y"}]}`
	feed, docs, errs := ParseFeed("j", []byte(jsonFeed), "")
	if len(errs) != 0 || len(docs) != 2 {
		t.Fatalf("ParseFeed(json) = %d documents, errors %v, want 2", len(docs), errs)
	}
	if docs[0].Published != "2024-04-11T10:00:00Z" || docs[1].Published != "" {
		t.Errorf("ParseFeed(json) Published = %q, %q, want the raw date and \"\"", docs[0].Published, docs[1].Published)
	}
	if feed.Type != "json" || feed.Items[0].GUID != "1" {
		t.Errorf("ParseFeed(json) = type %q, first GUID %q, want json and 1", feed.Type, feed.Items[0].GUID)
	}
}

// Strings from a feed are cleaned and bounded: an overlong title is cut,
// an unresolved character reference is no outlet name.
func TestFeedStringsBounded(t *testing.T) {
	long := strings.Repeat("Breaking ", 25000)
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>&amp;w;</title><link>https://example.org/</link>
<item><title>` + long + `</title><link>https://example.org/a</link><description>A bridge opened in Lunden on Sunday.</description></item>
</channel></rss>`
	feed, docs, errs := ParseFeed("feed", []byte(rss), "")
	if len(errs) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d, errs %v", len(docs), errs)
	}
	if feed.Title != "" || docs[0].Outlet != "" {
		t.Errorf("an unresolved reference became a title %q / outlet %q", feed.Title, docs[0].Outlet)
	}
	if n := utf8.RuneCountInString(docs[0].Title); n > maxItemTitle || !strings.HasSuffix(docs[0].Title, "…") {
		t.Errorf("item title of %d characters, want at most %d, cut with an ellipsis", n, maxItemTitle)
	}
	if got := feedString("  Le\u0000 Monde \n\t &amp; Co  ", 200); got != "Le Monde & Co" {
		t.Errorf("feedString = %q", got)
	}
}
