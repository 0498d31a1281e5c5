package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// extractRecord is one line of "extract --format json": what the cleaning
// stage made of one input.
type extractRecord struct {
	Input     string         `json:"input"`
	Title     string         `json:"title"`
	Outlet    *string        `json:"outlet"`
	Published *string        `json:"published"`
	Language  string         `json:"language"`
	Authors   []string       `json:"authors"`
	Text      string         `json:"text"`
	Removed   []news.Removed `json:"removed"`
}

func newExtractRecord(a *news.Article) extractRecord {
	r := extractRecord{Input: a.Input, Title: a.Title, Language: a.Language, Authors: a.Authors, Text: a.Body(), Removed: a.Removed}
	if a.Outlet != "" {
		r.Outlet = &a.Outlet
	}
	if !a.Published.IsZero() {
		d := news.DateString(a.Published)
		r.Published = &d
	}
	if r.Authors == nil {
		r.Authors = []string{}
	}
	if r.Removed == nil {
		r.Removed = []news.Removed{}
	}
	return r
}

// extract prints the cleaned text and metadata of each input, without
// clustering or cross-checking.
func (p *Program) extract(ctx context.Context, args []string) error {
	var (
		format string
		in     inputFlags
	)
	fs := p.newFlagSet("extract", "extract [flags] INPUT...")
	fs.StringVar(&format, "format", "text", "output format: text or json (JSON Lines, one object per input)")
	in.register(fs)
	inputs, iopts, err := p.parseInputs("extract", fs, &in, args)
	if err != nil {
		return err
	}
	if err := textOrJSON("extract", format); err != nil {
		return err
	}
	arts, err := p.readInputs(ctx, "extract", inputs, iopts, in.quiet)
	if err != nil {
		return err
	}
	return p.writeOutput(in.out, func(w io.Writer) error {
		if format == "json" {
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			for _, a := range arts {
				if err := enc.Encode(newExtractRecord(a)); err != nil {
					return err
				}
			}
			return nil
		}
		for i, a := range arts {
			if err := writeExtractText(w, a, i == 0); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeExtractText writes one article for a reader: a header of its
// metadata, then its text.
func writeExtractText(w io.Writer, a *news.Article, first bool) error {
	var b strings.Builder
	if !first {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "══ %s\n", a.Input)
	field := func(name, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%-10s %s\n", name+":", v)
		}
	}
	field("title", a.Title)
	field("outlet", a.Outlet)
	if !a.Published.IsZero() {
		field("published", news.DateString(a.Published))
	}
	field("language", a.Language)
	field("authors", strings.Join(a.Authors, "; "))
	fmt.Fprintf(&b, "removed:   %d pieces\n\n", len(a.Removed))
	b.WriteString(a.Body())
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
