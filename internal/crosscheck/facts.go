package crosscheck

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// fact is a statement and the sentences of the sources that make it.
type fact struct {
	id      string
	members []*sentence // at most one per source
	// extended are members added because they state the fact's core among
	// other things (a sentence may state several facts).
	extended     map[*sentence]bool
	rep          *sentence
	independent  int
	copies       []string
	contradicted []string
	conflicts    []string
	// disputed is set when the fact's own text is a side of a conflict.
	disputed bool
}

func (f *fact) has(src *source) *sentence {
	for _, m := range f.members {
		if m.src == src {
			return m
		}
	}
	return nil
}

// alignFacts groups the sentences of different sources that state the same
// thing. Pairs above the threshold are merged greedily, most similar first,
// keeping at most one sentence per source in a fact and requiring a new
// member to be similar to half the fact already (no chaining). A fact of
// two sources or more then takes, from each other source, the sentence that
// states its core (the features its members share) if one does: a sentence
// can state more than one fact ("Equipped with an air defence system,
// Russian instructors have arrived").
func (s *story) alignFacts() {
	w := s.weights()
	type pair struct {
		a, b *sentence
		sim  float64
	}
	var pairs []pair
	for _, c := range candidatePairs(s.sents) {
		a, b := s.sents[c[0]], s.sents[c[1]]
		if s.timesClash(a, b) {
			continue
		}
		if sim := similarity(a, b, w); sim >= s.opts.AlignThreshold {
			pairs = append(pairs, pair{a, b, sim})
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].sim > pairs[j].sim })
	sim := func(a, b *sentence) float64 { return similarity(a, b, w) }

	factOf := map[*sentence]*fact{}
	for _, p := range pairs {
		fa, fb := factOf[p.a], factOf[p.b]
		switch {
		case fa == nil && fb == nil:
			f := &fact{members: []*sentence{p.a, p.b}}
			factOf[p.a], factOf[p.b] = f, f
			s.facts = append(s.facts, f)
		case fa != nil && fb == nil:
			if fa.has(p.b.src) == nil && cohesive(fa, p.b, sim, s.opts.AlignThreshold) && s.sameTime(p.b, fa) {
				fa.members = append(fa.members, p.b)
				factOf[p.b] = fa
			}
		case fa == nil && fb != nil:
			if fb.has(p.a.src) == nil && cohesive(fb, p.a, sim, s.opts.AlignThreshold) && s.sameTime(p.a, fb) {
				fb.members = append(fb.members, p.a)
				factOf[p.a] = fb
			}
		case fa != fb:
			if mergeable(fa, fb, sim, s.opts.AlignThreshold) && !s.factsClash(fa, fb) {
				for _, m := range fb.members {
					fa.members = append(fa.members, m)
					factOf[m] = fa
				}
				s.facts = slices.DeleteFunc(s.facts, func(f *fact) bool { return f == fb })
			}
		}
	}
	// A sentence may state two facts: a pair that could not merge its two
	// facts (a source in both) puts each sentence into the other's fact
	// when it fits there too.
	for _, p := range pairs {
		fa, fb := factOf[p.a], factOf[p.b]
		if fa == nil || fb == nil || fa == fb {
			continue
		}
		if fa.has(p.b.src) == nil && cohesive(fa, p.b, sim, s.opts.AlignThreshold) && s.sameTime(p.b, fa) {
			fa.members = append(fa.members, p.b)
			fa.markExtended(p.b)
		}
		if fb.has(p.a.src) == nil && cohesive(fb, p.a, sim, s.opts.AlignThreshold) && s.sameTime(p.a, fb) {
			fb.members = append(fb.members, p.a)
			fb.markExtended(p.a)
		}
	}
	s.extendFacts(w)
	s.extendBySignature(sim)
	// In a fact that three sources or more establish, a member that names
	// for its event a weekday that cannot be placed and that no other member
	// names speaks of another occurrence ("two more transporters arrived
	// Saturday", in an undated follow-up): it leaves the fact. A day that is
	// placed only adds precision.
	for _, f := range s.facts {
		if len(f.members) < 3 {
			continue
		}
		kept := f.members[:0:0]
		for _, m := range f.members {
			if s.loneDay(m, f) && s.unplacedDays(m) {
				if factOf[m] == f {
					delete(factOf, m)
				}
				continue
			}
			kept = append(kept, m)
		}
		f.members = kept
	}
	// A fact all of whose members left (each named its own weekday) is no
	// fact: its sentences stand alone below.
	s.facts = slices.DeleteFunc(s.facts, func(f *fact) bool { return len(f.members) == 0 })
	// A fact whose sentences are all in a larger fact says nothing more
	// (a sentence that joined two facts can make one the other's copy).
	s.facts = slices.DeleteFunc(s.facts, func(f *fact) bool {
		return slices.ContainsFunc(s.facts, func(g *fact) bool {
			return g != f && len(g.members) > len(f.members) && !slices.ContainsFunc(f.members, func(m *sentence) bool { return !slices.Contains(g.members, m) })
		})
	})
	// Every other sentence long enough is a single-source fact.
	for _, st := range s.sents {
		if factOf[st] == nil && !inAnyFact(s.facts, st) && st.words >= minFactWords && !st.headline {
			f := &fact{members: []*sentence{st}}
			factOf[st] = f
			s.facts = append(s.facts, f)
		}
	}
	for _, f := range s.facts {
		for _, m := range f.members {
			m.facts = appendNewFact(m.facts, f)
		}
		f.rep = representative(f, sim)
		f.independent, f.copies = s.independence(f.members)
	}
	s.orderFacts()
}

func (f *fact) markExtended(st *sentence) {
	if f.extended == nil {
		f.extended = map[*sentence]bool{}
	}
	f.extended[st] = true
}

// informative reports whether a feature says something particular about
// the sentences that have it: it is in at most one sentence in ten of the
// story, or in at most three sentences of a short story.
func informative(df, n int) bool { return df <= max(3, n/10) }

// candidatePairs returns the pairs of sentences (indexes, first < second)
// of different sources, long enough to state a fact, that share at least
// two features of informative weight: common words and the story's main
// names do not make two sentences say the same thing. An inverted index on
// the informative features finds them without comparing every pair, so a
// story's cost grows with its overlaps, not with the square of its size.
// docFreq counts the sentences that have each feature.
func docFreq(sents []*sentence) map[string]int {
	df := map[string]int{}
	for _, st := range sents {
		for _, f := range st.featList {
			df[f]++
		}
	}
	return df
}

func candidatePairs(sents []*sentence) [][2]int {
	df := docFreq(sents)
	postings := map[string][]int{}
	for i, st := range sents {
		if st.words < minFactWords || st.headline {
			continue
		}
		for _, f := range st.featList {
			if informative(df[f], len(sents)) {
				postings[f] = append(postings[f], i)
			}
		}
	}
	var out [][2]int
	shared := map[int]int{}
	for i, st := range sents {
		if st.words < minFactWords || st.headline {
			continue
		}
		clear(shared)
		for _, f := range st.featList {
			for _, j := range postings[f] {
				if j > i && sents[j].src != st.src {
					shared[j]++
				}
			}
		}
		var js []int
		for j, n := range shared {
			if n >= 2 {
				js = append(js, j)
			}
		}
		slices.Sort(js)
		for _, j := range js {
			out = append(out, [2]int{i, j})
		}
	}
	return out
}

func appendNewFact(fs []*fact, f *fact) []*fact {
	if slices.Contains(fs, f) {
		return fs
	}
	return append(fs, f)
}

// cohesive: a newcomer must reach half the threshold with at least half
// of the fact's members.
func cohesive(f *fact, st *sentence, sim func(a, b *sentence) float64, tau float64) bool {
	ok := 0
	for _, m := range f.members {
		if sim(m, st) >= tau/2 {
			ok++
		}
	}
	return 2*ok >= len(f.members)
}

// mergeable: two facts merge when no source is in both and their members
// are cohesive across.
func mergeable(a, b *fact, sim func(a, b *sentence) float64, tau float64) bool {
	for _, m := range b.members {
		if a.has(m.src) != nil {
			return false
		}
	}
	ok, n := 0, 0
	for _, x := range a.members {
		for _, y := range b.members {
			n++
			if sim(x, y) >= tau/2 {
				ok++
			}
		}
	}
	return 2*ok >= n
}

// extendFacts adds to each fact of two sources or more, from every source
// it lacks, the sentence that covers most of the fact's core, if it covers
// at least coreCoverage of it. The core is the features shared by half
// the members (two at least), and must weigh enough to say something.
func (s *story) extendFacts(w map[string]float64) {
	const coreCoverage = 0.6
	for _, f := range s.facts {
		if len(f.members) < 2 {
			continue
		}
		count := map[string]int{}
		for _, m := range f.members {
			for _, ft := range m.featList {
				count[ft]++
			}
		}
		need := max(2, (len(f.members)+1)/2)
		core := map[string]float64{}
		var total float64
		for _, ft := range sortedKeys(count) {
			c := count[ft]
			if c >= need {
				core[ft] = w[ft]
				total += w[ft]
			}
		}
		if len(core) < 3 || total < 6 {
			continue
		}
		coreKeys := sortedKeys(core) // summed in a fixed order: the same inputs give the same sums
		for _, src := range s.srcs {
			if f.has(src) != nil {
				continue
			}
			var best *sentence
			var bestCov float64
			for _, st := range s.bySource[src.idx] {
				if st.words < minFactWords || st.headline {
					continue
				}
				var cov float64
				for _, ft := range coreKeys {
					x := core[ft]
					if st.feats[ft] {
						cov += x
					}
				}
				if cov /= total; cov > bestCov {
					best, bestCov = st, cov
				}
			}
			if best != nil && bestCov >= coreCoverage && s.sameTime(best, f) {
				f.members = append(f.members, best)
				f.markExtended(best)
			}
		}
	}
}

// extendBySignature adds to each fact of two sources or more, from every
// source it lacks, a sentence that reports the same action about the same
// participant — an action class ("arrive") with a paraphrase class or a
// named participant ("trainer", "Putin") — that most of the fact's members
// report too. Long sentences that also say other things thus join every
// fact they state. The sentence must also be close enough to one member.
func (s *story) extendBySignature(sim func(a, b *sentence) float64) {
	df := docFreq(s.sents)
	for _, f := range s.facts {
		if len(f.members) < 3 {
			continue
		}
		count := map[string]int{}
		for _, m := range f.members {
			for sig := range signatures(m, df, len(s.sents)) {
				count[sig]++
			}
		}
		need := max(2, (2*len(f.members)+2)/3)
		sigs := map[string]bool{}
		for sig, c := range count {
			if c >= need {
				sigs[sig] = true
			}
		}
		if len(sigs) == 0 {
			continue
		}
		for _, src := range s.srcs {
			if f.has(src) != nil {
				continue
			}
			var best *sentence
			bestN, bestSim := 0, 0.0
			for _, st := range s.bySource[src.idx] {
				if st.words < minFactWords || st.headline {
					continue
				}
				n := 0
				for sig := range signatures(st, df, len(s.sents)) {
					if sigs[sig] {
						n++
					}
				}
				if n == 0 {
					continue
				}
				closest := 0.0
				for _, m := range f.members {
					closest = max(closest, sim(st, m))
				}
				if closest < s.opts.AlignThreshold*0.75 || !s.sameTime(st, f) {
					continue
				}
				if n > bestN || n == bestN && closest > bestSim {
					best, bestN, bestSim = st, n, closest
				}
			}
			if best != nil {
				f.members = append(f.members, best)
				f.markExtended(best)
			}
		}
	}
}

// sameTime reports whether a sentence's days can be the fact's: every
// day-precise date of its event (not of its report: "announced late
// Thursday") overlaps one of the fact's members, and a weekday it names
// without a date is one they name. A sentence about "Saturday" does not
// join a fact about "Wednesday".
func (s *story) sameTime(st *sentence, f *fact) bool {
	var factDays []news.TimeRef
	factWeekdays := map[string]bool{}
	for _, m := range f.members {
		for _, di := range s.eventDays(m) {
			r := s.dates[m.src.idx][di]
			if r.Resolved {
				factDays = append(factDays, r)
			}
			if wd := weekdayIn(r.Text); wd != "" {
				factWeekdays[wd] = true
			}
		}
	}
	for _, di := range s.eventDays(st) {
		r := s.dates[st.src.idx][di]
		if r.Granularity != news.GranularityDay {
			continue
		}
		if r.Resolved && len(factDays) > 0 {
			ok := false
			for _, d := range factDays {
				if overlaps(r, d) {
					ok = true
				}
			}
			if !ok {
				return false
			}
			continue
		}
		if wd := weekdayIn(r.Text); wd != "" && len(factWeekdays) > 0 && !factWeekdays[wd] {
			return false
		}
	}
	return true
}

func inAnyFact(facts []*fact, st *sentence) bool {
	for _, f := range facts {
		if slices.Contains(f.members, st) {
			return true
		}
	}
	return false
}

// unplacedDays reports whether none of a sentence's event days is placed
// on the calendar.
func (s *story) unplacedDays(m *sentence) bool {
	for _, di := range s.eventDays(m) {
		if s.dates[m.src.idx][di].Resolved {
			return false
		}
	}
	return true
}

// loneDay reports whether a member gives its event a day that no other
// member gives: it states more than the fact its sources share.
func (s *story) loneDay(m *sentence, f *fact) bool {
	days := s.eventDays(m)
	if len(days) == 0 || len(f.members) < 2 {
		return false
	}
	for _, o := range f.members {
		if o == m {
			continue
		}
		for _, dm := range days {
			rm := s.dates[m.src.idx][dm]
			for _, do := range s.eventDays(o) {
				ro := s.dates[o.src.idx][do]
				if rm.Resolved && ro.Resolved && overlaps(rm, ro) || weekdayIn(rm.Text) != "" && weekdayIn(rm.Text) == weekdayIn(ro.Text) {
					return false
				}
			}
		}
	}
	return true
}

// factsClash reports whether two facts hold sentences about different days.
func (s *story) factsClash(a, b *fact) bool {
	for _, x := range a.members {
		for _, y := range b.members {
			if s.timesClash(x, y) {
				return true
			}
		}
	}
	return false
}

// timesClash reports whether two sentences report events on different
// days: their day-precise event dates do not overlap, or they name
// different weekdays.
func (s *story) timesClash(a, b *sentence) bool {
	for _, da := range s.eventDays(a) {
		ra := s.dates[a.src.idx][da]
		if ra.Granularity != news.GranularityDay {
			continue
		}
		for _, db := range s.eventDays(b) {
			rb := s.dates[b.src.idx][db]
			if rb.Granularity != news.GranularityDay {
				continue
			}
			if ra.Resolved && rb.Resolved && !overlaps(ra, rb) {
				return true
			}
			if wa, wb := weekdayIn(ra.Text), weekdayIn(rb.Text); wa != "" && wb != "" && wa != wb {
				return true
			}
		}
	}
	return false
}

// weekdayIn returns the weekday named in a date expression, or "".
func weekdayIn(text string) string {
	for _, w := range terms.Words(text) {
		switch d := strings.ToLower(w.Text); d {
		case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
			return d
		}
	}
	return ""
}

// signatures are a sentence's action–participant pairs — each action class
// it has, with each other paraphrase class and each named participant that
// is not a place — and its informative concepts: paraphrase classes and
// named participants rare in the story ("anti-aircraft" in a story where
// few sentences mention it).
func signatures(st *sentence, df map[string]int, n int) map[string]bool {
	out := map[string]bool{}
	for _, c := range st.featList {
		if !actionClasses[c] && (strings.HasPrefix(c, "@") || strings.HasPrefix(c, "E:") && !st.placeFeats[c]) && informative(df[c], n) {
			out[c] = true
		}
	}
	for _, a := range st.featList {
		if !actionClasses[a] {
			continue
		}
		for _, p := range st.featList {
			if p == a || actionClasses[p] {
				continue
			}
			if strings.HasPrefix(p, "@") || strings.HasPrefix(p, "E:") && !st.placeFeats[p] {
				out[a+"|"+p] = true
			}
		}
	}
	return out
}

// representative picks the member most similar to the others, preferring
// sentences that stand on their own — from a source not machine-translated,
// not opening with a pronoun or a quote mark: the fact's text is that
// sentence, verbatim. Members that joined by extension are passed over
// while another member can speak for the fact.
func representative(f *fact, sim func(a, b *sentence) float64) *sentence {
	var best *sentence
	bestScore := -1.0
	core := 0
	for _, m := range f.members {
		if !f.extended[m] {
			core++
		}
	}
	for _, m := range f.members {
		if f.extended[m] && len(f.members) > 2 && core > 0 {
			continue
		}

		score := 0.0
		for _, o := range f.members {
			if o != m {
				score += sim(m, o)
			}
		}
		if !m.src.mt {
			score += 10
		}
		if m.alone {
			score += 5
		}
		if !m.headline {
			score += 20 // a headline is written short: a sentence speaks for the fact
		}
		if score > bestScore {
			best, bestScore = m, score
		}
	}
	return best
}

// standsAlone reports whether a sentence can be read without the one
// before it: it does not open with a pronoun, a demonstrative or a quote.
func standsAlone(text string) bool { return standsAloneWords(text, terms.Words(text)) }

// standsAloneWords is standsAlone with the text's words already split.
func standsAloneWords(text string, ws []terms.Word) bool {
	if len(ws) == 0 || ws[0].Start > 0 && strings.ContainsAny(text[:ws[0].Start], "“\"«‘'") {
		return false
	}
	switch strings.ToLower(ws[0].Text) {
	case "it", "he", "she", "they", "this", "that", "these", "those", "there", "its", "his", "her", "their":
		return false
	}
	return true
}

// orderFacts sorts facts by how many publishers back them, then by where
// they first appear, and numbers them.
func (s *story) orderFacts() {
	sort.SliceStable(s.facts, func(i, j int) bool {
		a, b := s.facts[i], s.facts[j]
		if a.independent != b.independent {
			return a.independent > b.independent
		}
		if a.rep.src.idx != b.rep.src.idx {
			return a.rep.src.idx < b.rep.src.idx
		}
		return a.rep.idx < b.rep.idx
	})
	for i, f := range s.facts {
		f.id = fmt.Sprintf("f%d", i+1)
	}
}

// dossierFact writes a fact for the dossier.
func (f *fact) dossierFact() news.Fact {
	df := news.Fact{ID: f.id, Text: f.rep.text, IndependentSources: f.independent, Copies: f.copies, ContradictedBy: f.contradicted, Conflicts: f.conflicts}
	members := slices.Clone(f.members)
	sort.SliceStable(members, func(i, j int) bool { return members[i].src.idx < members[j].src.idx })
	for _, m := range members {
		df.Evidence = append(df.Evidence, m.src.evidence(m.start, m.end))
	}
	switch {
	case f.disputed:
		df.Status = news.StatusDisputed
	case f.independent >= 2:
		df.Status = news.StatusCorroborated
	default:
		df.Status = news.StatusSingleSource
	}
	return df
}
