// Package news is the vocabulary every stage of triangulate speaks: articles
// as read and cleaned, and the dossier written about a story. It has no
// dependencies beyond the standard library, and no behaviour beyond small
// helpers on its own types; stages live in their own packages and import it.
package news

import (
	"strings"
	"time"
)

// InputKind is what an input turned out to be, detected from its content.
type InputKind string

// The kinds of input ingest recognises.
const (
	KindText InputKind = "text" // plain text, paragraphs separated by blank lines
	KindHTML InputKind = "html" // an HTML page
	KindJSON InputKind = "json" // one article as a JSON object, or one line of JSON Lines
	KindFeed InputKind = "feed" // one item of an RSS, Atom or RDF feed
)

// Document is one article as read by ingest, before any cleaning: the raw
// content decoded to UTF-8 plus whatever metadata the container stated
// (JSON fields, HTTP headers). Fields the input did not state are zero.
type Document struct {
	// Input is what the user gave, as given: a file path, a URL, "-" for
	// standard input; with a "#N" suffix for the Nth article of a JSON Lines
	// file or array, or the Nth item of a feed.
	Input string
	// URL is the document's address when known (the final URL after
	// redirects for fetched pages, the "url" field of a JSON article).
	URL  string
	Kind InputKind
	// Content is the article body in UTF-8: plain text or HTML.
	Content string
	// ContentKind is KindText or KindHTML: what Content holds. For a JSON
	// article it says whether the article carried "text" or "html".
	ContentKind InputKind

	// Metadata stated by the container (JSON fields, a feed and its item).
	// Empty when absent. A feed's Outlet is the feed's own title.
	Title     string
	Outlet    string
	Published string // as written; parsed by the cleaning stage
	Language  string
}

// Removal kinds, as in the dossier schema: why a piece of the input was
// dropped from the cleaned text.
type RemovalKind string

// The removal kinds of the dossier schema.
const (
	RemovedMetadata   RemovalKind = "metadata"   // date lines, section labels, datelines
	RemovedCaption    RemovalKind = "caption"    // photo and video captions
	RemovedCredit     RemovalKind = "credit"     // photo credits
	RemovedAppeal     RemovalKind = "appeal"     // donation, subscription, newsletter appeals
	RemovedNavigation RemovalKind = "navigation" // menus, share bars, "follow us"
	RemovedRelated    RemovalKind = "related"    // "Read more:", "Related:" links
	RemovedFooter     RemovalKind = "footer"     // source lines, copyright, "Read more" at the end
	RemovedHeader     RemovalKind = "header"     // the headline and standfirst, kept as metadata
	RemovedAdvert     RemovalKind = "advert"
	RemovedComment    RemovalKind = "comment"
	RemovedOther      RemovalKind = "other" // scrape artefacts such as a doubled drop cap
)

// Removed is a piece of the input left out of the cleaned text, with why.
type Removed struct {
	Kind RemovalKind `json:"kind"`
	Text string      `json:"text"`
	// Reason says which rule removed it, for the cleaning audit.
	Reason string `json:"reason,omitempty"`
}

// Basis says where a metadata value came from.
type Basis string

// OutletBasis says how an article's outlet was named (schema:
// sources[].outlet_basis).
type OutletBasis string

// Bases of the outlet.
const (
	OutletFromInput         OutletBasis = "input"          // the input's own field (JSON, API)
	OutletFromFeed          OutletBasis = "feed"           // the feed the article came from
	OutletFromSiteMetadata  OutletBasis = "site-metadata"  // the page's site name
	OutletFromDateline      OutletBasis = "dateline"       // "NIAMEY (Reuters) —"
	OutletFromSelfReference OutletBasis = "self-reference" // "..., Reuters reported"... of itself
	OutletFromFooter        OutletBasis = "footer"         // "© 2024 Example Media"
	OutletFromCredit        OutletBasis = "credit"         // "(Reporting by ...; Editing by ...)" credits
)

// Bases of the published date (schema: published_basis).
const (
	BasisMetadata Basis = "metadata" // a date field, a metadata line, site metadata
	BasisText     Basis = "text"     // a dateline or statement in the body
	BasisInferred Basis = "inferred" // estimated from the story
)

// Article is one source after cleaning: the text every piece of evidence
// points into, and the metadata the input stated.
type Article struct {
	Input string
	URL   string
	Kind  InputKind

	Title string
	// TitleDerived is true when the input stated no headline and Title was
	// taken from the first sentence of the text.
	TitleDerived bool
	Standfirst   string
	Dateline     string

	// Outlet is the publisher when the input names it, else "". OutletBasis
	// says how it was named (dateline, credit, footer, self-reference,
	// site-metadata, input).
	Outlet      string
	OutletBasis OutletBasis

	// Published is the publication day when known (UTC midnight), else zero.
	Published      time.Time
	PublishedBasis Basis

	Authors           []string
	Language          string // BCP 47
	MachineTranslated bool
	// TranslationSigns lists what made MachineTranslated true.
	TranslationSigns []string

	// Text is the cleaned text: paragraphs separated by one blank line.
	// It opens with the headline as a paragraph of its own when the input
	// has one (see Body): a headline is the outlet's first statement of
	// the story, and the cross-check reads and cites it like any sentence.
	Text     string
	Removed  []Removed
	Captions []string

	// Warnings are non-fatal notes about the input (charset guessed, ...).
	Warnings []string

	// Extractor names the HTML extractor whose main text Text was cleaned
	// from ("trafilatura", or "readability" where its second opinion was
	// kept); "" for text input.
	Extractor string
}

// HeadlineLen is the length of the headline paragraph Text opens with,
// the blank line after it included; 0 when Text opens with none (no
// headline, or a title derived from the first sentence).
func (a *Article) HeadlineLen() int {
	if a.Title != "" && !a.TitleDerived && len(a.Text) > len(a.Title)+2 && strings.HasPrefix(a.Text, a.Title) && a.Text[len(a.Title):len(a.Title)+2] == "\n\n" {
		return len(a.Title) + 2
	}
	return 0
}

// Body is Text without its headline paragraph: the article as its
// extractor and cleaner found it.
func (a *Article) Body() string { return a.Text[a.HeadlineLen():] }

// Paragraphs splits Text on blank lines.
func (a *Article) Paragraphs() []string { return SplitParagraphs(a.Text) }

// Day returns the calendar day as a time at UTC midnight, the form every
// date of the vocabulary takes.
func Day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// DateString formats a day as the dossier writes it, "" for the zero time.
func DateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Span is the earliest and the latest of the times added to it, such as
// the publication days of a story's articles. Zero times say nothing and
// are not added; an empty Span has zero First and Last.
type Span struct{ First, Last time.Time }

// Add stretches the span to t.
func (s *Span) Add(t time.Time) {
	if t.IsZero() {
		return
	}
	if s.First.IsZero() || t.Before(s.First) {
		s.First = t
	}
	if t.After(s.Last) {
		s.Last = t
	}
}

// InputError is the failure of one input, or of one article within it
// (Input then carries a "#N" suffix), at whatever stage: reading,
// extraction, cleaning. The other inputs go on.
type InputError struct {
	Input string
	Err   error
}

// Error is one line: "INPUT: reason".
func (e *InputError) Error() string { return e.Input + ": " + e.Err.Error() }

// Unwrap returns Err.
func (e *InputError) Unwrap() error { return e.Err }
