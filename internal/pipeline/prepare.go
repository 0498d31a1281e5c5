// Package pipeline chains the stages that turn inputs into dossiers:
// ingest → extract (HTML) → clean → language → dossier. Each stage is its
// own package and knows nothing of the others; this package is the loop
// over them, shared by the CLI, the server and the end-to-end tests.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/sync/errgroup"

	"github.com/triangulate/triangulate/internal/clean"
	"github.com/triangulate/triangulate/internal/extract"
	"github.com/triangulate/triangulate/internal/langid"
	"github.com/triangulate/triangulate/internal/news"
)

// ErrNoText is returned for an input that has no article text left once
// its furniture is removed.
var ErrNoText = errors.New("no article text found")

// Options tune Prepare. The zero value works.
type Options struct {
	// Concurrency bounds how many documents are prepared at once; default
	// GOMAXPROCS.
	Concurrency int
}

// PrepareAll prepares every document, in order, concurrently. Documents
// that fail are left out of the articles and reported as *news.InputError.
func PrepareAll(ctx context.Context, docs []news.Document, opts Options) ([]*news.Article, []error) {
	n := opts.Concurrency
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	arts := make([]*news.Article, len(docs))
	errs := make([]error, len(docs))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(n)
	for i := range docs {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				errs[i] = &news.InputError{Input: docs[i].Input, Err: err}
				return nil
			}
			a, err := Prepare(docs[i])
			if err != nil {
				errs[i] = &news.InputError{Input: docs[i].Input, Err: err}
				return nil
			}
			arts[i] = a
			return nil
		})
	}
	_ = g.Wait() // the goroutines record their errors and never fail the group
	var outArts []*news.Article
	var outErrs []error
	for i := range docs {
		if arts[i] != nil {
			outArts = append(outArts, arts[i])
		}
		if errs[i] != nil {
			outErrs = append(outErrs, errs[i])
		}
	}
	return outArts, outErrs
}

// Prepare cleans one document into an article: the HTML main text is
// extracted first when the document is a page, then the news cleaning,
// the metadata and the language.
func Prepare(doc news.Document) (*news.Article, error) {
	return PrepareWith(doc, extract.Options{})
}

// PrepareWith is Prepare with the HTML extractor tuned by xopts (its URL is
// the document's). A fault inside a stage (a panic on input no test
// foresaw) is this document's error, never the end of a batch or a server.
func PrepareWith(doc news.Document, xopts extract.Options) (art *news.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			art, err = nil, fmt.Errorf("internal error while cleaning: %v", r)
		}
	}()
	a := &news.Article{Input: doc.Input, URL: doc.URL, Kind: doc.Kind}
	var (
		blocks   []string
		declared string // the language the page declares
	)
	title := strings.TrimSpace(doc.Title)
	outlet, outletBasis := strings.TrimSpace(doc.Outlet), news.OutletFromInput
	if doc.Kind == news.KindFeed {
		outletBasis = news.OutletFromFeed
	}
	if doc.Published != "" {
		if t, ok := clean.ParseDate(doc.Published); ok {
			a.Published, a.PublishedBasis = t, news.BasisMetadata
		} else {
			a.Warnings = append(a.Warnings, fmt.Sprintf("unreadable publication date %q", doc.Published))
		}
	}

	switch doc.ContentKind {
	case news.KindHTML:
		xopts.URL = doc.URL
		page, err := extract.HTML(doc.Content, xopts)
		if err != nil {
			return nil, err
		}
		blocks = page.Paragraphs
		a.Extractor = page.Extractor
		a.Removed = append(a.Removed, page.Removed...)
		if title == "" {
			title = page.Title
		}
		if outlet == "" && page.Sitename != "" {
			outlet, outletBasis = page.Sitename, news.OutletFromSiteMetadata
		}
		if a.Published.IsZero() && !page.Published.IsZero() {
			y, m, d := page.Published.Date()
			a.Published = news.Day(y, m, d)
			a.PublishedBasis = news.BasisMetadata
		}
		a.Authors = page.Authors
		declared = page.Language
	default:
		blocks = clean.SplitBlocks(doc.Content)
	}

	r := clean.Paragraphs(blocks, clean.Options{Title: title})
	if len(r.Paragraphs) == 0 {
		return nil, ErrNoText
	}
	a.Text = news.JoinParagraphs(r.Paragraphs)
	a.Removed = append(a.Removed, r.Removed...)
	a.Captions = r.Captions
	a.Standfirst = r.Standfirst
	a.Dateline = r.Dateline
	if len(a.Authors) == 0 {
		a.Authors = r.Authors
	}

	a.Title = r.Title
	if a.Title == "" {
		a.Title, a.TitleDerived = derivedTitle(r.Paragraphs[0]), true
	}
	a.Title = strings.Join(strings.Fields(a.Title), " ")
	if !a.TitleDerived && a.Title != "" {
		// The headline is the outlet's first statement of the story: it
		// opens the text, to be read and cited like any sentence, and so
		// is no longer listed as removed.
		a.Text = a.Title + "\n\n" + a.Text
		a.Removed = slices.DeleteFunc(a.Removed, func(r news.Removed) bool {
			return r.Kind == news.RemovedHeader && strings.HasPrefix(r.Reason, "headline") && strings.Join(strings.Fields(r.Text), " ") == a.Title
		})
	}
	if outlet == "" && len(r.Outlets) > 0 {
		outlet, outletBasis = r.Outlets[0].Name, r.Outlets[0].Basis
	}
	if outlet != "" {
		a.Outlet, a.OutletBasis = outlet, outletBasis
	}
	if a.Published.IsZero() && !r.Published.IsZero() {
		a.Published, a.PublishedBasis = r.Published, news.BasisMetadata
	}

	// The text decides the language; a page's declaration is used only
	// when the text is too short or mixed to tell.
	lang, reliable := langid.Detect(a.Title + "\n" + a.Text)
	switch {
	case doc.Language != "":
		a.Language = doc.Language
	case !reliable && declared != "":
		a.Language = declared
	default:
		a.Language = lang
	}
	a.TranslationSigns = r.TranslationSigns
	a.MachineTranslated = len(r.TranslationSigns) > 0
	return a, nil
}

// derivedTitle makes a title for an article without a headline: its first
// sentence, cut to at most maxTitleWords words with an ellipsis.
func derivedTitle(para string) string {
	const maxTitleWords = 14
	s := para
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	words := strings.FieldsFunc(s, unicode.IsSpace)
	if len(words) > maxTitleWords {
		return strings.Join(words[:maxTitleWords], " ") + " …"
	}
	return s
}
