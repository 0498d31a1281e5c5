package render

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/triangulate/triangulate/internal/news"
)

// dossierHTML is the page template. It is parsed with html/template, so
// every piece of dossier text is escaped for its context; the only
// template.HTML values are the headings built by heading, whose text is
// escaped there.
//
//go:embed dossier.html.tmpl
var dossierHTML string

// pageTemplate is parsed on first use: parsing it at start-up cost every
// command 5 ms, most of which never render HTML.
var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"heading": heading,
	}).Parse(dossierHTML))
})

// heading writes <hN id="...">text</hN>, N being level plus the page's
// offset (one when several stories each need their own heading), so
// headings stay in order however many stories the page holds.
func heading(off, level int, id, text string) template.HTML {
	n := min(level+off, 6)
	idAttr := ""
	if id != "" {
		idAttr = fmt.Sprintf(` id="%s"`, html.EscapeString(id))
	}
	return template.HTML(fmt.Sprintf("<h%d%s>%s</h%d>", n, idAttr, html.EscapeString(text), n))
}

// htmlPage is what the template renders.
type htmlPage struct {
	Title   string
	Stories []*htmlStory
}

// htmlStory wraps one dossier with the lookups the template needs.
type htmlStory struct {
	D *news.Dossier
	// Off is added to heading levels: 0 for a page of one story (its title
	// is the h1), 1 for several (the page has its own h1).
	Off      int
	Timeline []news.Event
	sources  map[string]*news.Source
	// labels are the sources' names as the page cites them (SourceLabel).
	labels map[string]string
	// conflictAt maps each sentence a conflict cites to the first such
	// conflict, for the matrix's ✗ and its disputed rows.
	conflictAt map[evidenceKey]int
	// Figure and links are set by HTMLStoryFragment only (FragmentOptions);
	// the standalone page has neither.
	Figure template.HTML
	links  map[string]string
}

func newHTMLStory(d *news.Dossier, off int) *htmlStory {
	s := &htmlStory{D: d, Off: off, Timeline: sortedTimeline(d.Timeline), sources: map[string]*news.Source{}}
	for i := range d.Sources {
		if _, ok := s.sources[d.Sources[i].ID]; !ok {
			s.sources[d.Sources[i].ID] = &d.Sources[i]
		}
	}
	s.labels = SourceLabels(d.Sources)
	s.conflictAt = map[evidenceKey]int{}
	for i, c := range d.Conflicts {
		for _, v := range c.Variants {
			for _, e := range v.Evidence {
				k := evidenceKey{e.Source, e.Start, e.End}
				if _, seen := s.conflictAt[k]; !seen {
					s.conflictAt[k] = i
				}
			}
		}
	}
	return s
}

// SourceLabel is how the page cites source id: by its outlet, shortened
// ("The Associated Press" → "Associated Press"), numbered when the story
// has several sources of one outlet ("Reuters 2"), "unknown outlet 1" ...
// for sources that name none; the id (s1) when the id is not a source's.
// A reader sees who says what without a mouse; the id stays in the
// tooltip and the source's heading.
func (s *htmlStory) SourceLabel(id string) string {
	if l, ok := s.labels[id]; ok {
		return l
	}
	return id
}

// maxLabelRunes bounds an outlet's name as a citation.
const maxLabelRunes = 24

// SourceLabels names each source for citations, by id: its outlet,
// shortened, numbered when several sources share it, "unknown outlet N"
// when it names none (see htmlStory.SourceLabel). The web UI cites sources
// the same way on its other pages.
func SourceLabels(srcs []news.Source) map[string]string {
	out := make(map[string]string, len(srcs))
	base := make([]string, len(srcs))
	count := map[string]int{}
	unknown := 0
	for i := range srcs {
		name := ""
		if srcs[i].Outlet != nil {
			name = shortOutlet(*srcs[i].Outlet)
		}
		if name == "" {
			unknown++
			name = fmt.Sprintf("unknown outlet %d", unknown)
		}
		base[i] = name
		count[strings.ToLower(name)]++
	}
	seen := map[string]int{}
	for i, src := range srcs {
		if _, dup := out[src.ID]; dup {
			continue
		}
		k := strings.ToLower(base[i])
		seen[k]++
		if count[k] > 1 {
			out[src.ID] = fmt.Sprintf("%s %d", base[i], seen[k])
		} else {
			out[src.ID] = base[i]
		}
	}
	return out
}

// shortOutlet is an outlet's name as a citation: white space collapsed, a
// leading "The " and "www." dropped, cut at a word to maxLabelRunes.
func shortOutlet(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	for _, p := range []string{"The ", "the ", "www."} {
		if r := strings.TrimPrefix(name, p); r != "" {
			name = r
		}
	}
	if utf8.RuneCountInString(name) <= maxLabelRunes {
		return name
	}
	rs := []rune(name)[:maxLabelRunes]
	cut := string(rs)
	if i := strings.LastIndexByte(cut, ' '); i > maxLabelRunes/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-–—") + "…"
}

// Anchor is the fragment id of an item of this story.
func (s *htmlStory) Anchor(kind, id string) string { return anchor(s.D.Story.ID, kind, id) }

// SourceHint is the tooltip of a bare citation: outlet and title.
func (s *htmlStory) SourceHint(id string) string {
	src, ok := s.sources[id]
	if !ok {
		return id + ": not among the sources"
	}
	return fmt.Sprintf("%s: %s — %s", id, outletName(src), src.Title)
}

// Link is the address of a page about source id, "" for none.
func (s *htmlStory) Link(id string) string { return s.links[id] }

// Happenings are the happenings the page shows (the first maxHappenings).
func (s *htmlStory) Happenings() []news.Happening {
	return s.D.Happenings[:min(len(s.D.Happenings), maxHappenings)]
}

// MoreHappenings counts the happenings the page leaves to the JSON.
func (s *htmlStory) MoreHappenings() int { return len(s.D.Happenings) - len(s.Happenings()) }

// Title is the story's title or a stand-in.
func (s *htmlStory) Title() string { return storyTitle(s.D.Story) }

// Dates says when the story was published.
func (s *htmlStory) Dates() string { return storyDates(s.D.Story) }

// Counts is the one-line size of the dossier.
func (s *htmlStory) Counts() string { return countLine(s.D) }

// Cell is the matrix cell of fact f under source id.
func (s *htmlStory) Cell(f news.Fact, id string) htmlCell {
	c := htmlCell{Mark: matrixCell(&f, id)}
	states := func() {
		for _, e := range f.Evidence {
			if e.Source == id {
				c.Says = append(c.Says, collapseSpace(e.Text))
			}
		}
	}
	contradicts := func() {
		conflict, ok := s.conflictOf(f)
		if !ok {
			return
		}
		c.Conflict = s.Anchor("conflict", conflict.ID)
		for _, v := range conflict.Variants {
			for _, e := range v.Evidence {
				if e.Source == id && !slices.Contains(c.Says, collapseSpace(e.Text)) {
					c.Says = append(c.Says, collapseSpace(e.Text))
				}
			}
		}
	}
	label := s.SourceLabel(id)
	switch c.Mark {
	case markStates:
		c.Class = "ok"
		states()
		c.Label = label + " states it"
	case markContradicts:
		c.Class = "bad"
		contradicts()
		c.Label = label + " states a conflicting value"
	case markStates + markContradicts:
		c.Class = "bad"
		states()
		contradicts()
		c.Label = label + " both states it and states a conflicting value"
	default:
		c.Label = label + " is silent"
	}
	return c
}

// conflictOf is the conflict a fact is a side of: the first whose sides
// cite one of the fact's sentences (looked up in conflictAt).
func (s *htmlStory) conflictOf(f news.Fact) (news.Conflict, bool) {
	for _, e := range f.Evidence {
		if i, ok := s.conflictAt[evidenceKey{e.Source, e.Start, e.End}]; ok {
			return s.D.Conflicts[i], true
		}
	}
	return news.Conflict{}, false
}

// evidenceKey names a cited sentence: its source and span.
type evidenceKey struct {
	source     string
	start, end int
}

// ConflictOf is the anchor of the conflict a disputed fact is a side of,
// "" when none is found.
func (s *htmlStory) ConflictOf(f news.Fact) string {
	if c, ok := s.conflictOf(f); ok {
		return s.Anchor("conflict", c.ID)
	}
	return ""
}

// htmlCell is one cell of the facts × sources matrix: its mark, what the
// source says (its sentences stating the fact or the conflicting value),
// and the anchor of the conflict for a ✗.
type htmlCell struct {
	Mark, Class, Label string
	Says               []string
	Conflict           string
}

// EvidenceSources lists the source ids of evidence.
func (s *htmlStory) EvidenceSources(evs []news.Evidence) []string { return news.EvidenceSources(evs) }

// BySource orders evidence as the dossier lists its sources.
func (s *htmlStory) BySource(evs []news.Evidence) []news.Evidence {
	rank := sourceRank(s.D)
	out := slices.Clone(evs)
	slices.SortStableFunc(out, func(a, b news.Evidence) int {
		ra, oka := rank[a.Source]
		rb, okb := rank[b.Source]
		if !oka {
			ra = len(rank)
		}
		if !okb {
			rb = len(rank)
		}
		return cmp.Compare(ra, rb)
	})
	return out
}

// EventDate is "2024-04-10" or "2024-04-10 – 2024-04-12".
func (s *htmlStory) EventDate(e news.Event) string { return eventDate(&e) }

// LabelSources orders the source ids of an entity's labels.
func (s *htmlStory) LabelSources(labels map[string][]string) []string {
	return labelSources(s.D, labels)
}

// Join joins strings with sep, for aliases and labels.
func (s *htmlStory) Join(xs []string, sep string) string { return strings.Join(xs, sep) }

// Speaker is the quote's speaker or "unnamed speaker".
func (s *htmlStory) Speaker(q news.Quote) string { return speakerName(&q) }

// Outlet is the source's outlet or "unknown outlet".
func (s *htmlStory) Outlet(src news.Source) string { return outletName(&src) }

// Known says whether the source's outlet is known.
func (s *htmlStory) Known(src news.Source) bool { return outletName(&src) != "unknown outlet" }

// Published is the source's date with its basis, or "date unknown".
func (s *htmlStory) Published(src news.Source) string { return publishedLabel(&src) }

// factGroups splits a dossier's facts for the matrix: those several
// sources state or dispute first, the single-source rest apart (folded
// away), unless there is nothing else.
type factGroups struct {
	// Lead and More are the facts several sources state or that are
	// disputed, the first in view and the rest folded; Single those one
	// source states.
	Lead, More, Single []news.Fact
}

// FactGroups groups the dossier's facts for the matrix.
func (s *htmlStory) FactGroups() factGroups {
	var g factGroups
	var main []news.Fact
	for _, f := range s.D.Facts {
		if f.Status == news.StatusSingleSource && len(f.ContradictedBy) == 0 {
			g.Single = append(g.Single, f)
		} else {
			main = append(main, f)
		}
	}
	if len(main) == 0 {
		main, g.Single = g.Single, nil
	}
	// The first leadFacts are in view; the rest open on demand, so that
	// the first screens answer what happened and who disagrees.
	g.Lead, g.More = main[:min(len(main), leadFacts)], main[min(len(main), leadFacts):]
	return g
}

// leadFacts is how many facts the matrix shows before "more facts".
const leadFacts = 10

// factRows is the data of one facts table.
type factRows struct {
	S       *htmlStory
	Facts   []news.Fact
	Caption string
}

// FactRows is the data of the "facts" template.
func (s *htmlStory) FactRows(facts []news.Fact, caption string) factRows {
	return factRows{S: s, Facts: facts, Caption: caption}
}

// Paragraphs splits a cleaned text.
func (s *htmlStory) Paragraphs(text string) []string { return news.SplitParagraphs(text) }

// HTML writes the dossiers as one self-contained page: inline CSS, no
// scripts, no remote assets. Every source id is an anchor that citations
// link to, evidence marks carry the source sentence as a tooltip, and the
// page reads on a phone. With several dossiers the page has its own h1 and
// one article per story.
func HTML(w io.Writer, ds []news.Dossier) error {
	page := htmlPage{}
	off := 0
	if len(ds) != 1 {
		off = 1
		page.Title = "Dossiers: " + plural(len(ds), "story", "stories")
	} else {
		page.Title = storyTitle(ds[0].Story)
	}
	for i := range ds {
		page.Stories = append(page.Stories, newHTMLStory(&ds[i], off))
	}
	var buf bytes.Buffer
	if err := pageTemplate().Execute(&buf, page); err != nil {
		return fmt.Errorf("render: html: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
