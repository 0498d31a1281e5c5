package crosscheck_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
)

func dated(a *news.Article, day int) *news.Article {
	a.Published = news.Day(2022, time.March, day)
	return a
}

// Death tolls stated in sentences that say different things around them
// are compared across the story: each source's first toll, not a
// subgroup, not an increment, not the toll of an earlier event; a bound
// that fits several figures takes no side; rising figures in publication
// order are called likely updates.
func TestDeathTollsAcrossSentences(t *testing.T) {
	early := "A strong earthquake struck the coast of Lumeria on Tuesday, killing at least five people and damaging hundreds of houses, officials said.\n\n" +
		"Five people were confirmed dead by the evening, the disaster agency said."
	mid := "Five people died when the earthquake hit the coastal province of Lumeria, rescuers said.\n\n" +
		"The quake killed six children when a school collapsed.\n\n" +
		"In 2004 a tsunami in the region killed 230,000 people."
	late := "The death toll from the earthquake that hit the coastal province of Lumeria rose to 12 on Wednesday, rescuers said.\n\n" +
		"Another four people died in hospital overnight, the health ministry said.\n\n" +
		"Five people died when the earthquake hit the coastal province of Lumeria, rescuers said on Tuesday."
	vague := "Rescuers in Lumeria searched collapsed buildings after the quake killed at least three people on Tuesday."
	d := dossierOf(t,
		dated(article("early", "Wire One", early), 1),
		dated(article("late", "Outlet Three", late), 2),
		dated(article("mid", "Paper Two", mid), 1),
		dated(article("vague", "Outlet Four", vague), 2),
		dated(article("reprint", "Outlet Five", mid), 2))
	// A disputed toll is never summarised as settled, also where the
	// fact's sentence is a word-for-word copy of the evidence (s2 repeats
	// s3's "Five people died..." below its own toll of 12).
	for _, sm := range d.Summary {
		if strings.Contains(sm.Text, "Five people") || strings.Contains(sm.Text, " 12 ") {
			t.Errorf("the summary states a disputed toll: %q", sm.Text)
		}
	}

	var toll *news.Conflict
	for i, c := range d.Conflicts {
		if c.About == "number of people killed" {
			if toll != nil {
				t.Fatalf("two toll conflicts: %+v", d.Conflicts)
			}
			toll = &d.Conflicts[i]
		}
	}
	if toll == nil {
		t.Fatalf("no toll conflict; conflicts %+v", d.Conflicts)
	}
	var values []string
	sources := map[string][]string{}
	for _, v := range toll.Variants {
		values = append(values, v.Value)
		for _, e := range v.Evidence {
			sources[v.Value] = append(sources[v.Value], e.Source)
			if strings.Contains(e.Text, "230,000") || strings.Contains(e.Text, "children") || strings.Contains(e.Text, "Another four") {
				t.Errorf("evidence of %s is not a toll of this event: %q", v.Value, e.Text)
			}
		}
	}
	if strings.Join(values, " ") != "5 12" {
		t.Errorf("toll values = %v, want [5 12]", values)
	}
	if got := strings.Join(sources["12"], " "); got != "s2" {
		t.Errorf("12 is stated by %q, want s2", got)
	}
	for _, id := range sources["5"] {
		if id != "s1" && id != "s3" && id != "s5" {
			t.Errorf("5 is stated by %s", id)
		}
	}
	if !strings.Contains(toll.Note, "rise with the sources' publication dates") {
		t.Errorf("note = %q, want the figures rising with the publication dates", toll.Note)
	}
}

// Sources that agree on the toll, in different words, make no conflict.
func TestDeathTollsAgree(t *testing.T) {
	a := "Floods in the valley killed 14 people on Sunday, the governor said."
	b := "Fourteen people died in the valley floods, local officials said on Monday."
	c := "The floods left 14 dead and forced thousands from their homes."
	d := dossierOf(t, article("a", "One", a), article("b", "Two", b), article("c", "Three", c))
	// Nor is "officials said on Monday" a date of the floods against
	// "on Sunday".
	for _, cf := range d.Conflicts {
		t.Errorf("conflict between agreeing reports: %+v", cf)
	}
}

// A fact whose members each name a weekday no other names loses them
// all; the dossier is still built (it used to panic on a fact without a
// representative sentence).
func TestFactLosingAllMembers(t *testing.T) {
	var arts []*news.Article
	for i, day := range []string{"Saturday", "Sunday", "Monday"} {
		text := "Two more transport planes landed at the airport of the capital on " + day + " carrying equipment and instructors, state television said."
		a := article(string(rune('a'+i)), "Outlet "+day, text)
		a.Published, a.PublishedBasis = time.Time{}, ""
		arts = append(arts, a)
	}
	d := dossierOf(t, arts...)
	if len(d.Facts) == 0 {
		t.Fatalf("no facts")
	}
	for _, f := range d.Facts {
		if f.Text == "" || len(f.Evidence) == 0 {
			t.Errorf("fact without text or evidence: %+v", f)
		}
	}
}

// Real reports of one topic each, whole: two ECB+ topics whose dossiers
// once panicked (a fact all of whose members had joined it by extension
// had no representative sentence). Every fact has a text and verbatim
// evidence; every conflict side has evidence.
func TestDossiersOfRealTopics(t *testing.T) {
	dir := corpus.Shared(t, "ecbplus")
	for _, topic := range []string{"22", "30"} {
		files, _ := filepath.Glob(filepath.Join(dir, "docs", topic+"_*.txt"))
		if len(files) == 0 {
			t.Fatalf("topic %s has no files", topic)
		}
		docs, errs := ingest.Read(context.Background(), files, ingest.Options{})
		arts, perrs := pipeline.PrepareAll(context.Background(), docs, pipeline.Options{})
		if len(errs)+len(perrs) > 0 || len(arts) != len(files) {
			t.Fatalf("topic %s: %d articles of %d files: %v %v", topic, len(arts), len(files), errs, perrs)
		}
		d := dossierOf(t, arts...)
		texts := map[string]string{}
		for i, s := range d.Sources {
			texts[s.ID] = arts[i].Text
		}
		check := func(what string, evs []news.Evidence) {
			if len(evs) == 0 {
				t.Errorf("topic %s: %s has no evidence", topic, what)
			}
			for _, e := range evs {
				if txt := texts[e.Source]; e.End > len(txt) || txt[e.Start:e.End] != e.Text {
					t.Errorf("topic %s: %s: evidence %q is not at %d:%d of %s", topic, what, e.Text, e.Start, e.End, e.Source)
				}
			}
		}
		for _, f := range d.Facts {
			if f.Text == "" {
				t.Errorf("topic %s: fact %s has no text", topic, f.ID)
			}
			check("fact "+f.ID, f.Evidence)
		}
		for _, c := range d.Conflicts {
			for _, v := range c.Variants {
				check("conflict "+c.ID+" "+v.Value, v.Evidence)
			}
		}
	}
}

// Ages and parts of a group are no tolls: two obituaries that give
// different ages, and "two of the three victims died" beside "three
// people died", make no toll conflict.
func TestNotTolls(t *testing.T) {
	for _, pair := range [][2]string{
		{"The singer Ana Lopes died on Monday at 91, her family said in a statement.", "The singer Ana Lopes has died at 89, her family said in a statement on Monday."},
		{"Two of the three victims died at the scene of the shooting on Friday, police said.", "Police said three people died at the scene of the shooting on Friday."},
	} {
		d := dossierOf(t, article("a", "One", pair[0]), article("b", "Two", pair[1]))
		for _, c := range d.Conflicts {
			if c.About == "number of people killed" {
				t.Errorf("%q / %q: toll conflict %+v", pair[0], pair[1], c.Variants)
			}
		}
	}
}

// Totals of the injured are compared too; one hospital's admissions and
// the badly hurt are parts of the total, not other totals.
func TestInjuredTolls(t *testing.T) {
	a := "Police said 12 people were injured in the riots in the capital on Wednesday night."
	b := "Police said 18 people had been injured in the riots in the capital on Wednesday night."
	c := "A doctor said the hospital had received around 30 people injured in the riots in the capital."
	d := dossierOf(t, article("a", "One", a), article("b", "Two", b), article("c", "Three", c))
	var got []string
	for _, cf := range d.Conflicts {
		if cf.About == "number of people injured" {
			for _, v := range cf.Variants {
				got = append(got, v.Value)
			}
		}
	}
	if strings.Join(got, " ") != "12 18" {
		t.Errorf("injured tolls = %v, want [12 18] (the hospital's 30 left out); conflicts %+v", got, d.Conflicts)
	}
}

// One sentence may give a disputed toll of the dead and another of the
// injured: both conflicts are shown (found by review).
func TestKilledAndInjuredInOneSentence(t *testing.T) {
	a := "A car bomb exploded in the market of Kandar on Monday, killing 5 people and wounding 20 people, police said."
	b := "A car bomb exploded in the market of Kandar on Monday, killing 7 people and wounding 30 people, police said."
	d := dossierOf(t, article("a", "One", a), article("b", "Two", b))
	got := map[string]string{}
	for _, c := range d.Conflicts {
		var vs []string
		for _, v := range c.Variants {
			vs = append(vs, v.Value)
		}
		got[c.About] = strings.Join(vs, " ")
	}
	if got["number of people killed"] != "5 7" || got["number of people injured"] != "20 30" {
		t.Errorf("conflicts %v, want killed 5 7 and injured 20 30", got)
	}
}
