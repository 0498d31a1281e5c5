package dossier

import (
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// Changes is what a story's dossier gained since a time.
type Changes struct {
	Story           string          `json:"story"`
	Since           string          `json:"since"`
	Version         int             `json:"version"`
	PreviousVersion int             `json:"previous_version"`
	NewSources      []news.Source   `json:"new_sources"`
	NewFacts        []news.Fact     `json:"new_facts"`
	ChangedFacts    []FactChange    `json:"changed_facts"`
	NewConflicts    []news.Conflict `json:"new_conflicts"`
}

// FactChange is a fact whose status moved (confirmed → disputed, ...).
type FactChange struct {
	Fact       news.Fact       `json:"fact"`
	WasStatus  news.FactStatus `json:"was_status"`
	WasSources int             `json:"was_independent_sources"`
}

// Diff lists what now has that before had not. Sources are matched
// by input and URL, facts by statement, conflicts by subject and values:
// ids (s1, f3) are renumbered between versions and say nothing.
func Diff(before, now *news.Dossier) Changes {
	out := Changes{NewSources: []news.Source{}, NewFacts: []news.Fact{}, ChangedFacts: []FactChange{}, NewConflicts: []news.Conflict{}}
	if before == nil {
		before = &news.Dossier{}
	}
	srcKey := func(s news.Source) string { return s.Input + "\x00" + s.URL }
	seen := map[string]bool{}
	for _, src := range before.Sources {
		seen[srcKey(src)] = true
	}
	for _, src := range now.Sources {
		if !seen[srcKey(src)] {
			src.Text, src.Removed = "", nil // the article itself is a link away
			out.NewSources = append(out.NewSources, src)
		}
	}
	facts := map[string]news.Fact{}
	for _, f := range before.Facts {
		facts[f.Text] = f
	}
	for _, f := range now.Facts {
		old, ok := facts[f.Text]
		switch {
		case !ok:
			out.NewFacts = append(out.NewFacts, f)
		case old.Status != f.Status || old.IndependentSources != f.IndependentSources:
			out.ChangedFacts = append(out.ChangedFacts, FactChange{Fact: f, WasStatus: old.Status, WasSources: old.IndependentSources})
		}
	}
	conflictKey := func(c news.Conflict) string {
		var b strings.Builder
		b.WriteString(c.Kind + "\x00" + c.About)
		for _, v := range c.Variants {
			b.WriteString("\x00" + v.Value)
		}
		return b.String()
	}
	had := map[string]bool{}
	for _, c := range before.Conflicts {
		had[conflictKey(c)] = true
	}
	for _, c := range now.Conflicts {
		if !had[conflictKey(c)] {
			out.NewConflicts = append(out.NewConflicts, c)
		}
	}
	return out
}
