package crosscheck

import (
	"slices"
	"strings"

	"github.com/triangulate/triangulate/internal/lexicon"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// Claims. What a sentence states is read as its predicates — the words
// that say what happened: verbs and nouns of events ("arrested", "the
// indictment", "earthquake") — and its participants — the entities it
// names and the other things it speaks of ("pirates", "the navy"). Values
// (amounts, dates) are left out: they are compared once sentences are
// aligned, and never keep two reports of one happening apart.
//
// Words are compared through classes built for each story from the
// lexicon: two words of the story are in one class when they share a
// WordNet concept ("indicted", "charged", "indictment"; "arrested",
// "apprehended", "nabbed") or a paraphrase class of paraphrase.go
// ("trainers", "instructors"). A class is thus what the story's own
// wording makes of a concept, and polysemy rarely hurts: a story that
// says "charged" of a court rarely says it of a cavalry.

// claimWord is one content word of a sentence as the claims see it.
type claimWord struct {
	lemma string
	// start and end span the word in the sentence's text.
	start, end int
	pred       bool // a predicate (what happened), else a participant
	ent        lexicon.Entry
	known      bool // the lexicon lists the lemma
}

// lightVerbs say little of what happened by themselves: auxiliaries,
// verbs of saying (the attribution, compared apart) and the most general
// verbs.
var lightVerbs = map[string]bool{
	"be": true, "have": true, "do": true, "make": true, "take": true, "get": true, "give": true, "go": true, "come": true,
	"put": true, "set": true, "keep": true, "let": true, "seem": true, "become": true, "include": true, "say": true,
	"tell": true, "report": true, "add": true, "state": true, "claim": true, "note": true, "accord": true, "quote": true,
	"will": true, "would": true, "can": true, "could": true, "may": true, "might": true, "must": true, "shall": true,
	"should": true, "use": true, "show": false, "know": true, "think": true, "believe": true, "want": true, "need": true,
	"try": true, "continue": true, "begin": true, "start": true, "expect": true, "see": true, "look": true,
}

// verbCues are words after which a word is read as a verb ("he resigned",
// "was arrested", "to buy").
var verbCues = map[string]bool{
	"will": true, "would": true, "can": true, "could": true, "may": true, "might": true, "must": true,
	"shall": true, "should": true, "was": true, "were": true, "is": true, "are": true, "be": true, "been": true,
	"being": true, "has": true, "have": true, "had": true, "he": true, "she": true, "they": true, "we": true, "i": true,
	"who": true, "which": true, "that": true, "it": true, "not": true, "also": true, "did": true, "does": true, "do": true,
	"reportedly": true, "allegedly": true, "later": true, "then": true, "just": true, "already": true, "finally": true,
}

// nounCues are words after which a word is read as a noun ("the arrest",
// "two pirates", "its purchase").
var nounCues = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "its": true, "their": true, "our": true, "my": true,
	"your": true, "this": true, "these": true, "those": true, "of": true, "for": true, "with": true, "by": true,
	"some": true, "many": true, "several": true, "few": true, "no": true, "each": true, "every": true, "any": true,
}

// claimWords reads the content words of a sentence that are neither names,
// dates, amounts nor attribution (covered), with their lemmas and roles.
func claimWords(lex *lexicon.Lexicon, st *sentence, covered [][2]int) []claimWord {
	var out []claimWord
	ws := st.ws
	for i, w := range ws {
		if inSpans(covered, st.start+w.Start, st.start+w.End) {
			continue
		}
		f := terms.Fold(w.Text)
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "'")
		if len(f) < 2 || terms.Stopword(f) || weakWords[f] || f[0] >= '0' && f[0] <= '9' {
			continue
		}
		if sp, ok := spellings[f]; ok {
			f = sp
		}
		lemma, ent, known := lex.Lookup(f)
		if !known {
			// A word the lexicon does not know (a misspelling, a foreign
			// or new word) is a participant by its stem.
			if t := terms.Term(f); t != "" {
				out = append(out, claimWord{lemma: "~" + t, start: w.Start, end: w.End})
			}
			continue
		}
		if lightVerbs[lemma] {
			continue
		}
		prev := ""
		if i > 0 {
			prev = strings.ToLower(ws[i-1].Text)
		}
		pred := predicate(f, lemma, ent, prev)
		if !pred && (ent.Usual == 'a' || ent.Usual == 'r') {
			continue // "near", "former", "central": neither what happened nor who
		}
		out = append(out, claimWord{lemma: lemma, ent: ent, known: true, pred: pred, start: w.Start, end: w.End})
	}
	return out
}

// predicate guesses whether a word says what happened: a noun of an event
// ("arrest", "earthquake"), a word with no noun sense ("arrive"), or one
// read as a verb after a verb cue ("was arrested") or inflected as one
// ("arrested", "struck"). (Reading more words as verbs — a word the
// lexicon finds mostly as a verb, a verb in -s after a name — aligned more
// sentences on ECB+ at a lower precision.)
func predicate(word, lemma string, e lexicon.Entry, prev string) bool {
	switch {
	case e.Event:
		return true
	case !e.Verb:
		return false
	case !e.Noun:
		return true
	case nounCues[prev]:
		return false
	case verbCues[prev]:
		return true
	}
	return word != lemma && (strings.HasSuffix(word, "ed") || strings.HasSuffix(word, "ing") || !strings.HasSuffix(word, "s"))
}

// claimSet is a sentence's claim features, each sorted: predicate
// lemmas, and participants (lemmas of the things it speaks of and its
// entities).
type claimSet struct {
	pred, arg []int32
	// predX and argX add to pred and arg the features that can mean the
	// same (classes.similar), sorted.
	predX, argX []int32
	// objects pair a predicate with the participant word right after it
	// ("expelled the French ambassador": ambassador), when a common noun
	// comes first; a name first leaves the predicate out.
	objects [][3]int32 // predicate, object, 1 when the object is a name
	// at places each feature in the sentence's text (offsets from its
	// start), for the context of a value.
	at []claimAt
}

// claimAt is a claim feature at a place in a sentence.
type claimAt struct {
	start, end int
	id         int32
}

// classes is the story's claim vocabulary: its lemmas by role and its
// entities, each with an id, and which of them can mean the same.
type classes struct {
	ids      map[string]int32 // "p:lemma", "a:lemma", "e:entity id" → id
	names    []string         // id → key
	concepts [][]int32        // id → WordNet concepts (none for entities)
	person   []bool           // id → an entity typed a person
	// place marks an entity that is a place narrower than a country or
	// region (a town, an island, a building).
	place []bool
	// similar[id] are the other ids of the same role that share a concept
	// with id, ascending.
	similar [][]int32
}

// match reports whether two features of one role can say the same: the
// same lemma or entity, or lemmas that share a concept. The relation is
// not transitive: "check" meets "examine" and "enter", which do not meet.
func (c *classes) match(x, y int32) bool {
	if x == y {
		return true
	}
	_, ok := slices.BinarySearch(c.similar[x], y)
	return ok
}

// buildClaims gives every sentence its claim features.
func (s *story) buildClaims() {
	lex := lexicon.Default()
	c := &classes{ids: map[string]int32{}}
	s.claimIDs = c
	id := func(key string, concepts []int32, person bool, place bool) int32 {
		if v, ok := c.ids[key]; ok {
			return v
		}
		v := int32(len(c.names))
		c.ids[key] = v
		c.names = append(c.names, key)
		c.concepts = append(c.concepts, concepts)
		c.person = append(c.person, person)
		c.place = append(c.place, place)
		return v
	}
	for _, st := range s.sents {
		var cs claimSet
		covered := slices.Clone(st.cover)
		for _, mi := range st.mentions {
			if m := st.src.a.Mentions[mi]; m.Demonym {
				covered = append(covered, [2]int{m.Start, m.End}) // the entity stands for it
			}
		}
		words := claimWords(lex, st, covered)
		// The sentence's participants in order of position: its nouns and
		// its names (a name: the entity's feature, or -1 when it has none).
		type slot struct {
			start int
			id    int32
			name  bool
		}
		var slots []slot
		for _, mi := range st.mentions {
			m := st.src.a.Mentions[mi]
			if m.Demonym {
				continue
			}
			f := int32(-1)
			if e := s.ents.entityOf(st.src.idx, mi); e != nil && e.id != "" && !isReporter(st.src.text, m) {
				f = id("e:"+e.id, nil, e.typ == news.EntityPerson, narrowPlace(e))
				cs.arg = append(cs.arg, f)
				cs.at = append(cs.at, claimAt{m.Start - st.start, m.End - st.start, f})
			}
			slots = append(slots, slot{start: m.Start - st.start, id: f, name: true})
		}
		var preds []claimWord
		var predIDs []int32
		for _, w := range words {
			concepts := w.ent.Concepts
			cl, ok := paraphraseOf[w.lemma]
			if !ok {
				cl, ok = paraphraseOf[terms.Stem(strings.TrimPrefix(w.lemma, "~"))]
			}
			if ok {
				// a paraphrase class of our own is one more concept
				concepts = append(slices.Clone(concepts), paraphraseConcept(cl))
				slices.Sort(concepts)
			}
			if w.pred {
				v := id("p:"+w.lemma, concepts, false, false)
				cs.pred = append(cs.pred, v)
				cs.at = append(cs.at, claimAt{w.start, w.end, v})
				preds, predIDs = append(preds, w), append(predIDs, v)
			} else {
				v := id("a:"+w.lemma, concepts, false, false)
				cs.arg = append(cs.arg, v)
				cs.at = append(cs.at, claimAt{w.start, w.end, v})
				slots = append(slots, slot{start: w.start, id: v})
			}
		}
		// A predicate's object: the first noun or name within a few words
		// after it.
		slices.SortStableFunc(slots, func(x, y slot) int { return x.start - y.start })
		for i, p := range preds {
			for _, sl := range slots {
				if sl.start < p.end {
					continue
				}
				if sl.start-p.end <= objectReach && sl.id >= 0 {
					kind := int32(0)
					if sl.name {
						kind = 1
					}
					cs.objects = append(cs.objects, [3]int32{predIDs[i], sl.id, kind})
				}
				break
			}
		}
		slices.Sort(cs.pred)
		cs.pred = slices.Compact(cs.pred)
		slices.Sort(cs.arg)
		cs.arg = slices.Compact(cs.arg)
		st.claims = cs
	}
	// Which lemmas of one role share a concept.
	c.similar = make([][]int32, len(c.names))
	byConcept := map[int64][]int32{}
	for v, key := range c.names {
		role := int64(key[0])
		for _, k := range c.concepts[v] {
			byConcept[role<<32|int64(k)] = append(byConcept[role<<32|int64(k)], int32(v))
		}
	}
	for v, key := range c.names {
		role := int64(key[0])
		var sim []int32
		for _, k := range c.concepts[v] {
			for _, o := range byConcept[role<<32|int64(k)] {
				if o != int32(v) {
					sim = append(sim, o)
				}
			}
		}
		slices.Sort(sim)
		c.similar[v] = slices.Compact(sim)
	}
	// Each sentence's features with the words that can mean the same, for
	// matching by a merge of sorted lists.
	for _, st := range s.sents {
		st.claims.predX = c.expand(st.claims.pred)
		st.claims.argX = c.expand(st.claims.arg)
	}
}

// expand returns the features and those that share a concept with them,
// sorted and unique.
func (c *classes) expand(fs []int32) []int32 {
	out := slices.Clone(fs)
	for _, f := range fs {
		out = append(out, c.similar[f]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// narrowPlace reports whether an entity is a place narrower than a
// country or a region: two reports that name different ones speak of
// different happenings.
func narrowPlace(e *entity) bool {
	if e.typ != news.EntityLocation {
		return false
	}
	for _, n := range e.nodes {
		for _, mi := range n.mentions {
			m := n.src.a.Mentions[mi]
			if m.Demonym || strings.Contains(m.Why, "country") || strings.Contains(m.Why, "region") {
				return false
			}
		}
	}
	return true
}

// objectReach is how many bytes after a predicate its object may start
// ("expelled the French ambassador").
const objectReach = 24

// objectsClash reports whether two sentences give the predicates they share
// different objects ("expelled the ambassador", "expelled troops"), and no
// shared predicate the same object.
func (c *classes) objectsClash(a, b [][3]int32) bool {
	clash := false
	for _, x := range a {
		for _, y := range b {
			if !c.match(x[0], y[0]) {
				continue
			}
			if c.match(x[1], y[1]) {
				return false
			}
			if x[2] == y[2] {
				clash = true // a noun and a name may be one thing ("rehab", "Promises")
			}
		}
	}
	return clash
}

// paraphraseConcept is the concept id given to a paraphrase class of ours:
// negative, apart from WordNet's.
func paraphraseConcept(class string) int32 {
	var h int32 = 7
	for _, r := range class {
		h = h*31 + r
	}
	if h > 0 {
		h = -h
	}
	if h == 0 {
		h = -1
	}
	return h
}

// isEntity reports whether a claim feature is an entity.
func (c *classes) isEntity(f int32) bool { return strings.HasPrefix(c.names[f], "e:") }
