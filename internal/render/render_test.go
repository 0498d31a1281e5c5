package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/schematest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

const schemaPath = "../../spec/dossier.schema.json"

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./internal/render -update rewrites it)\n--- got ---\n%s", name, got)
	}
}

func TestGolden(t *testing.T) {
	d := syntheticDossier()
	two := []news.Dossier{syntheticDossier(), syntheticDossier()}
	two[1].Story.ID, two[1].Story.Title = "st-other", "A second story"
	tests := []struct {
		file   string
		format Format
		ds     []news.Dossier
		opts   Options
	}{
		{"dossier.text.golden", FormatText, []news.Dossier{d}, Options{}},
		{"dossier.color.golden", FormatText, []news.Dossier{d}, Options{Color: true}},
		{"dossier.narrow.golden", FormatText, []news.Dossier{d}, Options{Width: 50}},
		{"dossier.md.golden", FormatMarkdown, []news.Dossier{d}, Options{}},
		{"dossier.html.golden", FormatHTML, []news.Dossier{d}, Options{}},
		{"dossier.json.golden", FormatJSON, []news.Dossier{d}, Options{}},
		{"two.html.golden", FormatHTML, two, Options{}},
		{"empty.text.golden", FormatText, []news.Dossier{{Story: news.Story{ID: "st-empty"}}}, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, tt.format, tt.ds, tt.opts); err != nil {
				t.Fatalf("Render(%s) = %v", tt.format, err)
			}
			golden(t, tt.file, buf.Bytes())
		})
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  bool
	}{
		{"text", FormatText, false},
		{"TXT", FormatText, false},
		{"md", FormatMarkdown, false},
		{"Markdown", FormatMarkdown, false},
		{" html ", FormatHTML, false},
		{"json", FormatJSON, false},
		// Unknown names.
		{"", "", true},
		{"pdf", "", true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseFormat(%q) = %q, %v, want %q, error %v", tt.in, got, err, tt.want, tt.err)
		}
		if tt.err && !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("ParseFormat(%q) error %v is not ErrUnknownFormat", tt.in, err)
		}
	}
	if err := Render(&bytes.Buffer{}, "pdf", nil, Options{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Render(pdf) = %v, want ErrUnknownFormat", err)
	}
}

func renderString(t *testing.T, f Format, d news.Dossier, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, f, []news.Dossier{d}, opts); err != nil {
		t.Fatalf("Render(%s) = %v", f, err)
	}
	return buf.String()
}

func TestTextNoEscapesWithoutColor(t *testing.T) {
	for _, width := range []int{0, 40, 80, 200} {
		out := renderString(t, FormatText, syntheticDossier(), Options{Width: width})
		if i := strings.Index(out, "\x1b"); i >= 0 {
			t.Errorf("Text(Width %d, no colour) has an escape at byte %d: %q", width, i, out[max(0, i-20):i+10])
		}
	}
	if out := renderString(t, FormatText, syntheticDossier(), Options{Color: true}); !strings.Contains(out, "\x1b[") {
		t.Errorf("Text(Color) has no escape code")
	}
}

// longWordDossier has words longer than any line, so wrapping must cut them.
func longWordDossier() news.Dossier {
	d := syntheticDossier()
	long := strings.Repeat("Unbreakable", 12)
	d.Summary = append(d.Summary, news.Summary{Text: "A sentence with " + long + " in it.", Sources: []string{"s1"}})
	d.Sources[0].Input = "/very/long/path/" + strings.Repeat("segment-", 20) + "file.txt"
	d.Sources[1].Removed = append(d.Sources[1].Removed, news.Removed{Kind: news.RemovedOther, Text: long})
	d.Story.Title = long
	d.Facts[0].Text = "Wide 中文字符 characters " + strings.Repeat("漢字", 40)
	d.Entities[0].Aliases = append(d.Entities[0].Aliases, long)
	return d
}

func TestTextFitsWidth(t *testing.T) {
	for _, width := range []int{40, 50, 80, 120} {
		for name, d := range map[string]news.Dossier{"synthetic": syntheticDossier(), "long words": longWordDossier()} {
			for _, color := range []bool{false, true} {
				out := renderString(t, FormatText, d, Options{Width: width, Color: color})
				for i, line := range strings.Split(out, "\n") {
					if color {
						line = stripANSI(line)
					}
					if n := utf8.RuneCountInString(line); n > width {
						t.Errorf("%s, Width %d, colour %v: line %d has %d runes: %q", name, width, color, i+1, n, line)
					}
					if w := cells(line); w > width {
						t.Errorf("%s, Width %d, colour %v: line %d is %d cells wide: %q", name, width, color, i+1, w, line)
					}
				}
			}
		}
	}
}

// stripANSI removes SGR escape sequences (ESC [ ... m).
func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && s[j] != 'm' {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestMatrixManySources(t *testing.T) {
	// Thirty sources with long ids cannot share one row of 80 cells: the
	// matrix splits into blocks and numbers its columns.
	d := syntheticDossier()
	for i := range 30 {
		id := "source-" + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		d.Sources = append(d.Sources, news.Source{ID: id, Title: "t"})
		d.Facts[0].Evidence = append(d.Facts[0].Evidence, news.Evidence{Source: id, Text: "x"})
	}
	out := renderString(t, FormatText, d, Options{})
	for i, line := range strings.Split(out, "\n") {
		if n := cells(line); n > 80 {
			t.Errorf("line %d is %d cells wide: %q", i+1, n, line)
		}
	}
	if !strings.Contains(out, "sources 1–") || !strings.Contains(out, "of 33") {
		t.Errorf("matrix of 33 sources is not split into blocks:\n%s", out)
	}
}

func TestHTMLEscapesArticleText(t *testing.T) {
	d := syntheticDossier()
	const evil = `<script>alert("x")</script>`
	d.Sources[1].Title = "Title " + evil
	d.Sources[1].Text = "Body " + evil + "\n\n" + d.Sources[1].Text
	d.Sources[1].Removed[0].Text = evil
	d.Facts[0].Text = evil
	d.Story.Title = evil
	d.Sources[1].URL = "javascript:alert(1)"
	out := renderString(t, FormatHTML, d, Options{})
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Errorf("HTML holds a raw <script>:\n%s", out)
	}
	if !strings.Contains(out, "&lt;script&gt;") {
		t.Errorf("HTML does not show the escaped <script> text")
	}
	if strings.Contains(out, `href="javascript:`) {
		t.Errorf("HTML links to a javascript: URL")
	}
}

func TestHTMLStructure(t *testing.T) {
	out := renderString(t, FormatHTML, syntheticDossier(), Options{})
	for _, want := range []string{
		`<html lang="en">`,
		`<meta name="viewport"`,
		`max-width`,
		`<th scope="col">`,
		`<th scope="row">`,
		`id="st-niger-src-s1"`,
		`href="#st-niger-src-s1"`,
		// The ✓ of s1 on f1 opens on s1's sentence, without a mouse.
		`<details class="cell"><summary aria-label="Reuters states it">✓<span class="phone-only"> Reuters</span></summary><div class="says"><q>NIAMEY (Reuters) - Russian military instructors`,
		// A ✗ opens on the conflicting sentence and leads to the conflict.
		`states a conflicting value">✗<span class="phone-only">`,
		`see the conflict</a>`,
		`<details>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "http://", "<link", "@import"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML is not self-contained: holds %q", bad)
		}
	}
	checkHeadings(t, out)
	two := []news.Dossier{syntheticDossier(), syntheticDossier()}
	two[1].Story.ID = "st-two"
	checkHeadings(t, renderString2(t, FormatHTML, two))
}

// checkHeadings fails when the page does not start at h1, has more than one
// h1, or skips a heading level going down.
func checkHeadings(t *testing.T, page string) {
	t.Helper()
	last, h1s := 0, 0
	for i := 0; i+2 < len(page); i++ {
		if page[i] == '<' && page[i+1] == 'h' && page[i+2] >= '1' && page[i+2] <= '6' {
			level := int(page[i+2] - '0')
			if level > last+1 {
				t.Fatalf("heading h%d follows h%d at byte %d", level, last, i)
			}
			if level == 1 {
				h1s++
			}
			last = level
		}
	}
	if h1s != 1 {
		t.Errorf("page has %d h1 headings, want 1", h1s)
	}
}

func TestMarkdownPipesStayInCell(t *testing.T) {
	d := syntheticDossier()
	d.Facts[0].Text = "a | b || c\nd"
	d.Sources[0].Title = "Title | with pipe"
	out := renderString(t, FormatMarkdown, d, Options{})
	for _, header := range []string{"| Fact |", "| Source |"} {
		start := strings.Index(out, header)
		if start < 0 {
			t.Fatalf("Markdown lacks a table starting %q", header)
		}
		lines := strings.Split(out[start:], "\n")
		want := cellCount(lines[0])
		for _, line := range lines[1:] {
			if !strings.HasPrefix(line, "|") {
				break
			}
			if got := cellCount(line); got != want {
				t.Errorf("table row has %d cells, header %d: %q", got, want, line)
			}
		}
	}
	if !strings.Contains(out, `a \| b \|\| c d`) {
		t.Errorf("fact text with pipes is not escaped in:\n%s", out)
	}
}

// cellCount counts the cells of a GFM table row: unescaped pipes minus one.
func cellCount(row string) int {
	n := 0
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n - 1
}

func TestJSONRoundTrip(t *testing.T) {
	d := syntheticDossier()
	var buf bytes.Buffer
	if err := JSON(&buf, &d); err != nil {
		t.Fatal(err)
	}
	var got news.Dossier
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("JSON round trip changed the dossier:\ngot  %+v\nwant %+v", got, d)
	}
}

func TestJSONValidatesAgainstSchema(t *testing.T) {
	for name, d := range map[string]news.Dossier{
		"synthetic": syntheticDossier(),
		"nil slices": {Story: news.Story{ID: "x", Title: "y"},
			Sources:   []news.Source{{ID: "s1"}},
			Conflicts: []news.Conflict{{ID: "c1", Kind: "other", Variants: []news.Variant{{Value: "a"}, {Value: "b"}}}},
			Summary:   []news.Summary{{Text: "t", Sources: []string{"s1"}}},
		},
	} {
		var buf bytes.Buffer
		if err := JSON(&buf, &d); err != nil {
			t.Fatal(err)
		}
		if err := schematest.ValidateJSON(schemaPath, buf.Bytes()); err != nil {
			t.Errorf("%s: %v\n%s", name, err, buf.Bytes())
		}
	}
	// The validator can fail.
	if err := schematest.ValidateJSON(schemaPath, []byte(`{"schema": "triangulate.dossier/v1"}`)); err == nil {
		t.Errorf("ValidateJSON accepted a dossier without its required fields")
	}
	if err := schematest.ValidateJSON("testdata/no-such-schema.json", []byte(`{}`)); err == nil {
		t.Errorf("ValidateJSON accepted a missing schema file")
	}
}

func TestJSONEmptyArraysNotNull(t *testing.T) {
	d := news.Dossier{
		Story:     news.Story{ID: "x", Title: "y"},
		Sources:   []news.Source{{ID: "s1"}},
		Entities:  []news.Entity{{ID: "e1"}},
		Facts:     []news.Fact{{ID: "f1"}},
		Conflicts: []news.Conflict{{ID: "c1", Variants: []news.Variant{{Value: "a"}}}},
		Timeline:  []news.Event{{Date: "2024"}},
		Quotes:    []news.Quote{{Text: "q"}},
		Summary:   []news.Summary{{Text: "t"}},
	}
	before := fmtDossier(d)
	var buf bytes.Buffer
	if err := JSON(&buf, &d); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	checkArrays(t, "", doc)
	for _, key := range []string{`"removed": []`, `"captions": []`, `"aliases": []`, `"evidence": []`} {
		if !strings.Contains(buf.String(), key) {
			t.Errorf("JSON lacks %s:\n%s", key, buf.String())
		}
	}
	if after := fmtDossier(d); after != before {
		t.Errorf("JSON modified the caller's dossier:\nbefore %s\nafter  %s", before, after)
	}
	if d.Sources[0].Removed != nil || d.Schema != "" {
		t.Errorf("JSON modified the caller's dossier")
	}

	// No dossier at all: every top-level array is [].
	buf.Reset()
	if err := JSON(&buf, &news.Dossier{}); err != nil {
		t.Fatal(err)
	}
	var top map[string]any
	if err := json.Unmarshal(buf.Bytes(), &top); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"sources", "entities", "facts", "conflicts", "timeline", "quotes", "summary"} {
		if arr, ok := top[key].([]any); !ok || len(arr) != 0 {
			t.Errorf("JSON of an empty dossier: %s = %#v, want []", key, top[key])
		}
	}
}

// arrayKeys are the keys the schema requires to hold arrays.
var arrayKeys = map[string]bool{
	"sources": true, "entities": true, "facts": true, "conflicts": true, "timeline": true,
	"quotes": true, "summary": true, "removed": true, "captions": true, "aliases": true,
	"evidence": true, "variants": true,
}

// checkArrays fails for any key of arrayKeys whose value is not an array.
func checkArrays(t *testing.T, path string, v any) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if _, ok := x.([]any); arrayKeys[k] && !ok {
				t.Errorf("JSON %s.%s = %v, want an array", path, k, x)
			}
			checkArrays(t, path+"."+k, x)
		}
	case []any:
		for i, x := range v {
			checkArrays(t, fmt.Sprintf("%s[%d]", path, i), x)
		}
	}
}

func fmtDossier(d news.Dossier) string {
	b, _ := json.Marshal(d)
	return string(b) + "|" + strings.Join([]string{
		nilness(d.Sources[0].Removed == nil), nilness(d.Sources[0].Captions == nil),
		nilness(d.Entities[0].Aliases == nil), nilness(d.Facts[0].Evidence == nil),
		nilness(d.Conflicts[0].Variants[0].Evidence == nil), nilness(d.Summary[0].Sources == nil),
	}, ",")
}

func nilness(isNil bool) string {
	if isNil {
		return "nil"
	}
	return "set"
}

func TestRenderSeveral(t *testing.T) {
	ds := []news.Dossier{syntheticDossier(), syntheticDossier()}
	ds[1].Story.ID = "st-two"

	var buf bytes.Buffer
	if err := Render(&buf, FormatJSON, ds, Options{}); err != nil {
		t.Fatal(err)
	}
	var arr []news.Dossier
	if err := json.Unmarshal(buf.Bytes(), &arr); err != nil || len(arr) != 2 || arr[1].Story.ID != "st-two" {
		t.Errorf("Render(json, 2 dossiers) = %d dossiers, %v; want an array of 2", len(arr), err)
	}

	buf.Reset()
	if err := Render(&buf, FormatJSON, nil, Options{}); err != nil || strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("Render(json, none) = %q, %v; want []", buf.String(), err)
	}

	for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML} {
		out := renderString2(t, f, ds)
		if strings.Count(out, "st-two") == 0 || strings.Count(out, "st-niger") == 0 {
			t.Errorf("Render(%s, 2 dossiers) does not show both stories", f)
		}
	}
}

func renderString2(t *testing.T, f Format, ds []news.Dossier) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, f, ds, Options{}); err != nil {
		t.Fatalf("Render(%s) = %v", f, err)
	}
	return buf.String()
}

func TestUnknownOutletNeverInvented(t *testing.T) {
	d := syntheticDossier()
	for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML} {
		out := renderString(t, f, d, Options{})
		if !strings.Contains(out, "unknown outlet") {
			t.Errorf("%s does not say the outlet of s3 is unknown", f)
		}
		if !strings.Contains(out, "date unknown") {
			t.Errorf("%s does not say the date of s1 is unknown", f)
		}
		if !strings.Contains(out, "unnamed speaker") {
			t.Errorf("%s does not say the quote's speaker is unnamed", f)
		}
	}
}

func TestTimelineSorted(t *testing.T) {
	d := syntheticDossier()
	for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML} {
		out := renderString(t, f, d, Options{})
		if a, b := strings.Index(out, "2024-03-26"), strings.Index(out, "2024-04-10"); a < 0 || b < 0 || a > b {
			t.Errorf("%s: timeline not sorted (2024-03-26 at %d, 2024-04-10 at %d)", f, a, b)
		}
	}
	if d.Timeline[0].Date != "2024-04-10" {
		t.Errorf("rendering sorted the caller's timeline")
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"s1", "s1"},
		{"000_39b2-x", "000_39b2-x"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Ids that differ only in unsafe characters stay distinct.
	if a, b := slug("a b"), slug("a/b"); a == b || strings.ContainsAny(a+b, " /") {
		t.Errorf("slug(a b) = %q, slug(a/b) = %q, want distinct safe ids", a, b)
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		w    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		// Cut at a word boundary when one is near the end.
		{"Russian military instructors", 20, "Russian military…"},
		// No boundary near the end: cut inside the word.
		{"Unbreakableword and more", 10, "Unbreakab…"},
		// Wide characters count two cells.
		{"漢字漢字漢字", 7, "漢字漢…"},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.w); got != tt.want || cells(got) > tt.w {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
}

// The reason for each merge of name variants is shown, so a reader can
// judge it: a tooltip in HTML, a line in text.
func TestEntityMerges(t *testing.T) {
	d := news.Dossier{Schema: news.SchemaID, Story: news.Story{ID: "st-x", Title: "T"},
		Entities: []news.Entity{{ID: "e1", Name: "Abdourahamane Tiani", Type: "person", Aliases: []string{"Abdourahamane Tiani", "Abdurahamane Diani"},
			Sources: []string{"s1"}, Merges: []string{"Abdurahamane Diani ~ Abdourahamane Tiani: spelling 0.96, same title General"}}}}
	var h, txt bytes.Buffer
	if err := HTML(&h, []news.Dossier{d}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.String(), `title="merged: Abdurahamane Diani ~ Abdourahamane Tiani: spelling 0.96, same title General"`) {
		t.Errorf("HTML has no merge tooltip")
	}
	if err := Text(&txt, &d, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(txt.String(), "spelling 0.96") {
		t.Errorf("text does not show the merge reason:\n%s", txt.String())
	}
}

// Facts only one source states are folded away under the matrix of those
// several sources state or dispute; with nothing else, they are the
// matrix.
func TestHTMLFoldsSingleSourceFacts(t *testing.T) {
	d := syntheticDossier()
	d.Facts = append(d.Facts, news.Fact{ID: "f9", Text: "Only one outlet said the plane was white.", Status: news.StatusSingleSource, IndependentSources: 1,
		Evidence: []news.Evidence{{Source: "s1", Text: "x", Start: 0, End: 1}}})
	out := renderString(t, FormatHTML, d, Options{})
	main, folded, ok := strings.Cut(out, "each stated by one source only</summary>")
	if !ok {
		t.Fatal("no folded list of single-source facts")
	}
	if strings.Contains(main, "the plane was white") || !strings.Contains(folded, "the plane was white") {
		t.Error("the single-source fact is not (only) in the folded list")
	}
	if !strings.Contains(main, d.Facts[0].Text) {
		t.Error("the corroborated fact left the main matrix")
	}

	d.Facts = d.Facts[len(d.Facts)-1:]
	out = renderString(t, FormatHTML, d, Options{})
	if strings.Contains(out, "stated by one source only</summary>") || !strings.Contains(out, "the plane was white") {
		t.Error("with single-source facts only, they should be the matrix itself")
	}
}

// Sources are cited by their outlets: shortened, numbered when a story has
// two of one outlet, "unknown outlet N" when the input names none.
func TestSourceLabels(t *testing.T) {
	str := func(s string) *string { return &s }
	srcs := []news.Source{
		{ID: "s1", Outlet: str("Reuters")},
		{ID: "s2", Outlet: str("The Associated Press")},
		{ID: "s3"},
		{ID: "s4", Outlet: str("reuters")},
		{ID: "s5", Outlet: str("  ")},
		{ID: "s6", Outlet: str("The International Broadcasting Corporation of the Sahel")},
	}
	got := SourceLabels(srcs)
	want := map[string]string{"s1": "Reuters 1", "s2": "Associated Press", "s3": "unknown outlet 1", "s4": "reuters 2",
		"s5": "unknown outlet 2", "s6": "International…"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("label of %s = %q, want %q", id, got[id], w)
		}
	}
}
