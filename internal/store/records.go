package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/triangulate/triangulate/internal/news"
)

// Status is where an article stands in the work queue.
type Status string

// The queue statuses. An article moves queued → processing → done or failed;
// a processing article whose lease expires goes back to queued.
const (
	StatusQueued     Status = "queued"
	StatusProcessing Status = "processing"
	StatusDone       Status = "done"
	StatusFailed     Status = "failed"
)

// NewArticle is a document to record and process.
type NewArticle struct {
	Document news.Document
	// Hash identifies the content for deduplication; empty means
	// ContentHash(Document).
	Hash string
	// FeedID is the feed the document came from, 0 for none.
	FeedID int64
}

// ContentHash is the default deduplication key of a document: SHA-256 of its
// content kind and its content with runs of white space collapsed, so that a
// re-fetched page or a re-posted file with other line endings is the same
// article. Reprints on other sites differ in their surrounding HTML and stay
// separate articles (the cross-check counts them as copies, not sources).
func ContentHash(d news.Document) string {
	h := sha256.New()
	h.Write([]byte(d.ContentKind))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(d.Content), " ")))
	return hex.EncodeToString(h.Sum(nil))
}

// ArticleRecord is one stored article with its queue state.
type ArticleRecord struct {
	ID   int64
	Hash string
	// Input and URL repeat Document.Input and Document.URL for listings.
	Input string
	URL   string
	// Document is the raw input as ingest read it, kept so the article can be
	// processed again when the cleaning improves.
	Document news.Document
	// Article is the cleaned article; nil until SaveArticle.
	Article *news.Article
	// Annotations is the caller's serialised annotations; nil until
	// SaveArticle stored some.
	Annotations []byte
	FeedID      int64  // 0 when not from a feed
	StoryID     string // "" until assigned
	// Published is Article.Published (zero when unknown or not cleaned yet).
	Published time.Time

	Status Status
	// Error is why the last attempt failed ("" unless failed, or requeued
	// after a failure).
	Error string
	// Attempts counts the claims of the article.
	Attempts   int
	Owner      string    // the claimer while processing
	LeaseUntil time.Time // while processing
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// ArticleFilter selects articles for ListArticles.
type ArticleFilter struct {
	Status  Status // "" for any
	AfterID int64  // ids greater than this (paging)
	Limit   int    // at most this many; 0 means 100
}

// StoryRecord is a story's row: what lists and the API show without the
// dossier.
type StoryRecord struct {
	ID             string
	Title          string
	FirstPublished time.Time // earliest Published of its articles, zero if none known
	LastPublished  time.Time
	ArticleCount   int
	// SourceCount counts publishers: distinct outlets, plus each article
	// whose outlet is unknown.
	SourceCount int
	CreatedAt   time.Time
	UpdatedAt   time.Time // last change of membership or dossier
	// MergedInto is the story this one was merged into, "" if none. It is
	// always "" on the records the store returns, since GetStory resolves
	// merges and lists leave merged stories out; Merges tells the history.
	MergedInto string
	// Revision counts membership changes; DossierRevision is the revision
	// the latest dossier was built from, DossierVersion its version (0: no
	// dossier yet).
	Revision        int64
	DossierRevision int64
	DossierVersion  int
}

// Stale reports whether the story's membership changed since its dossier.
func (s StoryRecord) Stale() bool { return s.Revision > s.DossierRevision }

// Merge records that one story was merged into another.
type Merge struct {
	From, Into string
	At         time.Time
}

// StoryOrder is the order of ListStories.
type StoryOrder string

// Orders of story lists, both newest or largest first.
const (
	OrderUpdated  StoryOrder = "updated"  // by UpdatedAt (the default)
	OrderArticles StoryOrder = "articles" // by ArticleCount, then UpdatedAt
)

// StoryQuery selects a page of stories.
type StoryQuery struct {
	// Search, when not empty, keeps the stories whose title or one of whose
	// articles' title or text contains every word of it (stemmed; case and
	// accents ignored).
	Search string
	Order  StoryOrder
	// Limit is the page size: 0 means DefaultPageSize, at most MaxPageSize.
	Limit int
	// Cursor continues from a previous page's Next.
	Cursor string
}

// Page sizes of ListStories.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// PageSize returns the effective page size of the query.
func (q StoryQuery) PageSize() int {
	switch {
	case q.Limit <= 0:
		return DefaultPageSize
	case q.Limit > MaxPageSize:
		return MaxPageSize
	}
	return q.Limit
}

// StoryPage is one page of stories.
type StoryPage struct {
	Stories []StoryRecord
	// Next is the cursor of the following page, "" on the last one.
	Next string
}

// DossierRecord is one version of a story's dossier.
type DossierRecord struct {
	StoryID string
	// Version counts the story's versions from 1.
	Version int
	// Revision is the story revision the dossier was built from.
	Revision  int64
	CreatedAt time.Time
	// JSON is the dossier as encoding/json wrote it (the public v1 contract),
	// served as is by the API; nil in DossierVersions.
	JSON []byte
}

// Dossier decodes the record's JSON.
func (r DossierRecord) Dossier() (*news.Dossier, error) {
	var d news.Dossier
	if err := json.Unmarshal(r.JSON, &d); err != nil {
		return nil, fmt.Errorf("store: decode dossier %s v%d: %w", r.StoryID, r.Version, err)
	}
	return &d, nil
}

// Feed is a subscribed feed and its fetch state.
type Feed struct {
	ID    int64
	URL   string
	Title string
	// ETag and LastModified are the validators of the last 200 response,
	// sent back as If-None-Match and If-Modified-Since.
	ETag         string
	LastModified string
	LastFetched  time.Time // zero: never fetched
	NextFetch    time.Time // due when at or before now
	// ErrorCount counts consecutive failed fetches (the backoff's exponent);
	// LastError is the latest failure, "" after a success.
	ErrorCount int
	LastError  string
	CreatedAt  time.Time
}

// SearchWords splits a search query into its words: runs of letters and
// digits, lower-cased. Implementations build their dialect's query from them
// (FTS5 phrases, a PostgreSQL tsquery), so that no query syntax of either
// leaks from a user's input.
func SearchWords(q string) []string {
	return strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
