package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/triangulate/triangulate/internal/cluster"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/render"
)

// briefFlags are the options of "triangulate brief".
type briefFlags struct {
	inputFlags
	format  string
	color   string
	story   string
	one     bool
	cluster clusterFlags
}

func (p *Program) brief(ctx context.Context, args []string) error {
	var f briefFlags
	fs := p.newFlagSet("brief", "brief [flags] INPUT...")
	fs.StringVar(&f.format, "format", "text", "output format: text, md, html or json")
	fs.StringVar(&f.color, "color", "auto", "colour in text output: auto (on a terminal), always or never")
	f.inputFlags.register(fs)
	fs.StringVar(&f.story, "story", "", "write only the dossier of this story (an id from 'triangulate cluster')")
	fs.BoolVar(&f.one, "one-story", false, "do not group: treat all inputs as one story")
	f.cluster.register(fs)
	inputs, iopts, err := p.parseInputs("brief", fs, &f.inputFlags, args)
	if err != nil {
		return err
	}
	format, err := render.ParseFormat(f.format)
	if err != nil {
		return usagef("brief: %v", err)
	}
	color, err := p.useColor(f.color, f.out)
	if err != nil {
		return usagef("brief: %v", err)
	}
	copts, err := f.cluster.options()
	if err != nil {
		return usagef("brief: %v", err)
	}
	if f.one && f.story != "" {
		return usagef("brief: --story and --one-story exclude each other")
	}

	arts, err := p.readInputs(ctx, "brief", inputs, iopts, f.quiet)
	if err != nil {
		return err
	}
	b, err := pipeline.NewBriefer()
	if err != nil {
		return fmt.Errorf("brief: %w", err)
	}
	var ds []news.Dossier
	if f.one {
		as, err := b.Annotate(ctx, arts)
		if err != nil {
			return fmt.Errorf("brief: %w", err)
		}
		p.reportFaults(as)
		d, err := b.DossierAnnotated(as)
		if err != nil {
			return fmt.Errorf("brief: %w", err)
		}
		ds = []news.Dossier{d}
	} else if ds, err = p.storyDossiers(ctx, b, arts, copts, f); err != nil {
		return err
	}
	return p.writeOutput(f.out, func(w io.Writer) error {
		return render.Render(w, format, ds, render.Options{Color: color})
	})
}

// storyDossiers groups the articles into stories and writes the dossier of
// each, in the order the stories were started, the sources of each in
// input order. An article that shares a story with no other makes a story
// of its own: unrelated articles are never cross-checked against each
// other unless the user asks for it with --one-story.
func (p *Program) storyDossiers(ctx context.Context, b *pipeline.Briefer, arts []*news.Article, opts cluster.Options, f briefFlags) ([]news.Dossier, error) {
	as, g, err := b.Group(ctx, arts, opts)
	if err != nil {
		return nil, fmt.Errorf("brief: %w", err)
	}
	p.reportFaults(as)
	stories := g.Stories
	if f.story != "" {
		id := g.Resolve(f.story)
		i := slices.IndexFunc(stories, func(s cluster.Group) bool { return s.ID == id })
		if i < 0 {
			return nil, fmt.Errorf("brief: no story %s among the %d stories of the inputs (see 'triangulate cluster')", f.story, len(stories))
		}
		stories = stories[i : i+1]
	}
	ds := make([]news.Dossier, 0, len(stories))
	for _, s := range stories {
		members := slices.Sorted(slices.Values(s.Members))
		sub := make([]*news.Annotated, len(members))
		for i, m := range members {
			sub[i] = as[m]
		}
		d, err := b.DossierAnnotated(sub)
		if err != nil {
			return nil, fmt.Errorf("brief: story %s: %w", s.ID, err)
		}
		d.Story.ID = s.ID
		ds = append(ds, d)
	}
	return ds, nil
}

// readArticles reads and cleans the inputs, reporting each failure on one
// line of stderr, and returns the articles and the number of failures.
func (p *Program) readArticles(ctx context.Context, inputs []string, opts ingest.Options, quiet bool) ([]*news.Article, int) {
	docs, errs := ingest.Read(ctx, inputs, opts)
	arts, perrs := pipeline.PrepareAll(ctx, docs, pipeline.Options{})
	errs = append(errs, perrs...)
	if !quiet {
		p.reportInputErrors(errs)
		if len(errs) > 0 && len(arts) > 0 {
			fmt.Fprintf(p.Stderr, "triangulate: %d of %d articles read; %d inputs skipped\n", len(arts), len(arts)+len(errs), len(errs))
		}
	}
	return arts, len(errs)
}

// reportFaults prints, on a line each, the annotation stages that failed
// on an article: the article goes on without their annotations.
func (p *Program) reportFaults(as []*news.Annotated) {
	for _, a := range as {
		for _, f := range a.Faults {
			fmt.Fprintf(p.Stderr, "triangulate: %s: %s (read without them)\n", a.Article.Input, f)
		}
	}
}

// reportInputErrors prints each input that could not be read on a line of
// its own.
func (p *Program) reportInputErrors(errs []error) {
	for _, err := range errs {
		fmt.Fprintf(p.Stderr, "triangulate: %v\n", err)
	}
}

// useColor decides on colour: "auto" means a terminal without NO_COLOR.
func (p *Program) useColor(mode, out string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return out == "" && p.IsTerminal && p.Getenv("NO_COLOR") == "", nil
	}
	return false, fmt.Errorf("--color must be auto, always or never, not %q", mode)
}

// writeOutput writes to the named file, or to stdout when name is "". A
// file is written beside its destination and renamed into place, so a
// failed run never leaves half a dossier behind.
func (p *Program) writeOutput(name string, write func(io.Writer) error) error {
	if name == "" {
		w := bufio.NewWriter(p.Stdout)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	}
	tmp, err := os.CreateTemp(dirOf(name), ".triangulate-*")
	if err != nil {
		return fmt.Errorf("unable to write %s: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	if err := write(w); err != nil {
		tmp.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("unable to write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("unable to write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("unable to write %s: %w", name, err)
	}
	return nil
}

func dirOf(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if os.IsPathSeparator(name[i]) {
			return name[:i+1]
		}
	}
	return "."
}
