package app

import (
	"encoding/json"
	"github.com/triangulate/triangulate/internal/corpus"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// extractLines runs "extract --format json" and decodes its JSON Lines,
// checking that every object has exactly the documented keys.
func extractLines(t *testing.T, inputs ...string) []extractRecord {
	t.Helper()
	code, out, errs := run(t, append([]string{"extract", "--format", "json"}, inputs...)...)
	if code != ExitOK {
		t.Fatalf("extract exit %d, stderr:\n%s", code, errs)
	}
	wantKeys := []string{"authors", "input", "language", "outlet", "published", "removed", "text", "title"}
	var recs []extractRecord
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var keys map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &keys); err != nil {
			t.Fatalf("line is not a JSON object: %v\n%s", err, line)
		}
		got := make([]string, 0, len(keys))
		for k := range keys {
			got = append(got, k)
		}
		slices.Sort(got)
		if !slices.Equal(got, wantKeys) {
			t.Errorf("keys = %q, want %q", got, wantKeys)
		}
		var r extractRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestExtractExample(t *testing.T) {
	recs := extractLines(t, exampleDir)
	if len(recs) != 5 {
		t.Fatalf("extract gave %d lines, want 5 (one per input)", len(recs))
	}
	reuters := recs[0]
	if !strings.HasSuffix(reuters.Input, "000_39b2320ab47e5126.txt") || reuters.Outlet == nil || *reuters.Outlet != "Reuters" {
		t.Errorf("first line = input %q, outlet %v; want the Reuters file with outlet Reuters", reuters.Input, reuters.Outlet)
	}
	if strings.Contains(reuters.Text, "via REUTERS") || len(reuters.Removed) == 0 {
		t.Errorf("Reuters text keeps its credit or lists nothing removed: %d removed", len(reuters.Removed))
	}
	for _, r := range recs {
		if r.Text == "" || r.Title == "" || r.Language != "en" {
			t.Errorf("%s: title %q, language %q, %d bytes of text", r.Input, r.Title, r.Language, len(r.Text))
		}
	}
	// Unknown outlets stay null rather than guessed.
	if recs[2].Outlet != nil {
		t.Errorf("%s: outlet = %q, want null", recs[2].Input, *recs[2].Outlet)
	}

	code, out, _ := run(t, "extract", exampleDir)
	if code != ExitOK || !strings.Contains(out, "title:") || strings.Count(out, "══ ") != 5 {
		t.Errorf("extract (text) exit %d, output:\n%.500s", code, out)
	}
}

func TestExtractAEBPages(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join(aebDir, "html", "*.html.gz"))
	if len(names) == 0 {
		t.Skip("../shared/data/aeb is absent: skipping the real-page test")
	}
	slices.Sort(names)
	inputs := corpus.AEBPages(t, 3)
	recs := extractLines(t, inputs...)
	if len(recs) != len(inputs) {
		t.Fatalf("extract gave %d lines for %d pages", len(recs), len(inputs))
	}
	for i, r := range recs {
		if r.Input != inputs[i] || r.Title == "" || strings.Count(r.Text, "\n\n") < 2 || r.Language == "" {
			t.Errorf("%s: title %q, language %q, %d paragraphs", filepath.Base(r.Input), r.Title, r.Language, strings.Count(r.Text, "\n\n")+1)
		}
	}
}

// The harness on the first ten pages: the report has our row beside the
// published ones, and the failures asked for.
func TestEvalExtract(t *testing.T) {
	if _, err := os.Stat(filepath.Join(aebDir, "ground-truth.json")); err != nil {
		t.Skip("../shared/data/aeb is absent: skipping")
	}
	code, out, errs := run(t, "eval", "extract", "-n", "10", "--failures", "2", aebDir)
	if code != ExitOK {
		t.Fatalf("eval extract exit %d, stderr:\n%s", code, errs)
	}
	for _, want := range []string{"triangulate ", "rs_trafilatura", "go-trafilatura", "pages/s", "10 pages"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n── "); n != 2 {
		t.Errorf("report lists %d failures, want 2", n)
	}
	if code, _, _ := run(t, "eval", "extract"); code != ExitUsage {
		t.Errorf("eval extract without a directory: exit %d, want %d", code, ExitUsage)
	}
	if code, _, _ := run(t, "eval", "nothing"); code != ExitUsage {
		t.Errorf("eval nothing: exit %d, want %d", code, ExitUsage)
	}
}
