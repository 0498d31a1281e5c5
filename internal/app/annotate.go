package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/render"
)

func (p *Program) annotate(ctx context.Context, args []string) error {
	var (
		format, out, maxSize string
		timeout              time.Duration
		quiet                bool
	)
	fs := p.newFlagSet("annotate", "annotate [flags] INPUT...")
	fs.StringVar(&format, "format", "text", "output format: text or json")
	fs.StringVar(&out, "o", "", "write the output to this file instead of standard output")
	fs.DurationVar(&timeout, "timeout", 30*time.Second, "time limit for fetching each URL")
	fs.StringVar(&maxSize, "max-size", "10MB", "largest input accepted (e.g. 512KB, 10MB)")
	fs.BoolVar(&quiet, "q", false, "do not report inputs that could not be read")
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usagef("annotate: %v", err)
	}
	if len(inputs) == 0 {
		return usagef("annotate: no input given (files, directories, URLs or -)")
	}
	if format != "text" && format != "json" {
		return usagef("annotate: --format must be text or json, not %q", format)
	}
	maxBytes, err := parseSize(maxSize)
	if err != nil {
		return usagef("annotate: --max-size: %v", err)
	}
	arts, _ := p.readArticles(ctx, inputs, ingest.Options{MaxBytes: maxBytes, Timeout: timeout, Stdin: p.Stdin}, quiet)
	if len(arts) == 0 {
		return fmt.Errorf("annotate: %w: none of %d inputs gave an article", errNothingRead, len(inputs))
	}
	b, err := pipeline.NewBriefer()
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	// One article at a time: annotations are written as they are made, so
	// memory does not grow with the number of articles annotated.
	get := func(i int) (*news.Annotated, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return b.AnnotateOne(arts[i]), nil
	}
	return p.writeOutput(out, func(w io.Writer) error {
		if format == "json" {
			return render.StreamAnnotationsJSON(w, len(arts), get)
		}
		for i := range arts {
			a, err := get(i)
			if err != nil {
				return err
			}
			if err := render.AnnotationText(w, a, i == 0); err != nil {
				return err
			}
		}
		return nil
	})
}
