package crosscheck

import (
	"regexp"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/annotate/timex"
	"github.com/triangulate/triangulate/internal/clean"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// Anchoring the relative dates of sources without a publication date.
//
// "On Wednesday" in an undated article can be placed only by guessing when
// the article appeared. The story's dated sources make a good guess when it
// is safe: when they all appeared within maxStorySpan of each other, and
// nothing in the undated article — no date in its text or captions — is
// later than the story's latest publication day. An article that mentions
// a later day (a caption of a photo taken after it, a date in its text) is
// a follow-up: its weekdays are not placed at all, though a day-and-month
// without a year ("April 10") still takes its year from that later day,
// which is a safe lower bound of its publication. Every date placed this way
// is marked inferred.

// maxStorySpan is the widest spread of the dated sources' publication days
// under which an undated source is anchored on the story.
const maxStorySpan = 3 * 24 * time.Hour

var monthNameRE = regexp.MustCompile(`(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b`)

// anchorDates fills s.dates: each source's dates, anchored on the story
// where that is safe.
func (s *story) anchorDates() {
	s.dates = make([][]news.TimeRef, len(s.srcs))
	first, last := s.publishedSpan()
	for _, src := range s.srcs {
		refs := append([]news.TimeRef(nil), src.a.Dates...)
		s.dates[src.idx] = refs
		if !src.a.Article.Published.IsZero() || last.IsZero() || last.Sub(first) > maxStorySpan {
			continue
		}
		latest := latestStatedDay(src, refs)
		for i, r := range refs {
			if r.Resolved || !r.Relative {
				continue
			}
			switch {
			case latest.IsZero() || !latest.After(last):
				refs[i] = timex.Resolve(r, last, true)
			case monthNameRE.MatchString(r.Text) && !strings.Contains(strings.ToLower(r.Text), "last") && !strings.Contains(strings.ToLower(r.Text), "next"):
				// "April 10": only the year is missing, and the later day
				// the article mentions bounds it.
				refs[i] = timex.Resolve(r, latest, true)
			}
		}
	}
}

// latestStatedDay is the latest day the article states absolutely, in its
// text or its captions: its publication is no earlier.
func latestStatedDay(src *source, refs []news.TimeRef) time.Time {
	var latest time.Time
	for _, r := range refs {
		if r.Resolved && !r.Relative && !r.From.IsZero() {
			day := r.From
			if r.Granularity != news.GranularityDay {
				continue
			}
			if day.After(latest) {
				latest = day
			}
		}
	}
	for _, c := range src.a.Article.Captions {
		if t, ok := clean.ParseDate(c); ok && t.After(latest) {
			latest = t
		}
	}
	return latest
}

// publisherKey is the folded outlet of an article, "" when unknown.
func publisherKey(a *news.Article) string { return terms.Fold(a.Outlet) }

// publishedSpan is the first and the last publication day of the story's
// sources, zero when none states one.
func (s *story) publishedSpan() (first, last time.Time) {
	var sp news.Span
	for _, src := range s.srcs {
		sp.Add(src.a.Article.Published)
	}
	return sp.First, sp.Last
}
