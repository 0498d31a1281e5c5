// Package timex finds temporal expressions in a cleaned English text and
// places them on the calendar: "April 10, 2024", "late Thursday", "last
// July", "mid-March", "the past month", "since 2020".
//
// Each expression becomes a news.TimeRef with its byte span and sentence,
// an ISO 8601 value (YYYY, YYYY-MM, YYYY-MM-DD, or an interval
// first/last day, both inclusive) and a granularity. Relative expressions
// are placed against the publication date; with none they stay unresolved
// (Value "", Resolved false) with their granularity and Relative set, so
// that a later stage can call Resolve with a story's date.
//
// News conventions decide what a relative expression means: a bare weekday
// or month is the latest one on or before publication unless the verb
// nearest to it is in the future ("will", "is due to"); "last July" is the
// latest July before the publication month; a month and day without a year
// is the occurrence on or just before publication; "this week" is Monday to
// Sunday. Spans follow TimeML: prepositions ("on", "in") are left out,
// modifiers ("late", "last", "mid-", "the end of") are kept, and so is
// "since", which turns a date into an interval up to the anchor.
//
// The rules run over tokens in one pass per sentence, and only on a few
// tokens around a trigger (a month or weekday name, a number, a unit of
// time, "yesterday"); no regular expression and no date library runs on
// the text. go-dateparser, which handles absolute dates in many languages,
// was left out: it costs about 0.8 ms per sentence, far beyond this stage's
// budget, and English news needs few forms.
//
// Limits: English only; times of day ("10 a.m.") are not annotated;
// expressions anchored on another event ("the next day", "the previous
// year") are left out; decades ("the 1990s"), seasons and holidays are not
// recognised; numeric dates other than ISO (04/10/2024) are ambiguous and
// left out.
package timex

import (
	"slices"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/news"
)

// Options tune Find. The zero value works: every relative expression is
// then left unresolved.
type Options struct {
	// Published is the article's publication date; zero when unknown.
	Published time.Time
	// Anchor is a date to place relative expressions on when Published is
	// zero, such as the story's date; the TimeRefs placed on it are marked
	// Inferred. Zero when none.
	Anchor time.Time
}

// Find returns the temporal expressions of text, sorted by Start. sents
// are text's sentences (from segment); when empty, text is read as one
// sentence of index 0. Find is safe for concurrent use.
func Find(text string, sents []news.Sentence, opts Options) []news.TimeRef {
	anchor, inferred := dayOf(opts.Published), false
	if anchor.IsZero() && !opts.Anchor.IsZero() {
		anchor, inferred = dayOf(opts.Anchor), true
	}
	if len(sents) == 0 {
		sents = []news.Sentence{{Start: 0, End: len(text)}}
	}
	p := parser{text: text}
	var out []news.TimeRef
	for _, s := range sents {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		for _, e := range p.scan(s.Start, s.End) {
			if p.namesEvent(e) {
				continue
			}
			out = append(out, p.ref(e, s.Index, anchor, inferred))
		}
	}
	slices.SortStableFunc(out, func(a, b news.TimeRef) int { return a.Start - b.Start })
	return out
}

// datedEvents are nouns that a month and day before them name rather
// than date: "the Sept. 11 attacks" happened in some year the text does
// not give, not on this year's September 11.
var datedEvents = map[string]bool{
	"attack": true, "attacks": true, "bombing": true, "bombings": true, "massacre": true, "uprising": true,
	"revolution": true, "riots": true, "killings": true, "shootings": true, "holiday": true, "crash": true,
	"coup": true, "protests": true, "movement": true, "commission": true, "memorial": true,
}

// namesEvent reports whether an expression of a month and a day with no
// year is the name of an event (datedEvents right after it).
func (p *parser) namesEvent(e expr) bool {
	if e.tb >= len(p.toks) || p.toks[e.tb].kind != tkWord {
		return false
	}
	t := p.toks[e.tb]
	if !datedEvents[strings.ToLower(p.text[t.start:t.end])] {
		return false
	}
	for _, x := range p.toks[e.ta:e.tb] {
		if x.kind == tkNum && x.nd == 4 {
			return false // "the September 11, 2001 attacks" is dated
		}
	}
	return true
}

// Resolve (re)anchors a relative expression on anchor, e.g. the story's
// date when the article has none; inferred marks the result so. An
// absolute expression, a zero anchor or a text that is not an expression
// leave ref as it is. Resolve reads ref.Text alone, so the tense of its
// sentence is lost: tense-dependent expressions take the news default (the
// past). Find with Options.Anchor keeps the tense.
func Resolve(ref news.TimeRef, anchor time.Time, inferred bool) news.TimeRef {
	if !ref.Relative || anchor.IsZero() {
		return ref
	}
	p := parser{text: ref.Text, lenient: true}
	es := p.scan(0, len(ref.Text))
	if len(es) == 0 {
		return ref
	}
	// The expression that covers the most of the text.
	best := es[0]
	for _, e := range es[1:] {
		if p.toks[e.tb-1].end-p.toks[e.ta].start > p.toks[best.tb-1].end-p.toks[best.ta].start {
			best = e
		}
	}
	p.cued, p.cues = true, nil // no sentence, no tense
	r := p.ref(best, ref.Sentence, dayOf(anchor), inferred)
	r.Text, r.Start, r.End = ref.Text, ref.Start, ref.End
	if !r.Resolved {
		return ref
	}
	return r
}

// ref turns an expression into a TimeRef, placing it on anchor (zero when
// none).
func (p *parser) ref(e expr, sentence int, anchor time.Time, inferred bool) news.TimeRef {
	start, end := p.toks[e.ta].start, p.toks[e.tb-1].end
	r := news.TimeRef{Text: p.text[start:end], Start: start, End: end, Sentence: sentence}
	rel := e.relative()
	tn := tenseUnknown
	if rel {
		tn = p.tenseOf(e)
	}
	since := e.since && !anchor.IsZero()
	r.Relative = rel || since
	r.Granularity = e.gran(since || e.since && rel)
	from, until, ok := e.place(anchor, tn)
	if !ok {
		return r
	}
	g := e.gran(false)
	r.Value = format(from, until, g)
	if since && from.Before(addDays(anchor, 1)) {
		sg := e.baseGran()
		if e.part != pNone {
			sg = news.GranularityDay
		}
		until = addDays(anchor, 1)
		r.Value = formatStart(from, sg) + "/" + anchor.Format("2006-01-02")
		g = news.GranularityInterval
	} else if e.since {
		r.Relative = rel
	}
	r.Granularity = g
	r.From, r.Until, r.Resolved = from, until, true
	r.Inferred = inferred && r.Relative
	return r
}
