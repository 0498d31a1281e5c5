package crosscheck

import (
	"sort"

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
	var groups [][]*qref
	for _, r := range refs {
		placed := false
		for gi, g := range groups {
			if inGroup(g, r.src) || !s.sameSpeaker(g[0], r) || quoteSimilarity(g, r) < 0.35 {
				continue
			}
			groups[gi] = append(groups[gi], r)
			placed = true
			break
		}
		if !placed {
			groups = append(groups, []*qref{r})
		}
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i]) > len(groups[j]) })
	for _, g := range groups {
		s.quotes = append(s.quotes, s.dossierQuote(g))
	}
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
// over the smaller quote's terms (a partial quote is contained).
func quoteSimilarity(g []*qref, r *qref) float64 {
	best := 0.0
	for _, m := range g {
		shared := 0
		for t := range r.terms {
			if m.terms[t] {
				shared++
			}
		}
		small := min(len(r.terms), len(m.terms))
		if sim := float64(shared) / float64(small); sim > best && shared >= 2 {
			best = sim
		}
	}
	return best
}

// speakerEntity resolves a quotation's speaker to a story entity.
func (s *story) speakerEntity(r *qref) *entity {
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
	for _, r := range g {
		if e := s.speakerEntity(r); e != nil {
			name, id := e.name, e.id
			q.Speaker, q.SpeakerEntity = &name, &id
			break
		}
	}
	if q.Speaker == nil {
		for _, r := range g {
			if r.q.Speaker != "" {
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
