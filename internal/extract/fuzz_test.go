package extract

import (
	"errors"
	"strings"
	"testing"
)

// FuzzHTML feeds arbitrary markup to HTML: it must not panic, must fail only
// with ErrNoArticle, and must return trimmed, non-empty, single-line
// paragraphs.
func FuzzHTML(f *testing.F) {
	for _, name := range []string{"article.html", "no-article.html", "metadata.html"} {
		f.Add(readTestdata(f, name), "")
	}
	f.Add(`<html><body><h1>T</h1><p>a<br><br>b</p><table><tr><td>x</td></tr></table></body></html>`, "https://example.com/2024/01/02/x")
	f.Add("plain text with\n\nblank lines and no markup at all, long enough to count as an article? "+strings.Repeat("word ", 60), "not a url")
	f.Add(`<html lang="xx-yy-zz"><meta property="og:site_name" content="https://"><p>`+strings.Repeat("<i>deep ", 200), "://")
	f.Add("", "")

	f.Fuzz(func(t *testing.T, content, url string) {
		page, err := HTML(content, Options{URL: url, Fallback: Fallback(len(content) % 3)})
		if err != nil {
			if !errors.Is(err, ErrNoArticle) {
				t.Fatalf("HTML error %v, want ErrNoArticle", err)
			}
			return
		}
		if len(page.Paragraphs) == 0 {
			t.Fatal("no error and no paragraphs")
		}
		for i, p := range page.Paragraphs {
			if p == "" || p != strings.TrimSpace(p) || strings.Contains(p, "\n\n") || strings.ContainsAny(p, "\n\r\t") {
				t.Errorf("Paragraphs[%d] = %q: empty, untrimmed or spanning lines", i, p)
			}
		}
		for _, a := range page.Authors {
			if a == "" {
				t.Errorf("Authors = %q: empty name", page.Authors)
			}
		}
	})
}
