package app

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/triangulate/triangulate/internal/eval"
	"github.com/triangulate/triangulate/internal/extract"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/pipeline"
)

// evalExtract scores the HTML path — ingest, extract, clean: the code
// brief runs on a page — on an extraction benchmark, beside go-trafilatura
// run on the same pages with and without its fallback.
func (p *Program) evalExtract(ctx context.Context, args []string) error {
	var (
		failures  int
		limit     int
		raw       bool
		single    bool
		noAnchors bool
	)
	fs := p.newFlagSet("eval extract", "eval extract [--failures N] DIR")
	fs.IntVar(&failures, "failures", 0, "list the N worst pages with every candidate extraction, its score and why one was kept, and the words added and missed")
	fs.IntVar(&limit, "n", 0, "score only the first N pages in id order (0: all)")
	fs.BoolVar(&raw, "raw", false, "score the HTML extractor alone, before the news cleaning (for diagnosis)")
	fs.BoolVar(&single, "no-second-opinion", false, "skip the comparison with readability (faster, slightly less accurate)")
	fs.BoolVar(&noAnchors, "no-upstream", false, "do not run go-trafilatura as published beside ours (faster)")
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usagef("eval extract: %v", err)
	}
	if len(dirs) != 1 {
		return usagef("eval extract: give one benchmark directory (e.g. ../shared/data/aeb)")
	}
	pages, err := eval.LoadAEB(dirs[0])
	if err != nil {
		return fmt.Errorf("eval extract: %w", err)
	}
	published, err := eval.PublishedFigures(dirs[0])
	if err != nil {
		return fmt.Errorf("eval extract: %w", err)
	}
	if limit > 0 && limit < len(pages) {
		pages = pages[:limit]
	}
	xopts := extract.Options{NoSecondOpinion: single}
	run, name := func(ctx context.Context, page eval.AEBPage) (string, error) {
		return extractAEBPage(ctx, page, xopts)
	}, "triangulate"
	if raw {
		run, name = func(ctx context.Context, page eval.AEBPage) (string, error) {
			return extractAEBPageRaw(ctx, page, xopts)
		}, "triangulate (extractor only)"
	}
	if single {
		name += ", no 2nd opinion"
	}
	rep, err := eval.RunExtract(ctx, pages, run)
	if err != nil {
		return fmt.Errorf("eval extract: %w", err)
	}
	cmp := eval.ExtractComparison{
		Runs:      []eval.ExtractRun{{Name: name, Report: rep}},
		Published: published,
		Languages: map[string]string{},
		Failures:  failures,
		Explain: func(page eval.AEBPage) []eval.CandidateText {
			return explainAEBPage(ctx, page, xopts)
		},
	}
	for _, pg := range pages {
		cmp.Languages[pg.ID] = eval.LanguageOf(pg)
	}
	if !noAnchors {
		for _, fallback := range []bool{true, false} {
			up, err := eval.RunExtract(ctx, pages, func(_ context.Context, page eval.AEBPage) (string, error) {
				return upstreamExtract(page, fallback)
			})
			if err != nil {
				return fmt.Errorf("eval extract: %w", err)
			}
			label := "go-trafilatura v1.12.2, fallback on"
			if !fallback {
				label = "go-trafilatura v1.12.2, fallback off"
			}
			cmp.Runs = append(cmp.Runs, eval.ExtractRun{Name: label, Report: up})
		}
	}
	return p.writeOutput("", func(w io.Writer) error {
		return eval.WriteExtractReport(w, cmp)
	})
}

// upstreamExtract is go-trafilatura as its users call it: the page's bytes
// (it detects the charset itself), the default options but the fallback,
// its plain-text output. Only the publication-date search is set to its
// fast mode, which changes no text. The vendored copy differs from the
// published module in no text it returns as ContentText (third_party/
// go-trafilatura/PATCHES.md).
func upstreamExtract(page eval.AEBPage, fallback bool) (string, error) {
	res, err := trafilatura.Extract(bytes.NewReader(page.HTML), trafilatura.Options{EnableFallback: fallback, HtmlDateMode: trafilatura.Fast})
	if err != nil {
		return "", err
	}
	return res.ContentText, nil
}

// explainAEBPage lists the candidate extractions of a page, the kept one
// marked, with why.
func explainAEBPage(ctx context.Context, page eval.AEBPage, opts extract.Options) []eval.CandidateText {
	docs, errs := ingest.Read(ctx, []string{"-"}, ingest.Options{Stdin: bytes.NewReader(page.HTML), Concurrency: 1})
	if len(errs) > 0 || len(docs) != 1 {
		return nil
	}
	opts.URL, opts.KeepCandidates = page.URL, true
	p, err := extract.HTML(docs[0].Content, opts)
	if err != nil {
		return []eval.CandidateText{{Extractor: "none", Why: err.Error()}}
	}
	var out []eval.CandidateText
	for _, c := range p.Candidates {
		out = append(out, eval.CandidateText{Extractor: c.Extractor, Words: c.Words, Kept: c.Kept, Why: c.Why, Text: strings.Join(c.Paragraphs, "\n\n")})
	}
	return out
}

// extractAEBPage reads one page as brief reads a file (charset decoding
// included), with the page's URL as a fetch would give it, and returns the
// cleaned text.
func extractAEBPage(ctx context.Context, page eval.AEBPage, opts extract.Options) (string, error) {
	docs, errs := ingest.Read(ctx, []string{"-"}, ingest.Options{Stdin: bytes.NewReader(page.HTML), Concurrency: 1})
	if len(errs) > 0 {
		return "", errs[0]
	}
	if len(docs) != 1 {
		return "", fmt.Errorf("%s: %d documents, want 1", page.ID, len(docs))
	}
	doc := docs[0]
	doc.URL = page.URL
	a, err := pipeline.PrepareWith(doc, opts)
	if err != nil {
		return "", err
	}
	return a.Body(), nil
}

// extractAEBPageRaw is extractAEBPage without the news cleaning: the
// paragraphs the HTML extractor returns.
func extractAEBPageRaw(ctx context.Context, page eval.AEBPage, opts extract.Options) (string, error) {
	docs, errs := ingest.Read(ctx, []string{"-"}, ingest.Options{Stdin: bytes.NewReader(page.HTML), Concurrency: 1})
	if len(errs) > 0 {
		return "", errs[0]
	}
	if len(docs) != 1 {
		return "", fmt.Errorf("%s: %d documents, want 1", page.ID, len(docs))
	}
	opts.URL = page.URL
	p, err := extract.HTML(docs[0].Content, opts)
	if err != nil {
		return "", err
	}
	return strings.Join(p.Paragraphs, "\n\n"), nil
}
