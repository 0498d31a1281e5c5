package entity

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/triangulate/triangulate/internal/news"
)

// The data files are derived by internal/gen from maintained packages;
// DATA.md records their sources and licences.
//
// They are embedded as plain text, read in place: decompressing them was
// a third of loading the gazetteer, which a short command pays in full.
//
//go:embed data/countries.tsv
var countriesTSV string

//go:embed data/cities.tsv
var citiesTSV string

//go:embed data/givennames.txt
var givenNamesTXT string

// entry is what a gazetteer knows about one folded name.
type entry struct {
	typ news.EntityType
	key string
	why string
	// demonym marks an adjective or noun of nationality ("Russian").
	demonym bool
	// ambiguous marks a city whose name is also a common word or a given
	// name ("Nice", "Austin"): it is a place only in a place's context.
	ambiguous bool
	// city marks a city that is not a capital: a surname in the
	// document ("Palin" after "Sarah Palin") overrides it.
	city bool
	// country marks a country's name (it may take "-based" as an
	// adjective: "U.S.-based").
	country bool
}

// gazetteer maps folded names to entries. Earlier sources win: countries
// and their aliases, regions, organisations, capitals, then cities.
type gazetteer struct {
	names map[string]entry
	// maxTokens is the most tokens a name has.
	maxTokens int
	// joins holds the folded beginnings of names that go on with a
	// connector, with the connector ("united states|of" for "United
	// States of America", "bosnia|and" for "Bosnia and Herzegovina"), so
	// the chunker may join over it.
	joins map[string]bool
	given map[string]bool
}

func (g *gazetteer) add(name string, e entry) { g.addFolded(Fold(name), e) }

// addFolded is add for a name already folded.
func (g *gazetteer) addFolded(k string, e entry) {
	if k == "" {
		return
	}
	if _, ok := g.names[k]; ok {
		return
	}
	g.names[k] = e
	words := strings.Fields(k)
	if len(words) > g.maxTokens {
		g.maxTokens = len(words)
	}
	for i, w := range words {
		if i > 0 && connectors[w] {
			g.joins[strings.Join(words[:i], " ")+"|"+w] = true
		}
	}
}

func loadGazetteer() (*gazetteer, error) {
	// Sized for the embedded lists (about 30,000 names, 8,000 given
	// names): growing the maps was a fifth of the loading.
	g := &gazetteer{names: make(map[string]entry, 32768), joins: map[string]bool{}, given: make(map[string]bool, 8192)}
	// The given names go to a map of their own: they load beside the rest.
	var wg sync.WaitGroup
	var givenErr error
	wg.Go(func() { givenErr = g.loadGiven() })
	defer wg.Wait()
	type country struct{ key, names, dems, caps string }
	var cs []country
	byName := map[string]string{} // common name → key
	for line := range strings.SplitSeq(countriesTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("entity: countries.tsv: bad line %q", line)
		}
		c := country{key: Fold(f[0]), names: f[2], dems: f[3], caps: f[4]}
		cs = append(cs, c)
		byName[f[0]] = c.key
	}
	// Names first, for every country, then demonyms: a country's name
	// beats another's demonym.
	for _, c := range cs {
		for n := range strings.SplitSeq(c.names, "|") {
			g.add(n, entry{typ: news.EntityLocation, key: c.key, why: "gazetteer:country", country: true})
		}
	}
	for name, to := range pairs(aliases) {
		k, ok := byName[to]
		if !ok {
			return nil, fmt.Errorf("entity: alias %q: unknown country %q", name, to)
		}
		g.add(name, entry{typ: news.EntityLocation, key: k, why: "gazetteer:country", country: true})
	}
	for _, c := range cs {
		for d := range strings.SplitSeq(c.dems, "|") {
			g.addDemonym(d, c.key)
		}
	}
	for name, to := range pairs(demonymAliases) {
		k, ok := byName[to]
		if !ok {
			return nil, fmt.Errorf("entity: demonym %q: unknown country %q", name, to)
		}
		g.addDemonym(name, k)
	}
	for item := range strings.SplitSeq(regions, ";") {
		name, dem, _ := strings.Cut(strings.TrimSpace(item), "|")
		key := Fold(name)
		g.add(name, entry{typ: news.EntityLocation, key: key, why: "gazetteer:region"})
		if dem != "" {
			g.addDemonym(dem, key)
		}
	}
	for name, key := range pairs(organizations) {
		g.add(name, entry{typ: news.EntityOrganization, key: key, why: "lexicon:organization"})
	}
	for name, to := range pairs(capitalAliases) {
		if _, ok := byName[to]; !ok {
			return nil, fmt.Errorf("entity: capital %q: unknown country %q", name, to)
		}
		g.add(name, entry{typ: news.EntityLocation, key: "washington", why: "gazetteer:capital"})
	}
	for _, c := range cs {
		for cp := range strings.SplitSeq(c.caps, "|") {
			g.add(cp, entry{typ: news.EntityLocation, key: Fold(cp), why: "gazetteer:capital"})
		}
	}
	if err := g.loadCities(); err != nil {
		return nil, err
	}
	wg.Wait()
	if givenErr != nil {
		return nil, givenErr
	}
	return g, nil
}

// addDemonym adds an adjective of nationality and its plural noun
// ("Russian", "Russians").
func (g *gazetteer) addDemonym(d, key string) {
	if d == "" {
		return
	}
	e := entry{typ: news.EntityLocation, key: key, why: "gazetteer:demonym", demonym: true}
	g.add(d, e)
	if !strings.HasSuffix(d, "sh") && !strings.HasSuffix(d, "ch") && !strings.HasSuffix(d, "se") && !strings.HasSuffix(d, "s") {
		g.add(d+"s", e)
	}
}

// loadCities reads cities.tsv: name, country, population, the ambiguity
// flag and the folded name (written by internal/gen: folding 23,000 names
// at every start cost more than the rest of the loading).
func (g *gazetteer) loadCities() error {
	var f [5]string
	for line := range strings.SplitSeq(citiesTSV, "\n") {
		if line == "" {
			continue
		}
		n := 0
		for field := range strings.SplitSeq(line, "\t") {
			if n == len(f) {
				n++
				break
			}
			f[n] = field
			n++
		}
		if n != len(f) {
			return fmt.Errorf("entity: cities.tsv: bad line %q", line)
		}
		if _, err := strconv.Atoi(f[2]); err != nil {
			return fmt.Errorf("entity: cities.tsv: %w", err)
		}
		k := f[4]
		g.addFolded(k, entry{typ: news.EntityLocation, key: k, why: "gazetteer:city", ambiguous: f[3] == "a", city: true})
	}
	return nil
}

func (g *gazetteer) loadGiven() error {
	for line := range strings.SplitSeq(givenNamesTXT, "\n") {
		if n := Fold(line); n != "" && !calendar[n] && !functionWord[n] && !commonGiven[n] {
			g.given[n] = true
		}
	}
	return nil
}

// pairs iterates over a lexicon of "a|b;c|d" items.
func pairs(list string) func(func(string, string) bool) {
	return func(yield func(string, string) bool) {
		for item := range strings.SplitSeq(list, ";") {
			a, b, ok := strings.Cut(strings.TrimSpace(item), "|")
			if !ok {
				continue
			}
			if !yield(a, b) {
				return
			}
		}
	}
}
