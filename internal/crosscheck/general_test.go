package crosscheck_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
)

func dossierOf(t *testing.T, arts ...*news.Article) news.Dossier {
	t.Helper()
	b, err := pipeline.NewBriefer()
	if err != nil {
		t.Fatal(err)
	}
	d, err := b.Dossier(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func article(input, outlet, text string) *news.Article {
	return &news.Article{Input: input, Outlet: outlet, Text: text, Language: "en", Published: news.Day(2021, time.May, 4), PublishedBasis: news.BasisMetadata}
}

// A wire story reprinted word for word counts once; an outlet reporting
// it in its own words counts again. Compatible amounts are no conflict,
// a different count is.
func TestIndependenceAndConflicts(t *testing.T) {
	wire := "Floods forced about 5,000 people from their homes in the Italian town of Faenza on Tuesday, the regional civil protection agency said.\n\nRescuers used boats to reach families trapped on rooftops."
	reprint := "Floods forced about 5,000 people from their homes in the Italian town of Faenza on Tuesday, the regional civil protection agency said.\n\nThe mayor asked residents to stay indoors."
	own := "Some 5,000 residents of Faenza had to leave their homes on Tuesday after floods hit the Italian town, officials said.\n\nThe regional governor said 14 rivers had burst their banks."
	other := "In Faenza, floods on Tuesday forced 9,000 people from their homes, according to the fire brigade.\n\nThe regional governor said 21 rivers had burst their banks."
	d := dossierOf(t, article("wire", "Example Wire", wire), article("reprint", "Daily Reprint", reprint), article("own", "Other Paper", own), article("other", "Fourth Outlet", other))

	var homes *news.Fact
	for i, f := range d.Facts {
		if len(f.Evidence) >= 3 && slices.ContainsFunc(f.Evidence, func(e news.Evidence) bool { return e.Source == "s1" }) {
			homes = &d.Facts[i]
			break
		}
	}
	if homes == nil {
		t.Fatalf("no fact aligns the flood sentences: %+v", d.Facts)
	}
	if !slices.Contains(homes.Copies, "s2") {
		t.Errorf("the reprint s2 is not counted as a copy: copies %v", homes.Copies)
	}
	if n := len(homes.Evidence); homes.IndependentSources != n-len(homes.Copies) || homes.IndependentSources >= n {
		t.Errorf("independent sources = %d for %d pieces of evidence with copies %v", homes.IndependentSources, n, homes.Copies)
	}
	// 5,000, "about 5,000" and "some 5,000" agree; 9,000 does not.
	found := false
	for _, c := range d.Conflicts {
		if c.Kind != "quantity" {
			continue
		}
		values := map[string]bool{}
		for _, v := range c.Variants {
			values[v.Value] = true
		}
		if values["9000"] {
			found = true
			if len(c.Variants) != 2 {
				t.Errorf("conflict %q has %d sides, want 2 (the compatible 5,000s together)", c.About, len(c.Variants))
			}
		}
	}
	if !found {
		t.Logf("conflicts: %+v", d.Conflicts)
		t.Errorf("9,000 against about 5,000 people is not reported")
	}
}

// A source is never cited for a number it does not give: two reports
// that count the ships differently may back the same sentence's other
// words, but the summary sentence with "Forty ships" cites only the
// sources that say forty (or a compatible amount).
func TestSummaryCitesOnlySourcesGivingItsNumbers(t *testing.T) {
	a := "The harbour of Valdoria reopened on Monday after a storm closed it for three days, harbour master Ines Duarte said.\n\nForty ships had waited offshore while crews cleared the main channel of debris, Duarte said.\n\nThe storm damaged two cranes, according to the port authority."
	b := "Valdoria's port opened again on Monday, three days after a storm shut it, according to harbour master Ines Duarte.\n\nAbout 45 ships had been waiting offshore while crews cleared the main channel of debris, Duarte told reporters.\n\nFishermen said the closure had cost them a week of catch."
	d := dossierOf(t, article("a", "First Outlet", a), article("b", "Second Outlet", b))
	for _, sm := range d.Summary {
		if strings.Contains(sm.Text, "ships") && len(sm.Sources) > 1 {
			t.Errorf("summary sentence %q cites %v; one of them gives another number of ships", sm.Text, sm.Sources)
		}
	}
	// Where the two ship sentences are one fact, the dispute is shown: a
	// conflict, and the other source marked as contradicting the fact's
	// value (✓ and ✗ in the matrix).
	for _, f := range d.Facts {
		if !strings.Contains(f.Text, "ships") || len(f.Evidence) < 2 {
			continue
		}
		if len(d.Conflicts) == 0 || f.Status != news.StatusDisputed {
			t.Errorf("fact %q is backed by both sources with no dispute about the ships: %+v", f.Text, d.Conflicts)
		}
		other := "s2"
		if strings.HasPrefix(f.Text, "About 45") {
			other = "s1"
		}
		if !slices.Contains(f.ContradictedBy, other) {
			t.Errorf("fact %q: contradicted by %v, want %s, which gives another number", f.Text, f.ContradictedBy, other)
		}
	}
}

// Amounts over a span of their own are not set against the whole.
func TestAmountsOverSpans(t *testing.T) {
	expectNoConflicts(t, [][2]string{
		{"Police said the suspect had previously been arrested four times on charges of grand larceny and robbery.",
			"Police said the suspect had been arrested three times since October on charges of grand larceny and robbery."},
	})
}

// Two values that count or date two things are no disagreement: distances
// from two places, the ages of two people, two days one sentence itself
// tells apart, a pet form of a first name.
func TestTwoThingsAreNoConflict(t *testing.T) {
	expectNoConflicts(t, [][2]string{
		{"The quake struck one mile north of Calderon early on Sunday, the geological survey said.",
			"The quake struck about 26 miles north of Belmira in the Calderon area early on Sunday, the geological survey said."},
		{"Police said the 36-year-old driver kept going after hitting the pedestrian outside the market in Dorval.",
			"Police said the driver kept going after hitting a 66-year-old woman outside the market in Dorval."},
		{"In Saturday's semifinals, Ridgemont will play Lakeland, which defeated Oakdale 51-50 on Friday.",
			"Ridgemont will play the winner of Friday's semifinal between Oakdale and Lakeland in Saturday's semifinals."},
		{"The bodies of Alice Moreton and Kathryn Lestrade were found at a house in Newton Street on Saturday.",
			"The bodies of Alice Moreton and Katie Lestrade were found at their Newton Street home on Saturday."},
	})
	// The same person's age, given two ways, is a disagreement.
	d := dossierOf(t,
		article("a", "One", "Police said Marta Ruiz, 41, was arrested at her home in Dorval on Tuesday."),
		article("b", "Two", "Police said Marta Ruiz, 44, was arrested at her home in Dorval on Tuesday."))
	if len(d.Conflicts) != 1 || d.Conflicts[0].Kind != "quantity" {
		t.Errorf("ages 41 and 44 of Marta Ruiz: conflicts %+v, want one on her age", d.Conflicts)
	}
}

// A score or a vote tally is one value of two numbers: it disagrees when
// either differs, and agrees with itself however it is phrased.
func TestTallies(t *testing.T) {
	for _, tt := range []struct {
		a, b     string
		conflict bool
	}{
		{"The Senate passed the farm bill 67-31 on Thursday after two weeks of debate.", "The Senate passed the farm bill 67-30 on Thursday after two weeks of debate.", true},
		{"The Senate passed the farm bill 67-31 on Thursday after two weeks of debate.", "The Senate passed the farm bill 68-31 on Thursday after two weeks of debate.", true},
		{"The Senate passed the farm bill 67-31 on Thursday after two weeks of debate.", "On Thursday the Senate passed the farm bill 67-31 after two weeks of debate.", false},
	} {
		d := dossierOf(t, article("a", "One", tt.a), article("b", "Two", tt.b))
		if got := len(d.Conflicts) > 0; got != tt.conflict {
			t.Errorf("%q / %q: conflicts %+v, want a conflict: %v", tt.a, tt.b, d.Conflicts, tt.conflict)
		}
		if tt.conflict && len(d.Conflicts) > 0 && !slices.ContainsFunc(d.Conflicts[0].Variants, func(v news.Variant) bool { return strings.Contains(v.Value, "-3") }) {
			t.Errorf("%q / %q: the sides do not show the tallies: %+v", tt.a, tt.b, d.Conflicts[0].Variants)
		}
	}
}

// The person in one role, named with two first names by sources of which
// none names the other, is a disagreement; a spelling variant of one first
// name is not, nor are two people of one family named side by side.
func TestNameInARole(t *testing.T) {
	a := "Ann Perez won the vote for vice chair of the county party on Saturday, party officials said.\n\nThe vote was held in Dorval."
	b := "The county party has a new vice chair: Linda Perez took the post on Saturday after delegates voted in Dorval.\n\nTurnout was low."
	c := "Anna Perez won the vote for vice chair of the county party on Saturday.\n\nShe had run unopposed."
	d := dossierOf(t, article("a", "One", a), article("b", "Two", b), article("c", "Three", c))
	var names []news.Conflict
	for _, x := range d.Conflicts {
		if x.Kind == "name" {
			names = append(names, x)
		}
	}
	if len(names) != 1 || len(names[0].Variants) != 2 {
		t.Fatalf("Ann, Anna and Linda Perez: name conflicts %+v, want one with two sides", names)
	}
	for _, v := range names[0].Variants {
		if strings.Contains(v.Value, "Linda") != (len(v.Evidence) == 1) {
			t.Errorf("side %q has %d sentences, want Linda alone and Ann with Anna", v.Value, len(v.Evidence))
		}
	}
	// A father and his son, both named in one report.
	father := "Carlos Mendes and his son Paulo Mendes were arrested on Monday at their farm near Dorval, police said."
	son := "Paulo Mendes was arrested on Monday at the family farm near Dorval, police said."
	d = dossierOf(t, article("a", "One", father), article("b", "Two", son))
	for _, x := range d.Conflicts {
		t.Errorf("father and son: conflict %s %+v", x.About, x.Variants)
	}
}

// A day dates the happening nearest it: the day of an arrest is not set
// against the day of the fire it followed (see also TestRangeEnd).
func TestDaysOfOneHappening(t *testing.T) {
	expectNoConflicts(t, [][2]string{
		{"Police arrested two men on Sunday after a fire destroyed the town's library in Dorval.",
			"Two men were arrested after the fire that destroyed the town's library in Dorval on Saturday."},
	})
}

// A summary sentence reads on its own: one that leans on the sentence
// before it ("It was ...") is left out however well corroborated.
func TestSummaryStandsAlone(t *testing.T) {
	a := "Floods forced 5,000 people from their homes in the Italian town of Faenza on Tuesday.\n\nIt was the worst flooding the region of Emilia-Romagna had seen in a century, the regional governor said on Tuesday."
	b := "Some 5,000 residents of Faenza left their homes on Tuesday as floods hit the Italian town.\n\nIt was the worst flooding the region of Emilia-Romagna had seen in a century, the regional governor said on Tuesday."
	c := "Floods hit the Italian town of Faenza on Tuesday, and 5,000 people left their homes.\n\nIt was the worst flooding the region of Emilia-Romagna had seen in a century, the regional governor said on Tuesday."
	d := dossierOf(t, article("a", "One", a), article("b", "Two", b), article("c", "Three", c))
	if len(d.Summary) == 0 {
		t.Fatal("no summary")
	}
	for _, s := range d.Summary {
		if strings.HasPrefix(s.Text, "It ") {
			t.Errorf("summary sentence %q does not stand alone", s.Text)
		}
	}
}

// A person's age grows between reports published years apart.
func TestAgesAcrossYears(t *testing.T) {
	a := article("a", "One", "Police said Marta Ruiz, 27, was arrested at her home in Dorval on Tuesday after the robbery.")
	b := article("b", "Two", "Police said Marta Ruiz, 29, was arrested at her home in Dorval on Tuesday after the robbery.")
	if d := dossierOf(t, a, b); len(d.Conflicts) != 1 {
		t.Errorf("27 and 29 on one day: conflicts %+v, want one", d.Conflicts)
	}
	b.Published = a.Published.AddDate(2, 0, 0)
	if d := dossierOf(t, a, b); len(d.Conflicts) != 0 {
		t.Errorf("27 and 29 two years apart: conflicts %+v, want none", d.Conflicts)
	}
}

// expectNoConflicts fails the test for every conflict the dossier of each
// pair of one-sentence articles shows.
func expectNoConflicts(t *testing.T, pairs [][2]string) {
	t.Helper()
	for _, pair := range pairs {
		d := dossierOf(t, article("a", "One", pair[0]), article("b", "Two", pair[1]))
		for _, c := range d.Conflicts {
			t.Errorf("%q / %q: conflict %s %+v", pair[0], pair[1], c.About, c.Variants)
		}
	}
}

// The age a person died at is that person's, in a headline as in a
// sentence: two ages at death disagree.
func TestAgeAtDeath(t *testing.T) {
	d := dossierOf(t,
		article("a", "One", "Marta Ruiz, swimmer turned actress and singer of the fifties, dies at 91\n\nThe actress died at her home in Dorval on Tuesday."),
		article("b", "Two", "Hollywood's mermaid Marta Ruiz dies at 93\n\nShe died at her home in Dorval on Tuesday, her family said."))
	if !slices.ContainsFunc(d.Conflicts, func(c news.Conflict) bool { return c.Kind == "quantity" }) {
		t.Errorf("ages at death 91 and 93: conflicts %+v, want one", d.Conflicts)
	}
}

// A company's name with its legal form or country after it is the
// company; a product named after it is not.
func TestNameTails(t *testing.T) {
	d := dossierOf(t,
		article("a", "One", "Harbor Telecom USA will sell the new phone from February, the carrier said on Monday in Dorval."),
		article("b", "Two", "Harbor Telecom will sell the new phone from February, the company said on Monday in Dorval."),
		article("c", "Three", "Lunden Motors Inc. will sell Lunden Motors Cargo vans in Dorval, the company said on Monday."))
	one := func(a, b string) bool {
		return slices.ContainsFunc(d.Entities, func(e news.Entity) bool { return slices.Contains(e.Aliases, a) && slices.Contains(e.Aliases, b) })
	}
	if !one("Harbor Telecom USA", "Harbor Telecom") {
		t.Errorf("Harbor Telecom USA and Harbor Telecom are apart: %+v", d.Entities)
	}
	if one("Lunden Motors Inc.", "Lunden Motors Cargo") {
		t.Errorf("a company and its product were merged: %+v", d.Entities)
	}
}

// An article that names a person by the surname alone is that person when
// the story has one person of that surname; with two, it stays apart.
func TestBareSurnameOfTheStory(t *testing.T) {
	merged := func(d news.Dossier, a, b string) bool {
		return slices.ContainsFunc(d.Entities, func(e news.Entity) bool { return slices.Contains(e.Aliases, a) && slices.Contains(e.Aliases, b) })
	}
	d := dossierOf(t,
		article("a", "One", "The Harbourtown Saints placed running back Marcus Webb on injured reserve on Tuesday after a knee injury."),
		article("b", "Two", "The team said on Tuesday that Webb will miss the rest of the season after the Saints placed him on injured reserve."))
	if !merged(d, "Marcus Webb", "Webb") {
		t.Errorf("the bare surname stayed apart from the story's one Webb: %+v", d.Entities)
	}
	d = dossierOf(t,
		article("a", "One", "The Harbourtown Saints placed running back Marcus Webb on injured reserve on Tuesday after a knee injury."),
		article("b", "Two", "Coach Daniel Webb said the Saints placed the running back on injured reserve on Tuesday."),
		article("c", "Three", "The team said on Tuesday that Webb will miss the rest of the season after the Saints placed him on injured reserve."))
	for _, e := range d.Entities {
		if slices.Contains(e.Aliases, "Webb") && slices.Contains(e.Sources, "s3") && !slices.Equal(e.Sources, []string{"s3"}) {
			t.Errorf("with two Webbs in the story, the bare surname was merged: %+v", e)
		}
	}
}

// A name written closed up in one report and apart in another is one name.
func TestNameClosedUp(t *testing.T) {
	d := dossierOf(t,
		article("a", "One", "Orbitex Systems said on Monday that the chipmaker QuantaCore will be bought for $334 million by the end of the year."),
		article("b", "Two", "Orbitex Systems is buying the chipmaker Quanta Core for $334 million, the companies said on Monday."))
	if !slices.ContainsFunc(d.Entities, func(e news.Entity) bool {
		return slices.Contains(e.Aliases, "QuantaCore") && slices.Contains(e.Aliases, "Quanta Core")
	}) {
		t.Errorf("QuantaCore and Quanta Core are apart: %+v", d.Entities)
	}
}

// A surname of several words ("Lo Presti") alone is the story's one person
// whose full name ends with it.
func TestSurnameWithParticle(t *testing.T) {
	d := dossierOf(t,
		article("a", "One", "Police said Mr. Gaetano Lo Presti was found dead in his cell in Palermo on Tuesday after his arrest."),
		article("b", "Two", "Investigators said on Tuesday that Lo Presti was found dead in his cell in Palermo after his arrest."))
	if !slices.ContainsFunc(d.Entities, func(e news.Entity) bool {
		return slices.Contains(e.Aliases, "Lo Presti") && slices.ContainsFunc(e.Aliases, func(a string) bool { return strings.HasSuffix(a, "Gaetano Lo Presti") })
	}) {
		t.Errorf("Lo Presti and Gaetano Lo Presti are apart: %+v", d.Entities)
	}
}
