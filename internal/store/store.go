// Package store is where the server keeps what it has read and written:
// articles (raw input, cleaned text, annotations), the durable work queue
// over them, stories with their membership and merges, every version of each
// story's dossier, feeds with their fetch state, and small state blobs.
//
// The package holds the interface and the record types only; the
// implementations are named after their technology (store/sqlite, the
// embedded default; store/postgres, a database server) and must pass the shared
// conformance suite in store/storetest. Callers speak this interface and
// never SQL, so nothing above it depends on the dialect.
//
// Conventions every implementation keeps:
//   - ctx comes first and is honoured: a cancelled context fails the call
//     with an error that wraps ctx.Err().
//   - Errors are wrapped with what failed ("store: get story "st-1": ...")
//     and checked with errors.Is against the sentinels below.
//   - Times are UTC with microsecond precision (what PostgreSQL keeps);
//     a zero time.Time means "unset" and is stored as NULL.
//   - Every write is atomic: a call either commits all of its changes or
//     none; WithTx extends that to several calls.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/triangulate/triangulate/internal/news"
)

// Sentinel errors, wrapped by every implementation.
var (
	// ErrNotFound: no article, story, dossier, feed or state blob with that
	// key.
	ErrNotFound = errors.New("store: not found")
	// ErrConflict: the key is taken (a feed URL, a story id) or the change
	// contradicts the data (merging a story into itself).
	ErrConflict = errors.New("store: conflict")
	// ErrLeaseLost: Complete, Fail or ExtendLease by an owner that no longer
	// holds the item (its lease expired and it was requeued or claimed by
	// someone else). The caller's work on the item must be discarded, which
	// WithTx does when the error is returned from fn.
	ErrLeaseLost = errors.New("store: lease lost")
	// ErrInvalid: an argument the store cannot act on (an empty owner, a
	// malformed cursor).
	ErrInvalid = errors.New("store: invalid argument")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("store: closed")
	// ErrRetryable: the database aborted the transaction to break a
	// deadlock or a serialisation conflict with another one; nothing of it
	// was kept, and running it again may succeed (WithRetry). The embedded
	// store, with its single writer, never returns it.
	ErrRetryable = errors.New("store: transaction aborted by a conflict, may be retried")
)

// retryPauses are the pauses of WithRetry between its runs: short, and
// growing, so that the transaction that won goes first.
var retryPauses = []time.Duration{5 * time.Millisecond, 20 * time.Millisecond, 80 * time.Millisecond}

// WithRetry is st.WithTx(ctx, fn), run again after a short pause while it
// fails with ErrRetryable, at most len(retryPauses) more times. fn must be
// safe to run again: it acts only through tx, and starts afresh what it
// computes (its earlier run's writes were rolled back).
func WithRetry(ctx context.Context, st Store, fn func(tx Tx) error) error {
	for i := 0; ; i++ {
		err := st.WithTx(ctx, fn)
		if err == nil || !errors.Is(err, ErrRetryable) || i == len(retryPauses) {
			return err
		}
		select {
		case <-time.After(retryPauses[i]):
		case <-ctx.Done():
			return err
		}
	}
}

// MaxAttempts is how many times an item may be claimed and lose its lease
// (its worker died or hung) before the store stops requeueing it and marks it
// failed: a document that crashes the process must not crash it forever.
// Items failed explicitly with Fail are not retried automatically.
const MaxAttempts = 5

// Store is a handle on one database. Each method of Tx, called on the Store,
// runs in a transaction of its own; WithTx runs several in one.
//
// Implementations are safe for concurrent use.
type Store interface {
	Tx

	// WithTx runs fn in one transaction and commits it when fn returns nil;
	// when fn returns an error or panics, or ctx is cancelled, nothing fn did
	// is kept and the error is returned (wrapped by nothing: errors.Is works
	// on fn's own errors). fn must use only tx, never the Store, and must not
	// keep tx after it returns. Transactions are serialisable with respect to
	// each other's writes; keep them short, since the embedded store has one
	// writer.
	WithTx(ctx context.Context, fn func(tx Tx) error) error

	// Close releases the database. Calls after Close fail with ErrClosed.
	Close() error
}

// Tx is every operation of the store. Called on a Store, each runs in its own
// transaction; called on the Tx passed to WithTx, they share one.
type Tx interface {
	// AddArticle records a document and queues it for processing, in one
	// transaction. It is idempotent on the content hash (NewArticle.Hash, or
	// ContentHash of the document when empty): adding the same content again
	// returns the existing id with created false and queues nothing.
	AddArticle(ctx context.Context, in NewArticle) (id int64, created bool, err error)
	// GetArticle returns one article.
	GetArticle(ctx context.Context, id int64) (ArticleRecord, error)
	// ArticleByHash returns the article with that content hash.
	ArticleByHash(ctx context.Context, hash string) (ArticleRecord, error)
	// SaveArticle stores the cleaned article and its annotations (opaque
	// JSON, serialised by the caller; nil keeps none) and indexes its title
	// and text for search. It does not change the article's queue status.
	SaveArticle(ctx context.Context, id int64, article *news.Article, annotations []byte) error
	// ListArticles returns articles in id order, filtered.
	ListArticles(ctx context.Context, f ArticleFilter) ([]ArticleRecord, error)
	// CountArticles counts articles by status (the queue's depth and health).
	CountArticles(ctx context.Context) (map[Status]int, error)

	// Claim takes up to n queued articles, oldest first, marks them
	// processing by owner until now+lease, and returns them. It first
	// requeues items whose lease has expired (as RequeueExpired). Concurrent
	// claimers never receive the same item while its lease holds.
	Claim(ctx context.Context, owner string, n int, lease time.Duration) ([]ArticleRecord, error)
	// ExtendLease pushes back the lease of an item owner still holds.
	ExtendLease(ctx context.Context, id int64, owner string, lease time.Duration) error
	// Complete marks an item owner holds as done. Call it in the same WithTx
	// as the item's results (SaveArticle, AssignArticle, ...): then the
	// results are committed exactly once, or not at all when the lease was
	// lost (ErrLeaseLost).
	Complete(ctx context.Context, id int64, owner string) error
	// Fail marks an item owner holds as failed with the reason; it is not
	// retried until Retry.
	Fail(ctx context.Context, id int64, owner string, reason string) error
	// Release returns to the queue every item owner holds (a graceful
	// shutdown that did not finish its batch) and reports how many.
	Release(ctx context.Context, owner string) (int, error)
	// RequeueExpired returns to the queue the items whose lease has expired
	// (their worker died), or marks them failed after MaxAttempts claims,
	// and reports how many it requeued. Implementations also run it on open.
	RequeueExpired(ctx context.Context) (int, error)
	// Retry queues a failed or done article again (reprocessing).
	Retry(ctx context.Context, id int64) error

	// CreateStory creates a story. An empty ID is chosen by the store
	// ("st-" and 16 hex digits); a taken ID is ErrConflict. The counts,
	// dates and revision start empty and are kept by AssignArticle and
	// MergeStories.
	CreateStory(ctx context.Context, s StoryRecord) (StoryRecord, error)
	// GetStory returns a story; a story merged into another resolves to the
	// story it was merged into (the returned ID differs from the one asked).
	GetStory(ctx context.Context, id string) (StoryRecord, error)
	// SetStoryTitle changes a story's title (re-indexed for search).
	SetStoryTitle(ctx context.Context, id string, title string) error
	// AssignArticle makes the article a member of the story (moving it out
	// of any other), updates both stories' counts and dates, and bumps their
	// revision so their dossiers show as stale. A merged story resolves to
	// its successor. Assigning an article to its current story changes
	// nothing.
	AssignArticle(ctx context.Context, articleID int64, storyID string) error
	// StoryArticles returns the member articles of a story (resolved through
	// merges), in id order.
	StoryArticles(ctx context.Context, storyID string) ([]ArticleRecord, error)
	// MergeStories merges story from into story into: from's articles move
	// to into, from is marked merged (GetStory(from) then returns into), the
	// merge is recorded, and stories previously merged into from now resolve
	// to into directly. Both ids resolve through earlier merges first; merging
	// a story into itself is ErrConflict.
	MergeStories(ctx context.Context, from, into string) error
	// Merges returns the recorded merges whose result is the story (resolved),
	// oldest first.
	Merges(ctx context.Context, storyID string) ([]Merge, error)
	// ListStories returns a page of unmerged stories.
	ListStories(ctx context.Context, q StoryQuery) (StoryPage, error)
	// StaleStories returns up to limit stories whose membership changed since
	// their last dossier (Revision > DossierRevision), least recently updated
	// first: the durable form of "rebuild this dossier", which survives a
	// restart even when the rebuild was debounced in memory.
	StaleStories(ctx context.Context, limit int) ([]StoryRecord, error)

	// PutDossier stores a new version of the story's dossier, built from the
	// story at revision (StoryRecord.Revision as read before building). When
	// the dossier is byte-for-byte the latest version, no version is added;
	// either way the story's DossierRevision becomes revision if higher. The
	// story's title follows the dossier's. It returns the latest version.
	PutDossier(ctx context.Context, storyID string, revision int64, d *news.Dossier) (DossierRecord, error)
	// GetDossier returns the latest version of a story's dossier (resolved
	// through merges).
	GetDossier(ctx context.Context, storyID string) (DossierRecord, error)
	// GetDossierAsOf returns the version that was latest at time t: the
	// newest created at or before t. ErrNotFound when none was.
	GetDossierAsOf(ctx context.Context, storyID string, t time.Time) (DossierRecord, error)
	// DossierVersions lists a story's versions, newest first, without their
	// bodies.
	DossierVersions(ctx context.Context, storyID string) ([]DossierRecord, error)

	// AddFeed subscribes to a feed; a URL already subscribed is ErrConflict.
	// A zero NextFetch means due now.
	AddFeed(ctx context.Context, f Feed) (Feed, error)
	// GetFeed returns one feed.
	GetFeed(ctx context.Context, id int64) (Feed, error)
	// ListFeeds returns every feed in id order.
	ListFeeds(ctx context.Context) ([]Feed, error)
	// UpdateFeed writes every field of the feed but its ID and CreatedAt:
	// the title and the fetch state (validators, schedule, errors).
	UpdateFeed(ctx context.Context, f Feed) error
	// DeleteFeed removes a feed; its articles stay.
	DeleteFeed(ctx context.Context, id int64) error
	// DueFeeds returns up to limit feeds with NextFetch at or before now,
	// most overdue first.
	DueFeeds(ctx context.Context, now time.Time, limit int) ([]Feed, error)

	// PutState stores a blob under a key (the clusterer's snapshot, ...),
	// replacing any previous one.
	PutState(ctx context.Context, key string, value []byte) error
	// GetState returns the blob stored under key.
	GetState(ctx context.Context, key string) ([]byte, error)
	// DeleteState removes a key; a missing key is not an error.
	DeleteState(ctx context.Context, key string) error
}
