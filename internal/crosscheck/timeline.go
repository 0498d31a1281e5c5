package crosscheck

import (
	"sort"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// maxEventSpan is the widest interval the timeline places: "mid-March" is
// a date, "in 2023" is not an event's date.
const maxEventSpan = 31 * 24 * time.Hour

// event is a timeline entry under construction.
type event struct {
	from, until time.Time
	value       string
	gran        news.Granularity
	fact        *fact
	members     []*sentence
	inferred    []string
}

// buildTimeline dates facts: each fact's members that carry a date precise
// enough are grouped by overlapping dates, each group one entry at the most
// precise date any source gives; entries of one day whose sentences say
// the same thing are merged across facts. A fact with no safe date is left
// off, never placed on a guessed day.
func (s *story) buildTimeline() {
	w := s.weights()
	var evs []*event
	for _, f := range s.facts {
		var fevs []*event
		for _, m := range f.members {
			for _, di := range s.eventDates(m) {
				r := s.dates[m.src.idx][di]
				var target *event
				for _, e := range fevs {
					if e.from.Before(r.Until) && r.From.Before(e.until) {
						target = e
						break
					}
				}
				if target == nil {
					target = &event{from: r.From, until: r.Until, value: r.Value, gran: r.Granularity, fact: f}
					fevs = append(fevs, target)
				} else if r.Until.Sub(r.From) < target.until.Sub(target.from) {
					target.from, target.until, target.value, target.gran = r.From, r.Until, r.Value, r.Granularity
				}
				target.members = appendSentence(target.members, m)
				if r.Inferred {
					target.inferred = appendNew(target.inferred, m.src.id)
				}
			}
		}
		evs = append(evs, fevs...)
	}
	// Merge entries of different facts that say the same thing on dates
	// that nest (the same day, or a day inside a month): the most precise
	// date stays.
	var merged []*event
	for _, e := range evs {
		joined := false
		for _, m := range merged {
			if !nested(m, e) || maxSimilarity(m.members, e.members, w) < s.opts.AlignThreshold*0.75 && !sameDayAction(m, e) {
				continue
			}
			for _, st := range e.members {
				m.members = appendSentence(m.members, st)
			}
			for _, id := range e.inferred {
				m.inferred = appendNew(m.inferred, id)
			}
			if e.until.Sub(e.from) < m.until.Sub(m.from) {
				m.from, m.until, m.value, m.gran = e.from, e.until, e.value, e.gran
			}
			if len(e.fact.members) > len(m.fact.members) {
				m.fact = e.fact
			}
			joined = true
			break
		}
		if !joined {
			merged = append(merged, e)
		}
	}
	sort.SliceStable(merged, func(i, j int) bool {
		if !merged[i].from.Equal(merged[j].from) {
			return merged[i].from.Before(merged[j].from)
		}
		return len(merged[i].members) > len(merged[j].members)
	})
	for _, e := range merged {
		ev := news.Event{Text: eventText(e), Fact: e.fact.id, Inferred: e.inferred}
		ev.Date, ev.End = isoRange(e.value)
		sort.SliceStable(e.members, func(i, j int) bool { return e.members[i].src.idx < e.members[j].src.idx })
		for _, m := range e.members {
			ev.Evidence = append(ev.Evidence, m.src.evidence(m.start, m.end))
		}
		s.timeline = append(s.timeline, ev)
	}
}

// eventText is the dated sentence that says what happened: the fact's own
// text when it is dated, else the dated member of a source not
// machine-translated that gives the most precise date.
func eventText(e *event) string {
	best := e.members[0]
	for _, m := range e.members {
		if m == e.fact.rep {
			return m.text
		}
		if best.src.mt && !m.src.mt {
			best = m
		}
	}
	return best.text
}

// eventDates are the dates of a sentence that can place its event: precise
// enough, and not the date of the report when the sentence gives another
// ("arrived on Wednesday April 10, ... television reported Thursday
// evening": the arrival is on the 10th).
func (s *story) eventDates(st *sentence) []int {
	var usable, reports []int
	for _, di := range st.dates {
		r := s.dates[st.src.idx][di]
		if !r.Resolved || r.From.IsZero() || r.Until.Sub(r.From) > maxEventSpan {
			continue
		}
		if reportDate(st.src.text, r) {
			reports = append(reports, di)
		} else {
			usable = append(usable, di)
		}
	}
	if len(usable) == 0 {
		return reports
	}
	return usable
}

// eventDays are the sentence's day-precise dates that are not the date of
// a report, resolved or not: what the sentence says happened on a day.
func (s *story) eventDays(st *sentence) []int {
	var out []int
	for _, di := range st.dates {
		r := s.dates[st.src.idx][di]
		if r.Granularity == news.GranularityDay && !reportDate(st.src.text, r) {
			out = append(out, di)
		}
	}
	return out
}

// reportDate reports whether a date belongs to a verb of saying right
// before it ("said on Monday", "reported Thursday evening", "announced late
// Thursday", "a Thursday broadcast").
func reportDate(text string, r news.TimeRef) bool {
	before := terms.Words(text[max(0, r.Start-30):r.Start])
	for i := len(before) - 1; i >= 0 && i >= len(before)-2; i-- {
		if reportingVerbs[strings.ToLower(before[i].Text)] {
			return true
		}
	}
	after := terms.Words(text[r.End:min(len(text), r.End+12)])
	return len(after) > 0 && strings.EqualFold(after[0].Text, "broadcast")
}

// sameDayAction reports whether two events on the same day share the kind
// of action their sentences report (a paraphrase class such as arriving,
// dying, arresting): within one story, one action on one day is one event.
func sameDayAction(a, b *event) bool {
	if a.gran != news.GranularityDay || a.value != b.value {
		return false
	}
	for _, x := range a.members {
		for _, f := range x.featList {
			if !actionClasses[f] {
				continue
			}
			for _, y := range b.members {
				if y.feats[f] {
					return true
				}
			}
		}
	}
	return false
}

// nested reports whether one event's dates contain the other's.
func nested(a, b *event) bool {
	return !a.from.After(b.from) && !b.until.After(a.until) || !b.from.After(a.from) && !a.until.After(b.until)
}

// maxSimilarity is the best similarity of two groups of sentences, leaving
// their dates out: they are compared because their dates already agree.
func maxSimilarity(as, bs []*sentence, w map[string]float64) float64 {
	best := 0.0
	for _, a := range as {
		for _, b := range bs {
			if a == b {
				return 1
			}
			if sim := similarityExcept(a, b, w, "D:"); sim > best {
				best = sim
			}
		}
	}
	return best
}

func appendSentence(ss []*sentence, st *sentence) []*sentence {
	for _, x := range ss {
		if x == st {
			return ss
		}
	}
	return append(ss, st)
}

// isoRange splits an ISO value "A/B" into its two ends.
func isoRange(v string) (string, string) {
	if a, b, ok := strings.Cut(v, "/"); ok {
		return a, b
	}
	return v, ""
}
