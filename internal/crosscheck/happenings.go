package crosscheck

import (
	"fmt"
	"slices"
	"sort"

	"github.com/triangulate/triangulate/internal/news"
)

// happening is what several sources report of one happening: the
// sentences that report it and the facts under it.
type happening struct {
	id          string
	members     []*sentence
	rep         *sentence
	independent int
}

// orderHappenings sorts the happenings by how many publishers report them,
// then by where they first appear, and numbers them.
func (s *story) orderHappenings() {
	for _, h := range s.happenings {
		h.independent, _ = s.independence(h.members)
	}
	sort.SliceStable(s.happenings, func(i, j int) bool {
		a, b := s.happenings[i], s.happenings[j]
		if a.independent != b.independent {
			return a.independent > b.independent
		}
		if a.rep.src.idx != b.rep.src.idx {
			return a.rep.src.idx < b.rep.src.idx
		}
		return a.rep.idx < b.rep.idx
	})
	for i, h := range s.happenings {
		h.id = fmt.Sprintf("h%d", i+1)
	}
}

// dossierHappening writes a happening for the dossier, with the facts of
// two sources or more most of whose sentences report it.
func (s *story) dossierHappening(h *happening) news.Happening {
	dh := news.Happening{ID: h.id, Text: h.rep.text, IndependentSources: h.independent}
	for _, m := range h.members {
		dh.Sources = appendNew(dh.Sources, m.src.id)
		dh.Evidence = append(dh.Evidence, m.src.evidence(m.start, m.end))
	}
	slices.Sort(dh.Sources)
	for _, f := range s.facts {
		if len(f.members) < 2 {
			continue
		}
		in := 0
		for _, m := range f.members {
			if slices.Contains(h.members, m) {
				in++
			}
		}
		if 2*in > len(f.members) {
			dh.Facts = append(dh.Facts, f.id)
		}
	}
	return dh
}
