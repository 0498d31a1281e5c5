package entity

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/triangulate/triangulate/internal/clean"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/segment"
)

var (
	loadOnce sync.Once
	testRec  *Recognizer
	testSeg  *segment.Segmenter
	loadErr  error
)

// load returns the shared recogniser and segmenter of the tests.
func load(t testing.TB) (*Recognizer, *segment.Segmenter) {
	t.Helper()
	loadOnce.Do(func() {
		testRec, loadErr = New()
		if loadErr == nil {
			testSeg, loadErr = segment.New()
		}
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return testRec, testSeg
}

// cleanText returns the cleaned text of a raw article, as the pipeline
// makes it.
func cleanText(raw string) string {
	return news.JoinParagraphs(clean.Text(raw, clean.Options{}).Paragraphs)
}

// find runs the recogniser on text split into sentences.
func find(t testing.TB, text string) []news.Mention {
	r, seg := load(t)
	return r.Find(text, seg.Split(text))
}

func readExample(t testing.TB) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../../../examples/niger-2024/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("example not found: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = cleanText(string(b))
	}
	return out
}
