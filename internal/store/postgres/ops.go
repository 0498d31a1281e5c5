package postgres

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
)

// ops runs every operation of store.Tx on one transaction. The Store's own
// methods wrap it in a transaction each; WithTx hands it to the caller. The
// semantics follow the SQLite store (store/sqlite/ops.go) operation by
// operation; what differs is the locking READ COMMITTED needs, noted where
// it is taken.
type ops struct {
	c   pgx.Tx
	now func() time.Time
}

var _ store.Tx = (*ops)(nil)

// Times are timestamptz, NULL for the zero time; pgx returns them in the
// local zone, and the store promises UTC.

func tz(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func fromTZ(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// text makes a string storable in a text column: PostgreSQL refuses NUL
// bytes and invalid UTF-8, which SQLite keeps. Only free text that comes
// from documents passes through it; JSON columns are valid already.
func text(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// isUnique reports whether err is a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// wrap adds what failed to err, and puts the context's error first when the
// context ended.
func wrap(ctx context.Context, err error, format string, args ...any) error {
	return fmt.Errorf("store: "+format+": %w", append(args, classify(ctx, err))...)
}

// savepoint runs fn in a subtransaction. A failed statement aborts the whole
// PostgreSQL transaction, where SQLite only fails the statement; the
// operations whose errors a caller may handle and carry on from
// (ErrConflict of a taken feed URL) run in a savepoint, so that WithTx's fn
// can keep using tx after them, as it can on SQLite.
func (o *ops) savepoint(ctx context.Context, fn func(pgx.Tx) error) error {
	sp, err := o.c.Begin(ctx)
	if err != nil {
		return err
	}
	if err := fn(sp); err != nil {
		_ = sp.Rollback(ctx)
		return err
	}
	return sp.Commit(ctx)
}

// ---- search ----

// searchConfig is the text search configuration of migration 0001: English
// stemming without stop words.
const searchConfig = "triangulate"

// fold lower-cases s and strips its accents, as SQLite's unicode61 tokenizer
// with remove_diacritics does: "Tianí" is indexed and searched as "tiani".
// It runs in Go on both the indexed text and the query, so that PostgreSQL
// needs no unaccent extension.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return text(strings.ToLower(out))
}

// ---- articles ----

const articleCols = `id, hash, input, url, document, article, annotations, coalesce(feed_id, 0),
	coalesce(story_id, ''), published, status, error, attempts, coalesce(owner, ''), lease_until,
	created_at, updated_at`

func scanArticle(row pgx.Row) (store.ArticleRecord, error) {
	var (
		a                            store.ArticleRecord
		doc                          string
		art                          *string
		pub, lease, created, updated *time.Time
		status                       string
	)
	err := row.Scan(&a.ID, &a.Hash, &a.Input, &a.URL, &doc, &art, &a.Annotations, &a.FeedID,
		&a.StoryID, &pub, &status, &a.Error, &a.Attempts, &a.Owner, &lease, &created, &updated)
	if err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(doc), &a.Document); err != nil {
		return a, fmt.Errorf("decode document of article %d: %w", a.ID, err)
	}
	if art != nil {
		a.Article = new(news.Article)
		if err := json.Unmarshal([]byte(*art), a.Article); err != nil {
			return a, fmt.Errorf("decode article %d: %w", a.ID, err)
		}
	}
	a.Status = store.Status(status)
	a.Published = fromTZ(pub)
	a.LeaseUntil = fromTZ(lease)
	a.CreatedAt = fromTZ(created)
	a.UpdatedAt = fromTZ(updated)
	return a, nil
}

func (o *ops) queryArticles(ctx context.Context, query string, args ...any) ([]store.ArticleRecord, error) {
	rows, err := o.c.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.ArticleRecord
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (o *ops) AddArticle(ctx context.Context, in store.NewArticle) (int64, bool, error) {
	hash := in.Hash
	if hash == "" {
		hash = store.ContentHash(in.Document)
	}
	doc, err := json.Marshal(in.Document)
	if err != nil {
		return 0, false, fmt.Errorf("store: add article %s: %w", in.Document.Input, err)
	}
	var feed any
	if in.FeedID != 0 {
		feed = in.FeedID
	}
	now := o.now()
	var id int64
	// ON CONFLICT waits for a concurrent insert of the same hash and then
	// does nothing, so the SELECT below finds the row it committed.
	err = o.c.QueryRow(ctx, `INSERT INTO articles
		(hash, input, url, document, title, feed_id, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $7)
		ON CONFLICT (hash) DO NOTHING
		RETURNING id`,
		text(hash), text(in.Document.Input), text(in.Document.URL), string(doc), text(in.Document.Title),
		feed, now).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, false, wrap(ctx, err, "add article %s", in.Document.Input)
	}
	err = o.c.QueryRow(ctx, `SELECT id FROM articles WHERE hash = $1`, text(hash)).Scan(&id)
	if err != nil {
		return 0, false, wrap(ctx, err, "add article %s", in.Document.Input)
	}
	return id, false, nil
}

func (o *ops) GetArticle(ctx context.Context, id int64) (store.ArticleRecord, error) {
	a, err := scanArticle(o.c.QueryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, fmt.Errorf("store: get article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return a, wrap(ctx, err, "get article %d", id)
	}
	return a, nil
}

func (o *ops) ArticleByHash(ctx context.Context, hash string) (store.ArticleRecord, error) {
	a, err := scanArticle(o.c.QueryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE hash = $1`, text(hash)))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, fmt.Errorf("store: article with hash %s: %w", hash, store.ErrNotFound)
	}
	if err != nil {
		return a, wrap(ctx, err, "article with hash %s", hash)
	}
	return a, nil
}

func (o *ops) SaveArticle(ctx context.Context, id int64, article *news.Article, annotations []byte) error {
	if article == nil {
		return fmt.Errorf("store: save article %d: nil article: %w", id, store.ErrInvalid)
	}
	body, err := json.Marshal(article)
	if err != nil {
		return fmt.Errorf("store: save article %d: %w", id, err)
	}
	// The search vector is written with the text it indexes, in the same
	// statement, so the index cannot lag behind the article.
	var story *string
	err = o.c.QueryRow(ctx, `UPDATE articles
		SET article = $1, annotations = $2, title = $3, outlet = $4, published = $5, updated_at = $6,
			search = to_tsvector($7::regconfig, $8)
		WHERE id = $9 RETURNING story_id`,
		string(body), annotations, text(article.Title), text(article.Outlet), tz(article.Published), o.now(),
		searchConfig, fold(article.Title+"\n"+article.Text), id).Scan(&story)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("store: save article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return wrap(ctx, err, "save article %d", id)
	}
	if story != nil {
		// The outlet or date may have changed: the story's counts, dates and
		// dossier follow.
		if err := o.refreshStories(ctx, *story); err != nil {
			return wrap(ctx, err, "save article %d", id)
		}
	}
	return nil
}

func (o *ops) ListArticles(ctx context.Context, f store.ArticleFilter) ([]store.ArticleRecord, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	q := `SELECT ` + articleCols + ` FROM articles WHERE id > $1`
	args := []any{f.AfterID}
	if f.Status != "" {
		q += ` AND status = $2`
		args = append(args, string(f.Status))
	}
	q += fmt.Sprintf(` ORDER BY id LIMIT $%d`, len(args)+1)
	args = append(args, limit)
	out, err := o.queryArticles(ctx, q, args...)
	if err != nil {
		return nil, wrap(ctx, err, "list articles")
	}
	return out, nil
}

func (o *ops) CountArticles(ctx context.Context) (map[store.Status]int, error) {
	rows, err := o.c.Query(ctx, `SELECT status, count(*) FROM articles GROUP BY status`)
	if err != nil {
		return nil, wrap(ctx, err, "count articles")
	}
	defer rows.Close()
	out := map[store.Status]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, wrap(ctx, err, "count articles")
		}
		out[store.Status(s)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(ctx, err, "count articles")
	}
	return out, nil
}

// ---- the queue ----

func (o *ops) Claim(ctx context.Context, owner string, n int, lease time.Duration) ([]store.ArticleRecord, error) {
	if owner == "" || n <= 0 || lease <= 0 {
		return nil, fmt.Errorf("store: claim by %q of %d for %v: %w", owner, n, lease, store.ErrInvalid)
	}
	if _, err := o.RequeueExpired(ctx); err != nil {
		return nil, err
	}
	now := o.now()
	// SKIP LOCKED passes over the rows another claimer is taking, so
	// claimers on several machines do not queue behind each other; a row
	// claimed and committed meanwhile is re-checked once locked, and is no
	// longer queued. The lock lasts until this transaction ends.
	out, err := o.queryArticles(ctx, `UPDATE articles
		SET status = 'processing', owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
		WHERE id IN (SELECT id FROM articles WHERE status = 'queued' ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED)
		RETURNING `+articleCols,
		text(owner), now.Add(lease), now, n)
	if err != nil {
		return nil, wrap(ctx, err, "claim %d for %s", n, owner)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// held updates an item owner holds, and tells a lost lease from a missing
// item when nothing matched. set uses $1.. for args; the id and owner follow.
func (o *ops) held(ctx context.Context, what string, id int64, owner string, set string, args ...any) error {
	tag, err := o.c.Exec(ctx, fmt.Sprintf(`UPDATE articles SET %s
		WHERE id = $%d AND status = 'processing' AND owner = $%d`, set, len(args)+1, len(args)+2),
		append(args, id, text(owner))...)
	if err != nil {
		return wrap(ctx, err, "%s article %d", what, id)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var status string
	err = o.c.QueryRow(ctx, `SELECT status FROM articles WHERE id = $1`, id).Scan(&status)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("store: %s article %d: %w", what, id, store.ErrNotFound)
	}
	if err != nil {
		return wrap(ctx, err, "%s article %d", what, id)
	}
	return fmt.Errorf("store: %s article %d by %s (now %s): %w", what, id, owner, status, store.ErrLeaseLost)
}

func (o *ops) ExtendLease(ctx context.Context, id int64, owner string, lease time.Duration) error {
	now := o.now()
	return o.held(ctx, "extend lease of", id, owner, `lease_until = $1, updated_at = $2`, now.Add(lease), now)
}

func (o *ops) Complete(ctx context.Context, id int64, owner string) error {
	return o.held(ctx, "complete", id, owner,
		`status = 'done', owner = NULL, lease_until = NULL, error = '', updated_at = $1`, o.now())
}

func (o *ops) Fail(ctx context.Context, id int64, owner string, reason string) error {
	return o.held(ctx, "fail", id, owner,
		`status = 'failed', owner = NULL, lease_until = NULL, error = $1, updated_at = $2`, text(reason), o.now())
}

func (o *ops) Release(ctx context.Context, owner string) (int, error) {
	tag, err := o.c.Exec(ctx, `UPDATE articles
		SET status = 'queued', owner = NULL, lease_until = NULL, updated_at = $1
		WHERE status = 'processing' AND owner = $2`, o.now(), text(owner))
	if err != nil {
		return 0, wrap(ctx, err, "release items of %s", owner)
	}
	return int(tag.RowsAffected()), nil
}

func (o *ops) RequeueExpired(ctx context.Context) (int, error) {
	now := o.now()
	// Poison items first: they stop here rather than crash the next worker.
	_, err := o.c.Exec(ctx, `UPDATE articles
		SET status = 'failed', owner = NULL, lease_until = NULL, updated_at = $1,
			error = 'lease expired ' || attempts || ' times: the worker died or hung on it'
		WHERE status = 'processing' AND lease_until <= $1 AND attempts >= $2`, now, store.MaxAttempts)
	if err != nil {
		return 0, wrap(ctx, err, "requeue expired")
	}
	tag, err := o.c.Exec(ctx, `UPDATE articles
		SET status = 'queued', owner = NULL, lease_until = NULL, updated_at = $1
		WHERE status = 'processing' AND lease_until <= $1`, now)
	if err != nil {
		return 0, wrap(ctx, err, "requeue expired")
	}
	return int(tag.RowsAffected()), nil
}

func (o *ops) Retry(ctx context.Context, id int64) error {
	tag, err := o.c.Exec(ctx, `UPDATE articles
		SET status = 'queued', attempts = 0, updated_at = $1
		WHERE id = $2 AND status IN ('failed', 'done')`, o.now(), id)
	if err != nil {
		return wrap(ctx, err, "retry article %d", id)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	a, err := o.GetArticle(ctx, id)
	if err != nil {
		return err
	}
	if a.Status == store.StatusQueued {
		return nil
	}
	return fmt.Errorf("store: retry article %d: it is %s: %w", id, a.Status, store.ErrConflict)
}

// ---- stories ----

const storyCols = `id, title, first_published, last_published, article_count, source_count,
	created_at, updated_at, coalesce(merged_into, ''), revision, dossier_revision, dossier_version`

func scanStory(row pgx.Row) (store.StoryRecord, error) {
	var (
		s                             store.StoryRecord
		first, last, created, updated *time.Time
	)
	err := row.Scan(&s.ID, &s.Title, &first, &last, &s.ArticleCount, &s.SourceCount,
		&created, &updated, &s.MergedInto, &s.Revision, &s.DossierRevision, &s.DossierVersion)
	s.FirstPublished = fromTZ(first)
	s.LastPublished = fromTZ(last)
	s.CreatedAt = fromTZ(created)
	s.UpdatedAt = fromTZ(updated)
	return s, err
}

func (o *ops) queryStories(ctx context.Context, query string, args ...any) ([]store.StoryRecord, error) {
	rows, err := o.c.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.StoryRecord
	for rows.Next() {
		s, err := scanStory(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// resolve follows merges from id to the live story. MergeStories keeps
// merged_into pointing at a live story, so one hop is the rule; the loop is
// a guard against a database written otherwise.
func (o *ops) resolve(ctx context.Context, id string) (string, error) {
	for range 64 {
		var into *string
		err := o.c.QueryRow(ctx, `SELECT merged_into FROM stories WHERE id = $1`, text(id)).Scan(&into)
		if errors.Is(err, pgx.ErrNoRows) {
			return "", fmt.Errorf("story %q: %w", id, store.ErrNotFound)
		}
		if err != nil {
			return "", classify(ctx, err)
		}
		if into == nil {
			return id, nil
		}
		id = *into
	}
	return "", fmt.Errorf("story %q: merge chain too long: %w", id, store.ErrConflict)
}

// lockLive resolves ids to their live stories and locks those rows until the
// transaction ends, in id order so that two transactions locking the same
// stories cannot deadlock. A story merged away while this transaction waited
// for its lock is resolved again: what is returned is live and stays so.
func (o *ops) lockLive(ctx context.Context, ids ...string) ([]string, error) {
	for range 64 {
		live := make([]string, len(ids))
		for i, id := range ids {
			l, err := o.resolve(ctx, id)
			if err != nil {
				return nil, err
			}
			live[i] = l
		}
		if _, err := o.lock(ctx, live...); err != nil {
			return nil, err
		}
		// The locks are taken; a new statement sees any merge that
		// committed while this one waited.
		var merged bool
		err := o.c.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM stories WHERE id = ANY($1) AND merged_into IS NOT NULL)`,
			live).Scan(&merged)
		if err != nil {
			return nil, classify(ctx, err)
		}
		if !merged {
			return live, nil
		}
	}
	return nil, fmt.Errorf("stories %q: merged away repeatedly: %w", ids, store.ErrConflict)
}

// lock takes the row locks of the stories, in id order (see lockLive), and
// returns their titles as locked.
func (o *ops) lock(ctx context.Context, ids ...string) (map[string]string, error) {
	var keep []string
	for _, id := range ids {
		if id != "" {
			keep = append(keep, text(id))
		}
	}
	titles := map[string]string{}
	if len(keep) == 0 {
		return titles, nil
	}
	rows, err := o.c.Query(ctx, `SELECT id, title FROM stories WHERE id = ANY($1) ORDER BY id FOR UPDATE`, keep)
	if err != nil {
		return nil, classify(ctx, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, title string
		if err := rows.Scan(&id, &title); err != nil {
			return nil, classify(ctx, err)
		}
		titles[id] = title
	}
	if err := rows.Err(); err != nil {
		return nil, classify(ctx, err)
	}
	return titles, nil
}

func newStoryID() string {
	var b [8]byte
	rand.Read(b[:])
	return "st-" + hex.EncodeToString(b[:])
}

func (o *ops) CreateStory(ctx context.Context, s store.StoryRecord) (store.StoryRecord, error) {
	if s.ID == "" {
		s.ID = newStoryID()
	}
	now := o.now()
	// ON CONFLICT rather than a unique violation: a failed statement would
	// abort the caller's whole transaction.
	rec, err := scanStory(o.c.QueryRow(ctx, `INSERT INTO stories (id, title, created_at, updated_at, search)
		VALUES ($1, $2, $3, $3, to_tsvector($4::regconfig, $5))
		ON CONFLICT (id) DO NOTHING RETURNING `+storyCols,
		text(s.ID), text(s.Title), now, searchConfig, fold(s.Title)))
	if errors.Is(err, pgx.ErrNoRows) {
		return rec, fmt.Errorf("store: create story %q: %w", s.ID, store.ErrConflict)
	}
	if err != nil {
		return rec, wrap(ctx, err, "create story %q", s.ID)
	}
	return rec, nil
}

func (o *ops) GetStory(ctx context.Context, id string) (store.StoryRecord, error) {
	live, err := o.resolve(ctx, id)
	if err != nil {
		return store.StoryRecord{}, fmt.Errorf("store: get %w", err)
	}
	s, err := scanStory(o.c.QueryRow(ctx, `SELECT `+storyCols+` FROM stories WHERE id = $1`, live))
	if err != nil {
		return s, wrap(ctx, err, "get story %q", id)
	}
	return s, nil
}

func (o *ops) SetStoryTitle(ctx context.Context, id string, title string) error {
	live, err := o.resolve(ctx, id)
	if err != nil {
		return fmt.Errorf("store: set title of %w", err)
	}
	title = text(title)
	_, err = o.c.Exec(ctx, `UPDATE stories SET title = $1, updated_at = $2, search = to_tsvector($3::regconfig, $4)
		WHERE id = $5 AND title <> $1`,
		title, o.now(), searchConfig, fold(title), live)
	if err != nil {
		return wrap(ctx, err, "set title of story %q", id)
	}
	return nil
}

// refreshStories recomputes the stories' counts and dates from their
// articles and bumps their revisions: their dossiers are stale. It locks the
// rows first and recomputes in the next statement, whose READ COMMITTED
// snapshot then includes every transaction that changed the membership and
// refreshed the story before this one: the last to refresh sees all.
func (o *ops) refreshStories(ctx context.Context, ids ...string) error {
	before, err := o.lock(ctx, ids...)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if id == "" {
			continue
		}
		var title string
		err := o.c.QueryRow(ctx, `UPDATE stories SET
			article_count   = (SELECT count(*) FROM articles WHERE story_id = $1),
			source_count    = (SELECT count(DISTINCT lower(outlet)) FROM articles WHERE story_id = $1 AND outlet <> '')
			                + (SELECT count(*) FROM articles WHERE story_id = $1 AND outlet = ''),
			first_published = (SELECT min(published) FROM articles WHERE story_id = $1),
			last_published  = (SELECT max(published) FROM articles WHERE story_id = $1),
			title           = CASE WHEN title = '' THEN coalesce(
				(SELECT title FROM articles WHERE story_id = $1 AND title <> '' ORDER BY id LIMIT 1), '') ELSE title END,
			revision        = revision + 1,
			updated_at      = $2
			WHERE id = $1 RETURNING title`, id, o.now()).Scan(&title)
		if err != nil {
			return classify(ctx, err)
		}
		if title != before[id] {
			// The title was taken from an article: index it.
			if err := o.index(ctx, id, title); err != nil {
				return err
			}
		}
	}
	return nil
}

// index writes the search vector of a story's title (folded in Go, as
// everywhere).
func (o *ops) index(ctx context.Context, id, title string) error {
	_, err := o.c.Exec(ctx, `UPDATE stories SET search = to_tsvector($1::regconfig, $2) WHERE id = $3`,
		searchConfig, fold(title), id)
	return classify(ctx, err)
}

func (o *ops) AssignArticle(ctx context.Context, articleID int64, storyID string) error {
	// Lock order: stories, then the article, as MergeStories does.
	for range 64 {
		var old *string
		err := o.c.QueryRow(ctx, `SELECT story_id FROM articles WHERE id = $1`, articleID).Scan(&old)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("store: assign article %d: %w", articleID, store.ErrNotFound)
		}
		if err != nil {
			return wrap(ctx, err, "assign article %d", articleID)
		}
		oldID := ""
		if old != nil {
			oldID = *old
		}
		ids := []string{storyID}
		if oldID != "" {
			ids = append(ids, oldID)
		}
		live, err := o.lockLive(ctx, ids...)
		if err != nil {
			return fmt.Errorf("store: assign article %d to %w", articleID, err)
		}
		target := live[0]
		// With the stories locked, the article's story can no longer change
		// under us unless it moved before the locks were granted: then
		// start again from where it is now.
		var now *string
		if err := o.c.QueryRow(ctx, `SELECT story_id FROM articles WHERE id = $1 FOR UPDATE`, articleID).Scan(&now); err != nil {
			return wrap(ctx, err, "assign article %d", articleID)
		}
		nowID := ""
		if now != nil {
			nowID = *now
		}
		if nowID != oldID {
			continue
		}
		if oldID == target {
			return nil
		}
		if _, err := o.c.Exec(ctx, `UPDATE articles SET story_id = $1, updated_at = $2 WHERE id = $3`,
			target, o.now(), articleID); err != nil {
			return wrap(ctx, err, "assign article %d", articleID)
		}
		if err := o.refreshStories(ctx, oldID, target); err != nil {
			return wrap(ctx, err, "assign article %d", articleID)
		}
		return nil
	}
	return fmt.Errorf("store: assign article %d: it keeps moving: %w", articleID, store.ErrConflict)
}

func (o *ops) StoryArticles(ctx context.Context, storyID string) ([]store.ArticleRecord, error) {
	live, err := o.resolve(ctx, storyID)
	if err != nil {
		return nil, fmt.Errorf("store: articles of %w", err)
	}
	out, err := o.queryArticles(ctx, `SELECT `+articleCols+` FROM articles WHERE story_id = $1 ORDER BY id`, live)
	if err != nil {
		return nil, wrap(ctx, err, "articles of story %q", storyID)
	}
	return out, nil
}

func (o *ops) MergeStories(ctx context.Context, from, into string) error {
	if _, err := o.resolve(ctx, from); err != nil {
		return fmt.Errorf("store: merge %w", err)
	}
	if _, err := o.resolve(ctx, into); err != nil {
		return fmt.Errorf("store: merge into %w", err)
	}
	live, err := o.lockLive(ctx, from, into)
	if err != nil {
		return fmt.Errorf("store: merge %q into %q: %w", from, into, err)
	}
	f, t := live[0], live[1]
	if f == t {
		return fmt.Errorf("store: merge story %q into %q: the same story: %w", from, into, store.ErrConflict)
	}
	now := o.now()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE articles SET story_id = $1, updated_at = $2 WHERE story_id = $3`, []any{t, now, f}},
		{`UPDATE stories SET merged_into = $1 WHERE merged_into = $2`, []any{t, f}},
		{`UPDATE stories SET merged_into = $1, updated_at = $2 WHERE id = $3`, []any{t, now, f}},
		{`INSERT INTO story_merges (from_id, into_id, merged_at) VALUES ($1, $2, $3)`, []any{f, t, now}},
	} {
		if _, err := o.c.Exec(ctx, q.sql, q.args...); err != nil {
			return wrap(ctx, err, "merge story %q into %q", from, into)
		}
	}
	if err := o.refreshStories(ctx, f, t); err != nil {
		return wrap(ctx, err, "merge story %q into %q", from, into)
	}
	return nil
}

func (o *ops) Merges(ctx context.Context, storyID string) ([]store.Merge, error) {
	live, err := o.resolve(ctx, storyID)
	if err != nil {
		return nil, fmt.Errorf("store: merges of %w", err)
	}
	rows, err := o.c.Query(ctx, `SELECT m.from_id, m.into_id, m.merged_at
		FROM story_merges m JOIN stories s ON s.id = m.from_id
		WHERE s.merged_into = $1 ORDER BY m.merged_at, m.from_id`, live)
	if err != nil {
		return nil, wrap(ctx, err, "merges of story %q", storyID)
	}
	defer rows.Close()
	var out []store.Merge
	for rows.Next() {
		var m store.Merge
		var at *time.Time
		if err := rows.Scan(&m.From, &m.Into, &at); err != nil {
			return nil, wrap(ctx, err, "merges of story %q", storyID)
		}
		m.At = fromTZ(at)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(ctx, err, "merges of story %q", storyID)
	}
	return out, nil
}

func (o *ops) ListStories(ctx context.Context, q store.StoryQuery) (store.StoryPage, error) {
	order, err := q.Order.Normalize()
	if err != nil {
		return store.StoryPage{}, err
	}
	size := q.PageSize()
	var (
		where = []string{"merged_into IS NULL"}
		args  []any
	)
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if strings.TrimSpace(q.Search) != "" {
		words := store.SearchWords(q.Search)
		if len(words) == 0 {
			return store.StoryPage{}, nil
		}
		// plainto_tsquery ANDs the words and reads no operators, so no user
		// input is taken for tsquery syntax. A title word of a merged story
		// finds the story it was merged into; an article's words find the
		// story it belongs to now.
		m := `plainto_tsquery(` + arg(searchConfig) + `::regconfig, ` + arg(fold(strings.Join(words, " "))) + `)`
		where = append(where, `id IN (
			SELECT coalesce(st.merged_into, st.id) FROM stories st WHERE st.search @@ `+m+`
			UNION
			SELECT a.story_id FROM articles a WHERE a.search @@ `+m+` AND a.story_id IS NOT NULL)`)
	}
	if q.Cursor != "" {
		c, err := store.ParseCursor(order, q.Cursor)
		if err != nil {
			return store.StoryPage{}, err
		}
		upd := time.UnixMicro(c.Updated).UTC()
		if order == store.OrderArticles {
			where = append(where, `(article_count, updated_at, id) < (`+arg(c.Key)+`, `+arg(upd)+`, `+arg(c.ID)+`)`)
		} else {
			where = append(where, `(updated_at, id) < (`+arg(upd)+`, `+arg(c.ID)+`)`)
		}
	}
	orderBy := `updated_at DESC, id DESC`
	if order == store.OrderArticles {
		orderBy = `article_count DESC, updated_at DESC, id DESC`
	}
	query := `SELECT ` + storyCols + ` FROM stories WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY ` + orderBy + ` LIMIT ` + arg(size+1)
	stories, err := o.queryStories(ctx, query, args...)
	if err != nil {
		return store.StoryPage{}, wrap(ctx, err, "list stories")
	}
	page := store.StoryPage{Stories: stories}
	if len(stories) > size {
		page.Stories = stories[:size]
		last := page.Stories[size-1]
		page.Next = store.Cursor{Order: order, Key: int64(last.ArticleCount),
			Updated: last.UpdatedAt.UnixMicro(), ID: last.ID}.String()
	}
	return page, nil
}

func (o *ops) StaleStories(ctx context.Context, limit int) ([]store.StoryRecord, error) {
	if limit <= 0 {
		limit = store.DefaultPageSize
	}
	out, err := o.queryStories(ctx, `SELECT `+storyCols+` FROM stories
		WHERE merged_into IS NULL AND revision > dossier_revision
		ORDER BY updated_at, id LIMIT $1`, limit)
	if err != nil {
		return nil, wrap(ctx, err, "stale stories")
	}
	return out, nil
}

// ---- dossiers ----

func scanDossier(row pgx.Row, withBody bool) (store.DossierRecord, error) {
	var d store.DossierRecord
	var at *time.Time
	dest := []any{&d.StoryID, &d.Version, &d.Revision, &at}
	if withBody {
		dest = append(dest, &d.JSON)
	}
	err := row.Scan(dest...)
	d.CreatedAt = fromTZ(at)
	return d, err
}

func (o *ops) PutDossier(ctx context.Context, storyID string, revision int64, d *news.Dossier) (store.DossierRecord, error) {
	if d == nil {
		return store.DossierRecord{}, fmt.Errorf("store: put dossier of %q: nil dossier: %w", storyID, store.ErrInvalid)
	}
	body, err := json.Marshal(d)
	if err != nil {
		return store.DossierRecord{}, fmt.Errorf("store: put dossier of %q: %w", storyID, err)
	}
	// The story's lock numbers the versions: two builders of the same
	// dossier add them one after the other.
	live, err := o.lockLive(ctx, storyID)
	if err != nil {
		return store.DossierRecord{}, fmt.Errorf("store: put dossier: %w", err)
	}
	s, err := o.GetStory(ctx, live[0])
	if err != nil {
		return store.DossierRecord{}, fmt.Errorf("store: put dossier: %w", err)
	}
	if revision > s.Revision {
		return store.DossierRecord{}, fmt.Errorf("store: put dossier of %q: revision %d is ahead of the story's %d: %w",
			storyID, revision, s.Revision, store.ErrInvalid)
	}
	latest, err := scanDossier(o.c.QueryRow(ctx, `SELECT story_id, version, revision, created_at, body
		FROM dossiers WHERE story_id = $1 ORDER BY version DESC LIMIT 1`, s.ID), true)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return latest, wrap(ctx, err, "put dossier of %q", storyID)
	}
	now := o.now()
	if err == nil && bytes.Equal(latest.JSON, body) {
		// Nothing changed: no new version, but the dossier is now known to
		// reflect this revision.
		_, err := o.c.Exec(ctx, `UPDATE stories SET dossier_revision = greatest(dossier_revision, $1) WHERE id = $2`,
			revision, s.ID)
		if err != nil {
			return latest, wrap(ctx, err, "put dossier of %q", storyID)
		}
		return latest, nil
	}
	if !latest.CreatedAt.IsZero() && !now.After(latest.CreatedAt) {
		// Versions keep strictly increasing times, or "as of" would be
		// ambiguous when the clock steps back.
		now = latest.CreatedAt.Add(time.Microsecond)
	}
	rec := store.DossierRecord{StoryID: s.ID, Version: latest.Version + 1, Revision: revision, CreatedAt: now, JSON: body}
	if _, err := o.c.Exec(ctx, `INSERT INTO dossiers (story_id, version, revision, created_at, body)
		VALUES ($1, $2, $3, $4, $5)`, rec.StoryID, rec.Version, rec.Revision, rec.CreatedAt, rec.JSON); err != nil {
		return rec, wrap(ctx, err, "put dossier of %q", storyID)
	}
	title := text(d.Story.Title)
	if _, err := o.c.Exec(ctx, `UPDATE stories SET
		dossier_version = $1, dossier_revision = greatest(dossier_revision, $2), updated_at = $3,
		title = CASE WHEN $4 <> '' THEN $4 ELSE title END
		WHERE id = $5`, rec.Version, revision, now, title, s.ID); err != nil {
		return rec, wrap(ctx, err, "put dossier of %q", storyID)
	}
	if title != "" && title != s.Title {
		if err := o.index(ctx, s.ID, title); err != nil {
			return rec, wrap(ctx, err, "put dossier of %q", storyID)
		}
	}
	return rec, nil
}

func (o *ops) GetDossier(ctx context.Context, storyID string) (store.DossierRecord, error) {
	live, err := o.resolve(ctx, storyID)
	if err != nil {
		return store.DossierRecord{}, fmt.Errorf("store: dossier of %w", err)
	}
	d, err := scanDossier(o.c.QueryRow(ctx, `SELECT story_id, version, revision, created_at, body
		FROM dossiers WHERE story_id = $1 ORDER BY version DESC LIMIT 1`, live), true)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, fmt.Errorf("store: dossier of story %q: %w", storyID, store.ErrNotFound)
	}
	if err != nil {
		return d, wrap(ctx, err, "dossier of story %q", storyID)
	}
	return d, nil
}

func (o *ops) GetDossierAsOf(ctx context.Context, storyID string, t time.Time) (store.DossierRecord, error) {
	live, err := o.resolve(ctx, storyID)
	if err != nil {
		return store.DossierRecord{}, fmt.Errorf("store: dossier of %w", err)
	}
	d, err := scanDossier(o.c.QueryRow(ctx, `SELECT story_id, version, revision, created_at, body
		FROM dossiers WHERE story_id = $1 AND created_at <= $2 ORDER BY version DESC LIMIT 1`,
		live, time.UnixMicro(t.UnixMicro()).UTC()), true)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, fmt.Errorf("store: dossier of story %q as of %s: %w", storyID, t.Format(time.RFC3339Nano), store.ErrNotFound)
	}
	if err != nil {
		return d, wrap(ctx, err, "dossier of story %q as of %s", storyID, t.Format(time.RFC3339Nano))
	}
	return d, nil
}

func (o *ops) DossierVersions(ctx context.Context, storyID string) ([]store.DossierRecord, error) {
	live, err := o.resolve(ctx, storyID)
	if err != nil {
		return nil, fmt.Errorf("store: dossier versions of %w", err)
	}
	rows, err := o.c.Query(ctx, `SELECT story_id, version, revision, created_at
		FROM dossiers WHERE story_id = $1 ORDER BY version DESC`, live)
	if err != nil {
		return nil, wrap(ctx, err, "dossier versions of %q", storyID)
	}
	defer rows.Close()
	var out []store.DossierRecord
	for rows.Next() {
		d, err := scanDossier(rows, false)
		if err != nil {
			return nil, wrap(ctx, err, "dossier versions of %q", storyID)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(ctx, err, "dossier versions of %q", storyID)
	}
	return out, nil
}

// ---- feeds ----

const feedCols = `id, url, title, etag, last_modified, last_fetched, next_fetch, error_count, last_error, created_at`

func scanFeed(row pgx.Row) (store.Feed, error) {
	var f store.Feed
	var fetched, next, created *time.Time
	err := row.Scan(&f.ID, &f.URL, &f.Title, &f.ETag, &f.LastModified, &fetched, &next,
		&f.ErrorCount, &f.LastError, &created)
	f.LastFetched = fromTZ(fetched)
	f.NextFetch = fromTZ(next)
	f.CreatedAt = fromTZ(created)
	return f, err
}

func (o *ops) queryFeeds(ctx context.Context, query string, args ...any) ([]store.Feed, error) {
	rows, err := o.c.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func (o *ops) AddFeed(ctx context.Context, f store.Feed) (store.Feed, error) {
	if f.URL == "" {
		return f, fmt.Errorf("store: add feed: empty URL: %w", store.ErrInvalid)
	}
	now := o.now()
	next := f.NextFetch
	if next.IsZero() {
		next = now
	}
	out, err := scanFeed(o.c.QueryRow(ctx, `INSERT INTO feeds
		(url, title, etag, last_modified, last_fetched, next_fetch, error_count, last_error, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (url) DO NOTHING RETURNING `+feedCols,
		text(f.URL), text(f.Title), text(f.ETag), text(f.LastModified), tz(f.LastFetched), next.UTC(),
		f.ErrorCount, text(f.LastError), now))
	if errors.Is(err, pgx.ErrNoRows) {
		return f, fmt.Errorf("store: add feed %s: %w", f.URL, store.ErrConflict)
	}
	if err != nil {
		return f, wrap(ctx, err, "add feed %s", f.URL)
	}
	return out, nil
}

func (o *ops) GetFeed(ctx context.Context, id int64) (store.Feed, error) {
	f, err := scanFeed(o.c.QueryRow(ctx, `SELECT `+feedCols+` FROM feeds WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return f, fmt.Errorf("store: get feed %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return f, wrap(ctx, err, "get feed %d", id)
	}
	return f, nil
}

func (o *ops) ListFeeds(ctx context.Context) ([]store.Feed, error) {
	out, err := o.queryFeeds(ctx, `SELECT `+feedCols+` FROM feeds ORDER BY id`)
	if err != nil {
		return nil, wrap(ctx, err, "list feeds")
	}
	return out, nil
}

func (o *ops) UpdateFeed(ctx context.Context, f store.Feed) error {
	if f.URL == "" {
		return fmt.Errorf("store: update feed %d: empty URL: %w", f.ID, store.ErrInvalid)
	}
	var n int64
	// In a savepoint: a URL taken by another feed is a unique violation,
	// which must not abort the caller's transaction.
	err := o.savepoint(ctx, func(sp pgx.Tx) error {
		tag, err := sp.Exec(ctx, `UPDATE feeds SET url = $1, title = $2, etag = $3, last_modified = $4,
			last_fetched = $5, next_fetch = $6, error_count = $7, last_error = $8 WHERE id = $9`,
			text(f.URL), text(f.Title), text(f.ETag), text(f.LastModified), tz(f.LastFetched), f.NextFetch.UTC(),
			f.ErrorCount, text(f.LastError), f.ID)
		n = tag.RowsAffected()
		return err
	})
	if isUnique(err) {
		return fmt.Errorf("store: update feed %d: URL %s: %w", f.ID, f.URL, store.ErrConflict)
	}
	if err != nil {
		return wrap(ctx, err, "update feed %d", f.ID)
	}
	if n == 0 {
		return fmt.Errorf("store: update feed %d: %w", f.ID, store.ErrNotFound)
	}
	return nil
}

func (o *ops) DeleteFeed(ctx context.Context, id int64) error {
	tag, err := o.c.Exec(ctx, `DELETE FROM feeds WHERE id = $1`, id)
	if err != nil {
		return wrap(ctx, err, "delete feed %d", id)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: delete feed %d: %w", id, store.ErrNotFound)
	}
	return nil
}

func (o *ops) DueFeeds(ctx context.Context, now time.Time, limit int) ([]store.Feed, error) {
	if limit <= 0 {
		limit = 100
	}
	out, err := o.queryFeeds(ctx, `SELECT `+feedCols+` FROM feeds
		WHERE next_fetch <= $1 ORDER BY next_fetch, id LIMIT $2`, now.UTC(), limit)
	if err != nil {
		return nil, wrap(ctx, err, "due feeds")
	}
	return out, nil
}

// ---- state ----

func (o *ops) PutState(ctx context.Context, key string, value []byte) error {
	if value == nil {
		value = []byte{}
	}
	_, err := o.c.Exec(ctx, `INSERT INTO state (key, value, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		text(key), value, o.now())
	if err != nil {
		return wrap(ctx, err, "put state %q", key)
	}
	return nil
}

func (o *ops) GetState(ctx context.Context, key string) ([]byte, error) {
	var v []byte
	err := o.c.QueryRow(ctx, `SELECT value FROM state WHERE key = $1`, text(key)).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("store: state %q: %w", key, store.ErrNotFound)
	}
	if err != nil {
		return nil, wrap(ctx, err, "state %q", key)
	}
	return v, nil
}

func (o *ops) DeleteState(ctx context.Context, key string) error {
	if _, err := o.c.Exec(ctx, `DELETE FROM state WHERE key = $1`, text(key)); err != nil {
		return wrap(ctx, err, "delete state %q", key)
	}
	return nil
}
