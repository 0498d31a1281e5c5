package crosscheck

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// Conflicts compare typed values with their semantics. Two values conflict
// only when they cannot both be true: intervals that overlap ("about 100"
// and "100", "more than $100 million" and "about $100 million", "March 26"
// and "the end of March") agree. A stated amount against an explicit "not
// specified" is a gap worth showing, with the value "unspecified". Values
// are compared only when they are about the same thing — the same counted
// noun, owned by the same party, in the same place, or the same fact — and
// a source that gives two different values for one slot makes the slot
// ambiguous, so nothing is reported for it. Precision comes first: a false
// conflict costs more trust than a missed one.

func (s *story) findConflicts() {
	s.quantityConflicts()
	s.dateConflicts()
	s.attributionConflicts()
	for i := range s.conflicts {
		s.conflicts[i].ID = fmt.Sprintf("c%d", i+1)
	}
	// A fact whose text carries a disputed value but whose other members
	// state it without that value is written with one of those: the
	// undisputed core is the fact, the dispute is shown as the conflict.
	sides := map[[2]int]bool{}
	for _, c := range s.conflicts {
		for _, v := range c.Variants {
			for _, e := range v.Evidence {
				sides[[2]int{s.sourceIndex(e.Source), e.Start}] = true
			}
		}
	}
	isSide := func(m *sentence) bool { return sides[[2]int{m.src.idx, m.start}] }
	w := s.weights()
	for _, f := range s.facts {
		if !isSide(f.rep) {
			continue
		}
		var others []*sentence
		for _, m := range f.members {
			if !isSide(m) && !m.src.mt && standsAlone(m.text) {
				others = append(others, m)
			}
		}
		if len(others) > 0 {
			f.rep = representative(&fact{members: others}, func(a, b *sentence) float64 { return similarity(a, b, w) })
		}
	}
	// Link facts to the conflicts they are a side of.
	for ci, c := range s.conflicts {
		var sides [][]string
		for _, v := range c.Variants {
			var ids []string
			for _, e := range v.Evidence {
				ids = appendNew(ids, e.Source)
			}
			sides = append(sides, ids)
		}
		for vi, v := range c.Variants {
			for _, e := range v.Evidence {
				for _, f := range s.factsAt(e) {
					f.conflicts = appendNew(f.conflicts, s.conflicts[ci].ID)
					if f.rep.src.id != e.Source || f.rep.start > e.Start || e.End > f.rep.end {
						continue // the conflict is about another part of the fact's evidence
					}
					f.disputed = true
					for oi, other := range sides {
						if oi == vi {
							continue
						}
						for _, id := range other {
							if f.hasSource(id) == nil {
								f.contradicted = appendNew(f.contradicted, id)
							}
						}
					}
				}
			}
		}
	}
}

func (s *story) sourceIndex(id string) int {
	for _, src := range s.srcs {
		if src.id == id {
			return src.idx
		}
	}
	return -1
}

// factsAt returns the facts whose evidence includes the sentence of e.
func (s *story) factsAt(e news.Evidence) []*fact {
	var out []*fact
	for _, src := range s.srcs {
		if src.id != e.Source {
			continue
		}
		for _, st := range s.bySource[src.idx] {
			if st.start <= e.Start && e.End <= st.end {
				out = append(out, st.facts...)
			}
		}
	}
	return out
}

func (f *fact) hasSource(id string) *sentence {
	for _, m := range f.members {
		if m.src.id == id {
			return m
		}
	}
	return nil
}

// qitem is one stated quantity under comparison.
type qitem struct {
	src    *source
	q      news.Quantity
	st     *sentence
	owner  string          // entity id of the party the amount belongs to
	places map[string]bool // other locations named in the sentence
}

func (s *story) quantityConflicts() {
	slots := map[string][]qitem{}
	var order []string
	for _, src := range s.srcs {
		for _, st := range s.bySource[src.idx] {
			for _, qi := range st.quants {
				q := src.a.Quantities[qi]
				class := nounClass(q.Noun)
				if class == "" || q.Value == nil && !q.Unspecified {
					continue
				}
				owner := s.quantityOwner(src, st, q)
				if owner == "" {
					continue
				}
				key := class + "|" + owner + "|" + q.Unit
				if slots[key] == nil {
					order = append(order, key)
				}
				slots[key] = append(slots[key], qitem{src: src, q: q, st: st, owner: owner, places: s.places(src, st, owner)})
			}
		}
	}
	for _, key := range order {
		items := slots[key]
		if c, ok := s.quantityConflict(items); ok {
			s.conflicts = append(s.conflicts, c)
		}
	}
	// Inside a fact, the sources speak of the same thing: amounts of the
	// same noun are compared even when no owner is named, as long as the
	// owners named do not differ.
	for _, f := range s.facts {
		if len(f.members) < 2 {
			continue
		}
		groups := map[string][]qitem{}
		var keys []string
		for _, m := range f.members {
			for _, qi := range m.quants {
				q := m.src.a.Quantities[qi]
				class := nounClass(q.Noun)
				if class == "" || q.Value == nil && !q.Unspecified {
					continue
				}
				key := class + "|" + q.Unit
				if groups[key] == nil {
					keys = append(keys, key)
				}
				groups[key] = append(groups[key], qitem{src: m.src, q: q, st: m, owner: s.quantityOwner(m.src, m, q), places: s.places(m.src, m, "")})
			}
		}
		for _, key := range keys {
			items := groups[key]
			if ownersDiffer(items) || s.reported(items) {
				continue
			}
			if c, ok := s.quantityConflict(items); ok {
				s.conflicts = append(s.conflicts, c)
			}
		}
	}
}

// ownersDiffer reports whether two amounts name different owners.
func ownersDiffer(items []qitem) bool {
	owner := ""
	for _, it := range items {
		if it.owner == "" {
			continue
		}
		if owner != "" && it.owner != owner {
			return true
		}
		owner = it.owner
	}
	return false
}

// reported reports whether a conflict already shows these amounts.
func (s *story) reported(items []qitem) bool {
	for _, c := range s.conflicts {
		n := 0
		for _, it := range items {
			for _, v := range c.Variants {
				for _, e := range v.Evidence {
					if e.Source == it.src.id && e.Start == it.st.start {
						n++
					}
				}
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// quantityOwner is the party an amount belongs to: a country or demonym
// inside the amount's phrase ("100 Russian advisers", "U.S. troops"), or
// else the first country named before it in its sentence ("Russia has sent
// ... 100 military trainers").
func (s *story) quantityOwner(src *source, st *sentence, q news.Quantity) string {
	end := q.End
	if !strings.Contains(q.Text, q.Noun) {
		end += len(q.Noun) + 1 // the noun follows the amount's span
	}
	var before string
	for _, mi := range st.mentions {
		m := src.a.Mentions[mi]
		if m.Type != news.EntityLocation {
			continue
		}
		e := s.ents.entityOf(src.idx, mi)
		if e == nil {
			continue
		}
		if m.Start >= q.Start && m.End <= end {
			return e.id
		}
		if m.End <= q.Start && before == "" && (m.Demonym || isCountry(m)) {
			before = e.id
		}
	}
	return before
}

// isCountry: a location typed by the country gazetteer.
func isCountry(m news.Mention) bool { return strings.Contains(m.Why, "country") }

// places are the countries and cities a sentence names, other than the
// owner (regions such as "the Sahel" are too wide to tell places apart).
func (s *story) places(src *source, st *sentence, owner string) map[string]bool {
	out := map[string]bool{}
	for _, mi := range st.mentions {
		m := src.a.Mentions[mi]
		if m.Type != news.EntityLocation || m.Demonym || strings.Contains(m.Why, "region") {
			continue
		}
		if e := s.ents.entityOf(src.idx, mi); e != nil && e.id != owner {
			out[e.id] = true
		}
	}
	return out
}

func (s *story) quantityConflict(items []qitem) (news.Conflict, bool) {
	sources := map[string]bool{}
	for _, it := range items {
		sources[it.src.id] = true
	}
	if len(sources) < 2 {
		return news.Conflict{}, false
	}
	// A source with two different values for the slot makes it ambiguous.
	for i, a := range items {
		for _, b := range items[i+1:] {
			if a.src == b.src && !compatible(a.q, b.q) {
				return news.Conflict{}, false
			}
		}
	}
	// Group the values into sides: values that overlap are one side.
	type side struct {
		items []qitem
	}
	var sides []*side
	for _, it := range items {
		placed := false
		for _, sd := range sides {
			if compatible(sd.items[0], it) && placesAgree(sd.items[0], it) {
				sd.items = append(sd.items, it)
				placed = true
				break
			}
		}
		if !placed {
			sides = append(sides, &side{items: []qitem{it}})
		}
	}
	if len(sides) < 2 {
		return news.Conflict{}, false
	}
	// Every pair of sides must be comparable: same place where both say.
	for i, a := range sides {
		for _, b := range sides[i+1:] {
			if !placesAgree(a.items[0], b.items[0]) {
				return news.Conflict{}, false
			}
		}
	}
	c := news.Conflict{Kind: "quantity", About: "number of " + slotNoun(items)}
	for _, sd := range sides {
		v := news.Variant{Value: quantityValue(sd.items)}
		for _, it := range sd.items {
			v.Evidence = appendEvidence(v.Evidence, it.src.evidence(it.st.start, it.st.end))
		}
		c.Variants = append(c.Variants, v)
	}
	// Sides from one source only disagree with themselves: not a conflict.
	srcSides := map[string]int{}
	for _, v := range c.Variants {
		for _, e := range v.Evidence {
			srcSides[e.Source]++
		}
	}
	distinct := 0
	for _, v := range c.Variants {
		own := false
		for _, e := range v.Evidence {
			if srcSides[e.Source] == 1 {
				own = true
			}
		}
		if own {
			distinct++
		}
	}
	return c, distinct >= 2
}

// compatible reports whether two amounts can both be true.
func compatible(a, b any) bool {
	qa, qb := asQuantity(a), asQuantity(b)
	if qa.Unspecified || qb.Unspecified {
		return qa.Unspecified == qb.Unspecified
	}
	la, ha := bounds(qa)
	lb, hb := bounds(qb)
	return la <= hb && lb <= ha
}

func asQuantity(x any) news.Quantity {
	switch v := x.(type) {
	case news.Quantity:
		return v
	case qitem:
		return v.q
	}
	return news.Quantity{}
}

// bounds is the interval an amount allows: [Low, High] with open sides
// infinite; an amount stated without qualifier and without bounds is
// exact.
func bounds(q news.Quantity) (float64, float64) {
	if q.Low == nil && q.High == nil && q.Qualifier == "" {
		return *q.Value, *q.Value
	}
	lo, hi := math.Inf(-1), math.Inf(1)
	if q.Low != nil {
		lo = *q.Low
	}
	if q.High != nil {
		hi = *q.High
	}
	return lo, hi
}

// placesAgree: two amounts are about the same place unless both sentences
// name places and none is shared.
func placesAgree(a, b qitem) bool {
	if len(a.places) == 0 || len(b.places) == 0 {
		return true
	}
	for p := range a.places {
		if b.places[p] {
			return true
		}
	}
	return false
}

// slotNoun names what is counted, from the stated amounts' nouns.
func slotNoun(items []qitem) string {
	count := map[string]int{}
	best := ""
	for _, it := range items {
		n := strings.TrimSpace(it.q.Noun)
		if n == "" {
			continue
		}
		count[n]++
		if count[n] > count[best] || count[n] == count[best] && len(n) > len(best) {
			best = n
		}
	}
	if best == "" {
		return "items"
	}
	return best
}

// quantityValue is a side's normalised value: "unspecified", the exact
// value most of its sources state, or the qualified value.
func quantityValue(items []qitem) string {
	q := items[0].q
	if q.Unspecified {
		return "unspecified"
	}
	for _, it := range items {
		if it.q.Qualifier == "" && it.q.Value != nil {
			return formatAmount(*it.q.Value, it.q.Unit)
		}
	}
	v := formatAmount(*q.Value, q.Unit)
	if q.Qualifier != "" {
		v = q.Qualifier + " " + v
	}
	return v
}

func formatAmount(v float64, unit string) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	switch unit {
	case "":
		return s
	case "%":
		return s + "%"
	}
	return s + " " + unit
}

func appendEvidence(evs []news.Evidence, e news.Evidence) []news.Evidence {
	for _, x := range evs {
		if x == e {
			return evs
		}
	}
	return append(evs, e)
}

// dateConflicts compares, inside each fact of two sources or more, the one
// date each member gives, when every member gives exactly one at day or
// month precision that the source states itself (not inferred), and only
// between members that are close paraphrases (strongSimilarity): a loose
// alignment of two sentences is no ground to say their dates disagree.
func (s *story) dateConflicts() {
	w := s.weights()
	for _, f := range s.facts {
		if len(f.members) < 2 {
			continue
		}
		type dated struct {
			st *sentence
			r  news.TimeRef
		}
		var ds []dated
		for _, m := range f.members {
			var one []news.TimeRef
			for _, di := range m.dates {
				r := s.dates[m.src.idx][di]
				if r.Resolved && !r.Inferred && (r.Granularity == news.GranularityDay || r.Granularity == news.GranularityMonth) {
					one = append(one, r)
				}
			}
			if len(one) != 1 {
				ds = nil
				break
			}
			ds = append(ds, dated{m, one[0]})
		}
		if len(ds) < 2 {
			continue
		}
		var sides [][]dated
		for _, d := range ds {
			placed := false
			for i, sd := range sides {
				if overlaps(sd[0].r, d.r) {
					sides[i] = append(sides[i], d)
					placed = true
					break
				}
			}
			if !placed {
				sides = append(sides, []dated{d})
			}
		}
		if len(sides) < 2 || !closeAcross(sides[0][0].st, sides[1][0].st, w) {
			continue
		}
		c := news.Conflict{Kind: "date", About: "date of: " + shorten(f.rep.text, 80)}
		for _, sd := range sides {
			v := news.Variant{Value: sd[0].r.Value}
			for _, d := range sd {
				v.Evidence = appendEvidence(v.Evidence, d.st.src.evidence(d.st.start, d.st.end))
			}
			c.Variants = append(c.Variants, v)
		}
		s.conflicts = append(s.conflicts, c)
	}
}

// strongSimilarity is the similarity from which two sentences are close
// paraphrases.
const strongSimilarity = 0.5

func closeAcross(a, b *sentence, w map[string]float64) bool {
	return similarity(a, b, w) >= strongSimilarity
}

func overlaps(a, b news.TimeRef) bool {
	return a.From.Before(b.Until) && b.From.Before(a.Until)
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}

// Attribution. Who reported a fact is compared through the country of the
// medium that reported it: "Russian state television announced" against
// "Niger state television RTN said". A medium is a media noun
// (television, broadcaster, radio, channel, agency, newspaper) or a named
// organisation that the story elsewhere calls one ("RTN" after "Niger state
// television RTN"); its country is the country or demonym in its phrase.

var mediaNouns = map[string]bool{"television": true, "tv": true, "broadcaster": true, "radio": true, "channel": true, "agency": true, "newspaper": true, "daily": true, "media": true, "outlet": true}

var reportingVerbs = map[string]bool{"said": true, "says": true, "reported": true, "reports": true, "announced": true, "announces": true,
	"showed": true, "shows": true, "broadcast": true, "aired": true, "quoted": true, "told": true, "according": true, "stated": true, "confirmed": true}

// reporter is the medium a sentence cites and its country.
type reporter struct {
	country string // entity id
	phrase  string
	start   int
	end     int
}

func (s *story) attributionConflicts() {
	mediaCountry, mediaPhrase := s.mediaCountries()
	for _, f := range s.facts {
		if len(f.members) < 2 {
			continue
		}
		sides := map[string][]*sentence{}
		phrase := map[string]string{}
		var order []string
		for _, m := range f.members {
			r, ok := s.reporterOf(m, mediaCountry, mediaPhrase)
			if !ok {
				continue
			}
			if sides[r.country] == nil {
				order = append(order, r.country)
				phrase[r.country] = r.phrase
			}
			sides[r.country] = append(sides[r.country], m)
		}
		if len(order) < 2 {
			continue
		}
		c := news.Conflict{Kind: "attribution", About: "which country's media reported it: " + shorten(f.rep.text, 80)}
		sort.SliceStable(order, func(i, j int) bool { return len(sides[order[i]]) > len(sides[order[j]]) })
		for _, country := range order {
			v := news.Variant{Value: phrase[country]}
			for _, m := range sides[country] {
				v.Evidence = appendEvidence(v.Evidence, m.src.evidence(m.start, m.end))
			}
			c.Variants = append(c.Variants, v)
		}
		s.conflicts = append(s.conflicts, c)
	}
}

// reporterOf finds the medium a sentence says reported it: a phrase with a
// media noun or a named medium, next to a reporting verb.
func (s *story) reporterOf(st *sentence, mediaCountry, mediaPhrase map[string]string) (reporter, bool) {
	ws := terms.Words(st.text)
	verb := false
	for _, w := range ws {
		if reportingVerbs[strings.ToLower(w.Text)] {
			verb = true
		}
	}
	if !verb {
		return reporter{}, false
	}
	src := st.src
	for i, w := range ws {
		if !mediaNouns[strings.ToLower(w.Text)] {
			continue
		}
		// The phrase: up to four words before the media noun.
		from := max(0, i-4)
		pStart, pEnd := st.start+ws[from].Start, st.start+w.End
		for _, mi := range st.mentions {
			m := src.a.Mentions[mi]
			if m.Start >= pStart && m.End <= pEnd && m.Type == news.EntityLocation && (m.Demonym || isCountry(m)) {
				if e := s.ents.entityOf(src.idx, mi); e != nil {
					start := m.Start
					return reporter{country: e.id, phrase: src.text[start:pEnd], start: start, end: pEnd}, true
				}
			}
		}
	}
	// A named medium whose country the story states elsewhere.
	for _, mi := range st.mentions {
		m := src.a.Mentions[mi]
		e := s.ents.entityOf(src.idx, mi)
		if e == nil || m.Type != news.EntityOrganization {
			continue
		}
		if c, ok := mediaCountry[e.id]; ok {
			return reporter{country: c, phrase: mediaPhrase[e.id], start: m.Start, end: m.End}, true
		}
	}
	return reporter{}, false
}

// mediaCountries maps named media (organisations written right after a
// media phrase with a country: "Niger state television RTN") to the
// country, when every source that says so agrees, and to that phrase.
func (s *story) mediaCountries() (map[string]string, map[string]string) {
	out := map[string]string{}
	phrases := map[string]string{}
	clash := map[string]bool{}
	for _, src := range s.srcs {
		for _, st := range s.bySource[src.idx] {
			ws := terms.Words(st.text)
			for i, w := range ws {
				if !mediaNouns[strings.ToLower(w.Text)] || i+1 >= len(ws) {
					continue
				}
				next := st.start + ws[i+1].Start
				from := st.start + ws[max(0, i-4)].Start
				var country, medium string
				var cStart, mEnd int
				for _, mi := range st.mentions {
					m := src.a.Mentions[mi]
					e := s.ents.entityOf(src.idx, mi)
					if e == nil {
						continue
					}
					if m.Type == news.EntityLocation && (m.Demonym || isCountry(m)) && m.Start >= from && m.End <= st.start+w.End {
						country, cStart = e.id, m.Start
					}
					if m.Type == news.EntityOrganization && m.Start == next {
						medium, mEnd = e.id, m.End
					}
				}
				if country == "" || medium == "" {
					continue
				}
				if prev, ok := out[medium]; ok && prev != country {
					clash[medium] = true
				}
				out[medium] = country
				if _, ok := phrases[medium]; !ok {
					phrases[medium] = src.text[cStart:mEnd]
				}
			}
		}
	}
	for m := range clash {
		delete(out, m)
	}
	return out, phrases
}
