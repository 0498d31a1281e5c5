package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/triangulate/triangulate/internal/news"
)

// palette holds the styles of the text format; every one is the identity
// when colour is off, so plain output holds no escape code.
type palette struct {
	title, heading, dim, id, ok, bad, warn, value styleFunc
}

func newPalette(color bool) palette {
	if !color {
		return palette{plain, plain, plain, plain, plain, plain, plain, plain}
	}
	style := func(s lipgloss.Style) styleFunc { return func(t string) string { return s.Render(t) } }
	return palette{
		title:   style(lipgloss.NewStyle().Bold(true)),
		heading: style(lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Blue)),
		dim:     style(lipgloss.NewStyle().Faint(true)),
		id:      style(lipgloss.NewStyle().Foreground(lipgloss.Cyan)),
		ok:      style(lipgloss.NewStyle().Foreground(lipgloss.Green)),
		bad:     style(lipgloss.NewStyle().Foreground(lipgloss.Red)),
		warn:    style(lipgloss.NewStyle().Foreground(lipgloss.Yellow)),
		value:   style(lipgloss.NewStyle().Bold(true)),
	}
}

// textWriter accumulates the text rendering of one dossier.
type textWriter struct {
	buf   bytes.Buffer
	width int
	p     palette
	d     *news.Dossier
}

// Text writes d for a terminal: paragraphs wrapped to opts.Width cells with
// hanging indents, the facts × sources matrix fitted by truncating the fact
// text, and colour only when opts.Color is set.
func Text(w io.Writer, d *news.Dossier, opts Options) error {
	t := &textWriter{width: opts.width(), p: newPalette(opts.Color), d: d}
	t.header()
	t.summary()
	t.matrix()
	t.conflicts()
	t.happenings()
	t.timeline()
	t.entities()
	t.quotes()
	t.sources()
	_, err := w.Write(t.buf.Bytes())
	return err
}

func (t *textWriter) lines(ls []string) {
	for _, l := range ls {
		t.buf.WriteString(l)
		t.buf.WriteByte('\n')
	}
}

// para wraps spans with a hanging indent.
func (t *textWriter) para(first, rest prefix, spans ...span) {
	t.lines(wrap(t.width, first, rest, spans...))
}

// section starts a section with a ruled heading: "── Facts ───…".
func (t *textWriter) section(name string) {
	head := "── " + name + " "
	t.buf.WriteString("\n" + t.p.heading(head+strings.Repeat("─", max(t.width-cells(head), 0))) + "\n\n")
}

// note is a one-line remark such as "No conflicts found."
func (t *textWriter) note(s string) {
	t.para(indent(2), indent(2), span{s, t.p.dim})
}

// cite is " [s1, s3]" as a span.
func (t *textWriter) cite(ids []string) span {
	if len(ids) == 0 {
		return span{"[no source]", t.p.warn}
	}
	return span{"[" + strings.Join(ids, ", ") + "]", t.p.id}
}

func (t *textWriter) header() {
	d := t.d
	t.para(indent(0), indent(0), span{storyTitle(d.Story), t.p.title})
	t.para(indent(0), indent(2),
		span{"story", t.p.dim}, span{d.Story.ID, t.p.id},
		span{"· " + storyDates(d.Story), t.p.dim})
	t.para(indent(0), indent(2), span{countLine(d), plain})
}

func (t *textWriter) summary() {
	t.section("Summary")
	if len(t.d.Summary) == 0 {
		t.note("No summary.")
		return
	}
	for _, s := range t.d.Summary {
		spans := []span{{s.Text, plain}, t.cite(s.Sources)}
		if d := summaryDates(s.Dates); d != "" {
			spans = append(spans, span{"(" + d + ")", t.p.dim})
		}
		t.para(styledPrefix(2, "•", plain, 4), indent(4), spans...)
	}
}

// summaryDates writes the calendar days of a summary sentence's relative
// days: "Wednesday = 2024-04-10".
func summaryDates(ds []news.SummaryDate) string {
	var parts []string
	for _, d := range ds {
		p := d.Text + " = " + d.Date
		if d.Inferred {
			p += ", inferred"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// matrixMinFact is the narrowest fact column the matrix accepts before it
// splits the source columns into several blocks.
const matrixMinFact = 14

// shortStatus abbreviates statuses when the full words leave the fact
// column too narrow; a legend line then spells them out.
var shortStatus = map[news.FactStatus]string{
	news.StatusCorroborated: "corr.",
	news.StatusSingleSource: "single",
	news.StatusDisputed:     "disp.",
}

func (t *textWriter) matrix() {
	d := t.d
	t.section("Facts × sources")
	if len(d.Facts) == 0 {
		t.note("No facts.")
		return
	}
	if len(d.Sources) == 0 {
		t.note("No sources to check the facts against.")
	}

	// Source columns show the ids when they are short, else numbers with a
	// legend, so a column is never wider than a few cells.
	labels := make([]string, len(d.Sources))
	short := true
	for _, s := range d.Sources {
		if cells(s.ID) > 4 {
			short = false
		}
	}
	for i, s := range d.Sources {
		if short {
			labels[i] = s.ID
		} else {
			labels[i] = fmt.Sprint(i + 1)
		}
	}

	colW := make([]int, len(labels))
	allCols := 0
	for i, l := range labels {
		colW[i] = max(cells(l), 2)
		allCols += 1 + colW[i]
	}
	const indW = 3 // "ind"
	status := func(s news.FactStatus) string { return string(s) }
	layout := func() (idW, statusW, fixed int) {
		idW, statusW = cells("id"), cells("status")
		for _, f := range d.Facts {
			idW = max(idW, cells(f.ID))
			statusW = max(statusW, cells(status(f.Status)))
		}
		// Row: "  " id "  " status "  " ind "  " fact, then " " col per source.
		return idW, statusW, 2 + idW + 2 + statusW + 2 + indW + 2
	}
	idW, statusW, fixed := layout()
	compact := fixed+allCols+matrixMinFact*2 > t.width
	if compact {
		status = func(s news.FactStatus) string {
			if short, ok := shortStatus[s]; ok {
				return short
			}
			return string(s)
		}
		idW, statusW, fixed = layout()
	}

	// Split the source columns into blocks that leave the fact column at
	// least matrixMinFact cells.
	var blocks [][2]int
	for start := 0; start < len(labels) || len(blocks) == 0; {
		used, end := fixed+matrixMinFact, start
		for end < len(labels) && used+1+colW[end] <= t.width {
			used += 1 + colW[end]
			end++
		}
		if end == start && end < len(labels) {
			end++ // a column wider than the line: show it anyway
		}
		blocks = append(blocks, [2]int{start, end})
		start = end
	}

	for bi, b := range blocks {
		if len(blocks) > 1 {
			t.para(indent(2), indent(2), span{fmt.Sprintf("sources %d–%d of %d", b[0]+1, b[1], len(labels)), t.p.dim})
		}
		factW := t.width - fixed
		for i := b[0]; i < b[1]; i++ {
			factW -= 1 + colW[i]
		}
		var head strings.Builder
		head.WriteString("  " + pad("id", idW) + "  " + pad("status", statusW) + "  " + "ind" + "  " + pad("fact", factW))
		for i := b[0]; i < b[1]; i++ {
			head.WriteString(" " + pad(labels[i], colW[i]))
		}
		t.buf.WriteString(t.p.dim(strings.TrimRight(head.String(), " ")) + "\n")
		for _, f := range d.Facts {
			var row strings.Builder
			row.WriteString("  " + t.p.id(pad(f.ID, idW)) + "  " + t.statusStyle(f.Status)(pad(status(f.Status), statusW)) + "  ")
			row.WriteString(padLeft(fmt.Sprint(f.IndependentSources), indW) + "  ")
			row.WriteString(pad(truncate(collapseSpace(f.Text), factW), factW))
			for i := b[0]; i < b[1]; i++ {
				cell := matrixCell(&f, d.Sources[i].ID)
				drawn := pad(cell, colW[i])
				switch cell {
				case markStates:
					drawn = t.p.ok(cell) + strings.Repeat(" ", colW[i]-cells(cell))
				case markContradicts:
					drawn = t.p.bad(cell) + strings.Repeat(" ", colW[i]-cells(cell))
				}
				row.WriteString(" " + drawn)
			}
			t.buf.WriteString(strings.TrimRight(row.String(), " ") + "\n")
		}
		if bi < len(blocks)-1 {
			t.buf.WriteByte('\n')
		}
	}
	t.buf.WriteByte('\n')
	t.para(indent(2), indent(2), span{"✓ the source states it · ✗ the source states a conflicting value · blank: silent · ind: independent sources", t.p.dim})
	if compact {
		t.para(indent(2), indent(2), span{"corr. = corroborated · single = single-source · disp. = disputed", t.p.dim})
	}
	if !short {
		for i, s := range d.Sources {
			t.para(styledPrefix(2, labels[i], t.p.id, 2+colW[i]+1), indent(2+colW[i]+1), span{s.ID, t.p.id})
		}
	}
}

func (t *textWriter) statusStyle(status news.FactStatus) styleFunc {
	switch status {
	case news.StatusCorroborated:
		return t.p.ok
	case news.StatusDisputed:
		return t.p.bad
	case news.StatusSingleSource:
		return t.p.warn
	}
	return plain
}

// evidenceLines writes each piece of evidence as "s1  “sentence”" with the
// sentence wrapped under itself.
func (t *textWriter) evidenceLines(lead int, evs []news.Evidence) {
	idW := 0
	for _, e := range evs {
		idW = max(idW, cells(e.Source))
	}
	for _, e := range evs {
		first := styledPrefix(lead, e.Source, t.p.id, lead+idW+2)
		t.para(first, indent(first.width), span{"“" + collapseSpace(e.Text) + "”", plain})
	}
}

func (t *textWriter) conflicts() {
	t.section("Conflicts")
	if len(t.d.Conflicts) == 0 {
		t.note("No conflicts found.")
		return
	}
	for i, c := range t.d.Conflicts {
		if i > 0 {
			t.buf.WriteByte('\n')
		}
		first := styledPrefix(2, c.ID, t.p.id, 2+cells(c.ID)+2)
		t.para(first, indent(first.width), span{c.About, t.p.title}, span{"(" + c.Kind + ")", t.p.dim})
		if c.Note != "" {
			t.para(indent(first.width), indent(first.width), span{"note: " + c.Note, t.p.dim})
		}
		for _, v := range c.Variants {
			t.para(styledPrefix(4, "▸", t.p.bad, 6), indent(6), span{v.Value, t.p.value})
			if len(v.Evidence) == 0 {
				t.para(indent(6), indent(6), span{"(no evidence)", t.p.dim})
			}
			t.evidenceLines(6, v.Evidence)
		}
	}
}

// maxHappenings is how many happenings the text, Markdown and HTML show;
// the JSON has them all.
const maxHappenings = 10

func (t *textWriter) happenings() {
	if len(t.d.Happenings) == 0 {
		return
	}
	t.section("Happenings")
	for i, h := range t.d.Happenings {
		if i == maxHappenings {
			t.note(fmt.Sprintf("… and %d more in the JSON dossier.", len(t.d.Happenings)-maxHappenings))
			break
		}
		first := styledPrefix(2, h.ID, t.p.id, 2+cells(h.ID)+2)
		spans := []span{{h.Text, plain}, t.cite(h.Sources)}
		if len(h.Facts) > 0 {
			spans = append(spans, span{"(facts " + strings.Join(h.Facts, ", ") + ")", t.p.dim})
		}
		t.para(first, indent(first.width), spans...)
	}
}

func (t *textWriter) timeline() {
	evs := sortedTimeline(t.d.Timeline)
	t.section("Timeline")
	if len(evs) == 0 {
		t.note("No dated events.")
		return
	}
	dateW := 0
	for _, e := range evs {
		dateW = max(dateW, cells(eventDate(&e)))
	}
	for _, e := range evs {
		first := styledPrefix(2, eventDate(&e), t.p.value, 2+dateW+2)
		spans := []span{{e.Text, plain}, t.cite(sortIDs(t.d, news.EvidenceSources(e.Evidence)))}
		if note := inferredNote(&e); note != "" {
			spans = append(spans, span{note, t.p.dim})
		}
		t.para(first, indent(first.width), spans...)
	}
}

func (t *textWriter) entities() {
	if len(t.d.Entities) == 0 {
		return
	}
	t.section("Entities")
	for i, e := range t.d.Entities {
		if i > 0 {
			t.buf.WriteByte('\n')
		}
		t.para(indent(2), indent(6), span{e.Name, t.p.title}, span{"· " + e.Type + " ·", t.p.dim}, span{e.ID, t.p.id}, t.cite(e.Sources))
		if len(e.Aliases) > 0 {
			first := styledPrefix(6, "written as", t.p.dim, 6+cells("written as")+2)
			t.para(first, indent(first.width), span{strings.Join(e.Aliases, " · "), plain})
		}
		for _, src := range labelSources(t.d, e.Labels) {
			first := styledPrefix(6, src, t.p.id, 6+cells(src)+2)
			t.para(first, indent(first.width), span{strings.Join(e.Labels[src], " · "), plain})
		}
		for _, why := range e.Merges {
			first := styledPrefix(6, "merged", t.p.dim, 6+cells("written as")+2)
			t.para(first, indent(first.width), span{why, t.p.dim})
		}
	}
}

func (t *textWriter) quotes() {
	if len(t.d.Quotes) == 0 {
		return
	}
	t.section("Quotes")
	for i, q := range t.d.Quotes {
		if i > 0 {
			t.buf.WriteByte('\n')
		}
		t.para(indent(2), indent(4), span{speakerName(&q) + ":", t.p.value}, span{"“" + q.Text + "”", plain})
		t.evidenceLines(6, q.Evidence)
	}
}

func (t *textWriter) sources() {
	t.section("Sources")
	if len(t.d.Sources) == 0 {
		t.note("No sources.")
		return
	}
	const labelW = 12
	for i := range t.d.Sources {
		s := &t.d.Sources[i]
		if i > 0 {
			t.buf.WriteByte('\n')
		}
		idP := styledPrefix(2, s.ID, t.p.id, 2+cells(s.ID)+2)
		outlet := span{outletName(s), t.p.title}
		if s.Outlet == nil {
			outlet.style = t.p.warn
		}
		spans := []span{outlet}
		if s.OutletBasis != "" {
			spans = append(spans, span{"(outlet from " + string(s.OutletBasis) + ")", t.p.dim})
		}
		t.para(idP, indent(idP.width), spans...)

		field := func(label string, spans ...span) {
			t.para(styledPrefix(6, label, t.p.dim, 6+labelW), indent(6+labelW), spans...)
		}
		title := []span{{s.Title, plain}}
		if s.TitleDerived {
			title = append(title, span{"(derived from the first sentence)", t.p.dim})
		}
		field("title", title...)
		if s.Standfirst != "" {
			field("standfirst", span{s.Standfirst, plain})
		}
		if len(s.Authors) > 0 {
			field("by", span{strings.Join(s.Authors, ", "), plain})
		}
		if s.Dateline != "" {
			field("dateline", span{s.Dateline, plain})
		}
		pub := span{publishedLabel(s), plain}
		if s.Published == nil || (s.PublishedBasis != nil && *s.PublishedBasis == news.BasisInferred) {
			pub.style = t.p.warn
		}
		field("published", pub)
		lang := []span{{orUnknown(s.Language), plain}}
		if s.MachineTranslated {
			lang = append(lang, span{"· machine-translated", t.p.warn})
			if len(s.TranslationSigns) > 0 {
				lang = append(lang, span{"(signs: " + strings.Join(s.TranslationSigns, "; ") + ")", t.p.dim})
			}
		}
		field("language", lang...)
		field("input", span{s.Input, plain})
		if s.URL != "" && s.URL != s.Input {
			field("url", span{s.URL, plain})
		}
		if s.Extractor != "" {
			field("extractor", span{s.Extractor, plain})
		}
		for _, w := range s.Warnings {
			field("warning", span{w, t.p.warn})
		}
		if len(s.Removed) == 0 {
			field("removed", span{"nothing", t.p.dim})
		}
		for j, r := range s.Removed {
			label := ""
			if j == 0 {
				label = "removed"
			}
			spans := []span{{string(r.Kind) + ":", t.p.dim}, {"“" + collapseSpace(r.Text) + "”", plain}}
			if r.Reason != "" {
				spans = append(spans, span{"(" + r.Reason + ")", t.p.dim})
			}
			field(label, spans...)
		}
		for j, c := range s.Captions {
			label := ""
			if j == 0 {
				label = "captions"
			}
			field(label, span{"“" + collapseSpace(c) + "”", plain})
		}
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
