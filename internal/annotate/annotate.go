// Package annotate runs the annotation layer over a cleaned article:
// sentences, then named entities, quantities, dates anchored on the
// publication day, and quotes with their speakers (which need the
// entities). Each annotator is its own package, a pure stage; this one only
// chains them and holds what they load once.
package annotate

import (
	"github.com/triangulate/triangulate/internal/annotate/entity"
	"github.com/triangulate/triangulate/internal/annotate/quantity"
	"github.com/triangulate/triangulate/internal/annotate/quote"
	"github.com/triangulate/triangulate/internal/annotate/timex"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/segment"
)

// Annotator holds the loaded models: the sentence splitter and the entity
// gazetteers. Load one and share it; it is safe for concurrent use.
type Annotator struct {
	seg *segment.Segmenter
	ent *entity.Recognizer
}

// New loads the models.
func New() (*Annotator, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, err
	}
	ent, err := entity.New()
	if err != nil {
		return nil, err
	}
	return &Annotator{seg: seg, ent: ent}, nil
}

// Annotate annotates one article's cleaned text.
func (a *Annotator) Annotate(art *news.Article) *news.Annotated {
	text := art.Text
	sents := a.seg.Split(text)
	mentions := a.ent.Find(text, sents)
	return &news.Annotated{
		Article:    art,
		Sentences:  sents,
		Mentions:   mentions,
		Quantities: quantity.Find(text, sents),
		Dates:      timex.Find(text, sents, timex.Options{Published: art.Published}),
		Quotes:     quote.Find(text, sents, mentions),
	}
}
