package crosscheck

import (
	"slices"

	"github.com/adrg/strutil"

	"github.com/triangulate/triangulate/internal/news"
)

// repairDemonyms undoes a mistranslation that machine translation makes
// between look-alike countries: a French "nigérien" rendered "Nigerian".
// In a machine-translated source, a demonym of a country the source never
// names, while it names a look-alike country (Jaro–Winkler ≥ 0.85) at
// least twice, is taken for the look-alike's demonym. Human-written
// sources are never touched: there "Nigerian" means Nigeria. Each repair
// is recorded in the mention's ReadAs, and for people in its Why.
func (s *story) repairDemonyms() {
	for _, src := range s.srcs {
		if !src.mt {
			continue
		}
		named := map[string]int{}
		for _, m := range src.a.Mentions {
			if !m.Demonym && m.Type == news.EntityLocation {
				named[m.Key]++
			}
		}
		var repaired []news.Mention
		for i, m := range src.a.Mentions {
			if !m.Demonym || named[m.Key] > 0 {
				continue
			}
			best, bestSim := "", 0.0
			for _, k := range sortedKeys(named) {
				if n := named[k]; n < 2 {
					continue
				}
				if sim := strutil.Similarity(k, m.Key, jaroWinkler); sim >= 0.85 && sim > bestSim {
					best, bestSim = k, sim
				}
			}
			if best == "" {
				continue
			}
			if repaired == nil {
				repaired = slices.Clone(src.a.Mentions)
			}
			repaired[i].Why = m.Why + "; read as " + best + ": machine translation of a look-alike demonym (" + m.Key + " never named in this source)"
			repaired[i].Key, repaired[i].ReadAs = best, &news.Reading{Key: best, From: m.Key}
		}
		if repaired != nil {
			a := *src.a // the caller's annotations stay as they were
			a.Mentions = repaired
			src.a = &a
		}
	}
}
