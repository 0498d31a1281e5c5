package render

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/triangulate/triangulate/internal/news"
)

// JSON writes d as the JSON of spec/dossier.schema.json, indented by two
// spaces, fields in the order of the news types, ending with a newline.
//
// The schema requires arrays, never null, so every array it requires is
// written as [] when the dossier holds a nil slice: the top-level arrays,
// sources[].removed and .captions, entities[].aliases and .sources,
// facts[].evidence, conflicts[].variants and their evidence,
// timeline[].evidence, quotes[].evidence and summary[].sources. An empty
// schema field is written as news.SchemaID. The caller's dossier is not
// modified: the normalisation works on copies.
func JSON(w io.Writer, d *news.Dossier) error {
	return writeJSON(w, normalize(d))
}

// JSONArray writes the dossiers as one JSON array (an empty array for
// none), each element as JSON writes it. Render uses it for more than one
// dossier.
func JSONArray(w io.Writer, ds []news.Dossier) error {
	out := make([]news.Dossier, len(ds))
	for i := range ds {
		out[i] = normalize(&ds[i])
	}
	return writeJSON(w, out)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("render: json: %w", err)
	}
	return nil
}

// orEmpty returns s, or a new empty slice when s is nil.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// normalize returns a copy of d whose required arrays are non-nil. Slices
// that need no change are shared with d; any slice whose elements change is
// cloned first, so d itself is never written to.
func normalize(d *news.Dossier) news.Dossier {
	n := *d
	if n.Schema == "" {
		n.Schema = news.SchemaID
	}

	n.Sources = slices.Clone(orEmpty(d.Sources))
	for i := range n.Sources {
		s := &n.Sources[i]
		s.Removed = orEmpty(s.Removed)
		s.Captions = orEmpty(s.Captions)
	}

	n.Entities = slices.Clone(orEmpty(d.Entities))
	for i := range n.Entities {
		e := &n.Entities[i]
		e.Aliases = orEmpty(e.Aliases)
		e.Sources = orEmpty(e.Sources)
	}

	n.Facts = slices.Clone(orEmpty(d.Facts))
	for i := range n.Facts {
		n.Facts[i].Evidence = orEmpty(n.Facts[i].Evidence)
	}

	n.Conflicts = slices.Clone(orEmpty(d.Conflicts))
	for i := range n.Conflicts {
		c := &n.Conflicts[i]
		c.Variants = slices.Clone(orEmpty(c.Variants))
		for j := range c.Variants {
			c.Variants[j].Evidence = orEmpty(c.Variants[j].Evidence)
		}
	}

	n.Timeline = slices.Clone(orEmpty(d.Timeline))
	for i := range n.Timeline {
		n.Timeline[i].Evidence = orEmpty(n.Timeline[i].Evidence)
	}

	n.Quotes = slices.Clone(orEmpty(d.Quotes))
	for i := range n.Quotes {
		n.Quotes[i].Evidence = orEmpty(n.Quotes[i].Evidence)
	}

	n.Summary = slices.Clone(orEmpty(d.Summary))
	for i := range n.Summary {
		n.Summary[i].Sources = orEmpty(n.Summary[i].Sources)
	}
	return n
}
