package app

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/schematest"
)

const exampleDir = "../../examples/niger-2024"

// run runs the program as the command line would and returns its exit code
// and streams.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	p := &Program{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	code := p.Run(context.Background(), args)
	return code, stdout.String(), stderr.String()
}

func briefJSON(t *testing.T, args ...string) news.Dossier {
	t.Helper()
	code, out, errs := run(t, append([]string{"brief", "--format", "json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("brief exit %d, stderr:\n%s", code, errs)
	}
	if err := schematest.ValidateJSON("../../spec/dossier.schema.json", []byte(out)); err != nil {
		t.Fatalf("dossier JSON invalid: %v", err)
	}
	var d news.Dossier
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBriefExample(t *testing.T) {
	d := briefJSON(t, exampleDir)
	if len(d.Sources) != 5 {
		t.Fatalf("%d sources, want 5", len(d.Sources))
	}
	str := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	wantOutlets := []string{"Reuters", "TRT World", "null", "null", "The Moscow Times"}
	wantPublished := []string{"null", "2024-04-12", "null", "2024-04-12", "null"}
	for i, s := range d.Sources {
		if got := str(s.Outlet); got != wantOutlets[i] {
			t.Errorf("%s: outlet = %s, want %s", s.Input, got, wantOutlets[i])
		}
		if got := str(s.Published); got != wantPublished[i] {
			t.Errorf("%s: published = %s, want %s", s.Input, got, wantPublished[i])
		}
		if s.Published != nil && (s.PublishedBasis == nil || *s.PublishedBasis != news.BasisMetadata) {
			t.Errorf("%s: published_basis = %v, want metadata", s.Input, s.PublishedBasis)
		}
		if s.Language != "en" {
			t.Errorf("%s: language = %q, want en", s.Input, s.Language)
		}
		// Nothing removed may remain in the text, and the text is
		// paragraphs separated by one blank line.
		for _, r := range s.Removed {
			if len(r.Text) > 3 && strings.Contains(s.Text, r.Text) {
				t.Errorf("%s: removed %s %q still in the text", s.Input, r.Kind, r.Text)
			}
		}
		if strings.Contains(s.Text, "\n\n\n") || !strings.Contains(s.Text, "\n\n") {
			t.Errorf("%s: text is not blank-line separated paragraphs", s.Input)
		}
	}
	// Every piece of furniture VISION.md names, across outlets.
	for _, piece := range []string{"via REUTERS", "FILE PHOTO", "EPA/ISSIFOU", "SOURCE:TRTWorld", "Support The Moscow Times", "small favor to ask", "Remind me later", "date 2024-04-12", "RRussia"} {
		for _, s := range d.Sources {
			if strings.Contains(s.Text, piece) {
				t.Errorf("%s: %q left in the text", s.Input, piece)
			}
		}
	}
	if d.Sources[3].MachineTranslated != true || d.Sources[0].MachineTranslated {
		t.Errorf("machine_translated = %v for 003 and %v for 000, want true and false", d.Sources[3].MachineTranslated, d.Sources[0].MachineTranslated)
	}
	if d.Story.FirstPublished != "2024-04-12" || d.Story.Title == "" {
		t.Errorf("story = %+v", d.Story)
	}
}

func TestBriefFormats(t *testing.T) {
	for _, format := range []string{"text", "md", "html", "json"} {
		code, out, errs := run(t, "brief", "--format", format, exampleDir)
		if code != ExitOK || out == "" {
			t.Errorf("brief --format %s: exit %d, %d bytes, stderr %q", format, code, len(out), errs)
		}
		if strings.Contains(out, "\x1b[") {
			t.Errorf("brief --format %s wrote colour codes to a non-terminal", format)
		}
	}
	// Output to a file is complete or absent.
	name := filepath.Join(t.TempDir(), "d.html")
	if code, _, errs := run(t, "brief", "--format", "html", "-o", name, exampleDir); code != ExitOK {
		t.Fatalf("brief -o: exit %d: %s", code, errs)
	}
	if b, err := os.ReadFile(name); err != nil || !bytes.Contains(b, []byte("</html>")) {
		t.Errorf("brief -o wrote %d bytes, err %v", len(b), err)
	}
}

// Bad inputs among good ones: each gives one line on stderr naming it, the
// good ones are still read, and the exit code is 0 because something usable
// was read.
func TestBriefBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.txt", nil)
	binary := write("photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"))
	latin1 := write("latin1.txt", []byte("Le pr\xe9sident a d\xe9clar\xe9 mardi que la r\xe9forme serait retir\xe9e."))
	noArticle := write("nav.html", []byte(`<!doctype html><html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/a">About</a></nav></body></html>`))
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // sparse: 50 MB without writing them
		t.Fatal(err)
	}
	f.Close()
	missing := filepath.Join(dir, "missing.txt")

	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	gone := httptest.NewServer(http.NotFoundHandler())
	goneURL := gone.URL + "/story"
	gone.Close() // nothing listens there any more

	good := filepath.Join(exampleDir, "000_39b2320ab47e5126.txt")
	bad := []string{missing, empty, binary, latin1, big, noArticle, srv.URL + "/missing", goneURL}
	code, out, errs := run(t, append([]string{"brief", "--format", "json", good}, bad...)...)
	if code != ExitOK {
		t.Fatalf("exit %d, want %d when one input is usable; stderr:\n%s", code, ExitOK, errs)
	}
	var d news.Dossier
	if err := json.Unmarshal([]byte(out), &d); err != nil || len(d.Sources) != 1 {
		t.Fatalf("want a dossier of the one good source, got %d sources (%v)", len(d.Sources), err)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	for _, in := range bad {
		n := 0
		for _, l := range lines {
			if strings.Contains(l, in+":") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("stderr names %s on %d lines, want 1:\n%s", in, n, errs)
		}
	}
	for _, want := range []string{"empty", "binary", "UTF-8", "too large", "no article", "404"} {
		if !strings.Contains(strings.ToLower(errs), strings.ToLower(want)) {
			t.Errorf("stderr does not say %q:\n%s", want, errs)
		}
	}

	// Nothing usable at all: exit 1.
	if code, _, _ := run(t, "brief", empty, missing); code != ExitFailure {
		t.Errorf("brief with only bad inputs: exit %d, want %d", code, ExitFailure)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{nil, ExitUsage},
		{[]string{"frobnicate"}, ExitUsage},
		{[]string{"brief"}, ExitUsage},
		{[]string{"brief", "--format", "pdf", exampleDir}, ExitUsage},
		{[]string{"brief", "--max-size", "lots", exampleDir}, ExitUsage},
		{[]string{"help"}, ExitOK},
		{[]string{"version"}, ExitOK},
		{[]string{"brief", exampleDir, "--format", "md"}, ExitOK}, // flags after inputs
	}
	for _, tt := range tests {
		if got, _, _ := run(t, tt.args...); got != tt.want {
			t.Errorf("Run(%q) = %d, want %d", tt.args, got, tt.want)
		}
	}
}

func TestBriefStdin(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(exampleDir, "004_dc24a2c5f03b1ac8.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	p := &Program{Stdin: bytes.NewReader(raw), Stdout: &stdout, Stderr: &stderr}
	if code := p.Run(context.Background(), []string{"brief", "--format", "json", "-"}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var d news.Dossier
	if err := json.Unmarshal(stdout.Bytes(), &d); err != nil || len(d.Sources) != 1 || d.Sources[0].Input != "-" {
		t.Fatalf("stdin dossier: %v %+v", err, d.Sources)
	}
}

// aebDir is the article-extraction benchmark beside the repository.
const aebDir = "../../../shared/data/aeb"

// Ten saved pages of the extraction benchmark, the first ten by name:
// titles, bodies in paragraphs that hold the hand-made body's opening and
// closing words, and outlets and dates where the pages state them.
func TestBriefAEBPages(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join(aebDir, "html", "*.html.gz"))
	if len(names) == 0 {
		t.Skip("../shared/data/aeb is absent: skipping the real-page test")
	}
	slices.Sort(names)
	names = names[:10]
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	raw, err := os.ReadFile(filepath.Join(aebDir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	inputs := corpus.AEBPages(t, len(names))
	// Ten unrelated pages: --one-story briefs them together, which is what
	// this test of extraction needs (grouping is tested elsewhere).
	d := briefJSON(t, append([]string{"--one-story"}, inputs...)...)
	if len(d.Sources) != len(inputs) {
		t.Fatalf("%d sources from %d pages", len(d.Sources), len(inputs))
	}
	outlets, dates, bodies := 0, 0, 0
	for _, s := range d.Sources {
		id := strings.TrimSuffix(filepath.Base(s.Input), ".html")
		if s.Title == "" || s.TitleDerived {
			t.Errorf("%s: no title from the page", id)
		}
		if !strings.Contains(s.Text, "\n\n") {
			t.Errorf("%s: body not in paragraphs", id)
		}
		if s.Outlet != nil {
			outlets++
		}
		if s.Published != nil {
			dates++
		}
		words := strings.Fields(truth[id].ArticleBody)
		text := strings.Join(strings.Fields(s.Text), " ")
		if len(words) >= 16 && strings.Contains(text, strings.Join(words[:6], " ")) && strings.Contains(text, strings.Join(words[len(words)-6:], " ")) {
			bodies++
		}
	}
	t.Logf("AEB first ten pages: %d with the body's first and last words, %d outlets, %d dates", bodies, outlets, dates)
	if bodies < 8 {
		t.Errorf("only %d of 10 bodies hold the hand-made body's first and last words, want ≥ 8", bodies)
	}
	if outlets < 5 || dates < 5 {
		t.Errorf("outlets on %d pages and dates on %d, want ≥ 5 each", outlets, dates)
	}
}

// annotate --format json: the documented interface, with spans that point
// into each source's cleaned text.
func TestAnnotateJSON(t *testing.T) {
	code, out, errs := run(t, "annotate", "--format", "json", exampleDir)
	if code != ExitOK {
		t.Fatalf("annotate exit %d: %s", code, errs)
	}
	var doc struct {
		Sources []struct {
			Input     string  `json:"input"`
			Published *string `json:"published"`
			Sentences []struct {
				Text     string `json:"text"`
				Start    int    `json:"start"`
				End      int    `json:"end"`
				Entities []struct {
					Text, Type, Key string
					Start, End      int
				} `json:"entities"`
				Quantities []struct {
					Text             string
					Value, Low, High *float64
				} `json:"quantities"`
				Dates []struct {
					Text        string  `json:"text"`
					Value       *string `json:"value"`
					Granularity string  `json:"granularity"`
				} `json:"dates"`
				Quotes []struct {
					Text, Speaker, Cue string
				} `json:"quotes"`
			} `json:"sentences"`
		} `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("annotate JSON: %v", err)
	}
	if len(doc.Sources) != 5 {
		t.Fatalf("%d sources, want 5", len(doc.Sources))
	}
	var entities, quantities, dates, quotes int
	for _, src := range doc.Sources {
		prevEnd := 0
		for _, s := range src.Sentences {
			if s.Start < prevEnd || s.End <= s.Start || len(s.Text) != s.End-s.Start {
				t.Errorf("%s: bad sentence span %d..%d for %q", src.Input, s.Start, s.End, s.Text)
			}
			prevEnd = s.End
			for _, e := range s.Entities {
				if e.Start < s.Start || e.End > s.End || e.End-e.Start != len(e.Text) || e.Key == "" {
					t.Errorf("%s: entity %q outside its sentence or without a key", src.Input, e.Text)
				}
			}
			for _, q := range s.Quantities {
				if q.Value != nil && q.Low != nil && q.High != nil && (*q.Low > *q.Value || *q.Value > *q.High) {
					t.Errorf("%s: quantity %q has low ≤ value ≤ high broken", src.Input, q.Text)
				}
			}
			entities += len(s.Entities)
			quantities += len(s.Quantities)
			dates += len(s.Dates)
			quotes += len(s.Quotes)
		}
	}
	if entities < 100 || quantities < 10 || dates < 20 || quotes < 8 {
		t.Errorf("too few annotations: %d entities, %d quantities, %d dates, %d quotes", entities, quantities, dates, quotes)
	}
	if code, out, _ := run(t, "annotate", exampleDir); code != ExitOK || !strings.Contains(out, "demonym → russia") {
		t.Errorf("annotate text: exit %d", code)
	}
}
