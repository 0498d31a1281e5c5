package crosscheck

import (
	"slices"
	"sort"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// qref is one source's quotation.
type qref struct {
	src   *source
	q     news.Quotation
	terms map[string]bool
}

// groupQuotes groups the quotations that different sources print of the
// same words: translations and paraphrases of one quote share most of
// their content terms, and a partial quote is contained in the fuller one.
// Two quotes attributed to different named speakers are never grouped.
// Scare quotes (a few words without a speaker) are left out.
func (s *story) groupQuotes() {
	var refs []*qref
	for _, src := range s.srcs {
		for _, q := range src.a.Quotes {
			ts := map[string]bool{}
			for _, w := range terms.Words(q.Text) {
				if t := normTerm(w.Text); t != "" {
					ts[t] = true
				}
			}
			if len(ts) < 2 || q.Speaker == "" && len(ts) < 5 {
				continue
			}
			refs = append(refs, &qref{src: src, q: q, terms: ts})
		}
	}
	// Most similar pairs first, one quotation per source in a group, as
	// facts are aligned.
	type pair struct {
		a, b *qref
		sim  float64
	}
	var pairs []pair
	for i, x := range refs {
		for _, y := range refs[i+1:] {
			if x.src == y.src || !s.sameSpeaker(x, y) {
				continue
			}
			if sim := quoteSimilarity([]*qref{x}, y); sim >= 0.35 {
				pairs = append(pairs, pair{x, y, sim})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].sim > pairs[j].sim })
	groupOf := map[*qref]int{}
	var groups [][]*qref
	for _, p := range pairs {
		ga, okA := groupOf[p.a]
		gb, okB := groupOf[p.b]
		switch {
		case !okA && !okB:
			groups = append(groups, []*qref{p.a, p.b})
			groupOf[p.a], groupOf[p.b] = len(groups)-1, len(groups)-1
		case okA && !okB && fits(groups[ga], p.b):
			groups[ga] = append(groups[ga], p.b)
			groupOf[p.b] = ga
		case !okA && okB && fits(groups[gb], p.a):
			groups[gb] = append(groups[gb], p.a)
			groupOf[p.a] = gb
		}
	}
	for _, r := range refs {
		if _, ok := groupOf[r]; !ok {
			groups = append(groups, []*qref{r})
		}
	}
	// Groups that hold two parts of one quote (a source split it around its
	// attribution) are one quote.
	for i := range groups {
		for j := i + 1; j < len(groups); j++ {
			if len(groups[i]) == 0 || len(groups[j]) == 0 || !shareParts(groups[i], groups[j]) || !allFit(groups[i], groups[j]) {
				continue
			}
			groups[i] = append(groups[i], groups[j]...)
			groups[j] = nil
		}
	}
	groups = slices.DeleteFunc(groups, func(g []*qref) bool { return len(g) == 0 })
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i]) > len(groups[j]) })
	for _, g := range groups {
		s.quotes = append(s.quotes, s.dossierQuote(g))
	}
}

// fits reports whether r may join g: g has no quotation of r's source, or
// only parts of the same quote (same speaker, close by: a quote the source
// split around its attribution).
func fits(g []*qref, r *qref) bool {
	for _, m := range g {
		if m.src == r.src && !partsOfOne(m, r) {
			return false
		}
	}
	return true
}

func shareParts(g, h []*qref) bool {
	for _, a := range g {
		for _, b := range h {
			if a.src == b.src && partsOfOne(a, b) {
				return true
			}
		}
	}
	return false
}

func allFit(g, h []*qref) bool {
	for _, r := range h {
		if !fits(g, r) {
			return false
		}
	}
	return true
}

// partsOfOne: two quotations of one source by the same speaker less than a
// paragraph apart.
func partsOfOne(a, b *qref) bool {
	gap := b.q.Start - a.q.End
	if a.q.Start > b.q.Start {
		gap = a.q.Start - b.q.End
	}
	return a.q.Speaker != "" && a.q.Speaker == b.q.Speaker && gap >= 0 && gap < 300 && !strings.Contains(a.src.text[min(a.q.End, b.q.End):max(a.q.Start, b.q.Start)], "\n\n")
}

func inGroup(g []*qref, src *source) bool {
	for _, r := range g {
		if r.src == src {
			return true
		}
	}
	return false
}

// quoteSimilarity is the best overlap of r with a member: the shared terms
// over the smaller quote's terms (a partial quote is contained), counted
// only when three terms at least, and a third of the larger quote's, are
// shared.
func quoteSimilarity(g []*qref, r *qref) float64 {
	best := 0.0
	for _, m := range g {
		shared := 0
		for t := range r.terms {
			if m.terms[t] {
				shared++
			}
		}
		small, large := min(len(r.terms), len(m.terms)), max(len(r.terms), len(m.terms))
		if sim := float64(shared) / float64(small); sim > best && shared >= 3 && 3*shared >= large {
			best = sim
		}
	}
	return best
}

// speakerEntity resolves a quotation's speaker to a story entity: a
// person or an organisation, never a place ("Niger said" is a metonym the
// dossier does not guess behind).
func (s *story) speakerEntity(r *qref) *entity {
	if e := s.speakerRef(r); e != nil && e.typ != news.EntityLocation {
		return e
	}
	return nil
}

// speakerRef is the entity a quotation's speaker key names, of any type.
func (s *story) speakerRef(r *qref) *entity {
	if r.q.SpeakerKey == "" {
		return nil
	}
	for mi, m := range r.src.a.Mentions {
		if m.Key == r.q.SpeakerKey {
			if e := s.ents.entityOf(r.src.idx, mi); e != nil {
				return e
			}
		}
	}
	return nil
}

// sameSpeaker: quotes of two named speakers that resolve to different
// entities are different quotes.
func (s *story) sameSpeaker(a, b *qref) bool {
	ea, eb := s.speakerEntity(a), s.speakerEntity(b)
	return ea == nil || eb == nil || ea == eb
}

// dossierQuote writes one group: its text is the fullest version printed
// by a source not machine-translated; its speaker the resolved entity, else
// the speaker as the first source describes them.
func (s *story) dossierQuote(g []*qref) news.Quote {
	sort.SliceStable(g, func(i, j int) bool { return g[i].src.idx < g[j].src.idx })
	rep := g[0]
	for _, r := range g {
		if rep.src.mt && !r.src.mt || rep.src.mt == r.src.mt && len(r.terms) > len(rep.terms) {
			rep = r
		}
	}
	q := news.Quote{Text: rep.q.Text}
	// A named speaker when most of the printing sources name the same one;
	// otherwise the speaker as the representative's source describes them.
	votes := map[*entity]int{}
	for _, r := range g {
		if e := s.speakerEntity(r); e != nil {
			votes[e]++
		}
	}
	for e, n := range votes {
		if 2*n > len(g) || len(g) == 1 {
			name, id := e.name, e.id
			q.Speaker, q.SpeakerEntity = &name, &id
		}
	}
	if q.Speaker == nil {
		for _, r := range append([]*qref{rep}, g...) {
			if e := s.speakerRef(r); r.q.Speaker != "" && (e == nil || e.typ != news.EntityLocation) {
				sp := r.q.Speaker
				q.Speaker = &sp
				break
			}
		}
	}
	for _, r := range g {
		q.Evidence = append(q.Evidence, r.src.evidence(r.q.Start, r.q.End))
	}
	return q
}
