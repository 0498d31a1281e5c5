package crosscheck

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// writeSummary picks four to SummarySentences facts, most corroborated
// first, that together say who, what, when and where without repeating
// each other, and writes each as its sentence verbatim with the sources
// that back it. A sentence whose names or numbers are not all found in its
// cited sources is dropped (supported checks it).
func (s *story) writeSummary() {
	type cand struct {
		f     *fact
		score float64
	}
	var cands []cand
	for _, f := range s.facts {
		st := f.rep
		if st.headline || !st.alone || st.words < 8 || strings.ContainsAny(firstRune(st.text), "“\"«‘") || !balancedQuotes(st.text) {
			continue // fragments and quotes make poor summary sentences
		}
		score := float64(f.independent) * 2
		var hasWho, hasWhere bool
		for _, mi := range st.mentions {
			switch st.src.a.Mentions[mi].Type {
			case news.EntityPerson, news.EntityOrganization:
				hasWho = true
			case news.EntityLocation:
				hasWhere = true
			}
		}
		if hasWho {
			score += 0.5
		}
		if hasWhere {
			score += 0.5
		}
		if len(st.dates) > 0 {
			score += 0.5
		}
		switch {
		case st.idx == 0:
			score += 1 // a lead sentence says what the story is
		case st.idx < 3:
			score += 0.5
		}
		if f.disputed || s.attributionDisputed(f.rep) {
			continue // a disputed statement, or one whose teller is disputed, is shown with its conflict, never summarised as settled
		}
		cands = append(cands, cand{f, score})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var chosen []*fact
	for _, c := range cands {
		if len(chosen) >= s.opts.SummarySentences {
			break
		}
		if redundant(c.f, chosen) {
			continue
		}
		cited := citedTexts(c.f)
		if !supported(c.f.rep.text, cited) {
			continue
		}
		chosen = append(chosen, c.f)
	}
	// Most corroborated first; among equals, in the order the sources tell
	// the story.
	sort.SliceStable(chosen, func(i, j int) bool {
		a, b := chosen[i], chosen[j]
		if a.independent != b.independent {
			return a.independent > b.independent
		}
		if a.rep.src.idx != b.rep.src.idx {
			return a.rep.src.idx < b.rep.src.idx
		}
		return a.rep.idx < b.rep.idx
	})
	for _, f := range chosen {
		members := slices.Clone(f.members)
		sort.SliceStable(members, func(i, j int) bool { return members[i].src.idx < members[j].src.idx })
		var ids []string
		for _, m := range members {
			if m == f.rep || statesAmounts(m, f.rep) {
				ids = appendNew(ids, m.src.id)
			}
		}
		s.summary = append(s.summary, news.Summary{Text: f.rep.text, Sources: ids, Dates: s.relativeDays(f.rep)})
	}
}

// attributionDisputed reports whether a sentence is a side of a conflict
// over who reported what it says ("RTN also said ..." against "Russian
// state television announced ...").
func (s *story) attributionDisputed(st *sentence) bool {
	for _, c := range s.conflicts {
		if c.Kind != kindAttribution {
			continue
		}
		for _, v := range c.Variants {
			for _, e := range v.Evidence {
				if e.Source == st.src.id && e.Start == st.start {
					return true
				}
			}
		}
	}
	return false
}

// relativeDays gives the calendar day of each relative day a summary
// sentence names ("on Wednesday": 2024-04-10), when the timeline could
// place it; the sentence itself stays verbatim.
func (s *story) relativeDays(st *sentence) []news.SummaryDate {
	var out []news.SummaryDate
	for _, di := range st.dates {
		r := s.dates[st.src.idx][di]
		if r.Relative && r.Resolved && r.Granularity == news.GranularityDay {
			out = append(out, news.SummaryDate{Text: r.Text, Date: r.Value, Inferred: r.Inferred})
		}
	}
	return out
}

// balancedQuotes reports whether every quote a sentence opens it closes:
// a sentence cut inside a quotation reads wrongly on its own.
func balancedQuotes(s string) bool {
	return strings.Count(s, "\"")%2 == 0 && strings.Count(s, "“") == strings.Count(s, "”") && strings.Count(s, "«") == strings.Count(s, "»")
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

// redundant: a fact whose features mostly repeat a chosen one's.
func redundant(f *fact, chosen []*fact) bool {
	for _, c := range chosen {
		shared, total := 0, 0
		for _, ft := range f.rep.featList {
			total++
			if c.rep.feats[ft] {
				shared++
			}
		}
		if total > 0 && float64(shared) > 0.5*float64(total) {
			return true
		}
	}
	return false
}

func citedTexts(f *fact) []string {
	var out []string
	for _, m := range f.members {
		out = append(out, m.src.text)
	}
	return out
}

// supported reports whether every name (a capitalised word not opening the
// sentence) and every number of text occurs in at least one cited text.
func supported(text string, cited []string) bool {
	folded := make([]string, len(cited))
	for i, c := range cited {
		folded[i] = terms.Fold(c)
	}
	for i, w := range terms.Words(text) {
		r := []rune(w.Text)
		isName := i > 0 && unicode.IsUpper(r[0])
		isNum := unicode.IsDigit(r[0])
		if !isName && !isNum {
			continue
		}
		f := terms.Fold(w.Text)
		found := false
		for _, c := range folded {
			if strings.Contains(c, f) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// statesAmounts reports whether the source of sentence m states every
// amount of the summary sentence rep, or one compatible with it in the
// same unit, somewhere in its text: a source is cited for a summary
// sentence only if it gives its numbers too ("forty ships" is not backed
// by a source that only says "about 45 ships", however alike the rest).
func statesAmounts(m, rep *sentence) bool {
	for _, qi := range rep.quants {
		q := rep.src.a.Quantities[qi]
		if q.Value == nil {
			continue
		}
		found := false
		for _, o := range m.src.a.Quantities {
			if o.Value != nil && o.Unit == q.Unit && compatible(q, o) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
