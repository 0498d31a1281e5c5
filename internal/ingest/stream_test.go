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
		"one.jsonl":  `{"title":"Alone","text":"A bridge opened in Lunden on Sunday."}` + "\n",
		"plain.txt":  "A bridge opened in Lunden on Sunday.\n\nThe minister cut the ribbon.\n",
		"array.json": `[{"title":"A","text":"One text here."},{"title":"B","text":"Another text."}]`,
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
