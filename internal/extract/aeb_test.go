package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The article extraction benchmark (scrapinghub, MIT licence): 181 real news
// and blog pages with hand-made article bodies. It lives in the shared data
// folder beside the repository, not in it; tests that need it skip when it
// is absent.

type aebPage struct {
	id, url, truth, html string
}

// aebDir returns the benchmark's folder, or skips t.
func aebDir(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(wd, "..", "..", "..", "shared", "data", "aeb")
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		t.Skipf("article extraction benchmark not found at %s (shared/data/aeb beside the repository): %v", dir, err)
	}
	return dir
}

// loadAEB reads the first n pages of the benchmark in sorted id order, all
// of them when n < 0.
func loadAEB(t testing.TB, n int) []aebPage {
	t.Helper()
	dir := aebDir(t)
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatalf("ground-truth.json: %v", err)
	}
	ids := slices.Sorted(maps.Keys(truth))
	if n >= 0 && n < len(ids) {
		ids = ids[:n]
	}
	pages := make([]aebPage, 0, len(ids))
	for _, id := range ids {
		gz, err := os.ReadFile(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		pages = append(pages, aebPage{id: id, url: truth[id].URL, truth: truth[id].ArticleBody, html: string(content)})
	}
	return pages
}

// words tokenises as the benchmark's metric does (runs of letters, digits
// and underscores), so that punctuation and spacing, which the hand-made
// bodies do not keep faithfully, do not count.
var wordPattern = regexp.MustCompile(`[\p{L}\p{M}\p{N}_]+`)

func words(s string) []string { return wordPattern.FindAllString(s, -1) }

// containsRun reports whether the word sequence needle occurs in hay.
func containsRun(hay, needle []string) bool {
	return strings.Contains(" "+strings.Join(hay, " ")+" ", " "+strings.Join(needle, " ")+" ")
}

// knownAEBFailures are checks of TestHTMLAEB that fail on a page for a
// reason outside this package (the base extractor, the ground truth), keyed
// by page id prefix and check, with why. They are logged instead of failing
// the test; every other check asserts.
var knownAEBFailures = map[string]string{
	// The hand-made body ends with the page's "Story Timeline" box of links
	// to earlier stories, which the extractor rightly drops as related
	// links: our text ends where the article does.
	"06ee193de4bd last": "ground truth includes a related-links box",
}

// The first ten pages of the benchmark in id order, not hand-picked. Each
// must give a title, at least two paragraphs, the first and the last eight
// words of the hand-made body, and not much more text than it (1.5× in
// words), with and without trafilatura's fallback.
func TestHTMLAEB(t *testing.T) {
	pages := loadAEB(t, 10)
	t.Run("fallback", func(t *testing.T) { checkAEB(t, pages, Options{}) })
	t.Run("nofallback", func(t *testing.T) { checkAEB(t, pages, Options{Fallback: FallbackNever}) })
}

func checkAEB(t *testing.T, pages []aebPage, opts Options) {
	var passTitle, passParas, passFirst, passLast, passLength int
	for _, p := range pages {
		opts.URL = p.url
		page, err := HTML(p.html, opts)
		if err != nil {
			t.Errorf("%s: HTML error: %v", p.id[:12], err)
			continue
		}
		failed := func(check, format string, args ...any) {
			key := p.id[:12] + " " + check
			if why, ok := knownAEBFailures[key]; ok {
				t.Logf("%s (known: %s): "+format, append([]any{key, why}, args...)...)
				return
			}
			t.Errorf("%s: "+format, append([]any{key}, args...)...)
		}
		got := words(strings.Join(page.Paragraphs, "\n"))
		want := words(p.truth)

		if page.Title != "" {
			passTitle++
		} else {
			failed("title", "Title is empty")
		}
		if len(page.Paragraphs) >= 2 {
			passParas++
		} else {
			failed("paragraphs", "%d paragraphs, want at least 2", len(page.Paragraphs))
		}
		if head := want[:min(8, len(want))]; containsRun(got, head) {
			passFirst++
		} else {
			failed("first", "text lacks the body's first words %q; starts %q", head, got[:min(20, len(got))])
		}
		if tail := want[max(0, len(want)-8):]; containsRun(got, tail) {
			passLast++
		} else {
			failed("last", "text lacks the body's last words %q; ends %q", tail, got[max(0, len(got)-20):])
		}
		if 2*len(got) <= 3*len(want) {
			passLength++
		} else {
			failed("length", "%d words, ground truth %d (more than 1.5×)", len(got), len(want))
		}
	}
	n := len(pages)
	t.Logf("AEB first %d pages: title %d/%d, ≥2 paragraphs %d/%d, first words %d/%d, last words %d/%d, length ≤1.5× %d/%d",
		n, passTitle, n, passParas, n, passFirst, n, passLast, n, passLength, n)
}
