package web

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
)

func TestParsePeriod(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in       string
		from, to time.Time
		ok       bool
	}{
		// The three precisions of the dossier's dates.
		{"2024-04-10", day(2024, 4, 10), day(2024, 4, 11), true},
		{"2024-04", day(2024, 4, 1), day(2024, 5, 1), true},
		{"2024", day(2024, 1, 1), day(2025, 1, 1), true},
		{"2024-12", day(2024, 12, 1), day(2025, 1, 1), true},
		// Not dates the chart can place.
		{"", time.Time{}, time.Time{}, false},
		{"2024-13", time.Time{}, time.Time{}, false},
		{"2024-02-30", time.Time{}, time.Time{}, false},
		{"April 2024", time.Time{}, time.Time{}, false},
		{"2024-04-10T12:00", time.Time{}, time.Time{}, false},
		{"12", time.Time{}, time.Time{}, false},
		{"-2024", time.Time{}, time.Time{}, false},
	}
	for _, tt := range tests {
		from, to, ok := parsePeriod(tt.in)
		if ok != tt.ok || (ok && (!from.Equal(tt.from) || !to.Equal(tt.to))) {
			t.Errorf("parsePeriod(%q) = %v, %v, %v, want %v, %v, %v", tt.in, from, to, ok, tt.from, tt.to, tt.ok)
		}
	}
}

func TestTimelineChart(t *testing.T) {
	if _, ok := timelineChart(nil, period{}); ok {
		t.Errorf("timelineChart(nil, period{}) drew a chart")
	}
	if _, ok := timelineChart([]news.Event{{Date: "someday", Text: "x"}}, period{}); ok {
		t.Errorf("timelineChart drew a chart of undated events")
	}

	events := []news.Event{
		{Date: "2024-04-10", Text: "Trainers arrive " + strings.Repeat("with a very long label ", 10)},
		{Date: "2024-03", Text: "A month"},
		{Date: "2024-03-26", Text: "A call", Inferred: []string{"s5"}},
		{Date: "2024-01-11", End: "2024-01-20", Text: "A range"},
		{Date: "not a date", Text: "left out"},
	}
	c, ok := timelineChart(events, period{})
	if !ok {
		t.Fatal("no chart")
	}
	if len(c.Events) != 4 {
		t.Fatalf("%d events placed, want 4", len(c.Events))
	}
	// Oldest first, one row each, inside the plot.
	var lastY float64
	for i, e := range c.Events {
		if i > 0 && e.Y <= lastY {
			t.Errorf("event %d is not below event %d", i, i-1)
		}
		lastY = e.Y
		if e.X < c.Left || e.X+e.W > c.Right || e.Y >= c.AxisY {
			t.Errorf("event %d (%+v) outside the plot", i, e)
		}
		// Labels fit in the room on their side of the marker.
		room := c.Right - e.LabelX
		if e.Anchor == "end" {
			room = e.LabelX - c.Left
		}
		if est := float64(len([]rune(e.Label))) * glyphWidth; est > room+glyphWidth {
			t.Errorf("event %d: label %q (about %.0f wide) overflows its %.0f", i, e.Label, est, room)
		}
	}
	if got := c.Events[0].Title; !strings.HasPrefix(got, "2024-01-11 – 2024-01-20: A range") {
		t.Errorf("first event = %q, want the January range", got)
	}
	if !c.Events[2].Dot || c.Events[1].Dot || c.Events[0].Dot {
		t.Errorf("a day must be a dot, a month or range a bar")
	}
	if !c.Events[2].Inferred || !c.Inferred {
		t.Errorf("the inferred event is not marked")
	}
	if len(c.Ticks) < 2 || c.Ticks[0].Label != "2024-01" {
		t.Errorf("ticks = %+v, want months from 2024-01", c.Ticks)
	}
	if !strings.Contains(c.Label, "4 dated events from 2024-01-11 to 2024-04-10") {
		t.Errorf("chart label = %q", c.Label)
	}

	// A long span is labelled by year, with few ticks.
	c, _ = timelineChart([]news.Event{{Date: "1990", Text: "a"}, {Date: "2024-04-10", Text: "b"}}, period{})
	if len(c.Ticks) > 10 || len(c.Ticks[0].Label) != 4 {
		t.Errorf("ticks over 34 years = %+v", c.Ticks)
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"one two three four", 12, "one two…"},
		{"abcdefghijkl", 5, "abcde…"},
		{"ééééé", 3, "ééé…"},
	}
	for _, tt := range tests {
		if got := shorten(tt.in, tt.n); got != tt.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// Events before the story's days are background; the story's main event
// is the one of its days that the most sources date.
func TestTimelineStoryDays(t *testing.T) {
	ev := func(date, text string, srcs ...string) news.Event {
		e := news.Event{Date: date, Text: text}
		for _, s := range srcs {
			e.Evidence = append(e.Evidence, news.Evidence{Source: s, Text: text})
		}
		return e
	}
	d := &news.Dossier{
		Story: news.Story{FirstPublished: "2024-04-11", LastPublished: "2024-04-12"},
		Timeline: []news.Event{
			ev("2023-07-26", "The coup.", "s1", "s2", "s3", "s4"),
			ev("2024-03-26", "Tiani and Putin speak.", "s1", "s3"),
			ev("2024-04-10", "The trainers arrive.", "s1", "s2", "s3"),
			ev("2024-04-11", "Television reports it.", "s2"),
		},
	}
	c, ok := timelineChart(d.Timeline, storyDays(d))
	if !ok {
		t.Fatal("no chart")
	}
	var bg, main []string
	for i, e := range c.Events {
		if e.Background {
			bg = append(bg, d.Timeline[i].Text)
		}
		if e.Main {
			main = append(main, d.Timeline[i].Text)
		}
	}
	if !slices.Equal(bg, []string{"The coup.", "Tiani and Putin speak."}) || !slices.Equal(main, []string{"The trainers arrive."}) {
		t.Errorf("background %q, main %q; want the coup and the call, and the arrival", bg, main)
	}
	if c, _ := timelineChart(d.Timeline, period{}); c.Events[0].Background {
		t.Error("without publication dates an event was set apart as background")
	}
}
