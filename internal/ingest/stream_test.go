package ingest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/news"
)

func streamAll(t *testing.T, inputs []string, opts Options) ([]news.Document, []error) {
	t.Helper()
	var docs []news.Document
	var errs []error
	err := Stream(context.Background(), inputs, opts, func(d news.Document) error {
		docs = append(docs, d)
		return nil
	}, func(e error) { errs = append(errs, e) })
	if err != nil {
		t.Fatal(err)
	}
	return docs, errs
}

func errTexts(errs []error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// Stream gives what Read gives, document for document and error for
// error, on JSON Lines and on other inputs.
func TestStreamAsRead(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"many.jsonl": "\ufeff" + `{"title":"One","text":"A bridge opened in Lunden on Sunday."}` + "\n\n" +
			`{"title":"Two","text":"The harbour reopened on Monday."}` + "\n" +
			`{"title":"broken` + "\n" + `[1,2]` + "\n" +
			`{"title":"Three","text":"Ships sailed again on Tuesday."}`,
		"one.jsonl":      `{"title":"Alone","text":"A bridge opened in Lunden on Sunday."}` + "\n",
		"plain.txt":      "A bridge opened in Lunden on Sunday.\n\nThe minister cut the ribbon.\n",
		"array.json":     `[{"title":"A","text":"One text here."},{"title":"B","text":"Another text."}]`,
		"bom-array.json": "\ufeff [\n" + `{"title":"A","text":"One text here."}, 7, {"title":"C","text":"A third text."}` + "\n]\n",
		"one-array.json": `[{"title":"Alone","text":"One text here."}]`,
	}
	var inputs []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	inputs = append(inputs, filepath.Join(dir, "missing.txt"))
	wantDocs, wantErrs := Read(context.Background(), inputs, Options{})
	gotDocs, gotErrs := streamAll(t, inputs, Options{})
	if fmt.Sprint(gotDocs) != fmt.Sprint(wantDocs) {
		t.Errorf("Stream documents differ from Read's:\n got %v\nwant %v", gotDocs, wantDocs)
	}
	if !slices.Equal(errTexts(gotErrs), errTexts(wantErrs)) {
		t.Errorf("Stream errors differ from Read's:\n got %q\nwant %q", errTexts(gotErrs), errTexts(wantErrs))
	}
}

// The size limit of a JSON Lines file is each article's, not the file's:
// a file far over the limit is read, and only the line over it is
// refused.
func TestStreamLimitPerArticle(t *testing.T) {
	const n = 2000
	archive := corpus.ArchiveJSONL(n, 700)
	p := filepath.Join(t.TempDir(), "archive.jsonl")
	if err := os.WriteFile(p, []byte(archive), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{MaxBytes: 4 << 10}
	if _, errs := Read(context.Background(), []string{p}, opts); len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Fatalf("Read of a %d-byte file with a 4 KB limit: %v (the whole file is refused)", len(archive), errs)
	}
	docs, errs := streamAll(t, []string{p}, opts)
	if len(docs) != n-1 || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || !strings.Contains(errs[0].Error(), "#701") {
		t.Errorf("Stream: %d documents, errors %v; want %d and one for line 701", len(docs), errTexts(errs), n-1)
	}
}

// A JSON array is read an element at a time: the size limit is each
// article's, and an array that breaks off keeps what came before.
func TestStreamJSONArray(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("[")
	const n = 300
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteString(",\n")
		}
		text := fmt.Sprintf("Article %d says the harbour reopened on Monday.", i)
		if i == 17 {
			text = strings.Repeat("Long. ", 2000)
		}
		fmt.Fprintf(&b, `{"title":"T%d","text":%q}`, i, text)
	}
	b.WriteString("]")
	whole := filepath.Join(dir, "array.json")
	if err := os.WriteFile(whole, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{MaxBytes: 4 << 10}
	docs, errs := streamAll(t, []string{whole}, opts)
	if len(docs) != n-1 || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || !strings.Contains(errs[0].Error(), "#17") {
		t.Errorf("Stream of a %d-byte array with a 4 KB limit: %d documents, errors %q; want %d and one for #17", b.Len(), len(docs), errTexts(errs), n-1)
	}
	if len(docs) > 20 && (docs[0].Input != whole+"#1" || docs[17].Input != whole+"#19") {
		t.Errorf("names: %s, %s", docs[0].Input, docs[17].Input)
	}

	cut := filepath.Join(dir, "cut.json")
	text := b.String()
	if err := os.WriteFile(cut, []byte(text[:strings.Index(text, `{"title":"T40"`)+20]), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, errs = streamAll(t, []string{cut}, Options{})
	if len(docs) != 39 || len(errs) != 1 || !errors.Is(errs[0], ErrMalformed) || !strings.Contains(errs[0].Error(), "#40") {
		t.Errorf("a truncated array: %d documents, errors %q; want 39 and one from #40 on", len(docs), errTexts(errs))
	}
}
