package crosscheck_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/crosscheck"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
)

var (
	fuzzOnce  sync.Once
	fuzzArts  []*news.Article
	fuzzBrief *pipeline.Briefer
	fuzzErr   error
)

// fuzzBase loads the example's articles, the real texts the fuzzer
// mutates.
func fuzzBase(t testing.TB) ([]*news.Article, *pipeline.Briefer) {
	fuzzOnce.Do(func() {
		docs, errs := ingest.Read(context.Background(), corpus.ExampleFiles(t), ingest.Options{})
		if len(errs) > 0 {
			fuzzErr = errs[0]
			return
		}
		fuzzArts, _ = pipeline.PrepareAll(context.Background(), docs, pipeline.Options{})
		fuzzBrief, fuzzErr = pipeline.NewBriefer()
	})
	if fuzzErr != nil {
		t.Fatal(fuzzErr)
	}
	return fuzzArts, fuzzBrief
}

// mutate changes a real text the ways real feeds differ, driven by ops:
// capitalised words swapped for others, words dropped, sentences joined,
// punctuation doubled, words of other scripts mixed in, a stray
// capitalised word inserted.
func mutate(text string, ops []byte) string {
	words := strings.SplitAfter(text, " ")
	var caps []int
	for i, w := range words {
		if r := []rune(w); len(r) > 0 && unicode.IsUpper(r[0]) {
			caps = append(caps, i)
		}
	}
	foreign := []string{"Москва ", "北京 ", "القاهرة ", "Ἀθῆναι ", "Niamey ", "Spanish ", "Lebanese ", "Bright ", "Mr. ", "U.S. ", "9/11 ", "1,000 ", "Jr., ", "(AP) — "}
	for i := 0; i+1 < len(ops) && len(words) > 0; i += 2 {
		at := int(ops[i+1]) % len(words)
		switch ops[i] % 7 {
		case 0: // swap two capitalised words
			if len(caps) > 1 {
				// (indexes of the text before drops and insertions: kept
				// in range, they still swap two words)
				a, b := caps[int(ops[i+1])%len(caps)]%len(words), caps[(int(ops[i+1])/7)%len(caps)]%len(words)
				words[a], words[b] = words[b], words[a]
			}
		case 1: // drop a word
			words = append(words[:at], words[at+1:]...)
		case 2: // join two sentences
			words[at] = strings.Replace(words[at], ". ", " ", 1)
			words[at] = strings.Replace(words[at], ".\n", " ", 1)
		case 3: // double punctuation
			words[at] = strings.NewReplacer(",", ",,", ".", "..", "\"", "\"\"", "’", "’’").Replace(words[at])
		case 4, 5: // another script, or a word that tripped the recogniser
			words = append(words[:at], append([]string{foreign[int(ops[i])%len(foreign)]}, words[at:]...)...)
		case 6: // capitalise a word
			if r := []rune(words[at]); len(r) > 0 {
				words[at] = string(unicode.ToUpper(r[0])) + string(r[1:])
			}
		}
	}
	return strings.Join(words, "")
}

// FuzzChain runs annotation and the cross-check on mutated real texts and
// checks what must hold on any input: no stage fails, every span lies in
// its text, every piece of evidence is verbatim.
func FuzzChain(f *testing.F) {
	for _, seed := range []struct {
		which uint8
		ops   string
	}{
		{0, ""}, {1, "\x00\x05\x01\x09"}, {2, "\x02\x03\x03\x07"}, {3, "\x04\x10\x05\x20\x06\x30"}, {4, "\x01\x01\x01\x02\x01\x03\x02\x04"},
	} {
		f.Add(seed.which, []byte(seed.ops))
	}
	f.Fuzz(func(t *testing.T, which uint8, ops []byte) {
		base, b := fuzzBase(t)
		if len(ops) > 64 {
			ops = ops[:64]
		}
		changed := *base[int(which)%len(base)]
		changed.Text = mutate(changed.Text, ops)
		changed.Input = "mutated"
		other := base[(int(which)+1)%len(base)]
		as := []*news.Annotated{b.AnnotateOne(&changed), b.AnnotateOne(other)}
		for _, a := range as {
			if len(a.Faults) > 0 {
				t.Fatalf("annotation faults %v on %q", a.Faults, a.Article.Text)
			}
			n := len(a.Article.Text)
			inside := func(what string, s, e int) {
				if s < 0 || e < s || e > n {
					t.Fatalf("%s span [%d, %d) outside a text of %d bytes", what, s, e, n)
				}
			}
			for _, s := range a.Sentences {
				inside("sentence", s.Start, s.End)
			}
			for _, m := range a.Mentions {
				inside("mention "+m.Text, m.Start, m.End)
			}
			for _, q := range a.Quantities {
				inside("quantity "+q.Text, q.Start, q.End)
			}
			for _, d := range a.Dates {
				inside("date "+d.Text, d.Start, d.End)
			}
			for _, q := range a.Quotes {
				inside("quote", q.Start, q.End)
			}
		}
		d := news.Dossier{Sources: []news.Source{{ID: "s1"}, {ID: "s2"}}}
		if _, err := crosscheck.CheckDetail(&d, as, crosscheck.Options{}); err != nil {
			t.Fatalf("cross-check: %v", err)
		}
		texts := map[string]string{"s1": as[0].Article.Text, "s2": as[1].Article.Text}
		check := func(where string, e news.Evidence) {
			src := texts[e.Source]
			if e.Start < 0 || e.End > len(src) || e.Start > e.End || src[e.Start:e.End] != e.Text {
				t.Fatalf("%s: evidence %q is not %s[%d:%d]", where, e.Text, e.Source, e.Start, e.End)
			}
		}
		for _, f := range d.Facts {
			for _, e := range f.Evidence {
				check("fact "+f.ID, e)
			}
		}
		for _, c := range d.Conflicts {
			for _, v := range c.Variants {
				for _, e := range v.Evidence {
					check("conflict "+c.ID, e)
				}
			}
		}
		for _, q := range d.Quotes {
			for _, e := range q.Evidence {
				check("quote", e)
			}
		}
		for _, h := range d.Happenings {
			for _, e := range h.Evidence {
				check("happening "+h.ID, e)
			}
		}
	})
}
