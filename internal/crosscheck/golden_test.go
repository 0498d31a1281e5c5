package crosscheck_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/render"
	"github.com/triangulate/triangulate/internal/schematest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const exampleDir = "../../examples/niger-2024"

// exampleDossier is the dossier of the bundled example, built by the same
// path as `triangulate brief`.
func exampleDossier(t testing.TB) news.Dossier {
	t.Helper()
	ctx := context.Background()
	docs, errs := ingest.Read(ctx, []string{exampleDir}, ingest.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return docsDossier(t, docs)
}

// docsDossier cleans the documents and writes the dossier of them as one
// story, failing the test on any error.
func docsDossier(t testing.TB, docs []news.Document) news.Dossier {
	t.Helper()
	ctx := context.Background()
	arts, errs := pipeline.PrepareAll(ctx, docs, pipeline.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	b, err := pipeline.NewBriefer()
	if err != nil {
		t.Fatal(err)
	}
	d, err := b.Dossier(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func sourcesOf(evs []news.Evidence) []string {
	var ids []string
	for _, e := range evs {
		if !slices.Contains(ids, e.Source) {
			ids = append(ids, e.Source)
		}
	}
	slices.Sort(ids)
	return ids
}

func containsAll(have []string, want ...string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// anyWord reports whether s contains one of the words (case-insensitive).
func anyWord(s string, words ...string) bool {
	s = strings.ToLower(s)
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// The example's sources are s1..s5 in file order: 000 Reuters, 001 TRT
// World, 002 the German outlet, 003 the French outlet, 004 The Moscow Times.
func TestExampleDossier(t *testing.T) {
	d := exampleDossier(t)
	all := []string{"s1", "s2", "s3", "s4", "s5"}

	// Provenance: every piece of evidence is verbatim.
	text := map[string]string{}
	for _, s := range d.Sources {
		text[s.ID] = s.Text
	}
	checkEvidence := func(where string, evs []news.Evidence) {
		for _, e := range evs {
			src := text[e.Source]
			if e.Start < 0 || e.End > len(src) || e.Start >= e.End || src[e.Start:e.End] != e.Text {
				t.Errorf("%s: evidence %q of %s is not verbatim at %d..%d", where, e.Text, e.Source, e.Start, e.End)
			}
		}
	}
	for _, f := range d.Facts {
		checkEvidence("fact "+f.ID, f.Evidence)
	}
	for _, c := range d.Conflicts {
		for _, v := range c.Variants {
			checkEvidence("conflict "+c.ID, v.Evidence)
		}
	}
	for _, e := range d.Timeline {
		checkEvidence("timeline "+e.Date, e.Evidence)
	}
	for _, q := range d.Quotes {
		checkEvidence("quote", q.Evidence)
	}

	// The arrival of the instructors and the air-defence system: each
	// corroborated by all five sources.
	arrival, airDefence := false, false
	for _, f := range d.Facts {
		if !slices.Equal(sourcesOf(f.Evidence), all) {
			continue
		}
		// The fact is about what its text says; its evidence from each
		// source may refer back ("install the system").
		arrival = arrival || anyWord(f.Text, "instructor", "trainer", "adviser") && anyWord(f.Text, "arriv", "sent", "landed")
		airDefence = airDefence || anyWord(f.Text, "air defen", "anti-aircraft", "air-defen")
	}
	if !arrival || !airDefence {
		t.Errorf("arrival corroborated by all five: %v; air defence by all five: %v", arrival, airDefence)
	}

	// Timeline: the arrival on 2024-04-10 (001, 003, 004 at least), the call
	// on 2024-03-26 (001, 003); the Moscow Times' "Saturday" never before
	// 2024-04-13.
	var arrivalDay, callDay bool
	for _, e := range d.Timeline {
		srcs := sourcesOf(e.Evidence)
		if e.Date == "2024-04-10" && containsAll(srcs, "s2", "s4", "s5") {
			arrivalDay = true
		}
		if e.Date == "2024-03-26" && containsAll(srcs, "s2", "s4") {
			callDay = true
		}
		for _, ev := range e.Evidence {
			if ev.Source == "s5" && strings.Contains(ev.Text, "Saturday") && e.Date < "2024-04-13" {
				t.Errorf("the Moscow Times' Saturday placed on %s: %q", e.Date, ev.Text)
			}
		}
	}
	if !arrivalDay || !callDay {
		t.Errorf("timeline: arrival 2024-04-10 with s2, s4, s5: %v; call 2024-03-26 with s2, s4: %v", arrivalDay, callDay)
	}

	// 1,000 US troops: one corroborated fact, no conflict; the $100 million
	// drone base: corroborated, no conflict.
	troops, dollars := false, false
	for _, f := range d.Facts {
		srcs := sourcesOf(f.Evidence)
		if containsAll(srcs, "s1", "s2", "s4", "s5") && anyWord(f.Text, "1,000") {
			troops = f.Status == news.StatusCorroborated
		}
		if containsAll(srcs, "s1", "s5") && anyWord(f.Text, "$100 million") {
			dollars = f.Status == news.StatusCorroborated
		}
	}
	if !troops || !dollars {
		t.Errorf("1,000 troops corroborated without conflict: %v; $100 million: %v", troops, dollars)
	}

	// Conflicts: the trainer count, 100 (002, 004) against unspecified
	// (003); the broadcaster, TRT's Russian state television against the
	// others'; nothing else.
	var count, broadcaster bool
	for _, c := range d.Conflicts {
		values := map[string][]string{}
		for _, v := range c.Variants {
			values[v.Value] = sourcesOf(v.Evidence)
		}
		switch c.Kind {
		case "quantity":
			if containsAll(values["100"], "s3", "s5") && slices.Equal(values["unspecified"], []string{"s4"}) {
				count = true
				continue
			}
		case "attribution":
			sides := 0
			for _, srcs := range values {
				if slices.Equal(srcs, []string{"s2"}) {
					sides++
				} else if slices.Contains(srcs, "s1") && !slices.Contains(srcs, "s2") {
					sides++
				}
			}
			if sides == 2 && len(values) == 2 {
				broadcaster = true
				continue
			}
		}
		t.Errorf("unexpected conflict %s (%s) %q: %v", c.ID, c.Kind, c.About, values)
	}
	if !count || !broadcaster {
		t.Errorf("trainer count conflict: %v; broadcaster attribution conflict: %v", count, broadcaster)
	}

	// Single-source facts.
	for _, needle := range []string{"38%", "3 million people", "Sylvain Itte", "Bundeswehr", "Idrissa Soumana Maiga", "Lloyd Austin", "Russian delegation"} {
		found := false
		for _, f := range d.Facts {
			if strings.Contains(f.Text, needle) {
				found = true
				if f.Status != news.StatusSingleSource || len(sourcesOf(f.Evidence)) != 1 {
					t.Errorf("fact %q: status %s with %v, want single-source", needle, f.Status, sourcesOf(f.Evidence))
				}
			}
		}
		if !found {
			t.Errorf("no fact states %q", needle)
		}
	}

	// Entities: merged and apart.
	entityWith := func(alias string) *news.Entity {
		for i, e := range d.Entities {
			if slices.Contains(e.Aliases, alias) || e.Name == alias {
				return &d.Entities[i]
			}
		}
		return nil
	}
	for _, pair := range [][2]string{
		{"Abdourahamane Tiani", "Abdurahamane Diani"}, {"Ilyushin 76", "Ilyochin-76"}, {"Alliance of Sahel States", "AES"},
		{"Russian Defense Ministry", "Russian Ministry of Defense"}, {"United States", "U.S."}, {"United States", "USA"},
		{"Burkina Faso", "Burkina"}, {"Al Qaeda", "al-Qaeda"},
	} {
		a, b := entityWith(pair[0]), entityWith(pair[1])
		if a == nil || b == nil || a.ID != b.ID {
			t.Errorf("%q and %q should be one entity (%v, %v)", pair[0], pair[1], a, b)
		}
	}
	for _, pair := range [][2]string{{"Niger", "Nigeria"}, {"Niger", "Niamey"}, {"Russia", "Russian Defense Ministry"}, {"Africa Corps", "Wagner Group"}} {
		a, b := entityWith(pair[0]), entityWith(pair[1])
		if a != nil && b != nil && a.ID == b.ID {
			t.Errorf("%q and %q must stay apart", pair[0], pair[1])
		}
	}
	if e := entityWith("Abdurahamane Diani"); e != nil && e.Name != "Abdourahamane Tiani" {
		t.Errorf("canonical name %q, want Abdourahamane Tiani", e.Name)
	}

	// The instructor's quote, one quote across 000, 001, 002 and 003.
	quote := false
	for _, q := range d.Quotes {
		if anyWord(q.Text, "we are here to train") && containsAll(sourcesOf(q.Evidence), "s1", "s2", "s3", "s4") {
			quote = true
		}
	}
	if !quote {
		t.Errorf("the instructor's quote is not aligned across s1..s4")
	}

	// Summary: 4 to 8 sentences, each citing sources that contain it.
	if n := len(d.Summary); n < 4 || n > 8 {
		t.Errorf("summary of %d sentences, want 4..8", n)
	}
	for _, s := range d.Summary {
		ok := false
		for _, id := range s.Sources {
			ok = ok || strings.Contains(text[id], s.Text)
		}
		if !ok {
			t.Errorf("summary sentence %q is in none of its sources %v", s.Text, s.Sources)
		}
	}

	// The JSON is valid, and stable (golden file).
	var buf bytes.Buffer
	if err := render.JSON(&buf, &d); err != nil {
		t.Fatal(err)
	}
	if err := schematest.ValidateJSON("../../spec/dossier.schema.json", buf.Bytes()); err != nil {
		t.Error(err)
	}
	golden := filepath.Join("testdata", "niger-2024.json.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/crosscheck -update)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("the example's dossier changed; if intended, run go test ./internal/crosscheck -run TestExampleDossier -update and review the diff")
	}
}

func BenchmarkBriefExample(b *testing.B) {
	ctx := context.Background()
	docs, _ := ingest.Read(ctx, []string{exampleDir}, ingest.Options{})
	arts, _ := pipeline.PrepareAll(ctx, docs, pipeline.Options{})
	br, err := pipeline.NewBriefer()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := br.Dossier(ctx, arts); err != nil {
			b.Fatal(err)
		}
	}
}
