// Package extract finds the main text and the metadata of an HTML page.
//
// It wraps go-trafilatura (github.com/markusmobius/go-trafilatura, Apache-2.0),
// which scored best among the Go extractors we tried (see
// shared/DEPENDENCIES.md), and adds what trafilatura's plain-text output
// lacks: paragraph breaks, words kept apart across inline tags, the repeated
// headline taken out of the body and recorded, and metadata normalised to
// the shapes the rest of the pipeline speaks (author lists, BCP 47 language,
// a publisher name without "www.").
//
// The stage is pure: no I/O, no logging, no globals. It does not clean news
// boilerplate inside the article (donation appeals, "Read more:" lines):
// trafilatura keeps those and a later cleaning step removes them.
package extract

import (
	"errors"
	"fmt"
	nurl "net/url"
	"strings"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/triangulate/triangulate/internal/news"
)

// ErrNoArticle is returned, possibly wrapped, when a page holds no article
// text: trafilatura found nothing, or nothing but the headline.
var ErrNoArticle = errors.New("extract: no article text found")

// Fallback says when trafilatura's fallback extractors (go-readability,
// then go-domdistiller) run.
type Fallback int

// The fallback modes.
const (
	// FallbackChoose, the default, runs trafilatura alone and with its
	// fallback, and chooses between the two answers (chooseCandidate).
	FallbackChoose Fallback = iota
	// FallbackAlways keeps trafilatura's answer with its fallback, as the
	// published go-trafilatura gives it.
	FallbackAlways
	// FallbackNever never runs them.
	FallbackNever
)

// shortWords is the length under which an extraction is thin: the second
// opinion is not kept when it is thinner.
const shortWords = 25

// Options configure HTML. The zero value works: no URL, fallback only
// for thin extractions.
type Options struct {
	// URL is the page's address when known. It lets trafilatura resolve the
	// canonical URL and the publisher's host, and lets the date finder read
	// a date from the path (/2019/11/19/...), which is the cheapest source.
	URL string

	// Fallback says when trafilatura's fallback runs (default
	// FallbackChoose).
	Fallback Fallback

	// NoSecondOpinion skips the comparison with readability (see
	// secondOpinion): a third faster, slightly less accurate.
	NoSecondOpinion bool

	// KeepCandidates keeps the text of every candidate extraction in
	// Page.Candidates, for diagnosis (eval extract --failures).
	KeepCandidates bool
}

// Page is what HTML found on a page. Fields the page does not state are zero.
type Page struct {
	// Title is the headline. It is the page's metadata title (og:title,
	// <title>, JSON-LD headline...), except when the body opens with a
	// heading that is one part of that title, as "Opinion | Headline" over
	// <h1>Headline</h1>: then the heading, without the decoration.
	Title string
	// Sitename is the publisher as the page states it (og:site_name,
	// JSON-LD publisher...), else the host of the page's URL; a hostname is
	// kept but without its "www." prefix. "" when neither is known.
	Sitename string
	// Published is the publication date the page states (metadata, JSON-LD,
	// the URL path, date lines), zero when none is found. trafilatura reads
	// the day only: the time of day is midnight UTC.
	Published time.Time
	// Authors are the bylines, one name per entry, in page order.
	Authors []string
	// Language is the BCP 47 tag the page declares (<html lang>,
	// Content-Language, og:locale), canonicalised ("en_us" → "en-US"),
	// "" when absent or not a valid tag. It is not guessed from the text.
	Language    string
	Description string
	// Paragraphs is the main text, one entry per block (paragraph, heading,
	// list item, quote, table row...), in document order, with whitespace
	// collapsed to single spaces. No entry is empty.
	Paragraphs []string
	// Extractor names the extractor whose main text this is:
	// "trafilatura", "trafilatura+fallback" (trafilatura's choice among
	// itself, go-readability and go-domdistiller), or "readability" when
	// the second opinion was kept.
	Extractor string
	// Candidates are the extractions the main text was chosen from, in the
	// order they were weighed, each with why it was kept or set aside.
	Candidates []Candidate
	// Removed lists what this stage took out of the main text that a reader
	// may want to audit, such as the headline repeated as the first block.
	Removed []news.Removed

	// paragraphs are the page's <p> elements, read once by
	// recoverParagraphs, for the second opinion; HTML drops them before it
	// returns, so that a kept Page does not hold the parsed page.
	paragraphs []pageParagraph
}

// HTML extracts the main text and the metadata of a page. content is the
// page in UTF-8 (ingest decodes other charsets). It returns ErrNoArticle,
// wrapped, when the page holds no article text.
//
// A panic inside the extractors (third-party code fed untrusted pages) is
// returned as an error, so that one bad page does not stop a batch.
func HTML(content string, opts Options) (page *Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			page, err = nil, fmt.Errorf("extract: extractor panicked: %v", r)
		}
	}()

	// The page is parsed as it is; what is taken from it is normalised to
	// NFC at the end (nfcPage). trafilatura's own reader normalises the
	// whole page, but the strings kept are a few kilobytes of pages of a
	// few hundred, and checking the page took a thirtieth of the time.
	doc, err := html.Parse(strings.NewReader(content))
	if err != nil {
		// html.Parse only fails on reader errors; keep the check anyway.
		return nil, fmt.Errorf("extract: parse html: %w", err)
	}
	// Read before trafilatura runs: it replaces Metadata.Language with a
	// guess from the text, and we want what the page declares.
	lang := declaredLanguage(doc)
	prune(doc)

	// The document is parsed once: trafilatura works on its own clones and
	// leaves doc as it was, so a second extraction reuses it.
	page, err = extractTrafilatura(doc, opts, lang)
	if err != nil {
		return nil, err
	}
	if !opts.NoSecondOpinion {
		page = secondOpinion(doc, opts.URL, page)
	}
	page.paragraphs = nil
	if !opts.KeepCandidates {
		for i := range page.Candidates {
			page.Candidates[i].Paragraphs = nil
		}
	}
	nfcPage(page)
	return page, nil
}

// nfcPage normalises the strings of page to NFC, in place. NFC matters
// downstream: quotes and evidence are matched byte for byte, and a page
// may write "é" as "e" and a combining accent.
func nfcPage(p *Page) {
	nfc := func(s *string) {
		if !norm.NFC.IsNormalString(*s) {
			*s = norm.NFC.String(*s)
		}
	}
	nfc(&p.Title)
	nfc(&p.Sitename)
	nfc(&p.Description)
	for i := range p.Authors {
		nfc(&p.Authors[i])
	}
	for i := range p.Paragraphs {
		nfc(&p.Paragraphs[i])
	}
	for i := range p.Removed {
		nfc(&p.Removed[i].Text)
	}
}

// extractTrafilatura runs trafilatura, with its fallback as
// Options.Fallback says.
func extractTrafilatura(doc *html.Node, opts Options, lang string) (*Page, error) {
	if opts.Fallback != FallbackChoose {
		fallback := opts.Fallback == FallbackAlways
		page, err := extractPage(doc, opts.URL, lang, fallback)
		if err == nil {
			page.Candidates = []Candidate{{Extractor: page.Extractor, Words: wordCount(page.Paragraphs), Kept: true, Why: "the only extraction run", Paragraphs: page.Paragraphs}}
		}
		return page, err
	}
	plain, err, withFallback, err2 := extractBoth(doc, opts.URL, lang)
	if err != nil && err2 != nil {
		return nil, err
	}
	return chooseCandidate(plain, withFallback), nil
}

func wordCount(paras []string) int {
	n := 0
	for _, p := range paras {
		n += countFields(p)
	}
	return n
}

// extractPage is one extraction of the parsed page doc, with or without
// trafilatura's fallback; lang is the language the page declares.
func extractPage(doc *html.Node, url, lang string, fallback bool) (*Page, error) {
	result, err := trafilatura.ExtractDocument(doc, trafilaturaOptions(url, fallback))
	if err != nil {
		return nil, noText(err)
	}
	name := "trafilatura"
	if fallback {
		name = "trafilatura+fallback"
	}
	return pageOf(doc, result.Metadata, result.ContentNode, lang, name)
}

// extractBoth is trafilatura's answer for doc without its fallback and
// with it, from one run (the vendored copy's Options.KeepPlain); a nil page
// comes with the error that says why.
func extractBoth(doc *html.Node, url, lang string) (plain *Page, errPlain error, fb *Page, errFb error) {
	opts := trafilaturaOptions(url, true)
	opts.KeepPlain = true
	result, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		err = noText(err)
		return nil, err, nil, err
	}
	fb, errFb = pageOf(doc, result.Metadata, result.ContentNode, lang, "trafilatura+fallback")
	if result.PlainNode == nil {
		return nil, fmt.Errorf("%w: trafilatura: too little text", ErrNoArticle), fb, errFb
	}
	plain, errPlain = pageOf(doc, result.Metadata, result.PlainNode, lang, "trafilatura")
	return plain, errPlain, fb, errFb
}

// noText wraps trafilatura's error: with the options we pass, it fails
// only when the text is too short, and says so in an unexported error.
func noText(err error) error {
	return fmt.Errorf("%w: trafilatura: %w", ErrNoArticle, err)
}

// pageOf is the page of one of trafilatura's answers, content, for doc.
func pageOf(doc *html.Node, meta trafilatura.Metadata, content *html.Node, lang, name string) (*Page, error) {
	page := &Page{
		Extractor:   name,
		Title:       collapseSpace(meta.Title),
		Sitename:    sitename(meta.Sitename),
		Published:   meta.Date,
		Authors:     splitAuthors(meta.Author),
		Language:    lang,
		Description: collapseSpace(meta.Description),
	}
	blocks, ps := recoverParagraphs(doc, blocksOf(content))
	page.paragraphs = ps
	blocks, page.Title, page.Removed = dropLeadingHeadings(blocks, page.Title, page.Description)
	for _, b := range blocks {
		page.Paragraphs = append(page.Paragraphs, b.text)
	}
	if len(page.Paragraphs) == 0 {
		return nil, fmt.Errorf("%w: only the headline", ErrNoArticle)
	}
	if why := noArticle(blocks, doc, page.Title); why != "" {
		return nil, fmt.Errorf("%w: %s", ErrNoArticle, why)
	}
	return page, nil
}

// trafilaturaOptions maps our options onto trafilatura's.
func trafilaturaOptions(url string, fallback bool) trafilatura.Options {
	t := trafilatura.Options{
		EnableFallback:  fallback,
		ExcludeComments: true,
		IncludeImages:   false,
		IncludeLinks:    false,
		// The default mode follows EnableFallback and, with fallback on,
		// runs go-dateparser over the whole page, which is slow. The fast
		// mode still reads the URL, <meta>, JSON-LD, <abbr>, <time> and
		// date-like elements, and stops at the first hit; it misses only
		// dates written out in a language other than English.
		HtmlDateMode: trafilatura.Fast,
		// Our vendored trafilatura (third_party/go-trafilatura) can skip
		// what we do not use: its language guess (we keep the declared
		// language and guess our own on the cleaned text) and the
		// categories, tags and licence.
		NoLanguageGuess: true,
		NoTaxonomy:      true,
		// EnableLog stays false: it is trafilatura's per-call switch, and
		// with it off neither trafilatura nor the extractors it calls
		// (go-htmldate, go-readability, go-domdistiller) write anything.
		EnableLog: false,
	}
	if url != "" {
		if u, err := nurl.ParseRequestURI(url); err == nil && u.IsAbs() {
			t.OriginalURL = u
		}
	}
	return t
}
