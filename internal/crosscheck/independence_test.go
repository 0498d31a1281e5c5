package crosscheck_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/news"
)

// factWith returns the fact whose evidence from the given source contains
// the phrase, nil when none.
func factWith(d news.Dossier, source, phrase string) *news.Fact {
	for i, f := range d.Facts {
		if slices.ContainsFunc(f.Evidence, func(e news.Evidence) bool { return e.Source == source && strings.Contains(e.Text, phrase) }) {
			return &d.Facts[i]
		}
	}
	return nil
}

// What an outlet credits to another medium is that medium's report: it
// counts once with the medium's own article and with every other outlet
// that credits it. Credit to a party that is not a medium leaves outlets
// independent, and one quote of a named speaker printed by two outlets
// corroborates the quote.
func TestIndependenceReadFromText(t *testing.T) {
	own := "Harbor Mayor Linda Okafor resigned on Monday after a vote of no confidence by the city council.\n\nOkafor had led the city since 2015."
	credit := "Harbor Mayor Linda Okafor resigned on Monday after the city council's vote of no confidence, the Coastal Times reported.\n\nThe council will choose an acting mayor next week."
	according := "According to the Coastal Times, Harbor Mayor Linda Okafor resigned on Monday after a no-confidence vote of the city council.\n\nResidents gathered outside city hall."
	d := dossierOf(t, article("times", "Coastal Times", own), article("credit", "Valley Courier", credit), article("according", "Evening Star", according))
	f := factWith(d, "s1", "resigned")
	if f == nil || len(f.Evidence) < 3 {
		t.Fatalf("the resignation sentences are not one fact: %+v", f)
	}
	if f.IndependentSources != 1 || !slices.Contains(f.Copies, "s2") || !slices.Contains(f.Copies, "s3") {
		t.Errorf("two outlets crediting the Coastal Times count again: independent %d, copies %v", f.IndependentSources, f.Copies)
	}

	// Without the medium's own article, the two that credit it count once.
	d = dossierOf(t, article("credit", "Valley Courier", credit), article("according", "Evening Star", according))
	if f := factWith(d, "s1", "resigned"); f == nil || f.IndependentSources != 1 {
		t.Errorf("two outlets crediting one medium count twice: %+v", f)
	}

	// Credit to the police is no medium's: the outlets stay independent.
	police1 := "Two men were arrested on Friday over the theft of a painting from the Harbor museum, police said.\n\nThe painting has not been found."
	police2 := "According to police, two men were arrested on Friday over the painting stolen from the Harbor museum.\n\nThe museum has been closed since the theft."
	d = dossierOf(t, article("p1", "Valley Courier", police1), article("p2", "Evening Star", police2))
	if f := factWith(d, "s1", "arrested"); f == nil || f.IndependentSources != 2 {
		t.Errorf("outlets relaying the police are counted as one: %+v", f)
	}

	// One quote of a named speaker in two outlets' own framing: two
	// reports of the quote, not a wire copy.
	q1 := "\"We will rebuild the bridge before the winter floods arrive in the valley and the roads close,\" Governor Paul Mensah said on Tuesday.\n\nThe bridge collapsed last month."
	q2 := "\"We will rebuild the bridge before the winter floods arrive in the valley and the roads close,\" Governor Paul Mensah told reporters.\n\nEngineers are still inspecting the site."
	d = dossierOf(t, article("q1", "Valley Courier", q1), article("q2", "Evening Star", q2))
	if f := factWith(d, "s1", "rebuild"); f == nil || len(f.Evidence) < 2 || f.IndependentSources != 2 {
		t.Errorf("one quote printed by two outlets is counted as a copy: %+v", f)
	}
}
