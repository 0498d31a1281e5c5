package render

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Layout for the terminal. Everything is measured in terminal cells with
// lipgloss.Width (wide CJK characters count two), and laid out on plain
// text; colour is applied to whole words afterwards, so escape codes never
// upset a measurement. The wrapper is hand-written rather than
// lipgloss.Wrap because it needs hanging indents and per-word styles.

// cells is the display width of plain text s.
func cells(s string) int { return lipgloss.Width(s) }

// truncate shortens s to at most w cells, ending with "…" when it cut. It
// prefers to cut at a word boundary when one falls in the last third of the
// room, so a truncated fact does not end mid-word.
func truncate(s string, w int) string {
	if cells(s) <= w {
		return s
	}
	if w <= 0 {
		return ""
	}
	var b strings.Builder
	used := 0
	cutMidWord := true
	for _, r := range s {
		rw := cells(string(r))
		if used+rw > w-1 {
			cutMidWord = r != ' '
			break
		}
		b.WriteRune(r)
		used += rw
	}
	kept := b.String()
	if i := strings.LastIndexByte(kept, ' '); cutMidWord && i > 0 && cells(kept[:i]) >= (w-1)*2/3 {
		kept = kept[:i]
	}
	return strings.TrimRight(kept, " ") + "…"
}

// pad right-pads s (plain text) with spaces to w cells.
func pad(s string, w int) string {
	if n := w - cells(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// padLeft left-pads s (plain text) with spaces to w cells.
func padLeft(s string, w int) string {
	if n := w - cells(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}

// styleFunc colours a piece of plain text; identity when colour is off.
type styleFunc func(string) string

func plain(s string) string { return s }

// span is a run of text drawn in one style.
type span struct {
	text  string
	style styleFunc
}

// prefix starts a line: its plain width and its drawn form.
type prefix struct {
	drawn string
	width int
}

func indent(n int) prefix { return prefix{drawn: strings.Repeat(" ", n), width: n} }

// styledPrefix is an indent of lead spaces, then text in style, padded to
// width cells in all.
func styledPrefix(lead int, text string, style styleFunc, width int) prefix {
	p := strings.Repeat(" ", lead) + style(text)
	w := lead + cells(text)
	if w < width {
		p += strings.Repeat(" ", width-w)
		w = width
	} else {
		p += " "
		w++
	}
	return prefix{drawn: p, width: w}
}

// wrap lays out spans in lines of at most width cells: the first line
// starts with first, the others with rest (a hanging indent). White space is
// collapsed; a word longer than a line is cut into pieces (hard wrap) so no
// line ever overflows. Consecutive words of one span on one line are styled
// as one run. It returns the drawn lines.
func wrap(width int, first, rest prefix, spans ...span) []string {
	type word struct {
		text string
		span int // index into spans
	}
	var words []word
	for i, sp := range spans {
		for _, f := range strings.Fields(sp.text) {
			words = append(words, word{f, i})
		}
	}

	var lines []string
	var line []word // the words of the current line
	p, used := first, first.width
	flush := func() {
		var b strings.Builder
		b.WriteString(p.drawn)
		for i := 0; i < len(line); {
			j := i + 1
			for j < len(line) && line[j].span == line[i].span {
				j++
			}
			run := make([]string, 0, j-i)
			for _, w := range line[i:j] {
				run = append(run, w.text)
			}
			if i > 0 {
				b.WriteByte(' ')
			}
			style := spans[line[i].span].style
			if style == nil {
				style = plain
			}
			b.WriteString(style(strings.Join(run, " ")))
			i = j
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
		line = line[:0]
		p, used = rest, rest.width
	}
	for _, wd := range words {
		ww := cells(wd.text)
		need := ww
		if len(line) > 0 {
			need++
		}
		if used+need > width && len(line) > 0 {
			flush()
			need = ww
		}
		if used+need <= width {
			line = append(line, wd)
			used += need
			continue
		}
		// The word is longer than a whole line: hard-wrap it.
		for _, piece := range hardSplit(wd.text, width-used, width-rest.width) {
			if len(line) > 0 {
				flush()
			}
			line = append(line, word{piece, wd.span})
			used += cells(piece)
		}
	}
	if len(line) > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// hardSplit cuts s into a first piece of at most firstW cells and further
// pieces of at most restW cells (each at least one rune, so it always ends).
func hardSplit(s string, firstW, restW int) []string {
	var pieces []string
	var b strings.Builder
	limit, used := max(firstW, 1), 0
	for _, r := range s {
		rw := cells(string(r))
		if used+rw > limit && used > 0 {
			pieces = append(pieces, b.String())
			b.Reset()
			limit, used = max(restW, 1), 0
		}
		b.WriteRune(r)
		used += rw
	}
	if b.Len() > 0 {
		pieces = append(pieces, b.String())
	}
	return pieces
}
