package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/cluster"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
)

// clusterFlags are the grouping options shared by "cluster" and "brief".
type clusterFlags struct {
	window string
}

func (f *clusterFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.window, "window", "7d", "how far apart in publication time articles of one story may be (e.g. 36h, 7d)")
}

func (f *clusterFlags) options() (cluster.Options, error) {
	w, err := parseWindow(f.window)
	if err != nil {
		return cluster.Options{}, fmt.Errorf("--window: %w", err)
	}
	return cluster.Options{Window: w}, nil
}

// parseWindow reads a Go duration or a number of days ("7d").
func parseWindow(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(strings.TrimSpace(s), "d"); ok {
		n, err := strconv.ParseFloat(d, 64)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("invalid window %q", s)
		}
		return time.Duration(n * 24 * float64(time.Hour)), nil
	}
	w, err := time.ParseDuration(s)
	if err != nil || w <= 0 {
		return 0, fmt.Errorf("invalid window %q", s)
	}
	return w, nil
}

// cluster lists the stories of the inputs and why each article is where it
// is.
func (p *Program) cluster(ctx context.Context, args []string) error {
	var (
		format string
		in     inputFlags
		cf     clusterFlags
	)
	fs := p.newFlagSet("cluster", "cluster [flags] INPUT...")
	fs.StringVar(&format, "format", "text", "output format: text or json")
	in.register(fs)
	cf.register(fs)
	inputs, iopts, err := p.parseInputs("cluster", fs, &in, args)
	if err != nil {
		return err
	}
	if err := textOrJSON("cluster", format); err != nil {
		return err
	}
	opts, err := cf.options()
	if err != nil {
		return usagef("cluster: %v", err)
	}
	arts, err := p.readInputs(ctx, "cluster", inputs, iopts, in.quiet)
	if err != nil {
		return err
	}
	b, err := pipeline.NewBriefer()
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	as, g, err := b.Group(ctx, arts, opts)
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	p.reportFaults(as)
	listing := storyListing(arts, g)
	return p.writeOutput(in.out, func(w io.Writer) error {
		if format == "json" {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(listing)
		}
		return writeStoriesText(w, listing)
	})
}

// The JSON of "triangulate cluster": fields may be added, none removed.
type storiesJSON struct {
	Stories []storyJSON `json:"stories"`
	// Merged maps the ids of stories merged into others to their ids.
	Merged map[string]string `json:"merged,omitempty"`
	// Splits maps the ids of stories split off others to their ids.
	Splits map[string]string `json:"splits,omitempty"`
}

type storyJSON struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	FirstPublished string `json:"first_published,omitempty"`
	LastPublished  string `json:"last_published,omitempty"`
	// Independent counts the story's publishers: copies count once.
	Independent int                `json:"independent"`
	Articles    []storyArticleJSON `json:"articles"`
}

type storyArticleJSON struct {
	Input     string      `json:"input"`
	Title     string      `json:"title"`
	Published string      `json:"published,omitempty"`
	Outlet    string      `json:"outlet,omitempty"`
	Why       cluster.Why `json:"why"`
}

func storyListing(arts []*news.Article, g cluster.Grouping) storiesJSON {
	out := storiesJSON{Stories: []storyJSON{}, Merged: g.Merged, Splits: g.Splits}
	for _, s := range g.Stories {
		sj := storyJSON{
			ID: s.ID, Title: s.Title,
			FirstPublished: news.DateString(s.First), LastPublished: news.DateString(s.Last),
			Independent: s.Independent,
		}
		for _, i := range s.Members {
			a := arts[i]
			sj.Articles = append(sj.Articles, storyArticleJSON{
				Input: a.Input, Title: a.Title, Published: news.DateString(a.Published), Outlet: a.Outlet,
				Why: g.Assignments[i].Why,
			})
		}
		out.Stories = append(out.Stories, sj)
	}
	return out
}

func writeStoriesText(w io.Writer, l storiesJSON) error {
	n := 0
	for _, s := range l.Stories {
		n += len(s.Articles)
	}
	if _, err := fmt.Fprintf(w, "%d %s from %d %s\n", len(l.Stories), plural(len(l.Stories), "story", "stories"), n, plural(n, "article", "articles")); err != nil {
		return err
	}
	for _, s := range l.Stories {
		span := "undated"
		switch {
		case s.FirstPublished != "" && s.FirstPublished != s.LastPublished:
			span = s.FirstPublished + " … " + s.LastPublished
		case s.FirstPublished != "":
			span = s.FirstPublished
		}
		fmt.Fprintf(w, "\n%s  %s\n  %s · %d %s · %d independent\n", s.ID, s.Title, span,
			len(s.Articles), plural(len(s.Articles), "article", "articles"), s.Independent)
		for _, a := range s.Articles {
			date := a.Published
			if date == "" {
				date = "undated   "
			}
			fmt.Fprintf(w, "  %s  %s  %s\n", date, a.Input, clip(a.Title, 60))
			fmt.Fprintf(w, "      %s\n", whyText(a.Why))
		}
	}
	for _, from := range slices.Sorted(maps.Keys(l.Merged)) {
		if _, err := fmt.Fprintf(w, "\nmerged: %s → %s\n", from, l.Merged[from]); err != nil {
			return err
		}
	}
	for _, part := range slices.Sorted(maps.Keys(l.Splits)) {
		if _, err := fmt.Fprintf(w, "\nsplit: %s off %s\n", part, l.Splits[part]); err != nil {
			return err
		}
	}
	return nil
}

// whyText says in one line why an article is in its story.
func whyText(y cluster.Why) string {
	var parts []string
	switch {
	case y.DuplicateOf != "":
		parts = append(parts, fmt.Sprintf("near-duplicate of %s (Jaccard %.2f)", y.DuplicateOf, y.Jaccard))
	case y.Entities == nil && y.Terms == nil && y.Numbers == nil && y.Dates == nil:
		return y.Note
	default:
		parts = append(parts, fmt.Sprintf("joined at %.2f", y.Score))
	}
	for _, l := range []struct {
		name string
		vs   []string
	}{{"names", y.Entities}, {"words", y.Terms}, {"numbers", y.Numbers}, {"dates", y.Dates}} {
		if len(l.vs) > 0 {
			parts = append(parts, l.name+": "+strings.Join(l.vs, ", "))
		}
	}
	if y.Days > 0 {
		parts = append(parts, fmt.Sprintf("%d days from the story", y.Days))
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
