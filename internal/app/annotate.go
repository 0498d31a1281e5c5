package app

import (
	"context"
	"fmt"
	"io"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/render"
)

func (p *Program) annotate(ctx context.Context, args []string) error {
	var (
		format string
		in     inputFlags
	)
	fs := p.newFlagSet("annotate", "annotate [flags] INPUT...")
	fs.StringVar(&format, "format", "text", "output format: text or json")
	in.register(fs)
	inputs, iopts, err := p.parseInputs("annotate", fs, &in, args)
	if err != nil {
		return err
	}
	if err := textOrJSON("annotate", format); err != nil {
		return err
	}
	arts, err := p.readInputs(ctx, "annotate", inputs, iopts, in.quiet)
	if err != nil {
		return err
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
		a := b.AnnotateOne(arts[i])
		p.reportFaults([]*news.Annotated{a})
		return a, nil
	}
	return p.writeOutput(in.out, func(w io.Writer) error {
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
