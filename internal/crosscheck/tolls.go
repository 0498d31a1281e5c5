package crosscheck

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// Tolls. The number of people killed or injured is the figure readers of
// a disaster or an attack look for first, and the one outlets most often
// state differently: a wire writes "killing at least five people", a later
// report "24 dead", a third "twelve people were killed". Such statements
// rarely fall into one fact (their sentences say different things around
// the number), so the fact-level comparison misses them. tollConflicts
// compares them across the whole story instead, with guards that keep a
// figure about something else out:
//
//   - the amount counts people in general ("people", "victims", a bare
//     number: "24 dead"), not a subgroup ("six children", "one man") nor an
//     increment ("another four people", "14 others");
//   - its own clause says the people died or were hurt ("N people were
//     killed", "killing N people", "the death toll rose to N"), so
//     "injured 200 people and killed 5" gives each number its own role;
//   - the sentence is not about an earlier event: no date in it lies more
//     than a month before the source's publication (or the story's first
//     one); without any anchor, a sentence naming a year or a month is
//     left out;
//   - a count of the injured is a total, not the admissions of one
//     hospital nor the badly hurt (partialInjuries);
//   - a source's toll is the first figure it gives (see tollSides);
//   - a figure whose sentence shares nothing but the count with the other
//     figures' sentences is about something else (tollLink).
//
// Tolls change while an event unfolds. When the figures rise with the
// sources' publication dates, the conflict says so in its note: the
// reader sees an update, not only a disagreement.

// tollRoles maps the words of a clause that say what happened to the
// people counted to the role of the count.
var tollRoles = map[string]string{
	"killed": "killed", "killing": "killed", "kills": "killed",
	"dead": "killed", "died": "killed", "die": "killed", "dies": "killed",
	"deaths": "killed", "fatalities": "killed", "perished": "killed", "lives": "killed",
	"injured": "injured", "injuring": "injured", "injures": "injured",
	"wounded": "injured", "wounding": "injured", "hurt": "injured",
}

// tollNouns are the counted nouns of a toll: people in general. A count of
// a subgroup ("children", "soldiers") is part of the toll, not the toll.
var tollNouns = map[string]bool{
	"": true, "people": true, "person": true, "persons": true, "dead": true, "deaths": true,
	"victims": true, "fatalities": true, "lives": true, "bodies": true, "individuals": true,
	"injured": true, "wounded": true,
}

func (s *story) tollConflicts() {
	byRole := map[string][]qitem{}
	for _, src := range s.srcs {
		for _, st := range s.bySource[src.idx] {
			if s.aboutThePast(st) {
				continue
			}
			parts := partsOfTotals(src.a.Quantities, st.quants)
			for _, qi := range st.quants {
				q := src.a.Quantities[qi]
				if q.Value == nil || q.Unit != "" || parts[qi] || partialNoun(q.Noun) || partialNoun(q.Qualifier) ||
					!tollNouns[strings.ToLower(strings.TrimSpace(q.Noun))] {
					continue
				}
				role := tollRole(src.text[st.start:st.end], q.Start-st.start, q.End-st.start, q.Noun)
				if role == "" || role == "injured" && partialInjuries(st.text) {
					continue
				}
				it := qitem{src: src, q: q, st: st, places: s.places(src, st, "")}
				byRole[role] = append(byRole[role], it)
			}
		}
	}
	for _, role := range []string{"killed", "injured"} {
		sides := tollSides(byRole[role])
		var qs []qitem
		for _, sd := range sides {
			qs = append(qs, sd...)
		}
		sides = s.linkedSides(sides)
		qs = qs[:0]
		for _, sd := range sides {
			qs = append(qs, sd...)
		}
		if len(sides) < 2 || s.amountsReported(qs) {
			continue
		}
		slices.SortFunc(sides, func(a, b []qitem) int { return cmp.Compare(lowOf(a[0].q), lowOf(b[0].q)) })
		c := news.Conflict{Kind: "quantity", About: "number of people " + role, Note: risingNote(sides)}
		for _, sd := range sides {
			c.Variants = append(c.Variants, variantOf(sd))
		}
		s.conflicts = append(s.conflicts, c)
	}
}

// amountsReported reports whether a quantity conflict already shows two of
// these amounts: the same value from the same sentence. It compares
// amounts, not sentences, so that "killing 5 people and wounding 20" in one
// source against "killing 7 and wounding 30" in another gives both
// conflicts.
func (s *story) amountsReported(items []qitem) bool {
	n := 0
	for _, it := range items {
		value := quantityValue([]qitem{it})
	conflicts:
		for _, c := range s.conflicts {
			if c.Kind != "quantity" {
				continue
			}
			for _, v := range c.Variants {
				if v.Value != value {
					continue
				}
				for _, e := range v.Evidence {
					if e.Source == it.src.id && e.Start == it.st.start {
						n++
						break conflicts
					}
				}
			}
		}
	}
	return n >= 2
}

// partialInjuries reports a sentence that counts only some of the injured:
// the admissions of one hospital ("we have received around 50 people with
// injuries", "treated at three hospitals") or the badly hurt ("30 people
// seriously injured"). Totals of the injured are compared; these are parts
// of them.
func partialInjuries(sentence string) bool {
	for _, w := range terms.Words(sentence) {
		switch strings.ToLower(w.Text) {
		case "hospital", "hospitals", "hospitalised", "hospitalized", "received", "treated", "admitted",
			"seriously", "critically", "severely", "badly", "gravely":
			return true
		}
	}
	return false
}

// tollRole is the role of the amount at [start, end) of a sentence:
// "killed", "injured" or "" when its clause says neither. The words just
// after the amount speak first ("five people died", "24 dead"), then the
// words just before it ("killing at least five people", "the death toll
// rose to 24"); a clause ends at punctuation and at "and", "but", "while".
// A clause that counts "since" something is a running total over a longer
// span than the event ("the toll since the assault began"): no toll.
func tollRole(sentence string, start, end int, noun string) string {
	before, after := clause(sentence[:start], true), clause(sentence[end:], false)
	if notAToll(sentence[:start], sentence[end:]) || strings.Contains(" "+before+" ", " since ") || strings.Contains(" "+after+" ", " since ") {
		return ""
	}
	if r := tollRoles[strings.ToLower(strings.TrimSpace(noun))]; r != "" {
		return r // "24 dead", "249 injured"
	}
	ws := terms.Words(after)
	for i := 0; i < len(ws) && i < 6; i++ {
		if r := tollRoles[strings.ToLower(ws[i].Text)]; r != "" {
			return r
		}
	}
	ws = terms.Words(before)
	for _, w := range ws {
		if strings.EqualFold(w.Text, "toll") {
			return "killed" // "the death toll from the quake rose to 12"
		}
	}
	for i := len(ws) - 1; i >= 0 && i >= len(ws)-6; i-- {
		if r := tollRoles[strings.ToLower(ws[i].Text)]; r != "" {
			return r
		}
	}
	return ""
}

// notAToll reports the amounts that count no toll whatever the words
// around them: an age ("died at 75", "at the age of 95", "aged 91"), a
// part of a group ("killing four of them") and the group a part is taken
// from ("two of the three victims died").
func notAToll(before, after string) bool {
	ws := terms.Words(before)
	last := func(n int) string {
		if len(ws) < n {
			return ""
		}
		var parts []string
		for _, w := range ws[len(ws)-n:] {
			parts = append(parts, strings.ToLower(w.Text))
		}
		return strings.Join(parts, " ")
	}
	if last(1) == "at" || last(1) == "aged" || last(2) == "age of" || last(1) == "of" || last(2) == "of the" {
		return true
	}
	return strings.HasPrefix(strings.ToLower(strings.TrimLeft(after, " ")), "of ")
}

// clause cuts s at the clause boundary nearest the amount: the first one
// of the text after it, or the last one of the text before it (last).
func clause(s string, last bool) string {
	cut := func(i, n int) {
		if last {
			s = s[i+n:]
		} else {
			s = s[:i]
		}
	}
	for _, sep := range []string{",", ";", ":", "(", ")", " and ", " but ", " while ", " as "} {
		var i int
		if last {
			i = strings.LastIndex(s, sep)
		} else {
			i = strings.Index(s, sep)
		}
		if i >= 0 {
			cut(i, len(sep))
		}
	}
	return s
}

// aboutThePast reports whether a sentence dates what it says more than a
// month before its source's publication (or, for a source without a
// date, before the story's first publication); when there is no anchor at
// all, whether it names any year or month.
func (s *story) aboutThePast(st *sentence) bool {
	anchor := st.src.a.Article.Published
	if anchor.IsZero() {
		anchor, _ = s.publishedSpan()
	}
	for _, di := range st.dates {
		r := s.dates[st.src.idx][di]
		if anchor.IsZero() {
			if !r.Relative && (r.Granularity == news.GranularityYear || r.Granularity == news.GranularityMonth) {
				return true
			}
			continue
		}
		if r.Resolved && !r.Until.IsZero() && r.Until.Before(anchor.AddDate(0, -1, 0)) {
			return true
		}
	}
	return false
}

// tollSides groups the sources by their toll: the first figure each
// gives for the role. News writing states the current toll first, in the
// headline or the lead; later figures are parts of it ("12 of them in
// Bener Meriah"), earlier counts, or the tolls of past events cited as
// background ("the 2004 tsunami killed 230,000"). Exact tolls found the
// sides; a bounded one ("at least 5") joins the one side it fits, and
// takes no side when it fits several; a source that later states its
// bounded toll exactly ("at least five", then "five were confirmed dead")
// is taken at the exact figure. A source's other figures that agree
// with its toll are further evidence on its side.
func tollSides(items []qitem) [][]qitem {
	top := map[*source]qitem{}
	var order []*source
	for _, it := range items {
		t, ok := top[it.src]
		switch {
		case !ok:
			top[it.src] = it
			order = append(order, it.src)
		case boundedness(t.q) > 0 && boundedness(it.q) == 0 && compatible(it, t):
			top[it.src] = it // "at least five people" made exact: "five were confirmed dead"
		}
	}
	slices.SortStableFunc(order, func(a, b *source) int {
		return cmp.Compare(boundedness(top[a].q), boundedness(top[b].q))
	})
	var sides [][]qitem
	sideOf := map[*source]int{}
	for _, src := range order {
		t := top[src]
		fits := -1
		for i, sd := range sides {
			if compatible(sd[0], t) {
				if fits >= 0 {
					fits = -2 // fits several sides: takes none
					break
				}
				fits = i
			}
		}
		switch {
		case fits == -1:
			sides = append(sides, []qitem{t})
			sideOf[src] = len(sides) - 1
		case fits >= 0:
			sides[fits] = append(sides[fits], t)
			sideOf[src] = fits
		}
	}
	for _, it := range items {
		i, ok := sideOf[it.src]
		if ok && it.st != top[it.src].st && compatible(it, sides[i][0]) && compatible(it, top[it.src]) {
			sides[i] = append(sides[i], it)
		}
	}
	return sides
}

func lowOf(q news.Quantity) float64 {
	lo, _ := bounds(q)
	return lo
}

// tollLink is the similarity, numbers aside, that a side's sentence needs
// with a sentence of another side: figures from sentences that share
// nothing else ("a tank fired on a building, killing four" beside "42
// people were killed in the school") count different happenings.
const tollLink = 0.2

// linkedSides keeps the sides that have a sentence close enough to one of
// another side (tollLink), repeating until none is dropped.
func (s *story) linkedSides(sides [][]qitem) [][]qitem {
	w := s.weights()
	for {
		kept := sides[:0:0]
		for i, a := range sides {
			linked := false
			for j, b := range sides {
				for _, x := range a {
					for _, y := range b {
						if i != j && !linked && similarityExcept(x.st, y.st, w, "Q:") >= tollLink {
							linked = true
						}
					}
				}
			}
			if linked {
				kept = append(kept, a)
			}
		}
		if len(kept) == len(sides) {
			return kept
		}
		sides = kept
	}
}

// boundedness orders exact figures before bounded ones before open ones.
func boundedness(q news.Quantity) int {
	lo, hi := bounds(q)
	switch {
	case lo == hi:
		return 0
	case !math.IsInf(lo, 0) && !math.IsInf(hi, 0):
		return 1
	}
	return 2
}

// risingNote says when the sides, in increasing order of their figures,
// were also published in increasing order: each side's dated sources all
// published no earlier than every dated source of the side below, and not
// all on one day. "" otherwise, or when a side has no dated source.
func risingNote(sides [][]qitem) string {
	var prevLatest, first, last time.Time
	for i, sd := range sides {
		var sp news.Span
		for _, it := range sd {
			sp.Add(it.src.a.Article.Published)
		}
		if sp.First.IsZero() || i > 0 && sp.First.Before(prevLatest) {
			return "" // a side without a dated source, or out of order
		}
		if i == 0 {
			first = sp.First
		}
		prevLatest, last = sp.Last, sp.Last
	}
	if !last.After(first) {
		return ""
	}
	return "the figures rise with the sources' publication dates (" + news.DateString(first) + " to " +
		news.DateString(last) + "): likely successive updates of one toll"
}
