package crosscheck_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/news"
)

// The example with other names and numbers gives a dossier of the same
// structure: nothing in the cross-check is keyed to the example's strings.
// People and amounts are changed consistently in every source (the
// machine-translated spelling of the general changed alike), and the
// shapes compared are the counts of corroborated facts by the number of
// their sources, the conflicts by kind and sides, and the entities merged
// across sources.
func TestPerturbedExampleSameStructure(t *testing.T) {
	swap := strings.NewReplacer(
		"Abdourahamane Tiani", "Mahamadou Karimou", "Abdurahamane Diani", "Mahamadu Karimu",
		"Tiani", "Karimou", "Diani", "Karimu",
		"Vladimir Putin", "Sergei Volkov", "Putin", "Volkov",
		"Lloyd Austin", "Peter Hale", "Sylvain Itte", "Marc Delorme", "Idrissa Soumana Maiga", "Oumarou Sani Bako",
		"100 military trainers", "120 military trainers", "about 100 Russian", "about 120 Russian", "first 100 Russian", "first 120 Russian",
		"1,000", "1,400", "$100 million", "$140 million",
	)
	original := exampleDossier(t)
	var docs []news.Document
	for _, f := range corpus.ExampleFiles(t) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, news.Document{Input: f, Kind: news.KindText, ContentKind: news.KindText, Content: swap.Replace(string(raw))})
	}
	perturbed := docsDossier(t, docs)
	if got, want := structure(perturbed), structure(original); !slices.Equal(got, want) {
		t.Errorf("the perturbed example's structure differs:\n got %q\nwant %q", got, want)
	}
	// The changed values are where the originals were.
	found := false
	for _, c := range perturbed.Conflicts {
		for _, v := range c.Variants {
			found = found || v.Value == "120"
		}
	}
	if !found {
		t.Errorf("no conflict sets the 120 trainers against 'not specified': %+v", perturbed.Conflicts)
	}
}

// structure describes a dossier without its words: facts by status and
// number of sources, conflicts by kind and sides, entities by number of
// sources.
func structure(d news.Dossier) []string {
	var out []string
	for _, f := range d.Facts {
		if n := len(sourcesOf(f.Evidence)); n > 1 {
			out = append(out, "fact "+string(f.Status)+" "+strings.Repeat("s", n))
		}
	}
	for _, c := range d.Conflicts {
		out = append(out, "conflict "+c.Kind+" "+strings.Repeat("v", len(c.Variants)))
	}
	for _, e := range d.Entities {
		if len(e.Sources) > 2 {
			out = append(out, "entity "+e.Type+" "+strings.Repeat("s", len(e.Sources)))
		}
	}
	slices.Sort(out)
	return out
}
