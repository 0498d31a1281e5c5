package web

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/triangulate/triangulate/internal/news"
)

// The timeline chart is drawn here rather than by a chart library: it is a
// few dozen shapes on one date axis, and a library would mean scripts or
// remote assets, which the pages do without (CSP 'self', works offline).
// Each event is a row, oldest on top, so that labels never collide however
// close the dates are; a day is a dot, a month or a range is a bar spanning
// it.

// Geometry of the chart, in SVG user units (the SVG scales to its box).
const (
	chartWidth  = 800
	chartLeft   = 28  // margin before the axis: half a tick label
	chartRight  = 28  // margin after it
	chartTop    = 8   // above the first row
	rowHeight   = 24  // one event
	axisHeight  = 36  // the axis and its tick labels
	labelRunes  = 90  // longest event label; the rest is in the tooltip
	labelOffset = 8   // between a marker and its label
	minBarWidth = 6.0 // a range narrower than this is drawn this wide
	glyphWidth  = 6.6 // average advance of a 12-unit sans-serif glyph
)

// chartEvent is one event placed on the axis.
type chartEvent struct {
	X, W, Y  float64 // bar from X to X+W on row Y (W 0: a single day)
	Dot      bool
	Label    string
	LabelX   float64
	Anchor   string // text-anchor of the label: start or end
	Title    string // the full tooltip: date and text
	Inferred bool
	// Background marks an event outside the story's days (a coup a year
	// earlier); Main the story's own event: the one of its days that the
	// most sources date.
	Background, Main bool
}

// chartTick is a labelled mark of the axis.
type chartTick struct {
	X     float64
	Label string
}

// chart is the data of the "timeline" template.
type chart struct {
	Width, Height, AxisY float64
	Left, Right          float64
	Label                string
	Inferred             bool // some event's date is inferred
	Events               []chartEvent
	Ticks                []chartTick
}

// timelineFigure draws the dossier's timeline, "" when no event has a date
// the chart can place.
func (h *handler) timelineFigure(d *news.Dossier) (template.HTML, error) {
	c, ok := timelineChart(d.Timeline, storyDays(d))
	if !ok {
		return "", nil
	}
	var buf bytes.Buffer
	if err := h.pages["story"].ExecuteTemplate(&buf, "timeline", c); err != nil {
		return "", fmt.Errorf("web: timeline chart: %w", err)
	}
	// Safe: html/template output, every label escaped there.
	return template.HTML(buf.String()), nil
}

// period is an event's place in time: from the start of its first day to
// the end of its last.
type period struct {
	from, to time.Time
	ev       news.Event
}

// storyWindow is how far before its first publication a story's own days
// reach: what happened in the week before the reports is the story; what
// happened earlier is background.
const storyWindow = 7 * 24 * time.Hour

// storyDays is the span of days a story's events belong to: from a week
// before its first publication to the end of the day of its last; zero
// when the dossier knows no publication date (then every event is the
// story's).
func storyDays(d *news.Dossier) period {
	first, ok1 := parseDay(d.Story.FirstPublished)
	last, ok2 := parseDay(d.Story.LastPublished)
	if !ok1 || !ok2 {
		return period{}
	}
	return period{from: first.Add(-storyWindow), to: last.AddDate(0, 0, 1)}
}

func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// timelineChart lays the events out, those outside the story's days
// (story; zero: none is) drawn as background; false when none can be
// placed.
func timelineChart(events []news.Event, story period) (chart, bool) {
	var ps []period
	for _, e := range events {
		from, to, ok := parsePeriod(e.Date)
		if !ok {
			continue
		}
		if e.End != "" {
			if _, end, ok := parsePeriod(e.End); ok && end.After(to) {
				to = end
			}
		}
		ps = append(ps, period{from: from, to: to, ev: e})
	}
	if len(ps) == 0 {
		return chart{}, false
	}
	slices.SortStableFunc(ps, func(a, b period) int {
		return cmp.Or(a.from.Compare(b.from), a.to.Compare(b.to))
	})
	lo, hi := ps[0].from, ps[0].to // sorted: the first starts earliest
	for _, p := range ps {
		if p.to.After(hi) {
			hi = p.to
		}
	}
	// Pad the axis to whole months so that its ends fall on ticks and a
	// lone event is not drawn on the edge.
	lo = time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
	hi = time.Date(hi.Year(), hi.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
	if !hi.After(lo) {
		hi = lo.AddDate(0, 1, 0)
	}

	c := chart{
		Width: chartWidth, Left: chartLeft, Right: chartWidth - chartRight,
		Height: chartTop + float64(len(ps))*rowHeight + axisHeight,
	}
	c.AxisY = chartTop + float64(len(ps))*rowHeight + 4
	span := hi.Sub(lo).Seconds()
	x := func(t time.Time) float64 {
		return c.Left + (c.Right-c.Left)*t.Sub(lo).Seconds()/span
	}
	mid := (c.Left + c.Right) / 2
	for i, p := range ps {
		e := chartEvent{Y: chartTop + float64(i)*rowHeight + rowHeight/2, Inferred: len(p.ev.Inferred) > 0}
		x0, x1 := x(p.from), x(p.to)
		date := p.ev.Date
		if p.ev.End != "" {
			date += " – " + p.ev.End
		}
		if isDay(p.ev.Date) && p.ev.End == "" {
			e.Dot, e.X = true, (x0+x1)/2
			x0, x1 = e.X, e.X
		} else {
			if x1-x0 < minBarWidth {
				c := (x0 + x1) / 2
				x0, x1 = c-minBarWidth/2, c+minBarWidth/2
			}
			e.X, e.W = x0, x1-x0
		}
		// Labels run towards the wider side of the chart, cut to the room
		// there (glyph widths are estimated: the server has no fonts).
		var room float64
		if (x0+x1)/2 <= mid {
			e.LabelX, e.Anchor = x1+labelOffset, "start"
			room = c.Right - e.LabelX
		} else {
			e.LabelX, e.Anchor = x0-labelOffset, "end"
			room = e.LabelX - c.Left
		}
		e.Label = shorten(date+": "+collapse(p.ev.Text), min(labelRunes, int(room/glyphWidth)))
		e.Title = date + ": " + collapse(p.ev.Text)
		if e.Inferred {
			e.Title += " (date inferred)"
		}
		c.Inferred = c.Inferred || e.Inferred
		c.Events = append(c.Events, e)
	}
	// The story's days set apart, and its main event: among the events
	// within them, the one the most sources date.
	main, mainSources := -1, 0
	for i, p := range ps {
		in := story.from.IsZero() || p.to.After(story.from) && p.from.Before(story.to)
		c.Events[i].Background = !in
		if n := len(news.EvidenceSources(p.ev.Evidence)); in && n > mainSources {
			main, mainSources = i, n
		}
	}
	if main >= 0 {
		c.Events[main].Main = true
	}
	c.Ticks = ticks(lo, hi, x)
	first, last := ps[0].ev.Date, ps[len(ps)-1].ev.Date
	c.Label = fmt.Sprintf("Timeline chart: %d dated %s from %s to %s, oldest first. The table below lists them with their sources.",
		len(ps), pluralWord(len(ps), "event", "events"), first, last)
	return c, true
}

// ticks marks the axis every month, or every few months or years when the
// span is long, with at most about eight labels.
func ticks(lo, hi time.Time, x func(time.Time) float64) []chartTick {
	months := (hi.Year()-lo.Year())*12 + int(hi.Month()-lo.Month())
	step := 1
	for _, s := range []int{1, 2, 3, 6, 12, 24, 60, 120} {
		step = s
		if months/s <= 8 {
			break
		}
	}
	var out []chartTick
	for t := lo; !t.After(hi); t = t.AddDate(0, step, 0) {
		label := t.Format("2006-01")
		if step >= 12 {
			label = t.Format("2006")
		}
		out = append(out, chartTick{X: x(t), Label: label})
	}
	return out
}

// parsePeriod reads a dossier date, "2024", "2024-04" or "2024-04-10", as
// the period it names.
func parsePeriod(s string) (from, to time.Time, ok bool) {
	parts := strings.Split(s, "-")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return from, to, false
		}
		nums[i] = n
	}
	switch len(nums) {
	case 1:
		from = time.Date(nums[0], 1, 1, 0, 0, 0, 0, time.UTC)
		to = from.AddDate(1, 0, 0)
	case 2:
		if nums[1] < 1 || nums[1] > 12 {
			return from, to, false
		}
		from = time.Date(nums[0], time.Month(nums[1]), 1, 0, 0, 0, 0, time.UTC)
		to = from.AddDate(0, 1, 0)
	case 3:
		t, err := time.Parse(dateFormat, s)
		if err != nil {
			return from, to, false
		}
		from, to = t, t.AddDate(0, 0, 1)
	default:
		return from, to, false
	}
	// Years outside this range are misreadings, and would squash the axis.
	if from.Year() < 1000 || from.Year() > 9999 {
		return from, to, false
	}
	return from, to, true
}

func isDay(s string) bool { return strings.Count(s, "-") == 2 }

// collapse turns runs of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// shorten cuts s to n runes at a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := []rune(s)[:n]
	if i := strings.LastIndexByte(string(cut), ' '); i > len(string(cut))/2 {
		return string(cut)[:i] + "…"
	}
	return string(cut) + "…"
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// num formats a chart coordinate: one decimal is finer than a pixel.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }
