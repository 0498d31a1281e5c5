// Package dossier assembles the dossier of one story from its cleaned
// articles: the story's identity and time span and the sources with their
// cleaning audit. The cross-checked sections (entities, facts, conflicts,
// timeline, quotes, summary) are filled by the cross-checking stage; here
// they start empty, never null.
package dossier

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/triangulate/triangulate/internal/news"
)

// Build returns the dossier of a story made of arts, in the given order.
// Source ids are "s1", "s2", ... in that order.
func Build(arts []*news.Article) news.Dossier {
	d := news.Dossier{
		Schema:    news.SchemaID,
		Sources:   make([]news.Source, 0, len(arts)),
		Entities:  []news.Entity{},
		Facts:     []news.Fact{},
		Conflicts: []news.Conflict{},
		Timeline:  []news.Event{},
		Quotes:    []news.Quote{},
		Summary:   []news.Summary{},
	}
	for i, a := range arts {
		d.Sources = append(d.Sources, Source(fmt.Sprintf("s%d", i+1), a))
	}
	d.Story = story(arts)
	return d
}

// Source is the dossier's view of one article.
func Source(id string, a *news.Article) news.Source {
	s := news.Source{
		ID:                id,
		Input:             a.Input,
		URL:               a.URL,
		Title:             a.Title,
		TitleDerived:      a.TitleDerived,
		Standfirst:        a.Standfirst,
		Dateline:          a.Dateline,
		Authors:           a.Authors,
		Language:          a.Language,
		MachineTranslated: a.MachineTranslated,
		TranslationSigns:  a.TranslationSigns,
		Text:              a.Text,
		Removed:           a.Removed,
		Captions:          a.Captions,
		Warnings:          a.Warnings,
		Extractor:         a.Extractor,
	}
	if s.Removed == nil {
		s.Removed = []news.Removed{}
	}
	if s.Captions == nil {
		s.Captions = []string{}
	}
	if a.Outlet != "" {
		s.Outlet = &a.Outlet
		s.OutletBasis = a.OutletBasis
	}
	if !a.Published.IsZero() {
		p, b := news.DateString(a.Published), a.PublishedBasis
		s.Published, s.PublishedBasis = &p, &b
	}
	return s
}

// story names the story: its id is a digest of its sources' texts, so the
// same articles give the same id in any order; its title is the headline of
// the earliest dated source that has one.
func story(arts []*news.Article) news.Story {
	digests := make([]string, len(arts))
	for i, a := range arts {
		h := sha256.Sum256([]byte(a.Body()))
		digests[i] = string(h[:])
	}
	slices.Sort(digests)
	h := sha256.New()
	for _, d := range digests {
		h.Write([]byte(d))
	}
	st := news.Story{ID: "st-" + hex.EncodeToString(h.Sum(nil))[:12]}

	var span news.Span
	for _, a := range arts {
		span.Add(a.Published)
	}
	st.FirstPublished, st.LastPublished = news.DateString(span.First), news.DateString(span.Last)

	byDate := slices.Clone(arts)
	slices.SortStableFunc(byDate, func(a, b *news.Article) int {
		switch {
		case a.Published.IsZero() == b.Published.IsZero():
			return a.Published.Compare(b.Published)
		case a.Published.IsZero():
			return 1
		}
		return -1
	})
	for _, a := range byDate {
		if !a.TitleDerived && a.Title != "" {
			st.Title = a.Title
			break
		}
	}
	if st.Title == "" && len(arts) > 0 {
		st.Title = arts[0].Title
	}
	return st
}
