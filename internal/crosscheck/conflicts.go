package crosscheck

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"unicode"

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

// kindAttribution is the kind of a conflict over who reported a claim.
const kindAttribution = "attribution"

func (s *story) findConflicts() {
	s.unspecifiedConflicts()
	s.tollConflicts()
	s.slotConflicts()
	s.attributionConflicts()
	for i := range s.conflicts {
		s.conflicts[i].ID = fmt.Sprintf("c%d", i+1)
	}
	// A fact whose text carries a disputed value but whose other members
	// state it without that value is written with one of those: the
	// undisputed core is the fact, the dispute is shown as the conflict.
	sides := map[[2]int]bool{}
	for _, c := range s.conflicts {
		if c.Kind == kindAttribution {
			continue // who reported a claim is disputed, not the claim
		}
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
		// onSide reports whether the fact's own sentence from source id
		// is evidence of variant oi: the source states the fact, but with
		// the other value (✓ and ✗ in the matrix).
		onSide := func(m *sentence, oi int) bool {
			for _, e := range c.Variants[oi].Evidence {
				if e.Source == m.src.id && m.start <= e.Start && e.End <= m.end {
					return true
				}
			}
			return false
		}
		for vi, v := range c.Variants {
			for _, e := range v.Evidence {
				for _, f := range s.factsAt(e) {
					f.conflicts = appendNew(f.conflicts, s.conflicts[ci].ID)
					if c.Kind == kindAttribution {
						// The sources disagree on who reported the
						// claim, not on the claim: it stays corroborated.
						continue
					}
					// The fact's own sentence states this side: it is the
					// evidence, a word-for-word copy of it in another source
					// (a wire reprinted), or, aligned with it in this fact,
					// gives the side's amount.
					own := f.rep.src.id == e.Source && f.rep.start <= e.Start && e.End <= f.rep.end
					if !own && f.rep.text != e.Text && (c.Kind != "quantity" || !statesAmount(f.rep, v.Value)) {
						continue // the conflict is about another part of the fact's evidence
					}
					f.disputed = true
					for oi, other := range sides {
						if oi == vi {
							continue
						}
						for _, id := range other {
							if m := f.hasSource(id); m == nil || onSide(m, oi) {
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
	src   *source
	q     news.Quantity
	st    *sentence
	class string // what it counts (amountClass)
	// owner is the entity id of the party the amount belongs to, named in
	// its phrase or before it in its sentence; ownerInside only in its
	// phrase.
	owner, ownerInside string
	places             map[string]bool // other locations named in the sentence
}

// unspecifiedConflicts sets a stated amount against an explicit "not
// specified" anywhere in the story.
func (s *story) unspecifiedConflicts() {
	items := s.quantityItems()
	// 1. A stated amount against an explicit "not specified", anywhere in
	// the story: the same counted noun and unit, and the same owner named
	// inside both phrases ("100 Russian advisers", "Russian instructors,
	// whose number is not specified").
	for _, u := range items {
		if !u.q.Unspecified || u.ownerInside == "" {
			continue
		}
		var stated []qitem
		for _, it := range items {
			if it.q.Value != nil && it.src != u.src && it.class == u.class && it.q.Unit == u.q.Unit && it.ownerInside == u.ownerInside && placesAgree(it, u) {
				stated = append(stated, it)
			}
		}
		if len(stated) == 0 || !allCompatible(stated) {
			continue
		}
		stated = s.alignedAmounts(stated, items)
		c := news.Conflict{Kind: "quantity", About: "number of " + slotNoun(append(stated, u))}
		c.Variants = append(c.Variants, variantOf(stated), variantOf([]qitem{u}))
		s.conflicts = append(s.conflicts, c)
	}
}

// factParts are the values that, in one fact, add up to another value of
// the fact ("23 pirates" in one source, "12 Somali and 11 Yemeni" in
// another): parts are not compared with the whole.
func factParts(groups map[string][]qitem) map[float64]bool {
	var vals []float64
	for _, g := range groups {
		for _, it := range g {
			if !slices.Contains(vals, *it.q.Value) {
				vals = append(vals, *it.q.Value)
			}
		}
	}
	out := map[float64]bool{}
	for i, a := range vals {
		for _, b := range vals[i+1:] {
			if slices.Contains(vals, a+b) {
				out[a], out[b] = true, true
			}
		}
	}
	return out
}

// personsDiffer reports whether the amounts' sentences are about different
// people: "Lawson scored 16 points" and "Ely scored 23 points" count
// different things. An amount's person is the first name before it that is
// a person's or left untyped ("Shy Ely put up 23 points": a name the
// gazetteers do not know), else the first person its sentence names.
func personsDiffer(items []qitem) bool {
	person := ""
	for _, it := range items {
		p := ""
		for _, mi := range it.st.mentions {
			m := it.src.a.Mentions[mi]
			if m.Start < it.q.Start && (m.Type == news.EntityPerson || m.Type == news.EntityOther) {
				p = m.Key
				break
			}
		}
		for _, mi := range it.st.mentions {
			if p != "" {
				break
			}
			if it.src.a.Mentions[mi].Type == news.EntityPerson {
				p = it.src.a.Mentions[mi].Key
			}
		}
		if p == "" {
			continue
		}
		if person != "" && p != person {
			return true
		}
		person = p
	}
	return false
}

// spansDiffer reports whether some amounts count over a span of their own
// and others do not: "arrested three times since October" and "during the
// deciding run, blocked two shots" count part of what "arrested four
// times" and "blocked six shots" count.
func spansDiffer(items []qitem) bool {
	with, without := false, false
	for _, it := range items {
		if spanned(it) {
			with = true
		} else {
			without = true
		}
	}
	return with && without
}

// spanned reports whether an amount's sentence limits it to a span:
// "since" anywhere in it ("three times since October"), or "during" before
// the amount ("During the deciding run, he blocked two shots"; in "12
// were arrested during the raid" the raid is the event itself).
func spanned(it qitem) bool {
	for _, w := range terms.Words(it.st.text) {
		switch strings.ToLower(w.Text) {
		case "since":
			return true
		case "during":
			if it.st.start+w.Start < it.q.Start {
				return true
			}
		}
	}
	return false
}

// sameRole reports whether the sides' amounts play the same part in their
// sentences: the words around them (three before the number, two after
// the counted noun) share a content word — "forced 5,000 people from their
// homes" and "forced 9,000 people from" do, "30 people were killed" and
// "350 people sheltering" do not.
func sameRole(sides [][]qitem) bool {
	roles := make([]map[string]bool, len(sides))
	for i, sd := range sides {
		roles[i] = map[string]bool{}
		for _, it := range sd {
			for t := range roleWords(it) {
				roles[i][t] = true
			}
		}
	}
	for i := range roles {
		for j := i + 1; j < len(roles); j++ {
			shared := false
			for t := range roles[i] {
				if roles[j][t] {
					shared = true
				}
			}
			if !shared {
				return false
			}
		}
	}
	return true
}

// roleWords are the content words around an amount: three before the
// number and two after the counted noun, not counting the weak words
// between (auxiliaries, articles), so that "45 ships had been waiting"
// and "40 ships had waited" share "wait". A weak word still takes room in
// a wider window, so the words are never far from the amount.
func roleWords(it qitem) map[string]bool {
	const (
		before, after = 3, 2
		reach         = 3 // weak words skipped at most, on each side
	)
	out := map[string]bool{}
	text := it.src.text
	words := terms.Words(text[it.st.start:it.q.Start])
	for i, n := len(words)-1, 0; i >= 0 && i >= len(words)-before-reach && n < before; i-- {
		if t := normTerm(words[i].Text); t != "" {
			out[t] = true
			n++
		}
	}
	words = terms.Words(text[it.q.End:it.st.end])
	for i, n := 0, 0; i < len(words) && i < after+reach && n < after; i++ {
		if t := normTerm(words[i].Text); t != "" {
			out[t] = true
			n++
		}
	}
	return out
}

// quantityItems are the story's amounts that can be compared: with a
// counted noun, a value or an explicit "not specified", and not a part of
// a total stated beside it ("23 pirates, 12 Somali and 11 Yemeni": 12 and
// 11 are parts).
func (s *story) quantityItems() []qitem {
	var out []qitem
	for _, src := range s.srcs {
		for _, st := range s.bySource[src.idx] {
			parts := partsOfTotals(src.a.Quantities, st.quants)
			for _, qi := range st.quants {
				q := src.a.Quantities[qi]
				class := amountClass(q.Noun)
				if class == "" || q.Value == nil && !q.Unspecified || parts[qi] || partialNoun(q.Noun) {
					continue
				}
				out = append(out, qitem{src: src, q: q, st: st, class: class, owner: s.quantityOwner(src, st, q),
					ownerInside: s.ownerInside(src, st, q), places: s.places(src, st, "")})
			}
		}
	}
	return out
}

// partsOfTotals marks the amounts of a sentence that add up to another
// amount of it.
func partsOfTotals(qs []news.Quantity, idx []int) map[int]bool {
	out := map[int]bool{}
	for _, a := range idx {
		for _, b := range idx {
			if a >= b || qs[a].Value == nil || qs[b].Value == nil {
				continue
			}
			for _, t := range idx {
				if t != a && t != b && qs[t].Value != nil && *qs[a].Value+*qs[b].Value == *qs[t].Value {
					out[a], out[b] = true, true
				}
			}
		}
	}
	return out
}

// partialNoun reports whether a counted noun names a part or an
// increment ("three other rifles", "200 more troops", "additional
// forces"): such an amount is not the whole the others count.
func partialNoun(noun string) bool {
	for _, w := range terms.Words(noun) {
		switch strings.ToLower(w.Text) {
		case "other", "more", "additional", "further", "remaining", "another", "extra", "new":
			return true
		}
	}
	return false
}

// amountClass is what an amount counts: the class of the counted noun's
// head, with the model names and numbers of the phrase ("AK-47 assault
// rifles" is not "rifles").
func amountClass(noun string) string {
	class := nounClass(noun)
	if class == "" {
		return ""
	}
	for _, w := range terms.Words(noun) {
		if strings.IndexFunc(w.Text, unicode.IsDigit) >= 0 {
			class += "|" + terms.Fold(w.Text)
		}
	}
	return class
}

// ownerInside is the country or demonym named inside the amount's own
// phrase ("100 Russian advisers"), or "".
func (s *story) ownerInside(src *source, st *sentence, q news.Quantity) string {
	for _, mi := range st.mentions {
		m := src.a.Mentions[mi]
		if m.Type != news.EntityLocation || !(m.Demonym || isCountry(m)) || m.Start < q.Start || m.End > q.End {
			continue
		}
		if e := s.ents.entityOf(src.idx, mi); e != nil {
			return e.id
		}
	}
	return ""
}

// alignedAmounts adds to a side the compatible amounts of the same noun
// that sentences aligned with its members state.
func (s *story) alignedAmounts(side, items []qitem) []qitem {
	out := slices.Clone(side)
	for _, it := range items {
		if it.q.Value == nil || slices.ContainsFunc(out, func(x qitem) bool { return x.st == it.st }) {
			continue
		}
		for _, x := range side {
			if it.class == x.class && it.q.Unit == x.q.Unit && compatible(it, x) && shareFact(it.st, x.st) {
				out = append(out, it)
				break
			}
		}
	}
	return out
}

func shareFact(a, b *sentence) bool {
	for _, f := range a.facts {
		if slices.Contains(f.members, b) {
			return true
		}
	}
	return false
}

// statesAmount reports whether a sentence gives an amount written as a
// quantity conflict writes its value ("5", "about 100").
func statesAmount(st *sentence, value string) bool {
	for _, qi := range st.quants {
		q := st.src.a.Quantities[qi]
		if q.Value != nil && quantityValue([]qitem{{q: q}}) == value {
			return true
		}
	}
	return false
}

func allCompatible(items []qitem) bool {
	for i, a := range items {
		for _, b := range items[i+1:] {
			if !compatible(a, b) {
				return false
			}
		}
	}
	return true
}

// compatibleSides groups amounts into sides of values that overlap.
func compatibleSides(items []qitem) [][]qitem {
	var sides [][]qitem
	for _, it := range items {
		placed := false
		for i, sd := range sides {
			if compatible(sd[0], it) {
				sides[i] = append(sides[i], it)
				placed = true
				break
			}
		}
		if !placed {
			sides = append(sides, []qitem{it})
		}
	}
	return sides
}

// closeSides reports whether every pair of sides has two sentences that
// are close paraphrases.
func closeSides(sides [][]qitem, w map[string]float64) bool {
	for i, a := range sides {
		for _, b := range sides[i+1:] {
			close := false
			for _, x := range a {
				for _, y := range b {
					// the amounts differ by definition: compare the rest
					if x.src != y.src && similarityExcept(x.st, y.st, w, "Q:") >= strongSimilarity {
						close = true
					}
				}
			}
			if !close {
				return false
			}
		}
	}
	return true
}

// distinctSources: no source is on two sides (it would disagree with
// itself: the slot is ambiguous).
func distinctSources(sides [][]qitem) bool {
	seen := map[*source]int{}
	for i, sd := range sides {
		for _, it := range sd {
			if j, ok := seen[it.src]; ok && j != i {
				return false
			}
			seen[it.src] = i
		}
	}
	return true
}

func variantOf(items []qitem) news.Variant {
	v := news.Variant{Value: quantityValue(items)}
	for _, it := range items {
		v.Evidence = appendEvidence(v.Evidence, it.src.evidence(it.st.start, it.st.end))
	}
	return v
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
func isCountry(m news.Mention) bool { return m.Place == news.PlaceCountry }

// places are the countries and cities a sentence names, other than the
// owner (regions such as "the Sahel" are too wide to tell places apart).
func (s *story) places(src *source, st *sentence, owner string) map[string]bool {
	out := map[string]bool{}
	for _, mi := range st.mentions {
		m := src.a.Mentions[mi]
		if m.Type != news.EntityLocation || m.Demonym || m.Place == news.PlaceRegion {
			continue
		}
		if e := s.ents.entityOf(src.idx, mi); e != nil && e.id != owner {
			out[e.id] = true
		}
	}
	return out
}

// compatible reports whether two amounts can both be true.
func compatible(a, b any) bool {
	qa, qb := asQuantity(a), asQuantity(b)
	if qa.Unspecified || qb.Unspecified {
		return qa.Unspecified == qb.Unspecified
	}
	if (qa.Against == nil) != (qb.Against == nil) || qa.Against != nil && *qa.Against != *qb.Against {
		return false // tallies agree only on both numbers
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
			return formatAmount(it.q)
		}
	}
	v := formatAmount(q)
	if q.Qualifier != "" {
		v = q.Qualifier + " " + v
	}
	return v
}

// formatAmount writes an amount's value and unit: "40", "38%", "5 km",
// a tally as "97-1".
func formatAmount(q news.Quantity) string {
	s := strconv.FormatFloat(*q.Value, 'f', -1, 64)
	switch {
	case q.Against != nil:
		return s + "-" + strconv.FormatFloat(*q.Against, 'f', -1, 64)
	case q.Unit == "":
		return s
	case q.Unit == "%":
		return s + "%"
	}
	return s + " " + q.Unit
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
				// "officials said on Monday" dates the report, not the event.
				if r.Resolved && !r.Inferred && (r.Granularity == news.GranularityDay || r.Granularity == news.GranularityMonth) && !reportDate(m.src.text, r) {
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
		c := news.Conflict{Kind: kindAttribution, About: "who reported it: " + shorten(f.rep.text, 80)}
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
	ws := st.ws
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
			ws := st.ws
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
