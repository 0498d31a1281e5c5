package crosscheck

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/adrg/strutil"
	"github.com/adrg/strutil/metrics"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// Slots. A value a sentence states — an amount, a year, a day, a weekday,
// a month, a person's name — fills a slot of what it reports: "captured 28
// pirates" fills the count of pirates captured, "died Saturday, July 24"
// the day of the death, "Ann Perez won" who won. Two sentences that report
// one happening (they share a fact or a happening, or their claims are
// close) fill the same slot when the words around their values say the
// same (the context: the predicates, participants and names within a few
// words, compared through the story's word classes). Values of one slot
// are then compared with their semantics; values that cannot both be true
// are a conflict, with every side and its sentences. A source that gives
// two values for one slot makes the slot ambiguous: nothing is reported.

// slotKinds, in the order conflicts are reported.
const (
	slotNumber  = "number"
	slotYear    = "year"
	slotMonth   = "month"
	slotDay     = "day"
	slotWeekday = "weekday"
	slotName    = "name"
)

// slotValue is one value of one sentence.
type slotValue struct {
	st         *sentence
	kind       string
	start, end int // span of the value in the source's text
	text       string
	q          news.Quantity // a number
	r          news.TimeRef  // a date
	month, day int           // a date's month and day when its text states them
	weekday    string
	entity     string // a name: its entity id
	ent        *entity
	given      []string // a name: its words before the surname, folded
	surname    string   // a name: its last word, folded
	ctx        []int32
	// preds are the predicates of the value's context; owner the entity
	// or noun right before a number ("Ortiz, 35"; -1 none).
	preds []int32
	owner int32
	// age marks a person's age ("Ortiz, 35", "a 33-year-old"): it belongs to
	// the person, not to what happened.
	age bool
	// near is the predicate nearest the value (-1 none); total marks an
	// amount counted over several occasions ("a total of", "so far").
	near  int32
	total bool
	// person is the person entity nearest the value in its context (-1
	// none); rank the value's place among the values of its kind and unit
	// in its sentence, of n.
	person  int32
	rank, n int
	// dated is, for a date, the predicate nearest it in its sentence.
	dated int32
	// ref is, for a distance, the first name after it: the place it is
	// measured from ("a mile north of The Geysers"; -1 none).
	ref int32
	// class is a number's counted thing (amountClass); spanned marks a
	// number counted over a span of its own ("since October").
	class   string
	spanned bool
}

// contextReach is how far around a value, in bytes, its context is read:
// about six words on each side.
const contextReach = 48

// Two values fill one slot when the other matches slotContextMin of the
// smaller context, and at least two of its words, and their sentences are
// close paraphrases (claim similarity slotSimilarity). Precision comes
// first: on ECB+, looser settings found more of the injected changes but
// reported several times more conflicts that are not (see the closing note
// of issue 12).
const (
	slotContextMin      = 0.7
	slotContextMinWords = 2
	slotSimilarity      = 0.65
)

var monthDayRE = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b`)

var monthIndex = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// slotValues lists the values of every sentence of the story.
func (s *story) slotValues() []*slotValue {
	var out []*slotValue
	for _, st := range s.sents {
		a := st.src.a
		parts := partsOfTotals(a.Quantities, st.quants)
		for _, qi := range st.quants {
			q := a.Quantities[qi]
			if q.Value == nil || q.Unspecified || parts[qi] || partialNoun(q.Noun) {
				continue
			}
			start, end := q.Start, q.End
			if q.Noun != "" && strings.HasSuffix(q.Text, q.Noun) {
				end -= len(q.Noun) // the number, not the counted noun: the noun is context
			}
			out = append(out, &slotValue{st: st, kind: slotNumber, start: start, end: end, text: q.Text, q: q})
		}
		for _, di := range st.dates {
			r := s.dates[st.src.idx][di]
			if reportDate(st.src.text, r) {
				continue // "said on Monday" dates the report
			}
			if rangeEnd(st.src.text[st.start:r.Start]) {
				continue // "between May 1, 2005, and Dec. 8, 2006" bounds a span, not a happening
			}
			v := &slotValue{st: st, start: r.Start, end: r.End, text: r.Text, r: r}
			if m := monthDayRE.FindStringSubmatch(r.Text); m != nil {
				if m[1] != "" {
					v.month, v.day = monthIndex[strings.ToLower(m[1][:3])], atoi(m[2])
				} else {
					v.month, v.day = monthIndex[strings.ToLower(m[4][:3])], atoi(m[3])
				}
			}
			v.weekday = weekdayIn(r.Text)
			switch {
			case r.Granularity == news.GranularityYear && r.Resolved:
				v.kind = slotYear
			case r.Granularity == news.GranularityMonth && r.Resolved:
				v.kind = slotMonth
			case r.Granularity == news.GranularityDay && (v.day > 0 || r.Resolved && v.weekday == ""):
				v.kind = slotDay
			case r.Granularity == news.GranularityDay && v.weekday != "":
				v.kind = slotWeekday
			default:
				continue
			}
			out = append(out, v)
		}
		for _, mi := range st.mentions {
			m := a.Mentions[mi]
			ws := strings.Fields(normKey(m.Text))
			for len(ws) > 2 && generational[ws[len(ws)-1]] {
				ws = ws[:len(ws)-1] // "Hugh W. Sloan Jr.": the surname is Sloan
			}
			e := s.ents.entityOf(st.src.idx, mi)
			// A person's full name: the mention may be typed otherwise
			// where its entity, read across the story, is a person.
			// An initial is no surname ("Hugh W. Sloan" cut at "W.").
			if e == nil || len(ws) < 2 || len(ws[len(ws)-1]) < 2 || m.Type != news.EntityPerson && e.typ != news.EntityPerson {
				continue
			}
			out = append(out, &slotValue{st: st, kind: slotName, start: m.Start, end: m.End, text: m.Text, entity: e.id, ent: e, given: ws[:len(ws)-1], surname: ws[len(ws)-1]})
		}
	}
	for _, v := range out {
		for _, o := range out {
			if o.st == v.st && o.kind == v.kind && o.q.Unit == v.q.Unit {
				v.n++
				if o.start < v.start {
					v.rank++
				}
			}
		}
		v.ctx = s.valueContext(v)
		v.owner = s.valueOwner(v)
		for _, f := range v.ctx {
			if s.claimIDs.names[f][0] == 'p' {
				v.preds = append(v.preds, f)
			}
		}
		if isDate(v.kind) {
			// A date dates what its sentence reports, often from afar
			// ("a church was devastated by fire, ... on Friday night").
			v.preds = v.st.claims.pred
			v.dated = s.nearestIn(v, len(v.st.text), func(f int32) bool { return s.claimIDs.names[f][0] == 'p' })
		}
		v.age = v.kind == slotNumber && strings.Contains(v.q.Qualifier, "age")
		v.near = s.nearestPredicate(v)
		v.person = s.nearestPerson(v)
		v.total = v.kind == slotNumber && cumulative(v)
		v.ref = -1
		if v.kind == slotNumber && lengthUnits[v.q.Unit] {
			v.ref = s.nameAfter(v)
		}
		if v.kind == slotNumber {
			v.class = amountClass(v.q.Noun)
			v.spanned = spanned(qitem{q: v.q, st: v.st})
		}
	}
	return out
}

// nearestPredicate is the predicate nearest a value in its sentence, -1
// when none is within contextReach.
func (s *story) nearestPredicate(v *slotValue) int32 {
	return s.nearest(v, func(f int32) bool { return s.claimIDs.names[f][0] == 'p' })
}

// nearestPerson is the person named nearest a value within its context,
// -1 when none.
func (s *story) nearestPerson(v *slotValue) int32 {
	return s.nearest(v, func(f int32) bool { return s.claimIDs.person[f] })
}

// nearest is the claim feature nearest a value, before or after it within
// contextReach, of those keep takes; -1 when none.
func (s *story) nearest(v *slotValue, keep func(int32) bool) int32 {
	return s.nearestIn(v, contextReach, keep)
}

// nearestIn is nearest within reach bytes.
func (s *story) nearestIn(v *slotValue, reach int, keep func(int32) bool) int32 {
	vs, ve := v.start-v.st.start, v.end-v.st.start
	best, bestD := int32(-1), reach+1
	for _, c := range v.st.claims.at {
		if !keep(c.id) {
			continue
		}
		d := vs - c.end
		if c.start >= ve {
			d = c.start - ve
		}
		if d >= 0 && d < bestD {
			best, bestD = c.id, d
		}
	}
	return best
}

// lengthUnits are the units of distance.
var lengthUnits = map[string]bool{"km": true, "m": true, "cm": true, "mm": true, "miles": true, "ft": true, "in": true, "yd": true}

// nameAfter is the first name written after a value within contextReach,
// -1 when none.
func (s *story) nameAfter(v *slotValue) int32 {
	ve := v.end - v.st.start
	best, bestAt := int32(-1), ve+contextReach+1
	for _, c := range v.st.claims.at {
		if s.claimIDs.isEntity(c.id) && c.start >= ve && c.start < bestAt {
			best, bestAt = c.id, c.start
		}
	}
	return best
}

// cumulative reports whether an amount is counted over several occasions:
// "a total of 923 rounds", "so far", "in all".
func cumulative(v *slotValue) bool {
	t := strings.ToLower(v.st.text)
	return strings.Contains(t, "total") || strings.Contains(t, "so far") || strings.Contains(t, "in all") || strings.Contains(t, "altogether")
}

// sentenceSimilarity is the claim similarity of two sentences, computed
// once for each pair.
func (s *story) sentenceSimilarity(a, b *sentence, w []float64) float64 {
	if s.simCache == nil {
		s.simCache = map[[2]int]float64{}
	}
	k := [2]int{min(a.gi, b.gi), max(a.gi, b.gi)}
	v, ok := s.simCache[k]
	if !ok {
		v = s.claimSimilarity(a, b, w)
		s.simCache[k] = v
	}
	return v
}

// valueOwner is, for a number, the participant written right before it
// ("Ortiz, 35", "the 35-year-old deputy"), -1 when none.
func (s *story) valueOwner(v *slotValue) int32 {
	if v.kind != slotNumber {
		return -1
	}
	owner := int32(-1)
	vs, ve := v.start-v.st.start, v.end-v.st.start
	if v.q.Noun != "" && strings.Contains(v.q.Qualifier, "age") {
		// "his wife, 23-year-old Laci": the age is of the word it
		// qualifies, whatever comes before.
		for _, c := range v.st.claims.at {
			if s.claimIDs.names[c.id][0] != 'p' && c.start >= ve && c.start-ve <= 1 {
				return c.id
			}
		}
	}
	for _, c := range v.st.claims.at {
		if s.claimIDs.names[c.id][0] == 'p' {
			continue
		}
		if c.end <= vs && vs-c.end <= 3 {
			owner = c.id // "Ortiz, 35"
		}
		if owner < 0 && c.start >= ve && c.start-ve <= 1 && s.claimIDs.isEntity(c.id) {
			owner = c.id // "35-year-old Ortiz"
		}
	}
	if owner < 0 && strings.Contains(v.q.Qualifier, "age") {
		// "Esther Williams dies at 91": the age at death is the age of
		// the one named before the verb.
		for _, c := range v.st.claims.at {
			if c.end <= vs && s.claimIDs.person[c.id] && diesAt.MatchString(v.st.text[c.end:vs]) {
				owner = c.id
			}
		}
	}
	return owner
}

// diesAt matches the words between a person and an age at death.
var diesAt = regexp.MustCompile(`(?i)^[\s,]*(?:[\p{L}'’]+[\s,]+){0,8}?(?:dies|died|dead)\s+at\s*$`)

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// valueContext is the claim features within contextReach of a value, the
// value itself left out.
func (s *story) valueContext(v *slotValue) []int32 {
	from, to := v.start-v.st.start-contextReach, v.end-v.st.start+contextReach
	var out []int32
	for _, c := range v.st.claims.at {
		inside := c.start >= v.start-v.st.start && c.end <= v.end-v.st.start
		if !inside && c.end > from && c.start < to {
			out = append(out, c.id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sameSlot reports whether two values of different sources fill one slot.
func (s *story) sameSlot(x, y *slotValue, w []float64) bool { return s.slotWhy(x, y, w) == "" }

// slotWhy returns why two values do not fill one slot, "" when they do.
func (s *story) slotWhy(x, y *slotValue, w []float64) string {
	if x.kind != y.kind || x.st.src == y.st.src {
		return "kind or source"
	}
	// A person's age is the person's, whatever the sentence reports: two
	// ages of one named person fill one slot.
	if x.age || y.age {
		switch {
		case !x.age || !y.age:
			return "an age and another amount"
		case x.owner >= 0 && x.owner == y.owner && (s.claimIDs.person[x.owner] || strings.HasPrefix(s.claimIDs.names[x.owner], "a:~")):
			return "" // one person, or one name no lexicon knows ("Comeaux, 49")
		case x.owner >= 0 && y.owner >= 0 && s.twoOwners(x.owner, y.owner):
			return "ages of two people" // "Ortiz, 35" and "Orozco, 27"; "the 36-year-old driver" and "a 66-year-old woman"
		case s.sentenceSimilarity(x.st, y.st, w) >= slotSimilarity:
			return "" // "Tara Reid, 33" and "the actress, 41" in two close paraphrases
		}
		return "age of another or no person"
	}
	if x.total != y.total {
		return "running total" // a running total is not one occasion's count
	}
	if x.person >= 0 && y.person >= 0 && x.person != y.person {
		return "other person" // "signed Wynn on Tuesday", "signed Bell on Wednesday"
	}
	if x.n > 1 && y.n > 1 && x.rank != y.rank {
		return "rank" // "24 people dead and 249 people injured": the first with the first
	}
	if x.ref >= 0 && y.ref >= 0 && !s.claimIDs.match(x.ref, y.ref) {
		return "distances from two places" // "a mile north of The Geysers", "26 miles north of Santa Rosa"
	}
	if x.spanned != y.spanned {
		return "span" // "three times since October" counts part of "four times"
	}
	switch x.kind {
	case slotNumber:
		// The same unit and the same counted thing ("pirates", "people
		// killed"): a number without a counted noun fills no slot.
		if x.q.Unit != y.q.Unit {
			return "unit"
		}
		cx, cy := x.class, y.class
		if x.q.Unit == "" && (cx == "" || cy == "") || cx != "" && cy != "" && cx != cy {
			return "counted thing" // a count needs its counted thing; money and measures may leave it out
		}
	case slotName:
		if x.surname != y.surname {
			return "surname" // "Lawson scored 16" and "Ely scored 23" speak of two players
		}
		if x.ent != y.ent && disjoint(x.ent.sources, y.ent.sources) && s.oneHappening(x.st, y.st) {
			// "Ann Perez won the vote" and "Linda Perez won": one
			// happening, its person named two ways by sources of which
			// none names the other (a father and a son are named side by
			// side).
			return ""
		}
	default:
		if deictic(x) || deictic(y) || metadataLine(x.st.text) || metadataLine(y.st.text) {
			return "deictic or metadata" // "today" in two reports of unknown days, or an "Updated:" line
		}
	}
	// What is counted or dated is what happened: the values need a
	// predicate in common around them ("arrested 23 pirates", "captured
	// 28").
	c := s.claimIDs
	if x.kind != slotName && !c.anyMatch(x.preds, y.preds) {
		return "predicate"
	}
	// A date dates the happening nearest it ("convicted March 20", "the
	// June 20 shooting"): that happening must be one the other sentence
	// reports, both ways.
	if isDate(x.kind) && (x.dated < 0 || y.dated < 0 || !c.match(x.dated, y.dated)) {
		return "dated happening"
	}
	// Other people or places named around the values: other occasions
	// ("signed Wynn on Tuesday", "signed Bell on Wednesday"; "a mile north
	// of The Geysers", "26 miles north of Santa Rosa").
	ex, ey := c.entities(x.ctx), c.entities(y.ctx)
	if isDate(x.kind) {
		ex, ey = c.entities(x.st.claims.arg), c.entities(y.st.claims.arg)
	}
	if len(ex) > 0 && len(ey) > 0 && !c.anyMatch(ex, ey) {
		return "other names around"
	}
	if x.owner >= 0 && y.owner >= 0 && s.claimIDs.isEntity(x.owner) == s.claimIDs.isEntity(y.owner) && !s.claimIDs.match(x.owner, y.owner) {
		return "owner" // the ages of two people ("Ortiz, 35", "Orozco, 27")
	}
	if s.sentenceSimilarity(x.st, y.st, w) < slotSimilarity {
		return "sentences not close"
	}
	if isDate(x.kind) {
		return "" // a date dates its sentence: the sentences compared above are its context
	}
	if matchedCount(s.claimIDs, x.ctx, y.ctx) < slotContextMinWords {
		return "context words"
	}
	if !s.contextsMatch(x, y, w) {
		return "context"
	}
	return ""
}

func isDate(kind string) bool {
	return kind == slotYear || kind == slotMonth || kind == slotDay || kind == slotWeekday
}

// contextsMatch reports whether the words around two values say the same.
func (s *story) contextsMatch(x, y *slotValue, w []float64) bool {
	c := s.claimIDs
	tx, ty := totalWeight(x.ctx, w), totalWeight(y.ctx, w)
	if tx == 0 || ty == 0 {
		return false
	}
	shared := (c.matchedWeight(x.ctx, y.ctx, w) + c.matchedWeight(y.ctx, x.ctx, w)) / 2
	return shared >= slotContextMin*min(tx, ty)
}

// entities are the entity features of a list.
func (c *classes) entities(fs []int32) []int32 {
	var out []int32
	for _, f := range fs {
		if c.isEntity(f) {
			out = append(out, f)
		}
	}
	return out
}

func (c *classes) anyMatch(a, b []int32) bool {
	for _, x := range a {
		for _, y := range b {
			if c.match(x, y) {
				return true
			}
		}
	}
	return false
}

func matchedCount(c *classes, a, b []int32) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if c.match(x, y) {
				n++
				break
			}
		}
	}
	return n
}

// deictic reports whether a date names no day, month or year of its own
// ("today", "yesterday", "last week"): two reports published on two days
// both say "today" of one happening, and do not disagree.
func deictic(v *slotValue) bool {
	if v.weekday != "" || v.month > 0 {
		return false
	}
	return !strings.ContainsAny(v.text, "0123456789") && !monthNameRE.MatchString(v.text)
}

// metadataLine reports whether a sentence is a line of page metadata
// ("Updated: May 24, 2005, 3:23 PM ET").
func metadataLine(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, p := range []string{"updated", "posted", "published", "last updated", "first published"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// valuesAgree reports whether two values of one slot can both be true.
func valuesAgree(x, y *slotValue) bool {
	switch x.kind {
	case slotNumber:
		return compatible(x.q, y.q) || x.age && y.age && agedBetween(x, y)
	case slotYear, slotMonth:
		return overlaps(x.r, y.r)
	case slotDay:
		if x.month > 0 && y.month > 0 && x.day > 0 && y.day > 0 {
			return x.month == y.month && x.day == y.day
		}
		if x.r.Resolved && y.r.Resolved && !x.r.Inferred && !y.r.Inferred {
			return overlaps(x.r, y.r)
		}
		return true // not enough to tell
	case slotWeekday:
		return x.weekday == y.weekday
	case slotName:
		return x.entity == y.entity || sameGiven(firstName(x.given), firstName(y.given))
	}
	return true
}

// slotConflicts finds the conflicts of every slot of the story: each pair
// of values of different sources that fill one slot and cannot both be
// true, in the order of the sentences, makes a conflict whose sides are
// the two values and every value that fills the slot with one of them and
// agrees with it. A pair already shown by a conflict is not shown again.
func (s *story) slotConflicts() {
	w := s.claimWeights()
	vals := s.slotValues()
	s.slotVals, s.slotW = vals, w
	same := make([][]bool, len(vals))
	for i := range same {
		same[i] = make([]bool, len(vals))
	}
	// Only values of one kind and unit can fill one slot.
	bucket := func(v *slotValue) string { return v.kind + "|" + v.q.Unit }
	for i, x := range vals {
		for j := i + 1; j < len(vals); j++ {
			if bucket(x) == bucket(vals[j]) && s.sameSlot(x, vals[j], w) {
				same[i][j], same[j][i] = true, true
			}
		}
	}
	shown := map[[2]int]bool{}
	for i, x := range vals {
		for j := i + 1; j < len(vals); j++ {
			y := vals[j]
			if !same[i][j] || shown[[2]int{i, j}] || valuesAgree(x, y) {
				continue
			}
			var side [2][]int
			for k, z := range vals {
				switch {
				case k == i || k == j:
					continue
				case (same[k][i] || same[k][j]) && valuesAgree(z, x) && !valuesAgree(z, y):
					side[0] = append(side[0], k)
				case (same[k][i] || same[k][j]) && valuesAgree(z, y) && !valuesAgree(z, x):
					side[1] = append(side[1], k)
				}
			}
			side[0] = append([]int{i}, side[0]...)
			side[1] = append([]int{j}, side[1]...)
			sides := make([][]*slotValue, 2)
			for si, idx := range side {
				for _, k := range idx {
					sides[si] = append(sides[si], vals[k])
				}
			}
			for _, a := range side[0] {
				for _, b := range side[1] {
					shown[[2]int{min(a, b), max(a, b)}] = true
				}
			}
			switch {
			case !slotSourcesDistinct(sides):
				s.dropSlot(i, j, "a source on two sides")
				continue
			case s.slotReported(sides):
				s.dropSlot(i, j, "shown by another conflict")
				continue
			case s.statesBoth(sides, vals, w):
				s.dropSlot(i, j, "a source states both values")
				continue
			}
			s.conflicts = append(s.conflicts, s.slotConflict(sides))
		}
	}
}

// statesBoth reports whether a source on one side also states the other
// side's value, in the same sentence or in words like the other side's: it
// does not disagree, it tells of two things ("the June 20 shooting", "his
// June 24 murder").
func (s *story) statesBoth(sides [][]*slotValue, vals []*slotValue, w []float64) bool {
	for i, sd := range sides {
		for j, other := range sides {
			if i == j {
				continue
			}
			for _, x := range sd {
				for _, v := range vals {
					// A sentence that states both values dates or counts two
					// things ("In Saturday's semifinals, ... defeated
					// Evansville on Friday"; "226 yards ..., including an
					// 86-yard run"; "the toll rose from 3 to 10").
					if v.st == x.st && v != x && v.kind == x.kind && v.q.Unit == x.q.Unit && valuesAgree(v, other[0]) {
						return true
					}
					if v.st.src == x.st.src && v != x && v.kind == x.kind && valuesAgree(v, other[0]) && !valuesAgree(v, x) && s.contextsMatch(v, other[0], w) {
						return true
					}
				}
			}
		}
	}
	return false
}

func (s *story) dropSlot(i, j int, why string) {
	if s.dropped == nil {
		s.dropped = map[[2]int]string{}
	}
	s.dropped[[2]int{i, j}] = why
}

// slotSourcesDistinct: no source is on two sides of a slot.
func slotSourcesDistinct(sides [][]*slotValue) bool {
	seen := map[*source]int{}
	for i, sd := range sides {
		for _, v := range sd {
			if j, ok := seen[v.st.src]; ok && j != i {
				return false
			}
			seen[v.st.src] = i
		}
	}
	return true
}

// slotReported reports whether a conflict already shows two of these
// sentences on two of its sides (a toll or an unspecified amount).
func (s *story) slotReported(sides [][]*slotValue) bool {
	for _, c := range s.conflicts {
		hit := map[int]bool{}
		for vi, v := range c.Variants {
			for _, e := range v.Evidence {
				for _, sd := range sides {
					for _, x := range sd {
						if e.Source == x.st.src.id && e.Start == x.st.start {
							hit[vi] = true
						}
					}
				}
			}
		}
		if len(hit) >= 2 {
			return true
		}
	}
	return false
}

// slotConflict writes the conflict of a slot.
func (s *story) slotConflict(sides [][]*slotValue) news.Conflict {
	first := sides[0][0]
	c := news.Conflict{}
	switch first.kind {
	case slotNumber:
		c.Kind = "quantity"
		var items []qitem
		for _, sd := range sides {
			for _, v := range sd {
				items = append(items, qitem{src: v.st.src, q: v.q, st: v.st})
			}
		}
		switch {
		case first.age:
			c.About = "age of " + s.ageOwner(sides)
		case first.q.Noun == "" && first.q.Unit != "":
			c.About = "amount in " + first.q.Unit + ": " + shorten(first.st.text, 80)
		default:
			c.About = "number of " + slotNoun(items)
		}
	case slotName:
		c.Kind = "name"
		c.About = "who: " + shorten(first.st.text, 80)
	default:
		c.Kind = "date"
		c.About = first.kind + " of: " + shorten(first.st.text, 80)
	}
	for _, sd := range sides {
		v := news.Variant{Value: slotValueText(sd)}
		for _, x := range sd {
			v.Evidence = appendEvidence(v.Evidence, x.st.src.evidence(x.st.start, x.st.end))
		}
		c.Variants = append(c.Variants, v)
	}
	return c
}

// twoOwners reports whether two owners of ages are two people: two
// persons, two words ("the driver", "a woman"), or two names of other
// types that end differently ("Laci", "Scott Peterson"; not "Lo Presti",
// "Gaetano Lo Presti", which the resolver may have left apart).
func (s *story) twoOwners(x, y int32) bool {
	c := s.claimIDs
	switch {
	case c.match(x, y) || c.isEntity(x) != c.isEntity(y):
		return false
	case !c.isEntity(x) || c.person[x] && c.person[y]:
		return true
	}
	last := func(f int32) string {
		ws := strings.Fields(normKey(s.featureName(f)))
		if len(ws) == 0 {
			return ""
		}
		return ws[len(ws)-1]
	}
	return last(x) != last(y)
}

// ageOwner names the person whose age a slot is: the first entity that
// owns one of its ages, else the first word that does.
func (s *story) ageOwner(sides [][]*slotValue) string {
	word := ""
	for _, sd := range sides {
		for _, v := range sd {
			switch {
			case v.owner >= 0 && s.claimIDs.isEntity(v.owner):
				return s.featureName(v.owner)
			case v.owner >= 0 && word == "":
				word = s.featureName(v.owner)
			}
		}
	}
	if word == "" {
		return "a person"
	}
	return "the " + word
}

// featureName is the name of an entity feature, or its word.
func (s *story) featureName(f int32) string {
	key := s.claimIDs.names[f]
	for _, e := range s.ents.list {
		if "e:"+e.id == key {
			return e.name
		}
	}
	return strings.TrimLeft(key[2:], "~")
}

// slotValueText is a side's value as the dossier writes it.
func slotValueText(sd []*slotValue) string {
	x := sd[0]
	switch x.kind {
	case slotNumber:
		var items []qitem
		for _, v := range sd {
			items = append(items, qitem{q: v.q})
		}
		return quantityValue(items)
	case slotName:
		return x.text
	case slotWeekday:
		return strings.ToUpper(x.weekday[:1]) + x.weekday[1:]
	case slotDay:
		for _, v := range sd {
			if v.r.Resolved && !v.r.Inferred {
				return v.r.Value
			}
		}
		if x.month > 0 {
			return fmt.Sprintf("%02d-%02d", x.month, x.day)
		}
	}
	if x.r.Value != "" {
		return x.r.Value
	}
	return x.text
}

// disjoint reports whether two sorted lists share no element.
func disjoint(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// oneHappening reports whether two sentences report one happening.
func (s *story) oneHappening(a, b *sentence) bool {
	if s.happeningOf == nil {
		s.happeningOf = map[*sentence][]*happening{}
		for _, h := range s.happenings {
			for _, m := range h.members {
				s.happeningOf[m] = append(s.happeningOf[m], h)
			}
		}
	}
	for _, h := range s.happeningOf[a] {
		if slices.Contains(s.happeningOf[b], h) {
			return true
		}
	}
	return false
}

// firstName is the given name among the words before a surname: the
// first, or the last after a title of three words or more ("Palmer Public
// Safety Director Jon Owen").
func firstName(given []string) string {
	if len(given) >= 4 {
		return given[len(given)-1]
	}
	return given[0]
}

var levenshtein = metrics.NewLevenshtein()

// sameGiven reports whether two given names may be one: equal, shortened,
// a pet form, or spelt another way ("Elias" and "Ilias", "Jon" and "John":
// one letter apart, or alike by Jaro-Winkler).
func sameGiven(a, b string) bool {
	return givenNameMatch(a, b) || petForm(a, b) || strutil.Similarity(a, b, jaroWinkler) >= 0.85 ||
		min(len(a), len(b)) >= 3 && levenshtein.Distance(a, b) <= 1
}

// rangeEnd reports whether the text before a date makes it the end of a
// span: "between ... and", "from ... to", "through", "until".
func rangeEnd(before string) bool {
	ws := terms.Words(before)
	if len(ws) == 0 {
		return false
	}
	last := strings.ToLower(ws[len(ws)-1].Text)
	switch last {
	case "until", "till", "through", "thru":
		return true
	case "and", "to":
		opener := map[string]string{"and": "between", "to": "from"}[last]
		for i := len(ws) - 2; i >= 0 && i >= len(ws)-8; i-- {
			if strings.ToLower(ws[i].Text) == opener {
				return true
			}
		}
	}
	return false
}

// generational are the suffixes written after a surname.
var generational = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// agedBetween reports whether two ages of one person differ by no more
// than the years between the two reports: "Orozco, 27" at his arrest and
// "Orozco, 29" at his conviction two years later do not disagree.
func agedBetween(x, y *slotValue) bool {
	px, py := x.st.src.a.Article.Published, y.st.src.a.Article.Published
	if px.IsZero() || py.IsZero() || x.q.Value == nil || y.q.Value == nil {
		return false
	}
	years := math.Abs(px.Sub(py).Hours()) / (24 * 365.25)
	return math.Abs(*x.q.Value-*y.q.Value) <= math.Ceil(years)
}
