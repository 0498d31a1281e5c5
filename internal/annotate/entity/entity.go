// Package entity finds the named entities of a cleaned English news text:
// persons, organizations, locations, equipment and other names, each with
// a key shared by the mentions of one entity in the document, the titles
// and descriptions attached to it, and the evidence that typed it.
//
// No neural model can be had here, so the recogniser follows the
// rule-based design of the Europe Media Monitor's name recognition
// (Steinberger and Pouliquen, 2007): capitalised spans are chunked in one
// pass over tokens, then typed by gazetteers (countries, demonyms, capitals
// and cities derived from maintained packages, see DATA.md), by titles and
// trigger words before names ("President", "junta leader"), by cue words
// inside or after names ("Ministry", "Group", "airport", "plane"), by
// acronym–expansion pairs, and finally by a document pass in which a name
// typed once types its other mentions ("Tiani" after "General Abdourahamane
// Tiani"). A hand-written chunker beats github.com/jdkato/prose/v2 here:
// prose finds spans decently but mislabels them and costs about 7 ms per
// article, where this pass runs at tens of MB/s.
//
// Limits: English only; a name with no gazetteer entry, title, cue word,
// given name or context is typed "other"; a person named once by surname
// alone, with no title and no speech verb, stays "other"; sentence-initial
// single words that are not known names are dropped, so "Putin" opening a
// sentence is found only when the document names him elsewhere.
package entity

import (
	"slices"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// Recognizer holds the loaded gazetteers and lexicons. It is safe for
// concurrent use: Find never writes to it.
type Recognizer struct {
	g *gazetteer
}

// New loads the embedded gazetteers. Load one Recognizer and reuse it:
// loading takes tens of milliseconds.
func New() (*Recognizer, error) {
	g, err := loadGazetteer()
	if err != nil {
		return nil, err
	}
	return &Recognizer{g: g}, nil
}

// cand is a candidate mention while a document is read.
type cand struct {
	sent       int // index into the sentence slice
	a, b       int // token range in the sentence's tokens
	chunkA     int // first token of the chunk, before titles
	start, end int
	fold       string
	typ        news.EntityType
	key        string
	why        string
	labels     []string
	demonym    bool
	// weak types may be overridden by context or by the document pass:
	// acronyms, given names, ambiguous city names.
	weak       bool
	ambiguous  bool
	initial    bool
	titleCase  bool
	drop       bool
	tokens     int
	allCapWord bool // every token a capitalised, non-acronym word
	speech     bool // followed by "said", "told" ...
	place      bool // after "in", "at", "near", "from"
	the        bool // after "the", "a", "its"
	// acronymOf is the index+1 of the long form this acronym expands.
	acronymOf int
}

// Find returns the mentions of named entities in text, sorted by Start.
// sents are text's sentences (segment.Split); with none, text is read as
// one sentence.
func (r *Recognizer) Find(text string, sents []news.Sentence) []news.Mention {
	sents = validSentences(text, sents)
	var cands []cand
	var toks []token
	for si, s := range sents {
		toks = tokenize(text, s.Start, s.End, toks[:0])
		cands = r.sentence(text, toks, si, cands)
	}
	r.document(cands)
	out := make([]news.Mention, 0, len(cands))
	for i := range cands {
		c := &cands[i]
		if c.drop || c.typ == "" {
			continue
		}
		out = append(out, news.Mention{
			Text: text[c.start:c.end], Type: c.typ, Start: c.start, End: c.end,
			Sentence: sents[c.sent].Index, Key: c.key, Demonym: c.demonym,
			Labels: c.labels, Why: c.why, Place: placeKinds[c.why],
		})
	}
	slices.SortStableFunc(out, func(x, y news.Mention) int { return x.Start - y.Start })
	return out
}

// placeKinds are the places the gazetteer's evidence names: a mention
// whose type the gazetteer gave last is that kind of place.
var placeKinds = map[string]news.PlaceKind{
	"gazetteer:country": news.PlaceCountry, "gazetteer:region": news.PlaceRegion,
	"gazetteer:capital": news.PlaceCapital, "gazetteer:city": news.PlaceCity,
}

// validSentences keeps the sentences that lie inside text in order; with
// none, the whole text is one sentence.
func validSentences(text string, sents []news.Sentence) []news.Sentence {
	ok := true
	prev := 0
	for _, s := range sents {
		if s.Start < prev || s.End < s.Start || s.End > len(text) {
			ok = false
			break
		}
		prev = s.End
	}
	if ok && len(sents) > 0 {
		return sents
	}
	var out []news.Sentence
	prev = 0
	for _, s := range sents {
		if s.Start >= prev && s.End >= s.Start && s.End <= len(text) {
			out = append(out, s)
			prev = s.End
		}
	}
	if len(out) == 0 && len(text) > 0 {
		out = []news.Sentence{{Start: 0, End: len(text)}}
	}
	return out
}

// sentence chunks one sentence's tokens into candidates.
func (r *Recognizer) sentence(text string, toks []token, si int, cands []cand) []cand {
	titleCase := isTitleCase(toks)
	first := len(cands)
	for i := 0; i < len(toks); {
		if !r.startsName(toks, i) {
			i++
			continue
		}
		j := r.extend(toks, i)
		// "Chiefs QB Brady Quinn", "AMD CEO Rory Read": a team or company
		// and a position in capitals before a person's given name are
		// names of their own.
		for p := i + 2; p+1 < j; p++ {
			if toks[p-1].upper && r.g.given[toks[p].fold] && toks[p+1].cap && !toks[p+1].upper {
				j = p
				break
			}
		}
		// "AMD President Dirk Meyer": a title between an acronym and a
		// given name starts the person's name.
		for p := i + 1; p+2 < j; p++ {
			if toks[p-1].upper && titleHead[toks[p].fold] && r.g.given[toks[p+1].fold] && toks[p+2].cap {
				j = p
				break
			}
		}
		if titleCase {
			cands = r.titleCaseChunk(text, toks, si, i, j, cands)
		} else {
			cands = r.chunk(text, toks, si, i, j, cands)
		}
		i = j
		if n := len(cands); n > first && cands[n-1].b > i {
			i = cands[n-1].b // a model number was taken in
		}
	}
	for k := first; k < len(cands); k++ {
		r.context(text, toks, cands, k, first)
	}
	return cands
}

// isTitleCase reports whether a sentence is a headline in title case
// ("Russia Sends Military Trainers to Niger"): most of its longer words are
// capitalised and it does not end like a sentence (a sentence full of
// names does). In such a sentence only
// known names are taken.
func isTitleCase(toks []token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if t.kind != tWord || len(t.fold) < 4 || functionWord[t.fold] {
			continue
		}
		words++
		if t.cap {
			caps++
		}
	}
	if words < 4 || caps*4 < words*3 {
		return false
	}
	last := toks[len(toks)-1]
	return last.kind != tPunct || !strings.ContainsAny(last.fold, ".!?”\"")
}

// isFunc reports whether t is a function word; an all-capital word is one
// only when it is no known name ("THE", not "US" or "WHO").
func (r *Recognizer) isFunc(t token) bool {
	if t.kind != tWord || !functionWord[t.fold] {
		return false
	}
	_, known := r.g.names[t.fold]
	return !t.upper || !known
}

func isCalendar(t token) bool { return t.kind == tWord && calendar[t.fold] }

// startsName reports whether a name may start at toks[i].
func (r *Recognizer) startsName(toks []token, i int) bool {
	t := toks[i]
	return t.kind == tWord && t.cap && !r.isFunc(t) && !isCalendar(t)
}

// nameWord reports whether toks[i] may go on a name started before it.
func (r *Recognizer) nameWord(toks []token, i int) bool {
	t := toks[i]
	if t.kind != tWord || !t.cap || r.isFunc(t) {
		return false
	}
	// "Theresa May": a month after a given name.
	return !isCalendar(t) || r.g.given[toks[i-1].fold]
}

// extend returns the end of the name starting at toks[i]: capitalised
// words, joined over connectors where the name goes on ("Ministry of
// Defense", "Charles de Gaulle").
func (r *Recognizer) extend(toks []token, i int) int {
	j := i + 1
	for j < len(toks) {
		if r.nameWord(toks, j) {
			j++
			continue
		}
		// A middle initial: "Frederick C. LaRue", "J. Edgar Hoover".
		if isInitialDot(toks, j) && j+1 < len(toks) && r.nameWord(toks, j+1) {
			j += 2
			continue
		}
		k := j
		for k < len(toks) && toks[k].kind == tWord && connectors[toks[k].fold] && k-j < 3 {
			k++
		}
		if k > j && k < len(toks) && r.nameWord(toks, k) && r.joinOK(toks, i, j, k) {
			j = k + 1
			continue
		}
		break
	}
	return j
}

// joinOK reports whether the connectors toks[j:k] join the name toks[i:j]
// to the word toks[k].
func (r *Recognizer) joinOK(toks []token, i, j, k int) bool {
	onlyParticles := true
	for _, t := range toks[j:k] {
		if !particles[t.fold] || t.cap {
			onlyParticles = false
		}
	}
	if onlyParticles {
		return true
	}
	c := toks[j].fold
	if c == "&" {
		return true
	}
	if r.g.joins[foldRange(toks, i, j)+"|"+c] {
		return true
	}
	switch c {
	case "of", "for", "on":
		for _, t := range toks[i:j] {
			if t.cap && (orgCue[t.fold] || locationCue[t.fold]) {
				return true
			}
		}
		switch toks[j-1].fold {
		case "secretary", "minister", "secretary general", "chief", "head", "director", "commander", "chairman", "governor", "ministry":
			return true
		}
	case "and":
		if k-j > 1 {
			return false
		}
		hasOf, hasCue := false, false
		for _, t := range toks[i:j] {
			hasOf = hasOf || t.fold == "of"
			hasCue = hasCue || t.cap && orgCue[t.fold]
		}
		return hasOf && hasCue
	}
	return false
}

func foldRange(toks []token, i, j int) string {
	if j-i == 1 {
		return toks[i].fold
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if isInitialDot(toks, k) {
			continue // "Frederick C. LaRue" folds to "frederick c larue"
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].fold)
	}
	return b.String()
}

// isInitialDot reports whether toks[k] is the period after a middle
// initial ("C." in "Frederick C. LaRue").
func isInitialDot(toks []token, k int) bool {
	return k > 0 && toks[k].kind == tPunct && toks[k].fold == "." && toks[k].start == toks[k-1].end &&
		toks[k-1].kind == tWord && toks[k-1].cap && len(toks[k-1].fold) == 1
}

// longest returns the end of the longest gazetteer name starting at
// toks[i] and ending by j, and its entry; i when there is none.
func (r *Recognizer) longest(toks []token, i, j int) (int, entry) {
	end := min(j, i+r.g.maxTokens)
	for k := end; k > i; k-- {
		if e, ok := r.g.names[foldRange(toks, i, k)]; ok {
			return k, e
		}
	}
	return i, entry{}
}

// titleRun returns the end of the title starting at toks[i] ("Defense
// Secretary", "Lt. Gen.", "Secretary of State"), i when there is none. A
// title ends with a head word.
func titleRun(toks []token, i, j int) int {
	end := i
	sawOf := false
	for k := i; k < j; k++ {
		f := toks[k].fold
		switch {
		case titleHead[f]:
			end = k + 1
		case titleModifier[f]:
			if sawOf && end > i {
				end = k + 1 // "Secretary of State"
			}
		case (f == "of" || f == "for") && end > i:
			sawOf = true
		default:
			return end
		}
	}
	return end
}

func (r *Recognizer) newCand(text string, toks []token, si, a, b int) cand {
	c := cand{sent: si, a: a, b: b, chunkA: a, start: toks[a].start, end: toks[b-1].end, fold: foldRange(toks, a, b), initial: toks[a].initial, tokens: b - a}
	c.allCapWord = true
	for k, t := range toks[a:b] {
		if isInitialDot(toks, a+k) {
			continue
		}
		if t.upper || !t.cap {
			c.allCapWord = false
		}
	}
	return c
}

// firstFull is the first word of toks[a:b] that is not an initial ("Mark"
// in "W. Mark Felt").
func firstFull(toks []token, a, b int) int {
	k := a
	for k+2 < b && isInitialDot(toks, k+1) {
		k += 2
	}
	return k
}

// capsLead reports whether a name opens with its first word in capitals
// and goes on capitalised, as a story's first words are often set
// ("PETER Capaldi has been announced").
func capsLead(toks []token, a, b int) bool {
	if !toks[a].upper || len(toks[a].fold) < 3 {
		return false
	}
	for _, t := range toks[a+1 : b] {
		if t.upper || !t.cap {
			return false
		}
	}
	return true
}

func (c *cand) setEntry(e entry) {
	c.typ, c.key, c.why, c.demonym = e.typ, e.key, e.why, e.demonym
	// A city whose name is a common word is read as the city inside a
	// sentence ("in Nice", "the Nice attack"), not at its start.
	c.ambiguous = e.ambiguous && (c.initial || c.titleCase)
	c.weak = c.ambiguous || e.city
}

// chunk types the name toks[i:j] of a sentence written in sentence case.
func (r *Recognizer) chunk(text string, toks []token, si, i, j int, cands []cand) []cand {
	pos := i
	// "New Russian advisers": a capitalised common word opening the
	// sentence before a known name is not part of it.
	if toks[i].initial && j-i > 1 {
		if m, _ := r.longest(toks, i, j); m == i && !r.g.given[toks[i].fold] {
			if m2, e := r.longest(toks, i+1, j); m2 > i+1 && !e.city {
				pos = i + 1
			}
		}
	}
	var labels []string
	titleWhy := ""
	for pos < j {
		// A name with an organization cue is one name: "General Motors",
		// "Niger Army", "Russian Ministry of Defense" after its demonym.
		m, e := r.longest(toks, pos, j)
		// A state body or company named with its nationality is one name
		// ("Russian Defense Ministry", "Russian Ministry of Defense",
		// "American Airlines"): two countries' ministries must stay apart.
		bodyWithNationality := e.demonym && m < j && r.hasCue(toks, m, j, orgCue) && titleRun(toks, m, j) == m
		if m > pos && !bodyWithNationality {
			if e.demonym && m < j || m == j {
				c := r.newCand(text, toks, si, pos, m)
				c.setEntry(e)
				c.labels = labels
				if len(labels) > 0 && e.typ == news.EntityLocation && !e.demonym {
					if e.city {
						// "President Obama": a title makes a town's name a
						// person's.
						c.typ, c.why, c.key, c.weak, c.ambiguous = news.EntityPerson, titleWhy, c.fold, false, false
					} else {
						// "President Niger" is no person; the title is dropped.
						c.labels = nil
					}
				}
				if e.typ == news.EntityOrganization && m == j {
					r.equipment(text, toks, &c) // "Boeing 737"
				}
				cands = append(cands, c)
				pos = m
				labels = nil
				continue
			}
			if e.typ == news.EntityLocation && !r.hasCue(toks, m, j, orgCue) && (titleRun(toks, m, j) > m || r.demonymAt(toks, m, j)) {
				c := r.newCand(text, toks, si, pos, m)
				c.setEntry(e)
				cands = append(cands, c)
				pos = m
				continue
			}
		}
		// "Troy Police Chief Charles Craft": an organization, a title, a
		// person.
		for t := pos + 1; t < j-1; t++ {
			if r.hasCue(toks, pos, t, orgCue) && (titleHead[toks[t].fold] || titleModifier[toks[t].fold]) && !orgCue[toks[t].fold] {
				if k := titleRun(toks, t, j); k > t && k < j && !r.hasCue(toks, k, j, orgCue) {
					cands = r.classify(text, toks, si, i, pos, t, nil, "", cands)
					pos = t
					break
				}
			}
		}
		if !r.hasCue(toks, pos, j, orgCue) {
			if k := titleRun(toks, pos, j); k > pos {
				// "Governor of Alaska Sarah Palin": the title's complement
				// belongs to the title.
				if k < j && (toks[k].fold == "of" || toks[k].fold == "for") {
					k++
					if k < j && toks[k].fold == "the" {
						k++
					}
					if m, _ := r.longest(toks, k, j); m > k {
						k = m
					} else if k < j {
						k++
					}
				}
				if k >= j {
					return cands // a title alone names no one here
				}
				labels = append(labels, text[toks[pos].start:toks[k-1].end])
				titleWhy = "title:" + text[toks[k-1].start:toks[k-1].end]
				pos = k
				continue
			}
		}
		return r.classify(text, toks, si, i, pos, j, labels, titleWhy, cands)
	}
	return cands
}

func (r *Recognizer) hasCue(toks []token, i, j int, cues map[string]bool) bool {
	for _, t := range toks[i:j] {
		if t.cap && cues[t.fold] {
			return true
		}
	}
	return false
}

// anyPlace reports whether a word of toks[a:b] is a known place
// ("Washington Nationals").
func (r *Recognizer) anyPlace(toks []token, a, b int) bool {
	for _, t := range toks[a:b] {
		if e, ok := r.g.names[t.fold]; ok && e.typ == news.EntityLocation && !e.demonym && !e.city {
			return true
		}
	}
	return false
}

func (r *Recognizer) demonymAt(toks []token, i, j int) bool {
	m, e := r.longest(toks, i, j)
	return m > i && e.demonym
}

// classify types the name toks[a:b] after its titles.
func (r *Recognizer) classify(text string, toks []token, si, chunkA, a, b int, labels []string, titleWhy string, cands []cand) []cand {
	c := r.newCand(text, toks, si, a, b)
	c.labels = labels
	c.chunkA = chunkA
	allAdj := true
	for _, t := range toks[a:b] {
		if !adjective[t.fold] {
			allAdj = false
		}
	}
	e, known := r.g.names[c.fold]
	if (!known || e.city) && b-a == 1 && len(labels) == 0 && (isCommonCap(toks[a]) || len(toks[a].fold) == 1) {
		// A cue or title word alone ("Army", "TV", "Minister") names
		// nothing by itself.
		return cands
	}
	switch {
	case known && !(e.ambiguous && len(labels) > 0) && !(e.typ == news.EntityLocation && !e.demonym && len(labels) > 0 && !e.country):
		c.setEntry(e)
		if len(labels) > 0 && e.typ != news.EntityPerson {
			c.labels = nil
		}
	case r.hasCue(toks, a, b, orgCue):
		c.typ, c.why = news.EntityOrganization, "cue:"+cueWord(text, toks, a, b, orgCue)
	case len(labels) > 0:
		c.typ, c.why = news.EntityPerson, titleWhy
	case b-a >= 2 && toks[b-1].cap && !locationCue[toks[b-1].fold] && r.shortNameType(foldRange(toks, a, b)) == news.EntityOrganization:
		// "Kansas City Chiefs": a place and a plural is a team, whatever
		// cue the place holds.
		c.typ, c.why = news.EntityOrganization, "team"
	case b-a >= 2 && r.hasCue(toks, a, b, locationCue):
		c.typ, c.why = news.EntityLocation, "cue:"+cueWord(text, toks, a, b, locationCue)
	case allAdj:
		return cands
	case b-a >= 2 && r.g.given[toks[firstFull(toks, a, b)].fold] && (c.allCapWord || capsLead(toks, a, b)) && !r.anyPlace(toks, a, b):
		c.typ, c.why, c.weak = news.EntityPerson, "given-name", true
	case b-a == 1 && toks[a].upper && !nonEntityCap[toks[a].fold] && len(toks[a].fold) <= 8:
		c.typ, c.why, c.weak = news.EntityOrganization, "acronym", true
	}
	if c.typ == "" || c.weak || c.typ == news.EntityOrganization {
		r.equipment(text, toks, &c)
	}
	return append(cands, c)
}

// isCommonCap reports whether a capitalised word is a cue, a title or a
// common abbreviation rather than a name.
func isCommonCap(t token) bool {
	f := strings.TrimSuffix(t.fold, ".")
	if t.upper {
		return nonEntityCap[f]
	}
	return orgCue[f] || locationCue[f] || titleHead[f] || titleModifier[f] || lowerTitle[f] || equipmentCue[f] || nonEntityCap[f]
}

// cueWord returns the first cue word of toks[a:b] as written.
func cueWord(text string, toks []token, a, b int, cues map[string]bool) string {
	for _, t := range toks[a:b] {
		if t.cap && cues[t.fold] {
			return text[t.start:t.end]
		}
	}
	return ""
}

// modelStop are letter–number names that are not equipment.
var modelStop = wordSet(`covid covid 19 sars cov 2 g 7 g 8 g 20 g7 g8 g20 mh 17 mh 370 cop 28`)

// equipment types c as equipment when it is a model: letters glued to a
// number ("Su-25", "Ilyochin-76") or a name followed by a number
// ("Ilyushin 76"), with an equipment word near it ("plane", "aircraft")
// or, for short makers' codes ("F-16", "S-400"), without.
func (r *Recognizer) equipment(text string, toks []token, c *cand) {
	last := toks[c.b-1]
	end := c.b
	if !last.model {
		if c.b >= len(toks) || toks[c.b].kind != tNumber || len(toks[c.b].fold) > 4 || strings.ContainsAny(toks[c.b].fold, ",.") || toks[c.b].start != last.end+1 {
			return
		}
		end = c.b + 1
	}
	if modelStop[Fold(text[c.start:toks[end-1].end])] {
		return
	}
	why := ""
	for k := max(0, c.a-5); k < min(len(toks), end+3); k++ {
		if (k < c.a || k >= end) && toks[k].kind == tWord && equipmentCue[toks[k].fold] {
			why = "cue:" + text[toks[k].start:toks[k].end]
			break
		}
	}
	if why == "" && last.model && end == c.b {
		letters := strings.IndexAny(last.fold, "0123456789 ")
		if letters > 0 && letters <= 3 && c.b-c.a == 1 {
			why = "model"
		}
	}
	if why == "" {
		return
	}
	c.typ, c.why, c.weak, c.ambiguous = news.EntityEquipment, why, false, false
	c.b = end
	c.end = toks[end-1].end
	c.fold = foldRange(toks, c.a, end)
	c.key = ""
}

// titleCaseChunk takes only known names from a chunk of a headline.
func (r *Recognizer) titleCaseChunk(text string, toks []token, si, i, j int, cands []cand) []cand {
	for pos := i; pos < j; {
		if r.isFunc(toks[pos]) || isCalendar(toks[pos]) {
			pos++
			continue
		}
		m, e := r.longest(toks, pos, j)
		if m == pos {
			m = pos + 1
		}
		c := r.newCand(text, toks, si, pos, m)
		c.titleCase = true
		switch {
		case e.key != "" && !e.ambiguous:
			c.setEntry(e)
		case m-pos == 1 && toks[pos].upper && !nonEntityCap[toks[pos].fold]:
			c.typ, c.why, c.weak = news.EntityOrganization, "acronym", true
		}
		cands = append(cands, c)
		pos = m
	}
	return cands
}
