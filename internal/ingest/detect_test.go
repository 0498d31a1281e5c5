package ingest

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

const (
	rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Sahel Wire</title>
<language>en</language>
<item>
<title>Russian trainers arrive in Niger</title>
<link>https://example.com/niger-russia</link>
<pubDate>Thu, 11 Apr 2024 10:00:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Military instructors arrived in Niamey.</p>]]></content:encoded>
</item>
<item>
<title>Second item</title>
<link>/second</link>
<pubDate>11 avril 2024</pubDate>
<description>&lt;p&gt;Only a summary.&lt;/p&gt;</description>
</item>
<item>
<title>No body</title>
<link>https://example.com/empty</link>
</item>
</channel>
</rss>`

	atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title>
<entry><title>One</title><link href="https://example.com/1"/><published>2024-04-11T10:00:00Z</published><summary>Sum</summary></entry>
</feed>`

	rdfFeed = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://example.com/"><title>RDF Wire</title><link>https://example.com/</link><description>d</description></channel>
<item rdf:about="https://example.com/a"><title>A</title><link>https://example.com/a</link><description>Body A</description></item>
</rdf:RDF>`
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    Format
	}{
		// HTML: a doctype, a root element or a common body tag first.
		{"doctype", "<!DOCTYPE html>\n<html><body><p>x</p></body></html>", FormatHTML},
		{"doctype lower", "<!doctype html><title>x</title>", FormatHTML},
		{"html upper", "  \n<HTML LANG=en><BODY>x", FormatHTML},
		{"head", "<head><title>x</title></head>", FormatHTML},
		{"body", "<body>\nx</body>", FormatHTML},
		{"div fragment", "<div class=\"story\">Niamey</div>", FormatHTML},
		{"p fragment", "<p>Niamey, April 11</p>\n<p>More.</p>", FormatHTML},
		{"article fragment", "<article>\n<h1>x</h1></article>", FormatHTML},
		{"self-closing br", "<br/>x", FormatHTML},
		{"bom and comment", "\ufeff<!-- saved page -->\n<html><body>x</body></html>", FormatHTML},
		{"xhtml", `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"></html>`, FormatHTML},
		{"latin-1 html", "<html><body>caf\xe9</body></html>", FormatHTML},

		// JSON: a valid object, or an array of objects.
		{"json object", `{"title":"a","text":"b"}`, FormatJSON},
		{"json pretty", "{\n  \"title\": \"a\",\n  \"text\": \"b\"\n}\n", FormatJSON},
		{"json array", `[{"text":"a"},{"text":"b"}]`, FormatJSON},
		{"json empty array", " [ ] ", FormatJSON},
		{"json feed", `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[]}`, FormatFeed},

		// JSON Lines: most lines are objects, even with a bad one.
		{"jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n", FormatJSONLines},
		{"jsonl crlf", "{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n", FormatJSONLines},
		{"jsonl bad middle", "{\"text\":\"a\"}\n{oops\n{\"text\":\"c\"}\n", FormatJSONLines},

		// Feeds: root rss, feed or rdf:RDF.
		{"rss", rssFeed, FormatFeed},
		{"atom", atomFeed, FormatFeed},
		{"rdf", rdfFeed, FormatFeed},
		{"rss no declaration", `<rss version="2.0"><channel></channel></rss>`, FormatFeed},
		{"rss 0.91 doctype", `<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x"><rss version="0.91"></rss>`, FormatFeed},

		// Text, including text that mentions "<", "{" or "[".
		{"plain", "Niger receives Russian trainers.\n\nMore text.", FormatText},
		{"heart", "I <3 Niamey", FormatText},
		{"starts with heart", "<3 from Niamey", FormatText},
		{"less than", "a < b and c > d", FormatText},
		{"unknown tag first", "<Reuters> NIAMEY – Russia sent trainers.", FormatText},
		{"markup later", "Hello <b>world</b>", FormatText},
		{"bracket agency", "[Reuters] NIAMEY – Russia sent trainers.", FormatText},
		{"json number array", "[1, 2, 3]", FormatText},
		{"braces", "{Update} Russia sent trainers.", FormatText},
		{"crlf and tabs", "Line one\r\n\tLine two\r\n", FormatText},
		{"bom text", "\ufeffNiamey", FormatText},
		{"unterminated comment", "<!-- never closed", FormatText},
		{"non-ascii", "Niamey – Russia’s defence ministry, «ici», 10 avril", FormatText},

		// Binary: NUL bytes, control characters, garbage, other encodings.
		{"nul", "abc\x00def", FormatBinary},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", FormatBinary},
		{"controls", "\x01\x02\x03\x04abc", FormatBinary},
		{"latin-1 text", "caf\xe9 au lait", FormatBinary},
		{"garbage", "\xff\xfe\xfd\xfc\xfb\xfa", FormatBinary},
		{"html with nul", "<html>\x00</html>", FormatBinary},

		// Empty: white space only.
		{"empty", "", FormatEmpty},
		{"spaces", "  \n\t\r\n ", FormatEmpty},
		{"bom only", "\ufeff", FormatEmpty},
		{"bom and spaces", "\ufeff \n", FormatEmpty},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.content)); got != tt.want {
			t.Errorf("%s: Detect(%.40q) = %v, want %v", tt.name, tt.content, got, tt.want)
		}
	}
}

func TestFormatString(t *testing.T) {
	tests := []struct {
		f    Format
		want string
	}{
		{FormatText, "text"},
		{FormatJSONLines, "jsonl"},
		{FormatEmpty, "empty"},
		{0, "unknown"},
		{99, "unknown"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("Format(%d).String() = %q, want %q", int(tt.f), got, tt.want)
		}
	}
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"", " ", "\ufeff", "plain text", "<3", "a < b", "<!doctype html><p>x",
		"<!-- x -->", "<?xml?>", "<rdf:RDF>", "{}", "[]", "[{}]", "{\"a\":1}\n{",
		rssFeed, atomFeed, "caf\xe9", "\x00", "<!DOCTYPE", "<a", "<a:",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		got := Detect(content)
		if got < FormatText || got > FormatEmpty {
			t.Fatalf("Detect(%q) = %d, not a format", content, int(got))
		}
		body := trimBOM(content)
		switch got {
		case FormatText:
			if !utf8.Valid(body) {
				t.Errorf("Detect(%q) = text, want valid UTF-8", content)
			}
			if bytes.IndexByte(body, 0) >= 0 {
				t.Errorf("Detect(%q) = text, want no NUL byte", content)
			}
			if err := checkText(content); err != nil {
				t.Errorf("Detect(%q) = text, but checkText = %v", content, err)
			}
		case FormatEmpty:
			if len(bytes.TrimSpace(body)) != 0 {
				t.Errorf("Detect(%q) = empty, want only white space", content)
			}
		}
	})
}
