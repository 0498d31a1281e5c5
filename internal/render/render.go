// Package render writes dossiers for people and programs: a terminal view
// (Text), GitHub-flavoured Markdown, one self-contained HTML page, and the
// JSON of spec/dossier.schema.json.
//
// The three human formats show the same sections in the same order: the
// story header and counts, the cited summary, the facts × sources matrix,
// conflicts with every side, the timeline, entities with their name
// variants, quotes, and the sources with their cleaning audit. Sections with
// nothing to show are skipped, except where a reader would wonder (no
// conflicts, no summary), which get one short line.
//
// Renderers are pure: they read the dossier and never modify it, and their
// output depends only on the dossier and the options, so it can be compared
// with golden files.
package render

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// Format names an output format.
type Format string

// The formats Render writes.
const (
	FormatText     Format = "text" // for a terminal
	FormatMarkdown Format = "md"   // GitHub-flavoured Markdown
	FormatHTML     Format = "html" // one self-contained page
	FormatJSON     Format = "json" // spec/dossier.schema.json
)

// ErrUnknownFormat is returned (wrapped) by ParseFormat and Render for a
// format they do not know.
var ErrUnknownFormat = errors.New("unknown format")

// ParseFormat reads a format name as a user types it: "text" (or "txt"),
// "md" (or "markdown"), "html", "json", in any case.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "txt":
		return FormatText, nil
	case "md", "markdown":
		return FormatMarkdown, nil
	case "html":
		return FormatHTML, nil
	case "json":
		return FormatJSON, nil
	}
	return "", fmt.Errorf("render: %w %q (want text, md, html or json)", ErrUnknownFormat, s)
}

// DefaultWidth is the text width used when Options.Width is zero or less.
const DefaultWidth = 80

// minWidth is the narrowest layout Text attempts; a smaller Options.Width is
// raised to it, since below it the matrix and the hanging indents no longer
// leave room for any text.
const minWidth = 40

// Options tune the text format. The zero value renders plain text at
// DefaultWidth columns.
type Options struct {
	// Color adds ANSI colour and bold. When false the output holds no
	// escape sequence at all.
	Color bool
	// Width is the number of terminal columns (cells) lines must fit in;
	// zero means DefaultWidth, and values below 40 are raised to 40.
	Width int
}

func (o Options) width() int {
	switch {
	case o.Width <= 0:
		return DefaultWidth
	case o.Width < minWidth:
		return minWidth
	}
	return o.Width
}

// Render writes the dossiers in format, one per story.
//
// Text and Markdown write one section per dossier, separated by a rule; HTML
// writes one page holding every dossier. JSON writes a single dossier object
// when there is exactly one dossier, and otherwise a JSON array of dossier
// objects (an empty array for none), so a consumer that asked for one story
// gets the schema's object and a consumer of several can tell them apart.
func Render(w io.Writer, format Format, ds []news.Dossier, opts Options) error {
	switch format {
	case FormatText:
		if len(ds) == 0 {
			_, err := io.WriteString(w, "No stories.\n")
			return err
		}
		for i := range ds {
			if i > 0 {
				if _, err := io.WriteString(w, "\n"+strings.Repeat("═", opts.width())+"\n\n"); err != nil {
					return err
				}
			}
			if err := Text(w, &ds[i], opts); err != nil {
				return err
			}
		}
		return nil
	case FormatMarkdown:
		if len(ds) == 0 {
			_, err := io.WriteString(w, "_No stories._\n")
			return err
		}
		for i := range ds {
			if i > 0 {
				if _, err := io.WriteString(w, "\n---\n\n"); err != nil {
					return err
				}
			}
			if err := Markdown(w, &ds[i]); err != nil {
				return err
			}
		}
		return nil
	case FormatHTML:
		return HTML(w, ds)
	case FormatJSON:
		if len(ds) == 1 {
			return JSON(w, &ds[0])
		}
		return JSONArray(w, ds)
	}
	return fmt.Errorf("render: %w %q", ErrUnknownFormat, string(format))
}
