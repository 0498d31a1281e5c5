// Package crosscheck is the heart of triangulate: it reads the annotated
// articles of one story side by side and fills the dossier's cross-checked
// sections — entities resolved across sources, facts aligned across sources
// with the publishers that back them, conflicts with every side, a dated
// timeline, quotes grouped across the outlets that print them, and a short
// extractive summary whose every sentence cites its sources.
//
// Every statement it makes carries evidence: a sentence (or quote) copied
// verbatim from a source's cleaned text, with its byte span. Where it
// cannot tell, it says less rather than guess: a false conflict costs more
// trust than a missed one, and a date that cannot be placed safely is left
// off the timeline.
package crosscheck

import (
	"fmt"

	"github.com/triangulate/triangulate/internal/news"
)

// Options tune the cross-check. The zero value works.
type Options struct {
	// AlignThreshold is the similarity above which two sentences of
	// different sources state the same fact (default 0.30).
	AlignThreshold float64
	// SummarySentences is the most sentences the summary has (default 6,
	// at least 4 when the story has enough facts).
	SummarySentences int
}

func (o Options) withDefaults() Options {
	if o.AlignThreshold <= 0 {
		o.AlignThreshold = 0.30
	}
	if o.SummarySentences <= 0 {
		o.SummarySentences = 6
	}
	return o
}

// source is one article of the story under cross-check.
type source struct {
	id    string
	idx   int
	a     *news.Annotated
	text  string
	mt    bool   // machine-translated
	owner string // the publisher, folded, for counting independent sources ("" unknown)
}

// Check fills d's entities, facts, conflicts, timeline, quotes and summary
// from the annotated articles of its story. arts are in the order of
// d.Sources, whose ids they take.
func Check(d *news.Dossier, arts []*news.Annotated, opts Options) error {
	_, err := CheckDetail(d, arts, opts)
	return err
}

// Detail is what the cross-check decided below the level the dossier
// shows, for the quality harnesses (package eval) and for debugging.
type Detail struct {
	// MentionEntity[i][j] is the id of the dossier entity that mention j
	// of source i was resolved to, "" when it is in none.
	MentionEntity [][]string
	// Values are the values the conflicts compare (slots.go).
	Values []ValueRef
	// SlotWhy says why values i and j do not fill one slot, "" when they
	// do.
	SlotWhy func(i, j int) string
	// Dropped says, for pairs of values of one slot that disagree (i < j)
	// but made no conflict, why.
	Dropped map[[2]int]string
}

// ValueRef is a value a conflict may compare: a source's index, the span
// of the value in its text, its kind (number, year, month, day, weekday,
// name) and its text.
type ValueRef struct {
	Source, Start, End int
	Kind, Text         string
}

// CheckDetail is Check, and also returns the decisions behind the
// dossier.
func CheckDetail(d *news.Dossier, arts []*news.Annotated, opts Options) (det *Detail, err error) {
	// A fault in one story's cross-check is that story's error, never the
	// end of a batch or a server.
	defer func() {
		if r := recover(); r != nil {
			det, err = nil, fmt.Errorf("crosscheck: story %s: internal error: %v", d.Story.ID, r)
		}
	}()
	if len(arts) != len(d.Sources) {
		return nil, fmt.Errorf("crosscheck: %d annotated articles for %d sources", len(arts), len(d.Sources))
	}
	opts = opts.withDefaults()
	srcs := make([]*source, len(arts))
	for i, a := range arts {
		srcs[i] = &source{id: d.Sources[i].ID, idx: i, a: a, text: a.Article.Text, mt: a.Article.MachineTranslated, owner: publisherKey(a.Article)}
	}
	s := &story{srcs: srcs, opts: opts}
	s.repairDemonyms()
	s.ents = resolveEntities(srcs)
	s.anchorDates()
	s.buildSentences()
	s.readOrigins()
	s.alignFacts()
	s.groupHappenings()
	s.findConflicts()
	s.buildTimeline()
	s.groupQuotes()
	s.writeSummary()
	s.fill(d)
	det = &Detail{MentionEntity: make([][]string, len(srcs))}
	for i, src := range srcs {
		det.MentionEntity[i] = make([]string, len(src.a.Mentions))
		for j := range src.a.Mentions {
			if e := s.ents.entityOf(i, j); e != nil {
				det.MentionEntity[i][j] = e.id
			}
		}
	}
	for _, v := range s.slotVals {
		det.Values = append(det.Values, ValueRef{Source: v.st.src.idx, Start: v.start, End: v.end, Kind: v.kind, Text: v.text})
	}
	det.SlotWhy = func(i, j int) string { return s.slotWhy(s.slotVals[i], s.slotVals[j], s.slotW) }
	det.Dropped = s.dropped
	return det, nil
}

// story is the working state of one cross-check.
type story struct {
	srcs  []*source
	opts  Options
	ents  *entityTable
	sents []*sentence
	// bySource[i] are the sentences of source i in order.
	bySource [][]*sentence
	facts    []*fact
	// claimIDs interns the claim features of the story's sentences.
	claimIDs   *classes
	happenings []*happening
	// happeningOf lists the happenings of each sentence (slots.go).
	happeningOf map[*sentence][]*happening
	simCache    map[[2]int]float64 // claim similarity of sentence pairs (slots.go)
	// slotVals are the story's values, slotW the claim weights they were
	// compared with, dropped the disagreeing pairs of one slot that made
	// no conflict and why (slots.go; for Detail).
	slotVals []*slotValue
	slotW    []float64
	dropped  map[[2]int]string
	adj      [][]int32 // sentences of other sources with a positive happening score (align.go)
	// mark, seenMark and markGen mark sentences while grouping (align.go).
	mark, seenMark []int32
	markGen        int32
	df             []int // claim feature → sentences that have it
	conflicts      []news.Conflict
	timeline       []news.Event
	quotes         []news.Quote
	summary        []news.Summary
	// dates are the articles' dates after anchoring on the story, per
	// source, parallel to a.Dates.
	dates [][]news.TimeRef
	// origins say which sources and sentences count once together
	// (independence.go).
	origins *origins
}

// evidence is a verbatim span of a source's text.
func (src *source) evidence(start, end int) news.Evidence {
	return news.Evidence{Source: src.id, Text: src.text[start:end], Start: start, End: end}
}
