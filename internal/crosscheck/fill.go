package crosscheck

import "github.com/triangulate/triangulate/internal/news"

// fill writes the cross-checked sections into the dossier.
func (s *story) fill(d *news.Dossier) {
	d.Entities = s.ents.dossierEntities()
	d.Facts = make([]news.Fact, 0, len(s.facts))
	for _, f := range s.facts {
		d.Facts = append(d.Facts, f.dossierFact())
	}
	d.Happenings = nil
	for _, h := range s.happenings {
		d.Happenings = append(d.Happenings, s.dossierHappening(h))
	}
	d.Conflicts = orEmpty(s.conflicts)
	d.Timeline = orEmpty(s.timeline)
	d.Quotes = orEmpty(s.quotes)
	d.Summary = orEmpty(s.summary)
}

func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
