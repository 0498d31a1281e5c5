package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// This file holds what the human formats share: labels, counts, orderings
// and the cells of the facts × sources matrix, so the three formats cannot
// drift apart on what they say.

// plural writes "1 fact", "3 facts".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// countLine is the one-line summary of a dossier's size.
func countLine(d *news.Dossier) string {
	return strings.Join([]string{
		plural(len(d.Sources), "source", "sources"),
		plural(len(d.Facts), "fact", "facts"),
		plural(len(d.Conflicts), "conflict", "conflicts"),
	}, " · ")
}

// storyDates describes when the story was published.
func storyDates(s news.Story) string {
	var parts []string
	if s.FirstPublished != "" {
		parts = append(parts, "first published "+s.FirstPublished)
	}
	if s.LastPublished != "" {
		parts = append(parts, "last published "+s.LastPublished)
	}
	if len(parts) == 0 {
		return "publication dates unknown"
	}
	return strings.Join(parts, " · ")
}

// storyTitle is the story's title, or a stand-in that says there is none.
func storyTitle(s news.Story) string {
	if strings.TrimSpace(s.Title) == "" {
		return "Untitled story"
	}
	return s.Title
}

// outletName is the outlet, or "unknown outlet": the dossier never guesses.
func outletName(s *news.Source) string {
	if s.Outlet == nil || strings.TrimSpace(*s.Outlet) == "" {
		return "unknown outlet"
	}
	return *s.Outlet
}

// publishedLabel is the publication date with how it was found, or "date
// unknown".
func publishedLabel(s *news.Source) string {
	if s.Published == nil || *s.Published == "" {
		return "date unknown"
	}
	if s.PublishedBasis == nil || *s.PublishedBasis == "" {
		return *s.Published
	}
	return fmt.Sprintf("%s (%s)", *s.Published, *s.PublishedBasis)
}

// speakerName is the quote's speaker, or "unnamed speaker".
func speakerName(q *news.Quote) string {
	if q.Speaker == nil || strings.TrimSpace(*q.Speaker) == "" {
		return "unnamed speaker"
	}
	return *q.Speaker
}

// sortedTimeline returns the timeline ordered by date, then end date, then
// text; entries of coarser precision ("2024-03") come before the days inside
// them. The dossier's slice is not touched.
func sortedTimeline(evs []news.Event) []news.Event {
	out := slices.Clone(evs)
	slices.SortStableFunc(out, func(a, b news.Event) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.End, b.End), cmp.Compare(a.Text, b.Text))
	})
	return out
}

// eventDate is "2024-04-10" or "2024-04-10 – 2024-04-12".
func eventDate(e *news.Event) string {
	if e.End != "" && e.End != e.Date {
		return e.Date + " – " + e.End
	}
	return e.Date
}

// labelSources orders the source ids of an entity's labels: sources in
// dossier order first, then any others alphabetically.
func labelSources(d *news.Dossier, labels map[string][]string) []string {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	rank := sourceRank(d)
	slices.SortFunc(keys, func(a, b string) int {
		ra, oka := rank[a]
		rb, okb := rank[b]
		switch {
		case oka && okb:
			return cmp.Compare(ra, rb)
		case oka:
			return -1
		case okb:
			return 1
		}
		return cmp.Compare(a, b)
	})
	return keys
}

// sortIDs orders source ids as the dossier lists its sources, unknown ids
// last in their own order. It sorts ids in place and returns it.
func sortIDs(d *news.Dossier, ids []string) []string {
	rank := sourceRank(d)
	slices.SortStableFunc(ids, func(a, b string) int {
		ra, oka := rank[a]
		rb, okb := rank[b]
		if !oka {
			ra = len(rank)
		}
		if !okb {
			rb = len(rank)
		}
		return cmp.Compare(ra, rb)
	})
	return ids
}

func sourceRank(d *news.Dossier) map[string]int {
	rank := make(map[string]int, len(d.Sources))
	for i, s := range d.Sources {
		if _, ok := rank[s.ID]; !ok {
			rank[s.ID] = i
		}
	}
	return rank
}

// Cells of the facts × sources matrix.
const (
	markStates      = "✓"
	markContradicts = "✗"
)

// matrixCell is what fact f's row shows under source id: ✓ when the source
// is in the fact's evidence, ✗ when it contradicts it, both when it does
// both (the dossier is then inconsistent, and the reader should see it),
// blank when silent.
func matrixCell(f *news.Fact, id string) string {
	var cell string
	for _, e := range f.Evidence {
		if e.Source == id {
			cell = markStates
			break
		}
	}
	if slices.Contains(f.ContradictedBy, id) {
		cell += markContradicts
	}
	return cell
}

// firstEvidence is the first evidence sentence of f from source id, for a
// tooltip.
func firstEvidence(evs []news.Evidence, id string) (news.Evidence, bool) {
	for _, e := range evs {
		if e.Source == id {
			return e, true
		}
	}
	return news.Evidence{}, false
}

// collapseSpace turns runs of white space (newlines included) into single
// spaces, for text shown on one line or in one table cell.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
