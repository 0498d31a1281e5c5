package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
)

// writeFiles writes name → content under a new temporary directory, making
// parent directories, and returns the directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// errorStrings returns the messages of errs, for comparing with a want.
func errorStrings(errs []error) []string {
	var s []string
	for _, err := range errs {
		s = append(s, err.Error())
	}
	return s
}

func TestReadFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"text.txt":   "\ufeffNIAMEY (Reuters) – Russia sent trainers.\r\n\r\nSecond paragraph.\rThird line.\n",
		"page.txt":   "<!DOCTYPE html>\n<html><head><meta charset=\"windows-1252\"><title>x</title></head><body><p>Caf\xe9 \x93quoted\x94 \x80</p></body></html>",
		"utf8.html":  "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Russia’s defence ministry</p></body></html>",
		"one.json":   `{"title":" Trainers arrive ","text":"Body text.","url":"https://example.com/a","published":"2024-04-11","outlet":"Reuters","language":"en","extra":{"x":1}}`,
		"both.json":  `{"text":"plain","html":"<p>marked up</p>"}`,
		"unix.json":  `{"text":"t","published":1712829600}`,
		"array.json": `[{"text":"first"},{"html":"<p>second</p>"},{"title":"no body"},7]`,
		"lines.jsonl": "{\"text\":\"one\",\"title\":\"One\"}\n" +
			"\n" +
			"{\"title\":\"two, no body\"}\n" +
			"{broken\n" +
			"{\"text\":\"four\"}\n" +
			"{\"text\":\"bad \xff\"}\n",
		"wrongtype.json": `{"text":"t","title":["a"]}`,
		"empty.txt":      "",
		"blank.txt":      " \n\t\r\n",
		"binary.bin":     "GIF89a\x01\x00\x01\x00\x00\xff\x00,",
		"latin1.txt":     "Niamey caf\xe9 au lait",
		"bomlatin1.txt":  "\ufeffabc d\xe9f",
	})
	p := func(name string) string { return filepath.Join(dir, name) }

	tests := []struct {
		input    string
		wantDocs []news.Document
		wantErrs []string
		wantIs   error
	}{
		// Plain text: BOM dropped, line endings normalised.
		{input: "text.txt", wantDocs: []news.Document{{
			Kind: news.KindText, ContentKind: news.KindText,
			Content: "NIAMEY (Reuters) – Russia sent trainers.\n\nSecond paragraph.\nThird line.\n",
		}}},
		// HTML with a .txt name and a windows-1252 meta charset.
		{input: "page.txt", wantDocs: []news.Document{{
			Kind: news.KindHTML, ContentKind: news.KindHTML,
			Content: "<!DOCTYPE html>\n<html><head><meta charset=\"windows-1252\"><title>x</title></head><body><p>Café “quoted” €</p></body></html>",
		}}},
		// Valid UTF-8 beats a wrong meta charset.
		{input: "utf8.html", wantDocs: []news.Document{{
			Kind: news.KindHTML, ContentKind: news.KindHTML,
			Content: "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Russia’s defence ministry</p></body></html>",
		}}},
		// JSON: one object, fields trimmed, unknown fields ignored, no suffix.
		{input: "one.json", wantDocs: []news.Document{{
			Kind: news.KindJSON, ContentKind: news.KindText, Content: "Body text.",
			URL: "https://example.com/a", Title: "Trainers arrive", Published: "2024-04-11", Outlet: "Reuters", Language: "en",
		}}},
		// html wins over text.
		{input: "both.json", wantDocs: []news.Document{{
			Kind: news.KindJSON, ContentKind: news.KindHTML, Content: "<p>marked up</p>",
		}}},
		// A numeric published date is kept as written.
		{input: "unix.json", wantDocs: []news.Document{{
			Kind: news.KindJSON, ContentKind: news.KindText, Content: "t", Published: "1712829600",
		}}},
		// An array: "#N" suffixes, bad elements fail alone.
		{input: "array.json",
			wantDocs: []news.Document{
				{Input: "#1", Kind: news.KindJSON, ContentKind: news.KindText, Content: "first"},
				{Input: "#2", Kind: news.KindJSON, ContentKind: news.KindHTML, Content: "<p>second</p>"},
			},
			wantErrs: []string{"#3: no text or html field", "#4: not a json object"},
		},
		// JSON Lines: blank lines skipped, one error per bad line.
		{input: "lines.jsonl",
			wantDocs: []news.Document{
				{Input: "#1", Kind: news.KindJSON, ContentKind: news.KindText, Content: "one", Title: "One"},
				{Input: "#4", Kind: news.KindJSON, ContentKind: news.KindText, Content: "four"},
			},
			wantErrs: []string{
				"#2: no text or html field",
				"#3: invalid json on line 4: invalid character 'b' looking for beginning of object key string",
				"#5: invalid utf-8 at byte offset 92 (line 6)",
			},
		},
		{input: "wrongtype.json", wantErrs: []string{`: field "title" is not a string`}, wantIs: ErrMalformed},

		// Failures of a whole input.
		{input: "missing.txt", wantErrs: []string{": no such file or directory"}, wantIs: fs.ErrNotExist},
		{input: "empty.txt", wantErrs: []string{": empty input"}, wantIs: ErrEmpty},
		{input: "blank.txt", wantErrs: []string{": empty input"}, wantIs: ErrEmpty},
		{input: "binary.bin", wantErrs: []string{": binary content, not text"}, wantIs: ErrBinary},
		{input: "latin1.txt", wantErrs: []string{": invalid utf-8 at byte offset 10"}, wantIs: ErrInvalidUTF8},
		{input: "bomlatin1.txt", wantErrs: []string{": invalid utf-8 at byte offset 8"}, wantIs: ErrInvalidUTF8},
	}
	for _, tt := range tests {
		in := p(tt.input)
		docs, errs := Read(context.Background(), []string{in}, Options{})

		// The table writes Input as its suffix only; the path is prepended.
		for i := range tt.wantDocs {
			tt.wantDocs[i].Input = in + tt.wantDocs[i].Input
		}
		if len(docs) != len(tt.wantDocs) {
			t.Errorf("Read(%s) = %d documents, want %d: %+v", tt.input, len(docs), len(tt.wantDocs), docs)
		} else {
			for i := range docs {
				if docs[i] != tt.wantDocs[i] {
					t.Errorf("Read(%s) document %d = %+v, want %+v", tt.input, i, docs[i], tt.wantDocs[i])
				}
			}
		}
		var want []string
		for _, w := range tt.wantErrs {
			want = append(want, in+w)
		}
		if got := errorStrings(errs); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("Read(%s) errors = %q, want %q", tt.input, got, want)
		}
		for _, err := range errs {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("Read(%s) error %v is %T, want *InputError", tt.input, err, err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("Read(%s) error %v, want errors.Is %v", tt.input, err, tt.wantIs)
			}
		}
	}
}

func TestReadTooLarge(t *testing.T) {
	dir := writeFiles(t, map[string]string{"big.txt": strings.Repeat("word ", 40)}) // 200 bytes
	in := filepath.Join(dir, "big.txt")
	docs, errs := Read(context.Background(), []string{in}, Options{MaxBytes: 100})
	if len(docs) != 0 {
		t.Errorf("Read(big.txt, MaxBytes 100) = %d documents, want 0", len(docs))
	}
	want := in + ": input too large (200 bytes, limit 100)"
	if got := errorStrings(errs); len(got) != 1 || got[0] != want {
		t.Fatalf("Read(big.txt, MaxBytes 100) errors = %q, want [%q]", got, want)
	}
	if !errors.Is(errs[0], ErrTooLarge) {
		t.Errorf("Read(big.txt) error %v, want errors.Is ErrTooLarge", errs[0])
	}

	// The default limit refuses a 50 MB file by its size, without reading
	// it (a sparse file: nothing is written to disk).
	huge := filepath.Join(dir, "huge.txt")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 50<<20); err != nil {
		t.Fatal(err)
	}
	_, errs = Read(context.Background(), []string{huge}, Options{})
	want = huge + ": input too large (52428800 bytes, limit 10485760)"
	if got := errorStrings(errs); len(got) != 1 || got[0] != want {
		t.Errorf("Read(huge.txt) errors = %q, want [%q]", got, want)
	}

	// At the limit exactly it is read.
	docs, errs = Read(context.Background(), []string{in}, Options{MaxBytes: 200})
	if len(docs) != 1 || len(errs) != 0 {
		t.Errorf("Read(big.txt, MaxBytes 200) = %d documents, errors %v, want 1 document", len(docs), errs)
	}

	// A stream has no size to check first: it is cut off while read.
	_, errs = Read(context.Background(), []string{"-"}, Options{MaxBytes: 100, Stdin: strings.NewReader(strings.Repeat("x", 101))})
	want = "-: input too large (more than 100 bytes, limit 100)"
	if got := errorStrings(errs); len(got) != 1 || got[0] != want {
		t.Errorf("Read(-, 101 bytes, MaxBytes 100) errors = %q, want [%q]", got, want)
	}
}

func TestOptionsDefaults(t *testing.T) {
	got := Options{}.withDefaults()
	if got.MaxBytes != 10<<20 || got.Timeout != 30*time.Second || got.UserAgent != DefaultUserAgent ||
		got.Concurrency != 4 || got.Stdin != os.Stdin || got.Client != nil {
		t.Errorf("Options{}.withDefaults() = %+v, want 10 MiB, 30s, the default agent, 4, os.Stdin, nil client", got)
	}
	set := Options{MaxBytes: 5, Timeout: time.Second, UserAgent: "x", Concurrency: 1}
	if got := set.withDefaults(); got.MaxBytes != 5 || got.Timeout != time.Second || got.UserAgent != "x" || got.Concurrency != 1 {
		t.Errorf("withDefaults() changed set fields: %+v, want %+v", got, set)
	}
}

func TestReadDirectory(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"b.txt":                "b",
		"a/z.txt":              "a/z",
		"a/b/c.txt":            "a/b/c",
		"A.txt":                "A",
		".hidden.txt":          "hidden",
		".git/config":          "hidden dir",
		"a/.cache/x.txt":       "hidden nested",
		"c/empty.txt":          "",
		"d/page.html":          "<p>d</p>",
		"emptydir/.keep":       "",
		"e/" + "f" + "/g.json": `[{"text":"g1"},{"text":"g2"}]`,
	})
	if err := os.Symlink(filepath.Join(dir, "b.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	docs, errs := Read(context.Background(), []string{dir}, Options{})

	var got []string
	for _, d := range docs {
		rel, _ := filepath.Rel(dir, d.Input)
		got = append(got, filepath.ToSlash(rel)+"="+d.Content)
	}
	want := []string{
		"A.txt=A",
		"a/b/c.txt=a/b/c",
		"a/z.txt=a/z",
		"b.txt=b",
		"d/page.html=<p>d</p>",
		"e/f/g.json#1=g1",
		"e/f/g.json#2=g2",
		"link.txt=b",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Read(dir) documents =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantErrs := []string{filepath.Join(dir, "c", "empty.txt") + ": empty input"}
	if got := errorStrings(errs); strings.Join(got, "\n") != strings.Join(wantErrs, "\n") {
		t.Errorf("Read(dir) errors = %q, want %q", got, wantErrs)
	}

	// A directory with no files is an error for that input only.
	empty := filepath.Join(dir, "emptydir")
	docs, errs = Read(context.Background(), []string{empty, filepath.Join(dir, "b.txt")}, Options{})
	if len(docs) != 1 || docs[0].Content != "b" {
		t.Errorf("Read(emptydir, b.txt) documents = %+v, want b.txt only", docs)
	}
	if got := errorStrings(errs); len(got) != 1 || got[0] != empty+": no files in directory" {
		t.Errorf("Read(emptydir, b.txt) errors = %q, want [%q]", got, empty+": no files in directory")
	}
}

func TestReadOrderAndStdin(t *testing.T) {
	dir := writeFiles(t, map[string]string{"1.txt": "one", "2.txt": "two", "3.txt": "three", "4.txt": "four"})
	p := func(name string) string { return filepath.Join(dir, name) }
	stdin := strings.NewReader("\ufefffrom stdin\r\n")
	inputs := []string{p("4.txt"), "-", p("missing"), p("2.txt"), "-", p("1.txt"), p("3.txt")}

	docs, errs := Read(context.Background(), inputs, Options{Stdin: stdin, Concurrency: 2})
	var got []string
	for _, d := range docs {
		got = append(got, d.Content)
	}
	want := []string{"four", "from stdin\n", "two", "one", "three"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Read(...) contents = %q, want %q", got, want)
	}
	if docs[1].Input != "-" || docs[1].Kind != news.KindText {
		t.Errorf("Read(-) = Input %q Kind %q, want Input \"-\" Kind text", docs[1].Input, docs[1].Kind)
	}
	wantErrs := []string{p("missing") + ": no such file or directory", "-: standard input given more than once"}
	if got := errorStrings(errs); strings.Join(got, "\n") != strings.Join(wantErrs, "\n") {
		t.Errorf("Read(...) errors = %q, want %q", got, wantErrs)
	}
}

func TestReadCancelled(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "a"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	docs, errs := Read(ctx, []string{filepath.Join(dir, "a.txt")}, Options{})
	if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("Read(cancelled) = %d documents, errors %v, want one context.Canceled", len(docs), errs)
	}
}

func TestReadUnsupportedScheme(t *testing.T) {
	_, errs := Read(context.Background(), []string{"ftp://example.com/a.txt"}, Options{})
	want := `ftp://example.com/a.txt: unsupported url scheme "ftp" (only http and https)`
	if got := errorStrings(errs); len(got) != 1 || got[0] != want {
		t.Fatalf("Read(ftp://...) errors = %q, want [%q]", got, want)
	}
	if !errors.Is(errs[0], ErrUnsupported) {
		t.Errorf("Read(ftp://...) error %v, want errors.Is ErrUnsupported", errs[0])
	}
}

func TestIsURL(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"https://example.com/a", true},
		{"http://127.0.0.1:8080", true},
		{"ftp://x", true},
		{"git+ssh://x", true},
		{"examples/niger-2024", false},
		{"-", false},
		{"C:\\news\\a.txt", false},
		{"://x", false},
		{"dir/http://x", false},
	}
	for _, tt := range tests {
		if got := isURL(tt.in); got != tt.want {
			t.Errorf("isURL(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func BenchmarkReadText(b *testing.B) {
	dir := filepath.Join("..", "..", "examples", "niger-2024")
	var size int64
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			b.Fatal(err)
		}
		size += info.Size()
	}
	b.SetBytes(size)
	ctx := context.Background()
	for b.Loop() {
		docs, errs := Read(ctx, []string{dir}, Options{})
		if len(errs) != 0 || len(docs) != len(entries) {
			b.Fatalf("Read(%s) = %d documents, errors %v, want %d documents", dir, len(docs), errs, len(entries))
		}
	}
}

// TestReadGzip: a compressed file is read by its magic number, whatever its
// name; a truncated one and one that expands past MaxBytes fail alone.
func TestReadGzip(t *testing.T) {
	dir := t.TempDir()
	gz := func(name, content string, truncate bool) string {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(content))
		zw.Close()
		b := buf.Bytes()
		if truncate {
			b = b[:len(b)/2]
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	page := "<!doctype html><html><head><title>Floods</title></head><body><p>Rain fell.</p></body></html>"
	good := gz("page.html.gz", page, false)
	noName := gz("saved", page, false)
	broken := gz("broken.gz", strings.Repeat("river text ", 500), true)
	bomb := gz("bomb.gz", strings.Repeat("a", 2048), false)

	docs, errs := Read(context.Background(), []string{good, noName, broken, bomb}, Options{MaxBytes: 1024})
	if len(docs) != 2 {
		t.Fatalf("Read = %d documents, want 2 (errors %v)", len(docs), errs)
	}
	for _, d := range docs {
		if d.ContentKind != news.KindHTML || d.Content != page {
			t.Errorf("%s: kind %v, content %.40q; want the decoded page", d.Input, d.ContentKind, d.Content)
		}
	}
	got := errorStrings(errs)
	if len(got) != 2 || !strings.HasPrefix(got[0], broken+": invalid gzip: ") || !errors.Is(errs[1], ErrTooLarge) {
		t.Errorf("errors = %q, want an invalid gzip for %s and too large for %s", got, broken, bomb)
	}
}
