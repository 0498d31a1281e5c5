// Package corpus finds the real texts that tests and benchmarks run on:
// the example bundled in the repository (examples/niger-2024) and the
// public benchmark data kept beside it (../shared/data), which is never
// copied into the repository. A test that needs the shared data skips with
// a message naming what is missing when it is absent.
package corpus

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Root returns the repository's root: the nearest directory above the
// working directory that holds go.mod.
func Root(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("corpus: no go.mod above the working directory")
		}
		dir = parent
	}
}

// ExampleFiles returns the bundled example's articles in name order.
func ExampleFiles(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(Root(tb), "examples", "niger-2024", "*.txt"))
	if len(files) == 0 {
		tb.Fatal("corpus: examples/niger-2024 has no articles")
	}
	slices.Sort(files)
	return files
}

// Shared returns the folder ../shared/data/name beside the repository, and
// skips the test or benchmark when it is absent.
func Shared(tb testing.TB, name string) string {
	tb.Helper()
	dir := filepath.Join(filepath.Dir(Root(tb)), "shared", "data", name)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("%s is absent (the shared benchmark data lives beside the repository): skipping", dir)
	}
	return dir
}

// ECBFiles returns the ECB+ articles in name order, at most n when n > 0,
// or skips when the data is absent.
func ECBFiles(tb testing.TB, n int) []string {
	tb.Helper()
	return sharedFiles(tb, "ecbplus", filepath.Join("docs", "*.txt"), n)
}

// ECBEvents maps each ECB+ article's file name to its gold event
// ("1_ecb", "12_plus"), or skips when the data is absent.
func ECBEvents(tb testing.TB) map[string]string {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(Shared(tb, "ecbplus"), "labels.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var labels map[string]struct{ Event string }
	if err := json.Unmarshal(raw, &labels); err != nil {
		tb.Fatal(err)
	}
	out := make(map[string]string, len(labels))
	for name, l := range labels {
		out[name] = l.Event
	}
	return out
}

// sharedFiles returns the files of a shared data set that match pattern,
// in name order, at most n when n > 0; it skips when there are none.
func sharedFiles(tb testing.TB, dataset, pattern string, n int) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(Shared(tb, dataset), pattern))
	if len(files) == 0 {
		tb.Skipf("%s holds no %s: skipping", dataset, pattern)
	}
	slices.Sort(files)
	if n > 0 && len(files) > n {
		files = files[:n]
	}
	return files
}

// Texts reads files whole.
func Texts(tb testing.TB, files []string) []string {
	tb.Helper()
	out := make([]string, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// ECBTexts returns the texts of ECBFiles(tb, n).
func ECBTexts(tb testing.TB, n int) []string {
	tb.Helper()
	return Texts(tb, ECBFiles(tb, n))
}

// AEBPages writes the first n pages of the article extraction benchmark
// (all when n ≤ 0), in name order and decompressed, into a temporary
// folder of the test, and returns their paths (named <id>.html). It skips
// when the data is absent.
func AEBPages(tb testing.TB, n int) []string {
	tb.Helper()
	names := sharedFiles(tb, "aeb", filepath.Join("html", "*.html.gz"), n)
	dir := tb.TempDir()
	out := make([]string, 0, len(names))
	for _, gz := range names {
		page, err := gunzip(gz)
		if err != nil {
			tb.Fatal(err)
		}
		p := filepath.Join(dir, strings.TrimSuffix(filepath.Base(gz), ".gz"))
		if err := os.WriteFile(p, page, 0o644); err != nil {
			tb.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func gunzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// ArchiveJSONL returns a JSON Lines archive of n short articles, the one at
// index huge (0-based; -1 for none) some 10 KB long, for the tests of
// reading archives a line at a time.
func ArchiveJSONL(n, huge int) string {
	var b strings.Builder
	for i := range n {
		if i == huge {
			fmt.Fprintf(&b, `{"title":"Huge","text":"%s"}`+"\n", strings.Repeat("word ", 2000))
			continue
		}
		fmt.Fprintf(&b, `{"title":"Article %d","text":"The harbour of Lunden reopened on day %d after the storm, officials said."}`+"\n", i, i)
	}
	return b.String()
}
