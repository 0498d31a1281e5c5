// Package annotate runs the annotation layer over a cleaned article:
// sentences, then named entities, quantities, dates anchored on the
// publication day, and quotes with their speakers (which need the
// entities). Each annotator is its own package, a pure stage; this one only
// chains them and holds what they load once.
package annotate

import (
	"fmt"
	"sync"

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
//
// The sentence splitter's model and the entity gazetteer are decoded side
// by side: each takes tens of milliseconds, most of a short command's time.
func New() (*Annotator, error) {
	var (
		seg    *segment.Segmenter
		segErr error
		wg     sync.WaitGroup
	)
	wg.Go(func() { seg, segErr = segment.New() })
	ent, err := entity.New()
	wg.Wait()
	if segErr != nil {
		return nil, segErr
	}
	if err != nil {
		return nil, err
	}
	return &Annotator{seg: seg, ent: ent}, nil
}

// Annotate annotates one article's cleaned text. A fault inside a stage
// (a panic on text no test foresaw) costs that stage's annotations of this
// article only: the stage's output is left empty, the fault is recorded in
// Faults, and the other stages run.
func (a *Annotator) Annotate(art *news.Article) *news.Annotated {
	text := art.Text
	out := &news.Annotated{Article: art}
	stage(out, "sentences", func() { out.Sentences = a.seg.Split(text) })
	if out.Sentences == nil && text != "" {
		out.Sentences = []news.Sentence{{Start: 0, End: len(text)}} // one sentence rather than none
	}
	sents := out.Sentences
	stage(out, "entities", func() { out.Mentions = a.ent.Find(text, sents) })
	stage(out, "quantities", func() { out.Quantities = quantity.Find(text, sents) })
	stage(out, "dates", func() { out.Dates = timex.Find(text, sents, timex.Options{Published: art.Published}) })
	stage(out, "quotes", func() { out.Quotes = quote.Find(text, sents, out.Mentions) })
	return out
}

// stage runs one annotation stage, turning a panic into a recorded fault.
func stage(out *news.Annotated, name string, run func()) {
	defer func() {
		if r := recover(); r != nil {
			out.Faults = append(out.Faults, fmt.Sprintf("%s: internal error: %v", name, r))
		}
	}()
	run()
}
