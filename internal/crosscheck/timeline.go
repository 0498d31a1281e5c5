package crosscheck

import (
	"sort"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/news"
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
			for _, di := range m.dates {
				r := s.dates[m.src.idx][di]
				if !r.Resolved || r.From.IsZero() || r.Until.Sub(r.From) > maxEventSpan {
					continue
				}
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
	// Merge same-day entries of different facts that say the same thing.
	var merged []*event
	for _, e := range evs {
		joined := false
		for _, m := range merged {
			if m.value == e.value && m.gran == news.GranularityDay && similarity(m.fact.rep, e.fact.rep, w) >= s.opts.AlignThreshold/2 {
				for _, st := range e.members {
					m.members = appendSentence(m.members, st)
				}
				for _, id := range e.inferred {
					m.inferred = appendNew(m.inferred, id)
				}
				if len(e.fact.members) > len(m.fact.members) {
					m.fact = e.fact
				}
				joined = true
				break
			}
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
		ev := news.Event{Text: e.fact.rep.text, Fact: e.fact.id, Inferred: e.inferred}
		ev.Date, ev.End = isoRange(e.value)
		sort.SliceStable(e.members, func(i, j int) bool { return e.members[i].src.idx < e.members[j].src.idx })
		for _, m := range e.members {
			ev.Evidence = append(ev.Evidence, m.src.evidence(m.start, m.end))
		}
		s.timeline = append(s.timeline, ev)
	}
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
