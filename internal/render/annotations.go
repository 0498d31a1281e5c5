package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/triangulate/triangulate/internal/news"
)

// The JSON of `triangulate annotate`: per source, its sentences, each with
// the annotations that start in it. This is a documented, stable interface
// (docs/annotate.md): fields keep their meaning, fields may be added.

type annSources struct {
	Sources []annSource `json:"sources"`
}

type annSource struct {
	Input     string        `json:"input"`
	Published *string       `json:"published"`
	Sentences []annSentence `json:"sentences"`
}

type annSentence struct {
	Text       string           `json:"text"`
	Start      int              `json:"start"`
	End        int              `json:"end"`
	Paragraph  int              `json:"paragraph"`
	Entities   []news.Mention   `json:"entities"`
	Quantities []news.Quantity  `json:"quantities"`
	Dates      []annDate        `json:"dates"`
	Quotes     []news.Quotation `json:"quotes"`
}

// annDate writes an unresolved date's value as null.
type annDate struct {
	news.TimeRef
	Value *string `json:"value"`
}

// AnnotationsJSON writes the annotations of every article as one JSON
// document.
func AnnotationsJSON(w io.Writer, as []*news.Annotated) error {
	return StreamAnnotationsJSON(w, len(as), func(i int) (*news.Annotated, error) { return as[i], nil })
}

// StreamAnnotationsJSON writes the same document as AnnotationsJSON for n
// articles that get annotates one at a time, writing each before asking for
// the next, so that memory stays flat however many articles there are.
func StreamAnnotationsJSON(w io.Writer, n int, get func(i int) (*news.Annotated, error)) error {
	if _, err := io.WriteString(w, "{\n  \"sources\": ["); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		a, err := get(i)
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(annotationView(a), "    ", "  ")
		if err != nil {
			return fmt.Errorf("render: json: %w", err)
		}
		sep := ",\n    "
		if i == 0 {
			sep = "\n    "
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	end := "\n  ]\n}\n"
	if n == 0 {
		end = "]\n}\n"
	}
	_, err := io.WriteString(w, end)
	return err
}

func annotationView(a *news.Annotated) annSource {
	src := annSource{Input: a.Article.Input, Sentences: make([]annSentence, len(a.Sentences))}
	if !a.Article.Published.IsZero() {
		p := news.DateString(a.Article.Published)
		src.Published = &p
	}
	text := a.Article.Text
	for i, s := range a.Sentences {
		src.Sentences[i] = annSentence{
			Text: text[s.Start:s.End], Start: s.Start, End: s.End, Paragraph: s.Paragraph,
			Entities: []news.Mention{}, Quantities: []news.Quantity{}, Dates: []annDate{}, Quotes: []news.Quotation{},
		}
	}
	in := func(i int) *annSentence {
		if i >= 0 && i < len(src.Sentences) {
			return &src.Sentences[i]
		}
		return nil
	}
	for _, m := range a.Mentions {
		if s := in(m.Sentence); s != nil {
			s.Entities = append(s.Entities, m)
		}
	}
	for _, q := range a.Quantities {
		if s := in(q.Sentence); s != nil {
			s.Quantities = append(s.Quantities, q)
		}
	}
	for _, d := range a.Dates {
		if s := in(d.Sentence); s != nil {
			v := annDate{TimeRef: d}
			if d.Value != "" {
				v.Value = &d.Value
			}
			s.Dates = append(s.Dates, v)
		}
	}
	for _, q := range a.Quotes {
		if s := in(q.Sentence); s != nil {
			s.Quotes = append(s.Quotes, q)
		}
	}
	return src
}

// AnnotationsText writes the annotations for a reader: each sentence, then
// its annotations one per line.
func AnnotationsText(w io.Writer, as []*news.Annotated) error {
	for i, a := range as {
		if err := AnnotationText(w, a, i == 0); err != nil {
			return err
		}
	}
	return nil
}

// AnnotationText writes one article's annotations for a reader.
func AnnotationText(w io.Writer, a *news.Annotated, first bool) error {
	var b strings.Builder
	{
		if !first {
			b.WriteString("\n")
		}
		v := annotationView(a)
		pub := "date unknown"
		if v.Published != nil {
			pub = "published " + *v.Published
		}
		fmt.Fprintf(&b, "══ %s (%s)\n", v.Input, pub)
		for j, s := range v.Sentences {
			fmt.Fprintf(&b, "\n[%d] %s\n", j+1, s.Text)
			for _, e := range s.Entities {
				kind := string(e.Type)
				if e.Demonym {
					kind = "demonym → " + e.Key
				}
				labels := ""
				if len(e.Labels) > 0 {
					labels = " (" + strings.Join(e.Labels, "; ") + ")"
				}
				fmt.Fprintf(&b, "    entity    %-28s %s%s\n", e.Text, kind, labels)
			}
			for _, q := range s.Quantities {
				fmt.Fprintf(&b, "    quantity  %-28s %s\n", q.Text, quantityLabel(q))
			}
			for _, d := range s.Dates {
				val := "unresolved"
				if d.Value != nil {
					val = *d.Value
					if d.Inferred {
						val += " (inferred)"
					}
				}
				fmt.Fprintf(&b, "    date      %-28s %s · %s\n", d.Text, val, d.Granularity)
			}
			for _, q := range s.Quotes {
				speaker := q.Speaker
				if speaker == "" {
					speaker = "no speaker found"
				}
				fmt.Fprintf(&b, "    quote     “%s” — %s [%s]\n", truncate(q.Text, 60), speaker, q.Cue)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func quantityLabel(q news.Quantity) string {
	if q.Unspecified {
		return "unspecified · " + q.Noun
	}
	num := func(p *float64) string {
		if p == nil {
			return "…"
		}
		return fmt.Sprintf("%g", *p)
	}
	s := num(q.Value)
	if q.Against != nil {
		s += "-" + num(q.Against)
	}
	if q.Low != nil || q.High != nil {
		if q.Low == nil || q.High == nil || *q.Low != *q.High {
			s += " [" + num(q.Low) + ", " + num(q.High) + "]"
		}
	}
	if q.Unit != "" {
		s += " " + q.Unit
	}
	if q.Noun != "" {
		s += " · " + q.Noun
	}
	if q.Qualifier != "" {
		s += " (" + q.Qualifier + ")"
	}
	return s
}
