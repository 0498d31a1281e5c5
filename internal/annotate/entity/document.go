package entity

import (
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// open reports whether c's type may still be set by its context: it is
// untyped or typed by weak evidence only.
func (c *cand) open() bool { return c.typ == "" || c.weak }

// personLike reports whether c may be a person.
func (c *cand) personLike() bool {
	return c.typ == "" || c.typ == news.EntityPerson || c.weak && c.typ != news.EntityEquipment
}

// ageAfter reports whether the tokens from i read ", NN," or " (NN)": an
// age from 1 to 119 set off after a name.
func ageAfter(toks []token, i int) bool {
	if i+2 >= len(toks) || toks[i+1].kind != tNumber {
		return false
	}
	n, err := strconv.Atoi(toks[i+1].fold)
	if err != nil || n < 1 || n > 119 {
		return false
	}
	open, end := toks[i].fold, toks[i+2].fold
	return open == "," && (end == "," || end == ".") || open == "(" && end == ")"
}

// context reads the words around cands[k] in its sentence: titles and
// cue words before and after it, appositions, speech verbs, place
// prepositions, "-based" and acronym expansions.
func (r *Recognizer) context(text string, toks []token, cands []cand, k, first int) {
	c := &cands[k]
	word := func(i int) (token, bool) {
		if i < 0 || i >= len(toks) || toks[i].kind != tWord {
			return token{}, false
		}
		return toks[i], true
	}
	lower := func(i int) (token, bool) {
		t, ok := word(i)
		return t, ok && !t.cap && !t.upper
	}
	// "U.S.-based", "Russia-backed": the country as an adjective.
	if c.why == "gazetteer:country" && toks[c.b-1].hyph {
		c.demonym = true
	}
	// A lower-case title or organization noun right before the name:
	// "junta leader Abdourahamane Tiani", "state television RTN".
	if p, ok := lower(c.chunkA - 1); ok && c.open() {
		from := c.chunkA - 1
		if m, ok := lower(c.chunkA - 2); ok && !functionWord[m.fold] && !lowerTitle[m.fold] && !speechVerbs[m.fold] {
			from = c.chunkA - 2
		}
		label := text[toks[from].start:p.end]
		switch {
		case lowerTitle[p.fold] && c.personLike():
			c.typ, c.why, c.weak, c.ambiguous = news.EntityPerson, "title:"+text[p.start:p.end], false, false
			c.key = ""
			c.labels = append([]string{label}, c.labels...)
		case lowerOrgCue[p.fold]:
			c.typ, c.why, c.weak, c.ambiguous = news.EntityOrganization, "cue:"+text[p.start:p.end], false, false
			c.key = ""
			c.labels = append([]string{label}, c.labels...)
		}
	}
	// A lower-case cue word right after the name, or after one more
	// word: "Tele Sahel broadcaster", "the Wagner paramilitary group",
	// "Niamey airport", "Ilyushin plane".
	if c.open() && !(c.initial && c.tokens == 1 && c.typ == "") {
		for i := c.b; i < c.b+2; i++ {
			n, ok := lower(i)
			if !ok || functionWord[n.fold] || speechVerbs[n.fold] {
				break
			}
			why := "cue:" + text[n.start:n.end]
			switch {
			case lowerOrgCue[n.fold]:
				c.typ, c.why = news.EntityOrganization, why
			case locationCue[n.fold] && i == c.b:
				c.typ, c.why = news.EntityLocation, why
			case equipmentCue[n.fold] && i == c.b:
				c.typ, c.why = news.EntityEquipment, why
			default:
				continue
			}
			c.weak, c.ambiguous, c.key = false, false, ""
			break
		}
	}
	if n, ok := lower(c.b); ok && speechVerbs[n.fold] {
		c.speech = true
	}
	// An age set off after a name of two or three words: "Gaetano Rossi,
	// 52, was arrested"; "Jose Luis Orozco (29)". Only people are given an
	// age that way.
	if c.typ == "" && c.tokens >= 2 && c.tokens <= 3 && ageAfter(toks, c.b) {
		c.typ, c.why, c.weak, c.ambiguous = news.EntityPerson, "context:age", false, false
	}
	if p, ok := lower(c.chunkA - 1); ok {
		if p.fold == "to" {
			if q, ok := lower(c.chunkA - 2); ok && q.fold == "according" {
				c.speech = true
			}
		}
		c.place = placePrepositions[p.fold]
		c.the = determiners[p.fold]
	}
	// An acronym is an organisation or a thing, never a person: in
	// "Rory Read, AMD president and CEO" the description is Read's.
	if c.personLike() && !(c.b-c.a == 1 && toks[c.a].upper) {
		r.apposition(text, toks, c)
	}
	// "Alliance of Sahel States (AES)".
	if c.b-c.a == 1 && toks[c.a].upper && c.a >= 1 && toks[c.a-1].fold == "(" && c.b < len(toks) && toks[c.b].fold == ")" {
		for l := k - 1; l >= first; l-- {
			if cands[l].b == c.a-1 && acronymMatch(c.fold, cands[l].fold) {
				c.acronymOf = l + 1
				break
			}
		}
	}
}

// apposition reads a description of a person set off by commas: "Idrissa
// Soumana Maiga, head of the private L'Enqueteur newspaper," and "The head
// of Niger's military government, General Abdourahamane Tiani,".
func (r *Recognizer) apposition(text string, toks []token, c *cand) {
	const maxWords = 12
	stop := func(t token) bool {
		return t.kind == tPunct && strings.ContainsAny(t.fold, ",;:()[]\"“”—–.")
	}
	head := func(i int) (int, bool) {
		for i < len(toks) && toks[i].kind == tWord && determiners[toks[i].fold] {
			i++
		}
		if i < len(toks) && toks[i].kind == tWord && !toks[i].cap && descriptionHead[toks[i].fold] {
			return i, true
		}
		return i, false
	}
	// After: ", head of ...".
	if c.b < len(toks) && toks[c.b].fold == "," {
		if h, ok := head(c.b + 1); ok {
			e := h
			for e < len(toks) && !stop(toks[e]) && e-h < maxWords {
				e++
			}
			if e > h && (e == len(toks) || stop(toks[e])) {
				r.describe(c, text[toks[h].start:toks[e-1].end], toks[h], false)
			}
		}
	}
	// Before: "The head of ..., Name".
	if a := c.chunkA; a >= 2 && toks[a-1].fold == "," {
		s := a - 2
		for s > 0 && !stop(toks[s-1]) && a-s < maxWords {
			s--
		}
		if s == 0 || stop(toks[s-1]) {
			if h, ok := head(s); ok && h < a-1 {
				r.describe(c, text[toks[h].start:toks[a-2].end], toks[h], true)
			}
		}
	}
}

func (r *Recognizer) describe(c *cand, label string, head token, before bool) {
	if c.open() || c.typ == news.EntityPerson {
		if c.typ != news.EntityPerson {
			c.why = "apposition:" + head.fold
		}
		c.typ, c.weak, c.ambiguous = news.EntityPerson, false, false
		c.key = ""
	}
	if before {
		c.labels = append([]string{label}, c.labels...)
		return
	}
	c.labels = append(c.labels, label)
}

func lastWord(s string) string { return s[strings.LastIndexByte(s, ' ')+1:] }

// acronymMatch reports whether short abbreviates long, after Schwartz and
// Hearst (2003): every letter of the acronym appears in the long form in
// order, the first at the start of a word.
func acronymMatch(short, long string) bool {
	s := strings.ReplaceAll(short, " ", "")
	if len(s) < 2 || len(long) <= len(s) {
		return false
	}
	si, li := len(s)-1, len(long)-1
	for si >= 0 {
		ch := s[si]
		for li >= 0 && (long[li] != ch || si == 0 && li > 0 && long[li-1] != ' ') {
			li--
		}
		if li < 0 {
			return false
		}
		li--
		si--
	}
	return true
}

// document types the candidates that their own context left open from
// the other mentions of the document, sets keys, and drops what is not a
// name.
func (r *Recognizer) document(cands []cand) {
	// Acronyms take the type and key of their expansion.
	known := map[string]int{}
	for i := range cands {
		c := &cands[i]
		if c.acronymOf == 0 {
			continue
		}
		l := &cands[c.acronymOf-1]
		if l.typ == "" {
			l.typ, l.why = news.EntityOrganization, "acronym:expansion"
			if !c.open() {
				l.typ = c.typ
			}
		}
		if l.key == "" {
			l.key = l.fold
		}
		c.typ, c.key, c.why, c.weak, c.ambiguous, c.demonym = l.typ, l.key, "acronym:expansion", false, false, false
		known[c.fold] = i
	}
	for i := range cands {
		c := &cands[i]
		if c.typ != "" && c.key == "" {
			c.key = c.fold
		}
	}
	// Names typed by strong evidence type their other mentions; a
	// person's surname ("Tiani") takes the full name's key.
	surname := map[string]string{}
	teamOf := map[string]int{}
	for i := range cands {
		c := &cands[i]
		if c.typ == "" || c.weak || c.demonym {
			continue
		}
		if _, ok := known[c.fold]; !ok {
			known[c.fold] = i
		}
		if c.why == "team" {
			// "Indianapolis Colts" ... "Colts".
			if _, ok := teamOf[lastWord(c.fold)]; !ok {
				teamOf[lastWord(c.fold)] = i
			}
		}
		if c.typ != news.EntityPerson || c.tokens < 2 {
			continue
		}
		words := strings.Fields(c.fold)
		for s := 1; s < len(words); s++ {
			if particles[words[s]] {
				continue
			}
			suffix := strings.Join(words[s:], " ")
			if _, ok := surname[suffix]; !ok {
				surname[suffix] = c.key
			}
		}
	}
	// Given-name persons type their surnames too, weaker than titles.
	for i := range cands {
		c := &cands[i]
		if c.typ == news.EntityPerson && c.weak && c.tokens >= 2 {
			words := strings.Fields(c.fold)
			if last := words[len(words)-1]; surname[last] == "" {
				surname[last] = c.key
			}
		}
	}
	// A lone word a gazetteer calls a city is the document's own name when
	// the document uses it so: the surname of a person it names in full
	// ("Vincent Jackson" ... "Jackson"), or, written in capitals, the first
	// word of an organisation's name ("ATI Technologies" ... "ATI").
	orgFirst := map[string]string{}
	for i := range cands {
		c := &cands[i]
		if c.typ == news.EntityOrganization && !c.weak && c.tokens >= 2 {
			if first, _, _ := strings.Cut(c.fold, " "); orgFirst[first] == "" {
				orgFirst[first] = c.key
			}
		}
	}
	for i := range cands {
		c := &cands[i]
		if c.tokens != 1 || c.demonym || !strings.HasPrefix(c.why, "gazetteer:") || c.why == "gazetteer:country" {
			continue
		}
		if key, ok := surname[c.fold]; ok {
			c.typ, c.key, c.why, c.weak, c.ambiguous = news.EntityPerson, key, "document:surname", false, false
		} else if key := orgFirst[c.fold]; key != "" && !c.allCapWord && len(c.fold) >= 2 {
			c.typ, c.key, c.why, c.weak, c.ambiguous = news.EntityOrganization, key, "document:short name", false, false
		}
	}
	// Untyped names whose last word is used alone elsewhere are persons.
	lastAlone := map[string]bool{}
	fullOf := map[string]string{}
	for i := range cands {
		c := &cands[i]
		if c.typ == "" && c.tokens == 1 && c.allCapWord {
			lastAlone[c.fold] = true
		}
	}
	for i := range cands {
		c := &cands[i]
		if c.typ == "" && c.tokens >= 2 && c.tokens <= 3 && c.allCapWord && lastAlone[lastWord(c.fold)] {
			if _, ok := fullOf[lastWord(c.fold)]; !ok {
				fullOf[lastWord(c.fold)] = c.fold
			}
		}
	}
	// fullName is the key of the person a surname names: the full name
	// typed a person, else the untyped one the document uses the surname
	// of alone ("Wladimir Klitschko" ... "champion Klitschko").
	fullName := func(fold string) (string, bool) {
		if key, ok := surname[fold]; ok {
			return key, true
		}
		if full, ok := fullOf[fold]; ok && r.shortNameType(full) == news.EntityPerson {
			return full, true
		}
		return "", false
	}
	for i := range cands {
		c := &cands[i]
		if c.open() {
			if k, ok := known[c.fold]; ok && k != i {
				o := &cands[k]
				c.typ, c.key, c.why, c.weak, c.ambiguous = o.typ, o.key, "document", false, false
				if key, ok := fullName(c.fold); ok && c.typ == news.EntityPerson && c.tokens == 1 {
					c.key = key // a headline's "DeGeneres" before "Ms. DeGeneres" is keyed
				}
				continue
			}
			if key, ok := surname[c.fold]; ok && key != c.fold {
				c.typ, c.key, c.why, c.weak, c.ambiguous = news.EntityPerson, key, "document", false, false
				continue
			}
			if k, ok := teamOf[c.fold]; ok && c.tokens == 1 {
				o := &cands[k]
				c.typ, c.key, c.why, c.weak, c.ambiguous = o.typ, o.key, "document:team", false, false
				continue
			}
		}
		// "Mr. LaRue", "Dr. Benjamin": a titled surname is the person the
		// document names in full with it (the first so named).
		if c.typ == news.EntityPerson && c.tokens == 1 && !c.weak {
			if key, ok := fullName(c.fold); ok && key != c.fold {
				c.key = key
			}
		}
		if c.titleCase && (c.typ == "" || c.ambiguous) {
			c.drop = true
			continue
		}
		if c.typ == "" && lastAlone[lastWord(c.fold)] && c.tokens >= 2 && c.tokens <= 3 && c.allCapWord {
			// "Kimani Gray" ... "Gray": a name whose surname is used alone;
			// "Indianapolis Colts" ... "Colts", "BlackBerry Q10" ... "Q10":
			// a team's or a product's short name.
			c.typ, c.why, c.key = r.shortNameType(c.fold), "document:short name", c.fold
			continue
		}
		if c.typ == "" && c.tokens == 1 {
			if key, ok := fullOf[c.fold]; ok {
				c.typ, c.why, c.key = r.shortNameType(key), "document:short name", key
				continue
			}
		}
		if c.typ == "" || c.ambiguous {
			switch {
			case c.speech && !(c.initial && c.tokens == 1):
				// A person who speaks is named in full ("Jane Roe said"),
				// or by a surname the document gave in full (typed above):
				// a lone word that speaks is an organisation ("Seacom
				// said").
				c.typ, c.why = news.EntityOrganization, "context:said"
				if c.allCapWord && c.tokens >= 2 && c.tokens <= 3 && !c.the {
					c.typ = news.EntityPerson
				}
				c.key, c.ambiguous = c.fold, false
			case c.place:
				if !c.ambiguous {
					c.typ, c.why, c.key = news.EntityLocation, "context:preposition", c.fold
				}
				c.ambiguous = false
			case c.ambiguous:
				c.typ, c.why, c.key, c.ambiguous, c.weak = "", "", "", false, false
			}
		}
		if c.typ == "" {
			if c.titleCase || c.initial && c.tokens == 1 {
				c.drop = true
				continue
			}
			c.typ, c.why, c.key = news.EntityOther, "capitalised", c.fold
		}
	}
	r.headlineGivenNames(cands)
}

// headlineGivenNames joins, in a title-case headline, a known given name
// to the surname right after it that the document types a person: the
// headline's "Ellen DeGeneres To Host Oscars" names Ellen DeGeneres, not a
// "DeGeneres" with "Ellen" left out (title case hides where names end, so
// the chunk keeps only known names). The joined name is keyed by its own
// words: another given name before the surname is another full name.
func (r *Recognizer) headlineGivenNames(cands []cand) {
	for i := 1; i < len(cands); i++ {
		c, p := &cands[i], &cands[i-1]
		if !c.titleCase || c.drop || c.typ != news.EntityPerson || c.tokens != 1 ||
			!p.titleCase || p.sent != c.sent || p.b != c.a || p.tokens != 1 || !r.g.given[p.fold] ||
			!(p.drop || p.typ == "" || p.weak) {
			continue
		}
		c.start, c.a, c.chunkA = p.start, p.a, p.chunkA
		c.fold = p.fold + " " + c.fold
		c.key, c.tokens, c.why = c.fold, 2, "given-name"
		p.drop = true
	}
}

// shortNameType is the type of an untyped name of two or three words
// whose last word the document uses alone: a team's ("Indianapolis
// Colts": a known place, then a plural) or an organisation's, a product's
// ("BlackBerry Q10": a last word with a digit) short name, else a
// person's surname ("Kimani Gray").
func (r *Recognizer) shortNameType(fold string) news.EntityType {
	last := lastWord(fold)
	if strings.ContainsAny(last, "0123456789") {
		return news.EntityOther
	}
	if place := strings.TrimSuffix(fold, " "+last); place != fold && strings.HasSuffix(last, "s") && r.isPlace(place) && !r.g.given[strings.Fields(place)[0]] {
		return news.EntityOrganization
	}
	return news.EntityPerson
}

// isPlace reports whether a folded name is a known place, not also a
// common word or a given name ("Austin").
func (r *Recognizer) isPlace(fold string) bool {
	e, ok := r.g.names[fold]
	return ok && e.typ == news.EntityLocation && !e.demonym && !e.ambiguous
}
