package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// mdEscaper backslash-escapes the characters that would start Markdown
// syntax inside running text or break a GFM table cell. CommonMark allows a
// backslash before any ASCII punctuation, so over-escaping is harmless.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `#`, `\#`, `&`, `\&`, `~`, `\~`, `$`, `\$`,
)

// md makes text safe for one line of Markdown or one table cell: white
// space (newlines included) collapses to single spaces and syntax
// characters are escaped, so "a | b" stays in its cell and "<script>" is text.
func md(s string) string {
	s = mdEscaper.Replace(collapseSpace(s))
	// A leading "-" or "+" would start a nested list after "- ".
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		s = `\` + s
	}
	return s
}

// mdLink links text (already escaped) to a fragment of the document.
func mdLink(text, fragment string) string { return "[" + text + "](#" + fragment + ")" }

// mdURL links to an http(s) address, or shows anything else as text.
func mdURL(u string) string {
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return md(u)
	}
	dest := strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E", "\n", "").Replace(u)
	return "[" + md(u) + "](<" + dest + ">)"
}

// mdWriter accumulates the Markdown of one dossier.
type mdWriter struct {
	buf bytes.Buffer
	d   *news.Dossier
}

func (m *mdWriter) printf(format string, args ...any) { fmt.Fprintf(&m.buf, format, args...) }

// src links a source id to its section.
func (m *mdWriter) src(id string) string { return mdLink(md(id), anchor(m.d.Story.ID, "src", id)) }

// cite is "[s1, s3]" with each id linked to its source.
func (m *mdWriter) cite(ids []string) string {
	if len(ids) == 0 {
		return "\\[no source\\]"
	}
	links := make([]string, len(ids))
	for i, id := range ids {
		links[i] = m.src(id)
	}
	return "\\[" + strings.Join(links, ", ") + "\\]"
}

// Markdown writes d as GitHub-flavoured Markdown: tables for the facts ×
// sources matrix, the timeline, the entities and the sources, lists for the
// rest. All dossier text is escaped; source ids link to the source sections
// through explicit anchors.
func Markdown(w io.Writer, d *news.Dossier) error {
	m := &mdWriter{d: d}
	m.header()
	m.summary()
	m.matrix()
	m.conflicts()
	m.happenings()
	m.timeline()
	m.entities()
	m.quotes()
	m.sources()
	_, err := w.Write(m.buf.Bytes())
	return err
}

func (m *mdWriter) header() {
	d := m.d
	m.printf("# %s\n\n", md(storyTitle(d.Story)))
	m.printf("Story %s · %s  \n**%s**\n", md(d.Story.ID), md(storyDates(d.Story)), countLine(d))
}

func (m *mdWriter) summary() {
	m.printf("\n## Summary\n\n")
	if len(m.d.Summary) == 0 {
		m.printf("_No summary._\n")
		return
	}
	for _, s := range m.d.Summary {
		m.printf("- %s %s", md(s.Text), m.cite(s.Sources))
		if d := summaryDates(s.Dates); d != "" {
			m.printf(" _(%s)_", md(d))
		}
		m.printf("\n")
	}
}

func (m *mdWriter) matrix() {
	d := m.d
	m.printf("\n## Facts × sources\n\n")
	if len(d.Facts) == 0 {
		m.printf("_No facts._\n")
		return
	}
	m.printf("| Fact | Status | Independent sources |")
	for _, s := range d.Sources {
		m.printf(" %s |", m.src(s.ID))
	}
	m.printf("\n|---|---|--:|")
	for range d.Sources {
		m.printf(":-:|")
	}
	m.printf("\n")
	for _, f := range d.Facts {
		m.printf("| %s: %s | %s | %d |", md(f.ID), md(f.Text), md(string(f.Status)), f.IndependentSources)
		for _, s := range d.Sources {
			m.printf(" %s |", matrixCell(&f, s.ID))
		}
		m.printf("\n")
	}
	m.printf("\n✓ the source states it · ✗ the source states a conflicting value · blank: silent\n")
}

// evidence writes one list item per piece of evidence, indented by lead.
func (m *mdWriter) evidence(lead string, evs []news.Evidence) {
	for _, e := range evs {
		m.printf("%s- %s: “%s”\n", lead, m.src(e.Source), md(e.Text))
	}
}

func (m *mdWriter) conflicts() {
	m.printf("\n## Conflicts\n\n")
	if len(m.d.Conflicts) == 0 {
		m.printf("_No conflicts found._\n")
		return
	}
	for i, c := range m.d.Conflicts {
		if i > 0 {
			m.printf("\n")
		}
		m.printf("### %s: %s (%s)\n\n", md(c.ID), md(c.About), md(c.Kind))
		if c.Note != "" {
			m.printf("_Note: %s._\n\n", md(c.Note))
		}
		for _, v := range c.Variants {
			m.printf("- **%s**\n", md(v.Value))
			m.evidence("  ", v.Evidence)
		}
	}
}

func (m *mdWriter) happenings() {
	if len(m.d.Happenings) == 0 {
		return
	}
	m.printf("\n## Happenings\n\n")
	for i, h := range m.d.Happenings {
		if i == maxHappenings {
			m.printf("- … and %d more in the JSON dossier.\n", len(m.d.Happenings)-maxHappenings)
			break
		}
		m.printf("- **%s** %s %s", md(h.ID), md(h.Text), m.cite(h.Sources))
		if len(h.Facts) > 0 {
			m.printf(" _(facts %s)_", md(strings.Join(h.Facts, ", ")))
		}
		m.printf("\n")
	}
}

func (m *mdWriter) timeline() {
	evs := sortedTimeline(m.d.Timeline)
	m.printf("\n## Timeline\n\n")
	if len(evs) == 0 {
		m.printf("_No dated events._\n")
		return
	}
	m.printf("| Date | Event | Sources |\n|---|---|---|\n")
	for _, e := range evs {
		text := e.Text
		if note := inferredNote(&e); note != "" {
			text += " " + note
		}
		m.printf("| %s | %s | %s |\n", md(eventDate(&e)), md(text), m.cite(sortIDs(m.d, news.EvidenceSources(e.Evidence))))
	}
}

func (m *mdWriter) entities() {
	if len(m.d.Entities) == 0 {
		return
	}
	m.printf("\n## Entities\n\n| Name | Type | Written as | Labels by source | Sources |\n|---|---|---|---|---|\n")
	for _, e := range m.d.Entities {
		aliases := make([]string, len(e.Aliases))
		for i, a := range e.Aliases {
			aliases[i] = md(a)
		}
		var labels []string
		for _, src := range labelSources(m.d, e.Labels) {
			ls := make([]string, len(e.Labels[src]))
			for i, l := range e.Labels[src] {
				ls[i] = md(l)
			}
			labels = append(labels, m.src(src)+": "+strings.Join(ls, ", "))
		}
		m.printf("| %s | %s | %s | %s | %s |\n", md(e.Name), md(e.Type),
			strings.Join(aliases, " · "), strings.Join(labels, "; "), m.cite(e.Sources))
	}
}

func (m *mdWriter) quotes() {
	if len(m.d.Quotes) == 0 {
		return
	}
	m.printf("\n## Quotes\n\n")
	for _, q := range m.d.Quotes {
		m.printf("- **%s**: “%s”\n", md(speakerName(&q)), md(q.Text))
		m.evidence("  ", q.Evidence)
	}
}

func (m *mdWriter) sources() {
	d := m.d
	m.printf("\n## Sources\n\n")
	if len(d.Sources) == 0 {
		m.printf("_No sources._\n")
		return
	}
	m.printf("| Source | Outlet | Title | Published | Language | Input |\n|---|---|---|---|---|---|\n")
	for i := range d.Sources {
		s := &d.Sources[i]
		lang := md(orUnknown(s.Language))
		if s.MachineTranslated {
			lang += ", machine-translated"
		}
		title := md(s.Title)
		if s.TitleDerived {
			title += " _(derived)_"
		}
		m.printf("| %s | %s | %s | %s | %s | %s |\n", m.src(s.ID), md(outletName(s)), title, md(publishedLabel(s)), lang, md(s.Input))
	}
	for i := range d.Sources {
		s := &d.Sources[i]
		m.printf("\n### <a id=\"%s\"></a>%s · %s\n\n", anchor(d.Story.ID, "src", s.ID), md(s.ID), md(outletName(s)))
		if s.OutletBasis != "" {
			m.printf("- **Outlet:** %s (from %s)\n", md(outletName(s)), md(string(s.OutletBasis)))
		}
		title := md(s.Title)
		if s.TitleDerived {
			title += " _(derived from the first sentence)_"
		}
		m.printf("- **Title:** %s\n", title)
		if s.Standfirst != "" {
			m.printf("- **Standfirst:** %s\n", md(s.Standfirst))
		}
		if len(s.Authors) > 0 {
			m.printf("- **By:** %s\n", md(strings.Join(s.Authors, ", ")))
		}
		if s.Dateline != "" {
			m.printf("- **Dateline:** %s\n", md(s.Dateline))
		}
		m.printf("- **Published:** %s\n", md(publishedLabel(s)))
		lang := md(orUnknown(s.Language))
		if s.MachineTranslated {
			lang += ", machine-translated"
			if len(s.TranslationSigns) > 0 {
				lang += " (signs: " + md(strings.Join(s.TranslationSigns, "; ")) + ")"
			}
		}
		m.printf("- **Language:** %s\n", lang)
		m.printf("- **Input:** %s\n", md(s.Input))
		if s.URL != "" && s.URL != s.Input {
			m.printf("- **URL:** %s\n", mdURL(s.URL))
		}
		if s.Extractor != "" {
			m.printf("- **Extractor:** %s\n", md(s.Extractor))
		}
		for _, w := range s.Warnings {
			m.printf("- **Warning:** %s\n", md(w))
		}
		if len(s.Removed) == 0 {
			m.printf("- **Removed:** nothing\n")
		} else {
			m.printf("- **Removed:**\n")
			for _, r := range s.Removed {
				line := fmt.Sprintf("  - _%s_: “%s”", md(string(r.Kind)), md(r.Text))
				if r.Reason != "" {
					line += " (" + md(r.Reason) + ")"
				}
				m.printf("%s\n", line)
			}
		}
		if len(s.Captions) > 0 {
			m.printf("- **Captions:**\n")
			for _, c := range s.Captions {
				m.printf("  - “%s”\n", md(c))
			}
		}
	}
}

// inferredNote says which sources' dates for an event were anchored on the
// story rather than stated, or "" when none were.
func inferredNote(e *news.Event) string {
	if len(e.Inferred) == 0 {
		return ""
	}
	return "(date inferred for " + strings.Join(e.Inferred, ", ") + " from the story's publication dates)"
}
