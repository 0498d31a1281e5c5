package sqlite

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
)

// ops runs every operation of store.Tx on one transaction. The Store's own
// methods wrap it in a transaction each; WithTx hands it to the caller.
type ops struct {
	c   *sql.Tx
	now func() time.Time
}

var _ store.Tx = (*ops)(nil)

// Times are stored as Unix microseconds, NULL for the zero time.

func micros(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMicro()
}

func fromMicros(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMicro(v.Int64).UTC()
}

// isUnique reports whether err is a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	var e interface{ Code() int }
	if errors.As(err, &e) {
		switch e.Code() {
		case 2067, 1555: // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
			return true
		}
	}
	return false
}

// wrap adds what failed to err, and puts the context's error first when the
// context ended (the driver reports an interrupt).
func wrap(ctx context.Context, err error, format string, args ...any) error {
	return fmt.Errorf("store: "+format+": %w", append(args, ctxErr(ctx, err))...)
}

// ---- articles ----

const articleCols = `id, hash, input, url, document, article, annotations, feed_id,
	coalesce(story_id, ''), published, status, error, attempts, coalesce(owner, ''), lease_until,
	created_at, updated_at`

type scanner interface{ Scan(...any) error }

func scanArticle(sc scanner) (store.ArticleRecord, error) {
	var (
		a                            store.ArticleRecord
		doc                          string
		art                          sql.NullString
		feed                         sql.NullInt64
		pub, lease, created, updated sql.NullInt64
		status                       string
	)
	err := sc.Scan(&a.ID, &a.Hash, &a.Input, &a.URL, &doc, &art, &a.Annotations, &feed,
		&a.StoryID, &pub, &status, &a.Error, &a.Attempts, &a.Owner, &lease, &created, &updated)
	if err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(doc), &a.Document); err != nil {
		return a, fmt.Errorf("decode document of article %d: %w", a.ID, err)
	}
	if art.Valid {
		a.Article = new(news.Article)
		if err := json.Unmarshal([]byte(art.String), a.Article); err != nil {
			return a, fmt.Errorf("decode article %d: %w", a.ID, err)
		}
	}
	a.FeedID = feed.Int64
	a.Status = store.Status(status)
	a.Published = fromMicros(pub)
	a.LeaseUntil = fromMicros(lease)
	a.CreatedAt = fromMicros(created)
	a.UpdatedAt = fromMicros(updated)
	return a, nil
}

func (o *ops) queryArticles(ctx context.Context, query string, args ...any) ([]store.ArticleRecord, error) {
	rows, err := o.c.QueryContext(ctx, query, args...)
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
	now := micros(o.now())
	var id int64
	err = o.c.QueryRowContext(ctx, `INSERT INTO articles
		(hash, input, url, document, title, feed_id, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)
		ON CONFLICT (hash) DO NOTHING
		RETURNING id`,
		hash, in.Document.Input, in.Document.URL, doc, in.Document.Title, feed, now, now).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, wrap(ctx, err, "add article %s", in.Document.Input)
	}
	err = o.c.QueryRowContext(ctx, `SELECT id FROM articles WHERE hash = ?`, hash).Scan(&id)
	if err != nil {
		return 0, false, wrap(ctx, err, "add article %s", in.Document.Input)
	}
	return id, false, nil
}

func (o *ops) GetArticle(ctx context.Context, id int64) (store.ArticleRecord, error) {
	a, err := scanArticle(o.c.QueryRowContext(ctx, `SELECT `+articleCols+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("store: get article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return a, wrap(ctx, err, "get article %d", id)
	}
	return a, nil
}

func (o *ops) ArticleByHash(ctx context.Context, hash string) (store.ArticleRecord, error) {
	a, err := scanArticle(o.c.QueryRowContext(ctx, `SELECT `+articleCols+` FROM articles WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
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
	var story sql.NullString
	err = o.c.QueryRowContext(ctx, `UPDATE articles
		SET article = ?, annotations = ?, title = ?, outlet = ?, published = ?, updated_at = ?
		WHERE id = ? RETURNING story_id`,
		body, annotations, article.Title, article.Outlet, micros(article.Published), micros(o.now()), id).Scan(&story)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: save article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return wrap(ctx, err, "save article %d", id)
	}
	if story.Valid {
		// The outlet or date may have changed: the story's counts, dates and
		// dossier follow.
		if err := o.refreshStory(ctx, story.String); err != nil {
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
	q := `SELECT ` + articleCols + ` FROM articles WHERE id > ?`
	args := []any{f.AfterID}
	if f.Status != "" {
		q += ` AND status = ?`
		args = append(args, string(f.Status))
	}
	q += ` ORDER BY id LIMIT ?`
	args = append(args, limit)
	out, err := o.queryArticles(ctx, q, args...)
	if err != nil {
		return nil, wrap(ctx, err, "list articles")
	}
	return out, nil
}

func (o *ops) CountArticles(ctx context.Context) (map[store.Status]int, error) {
	rows, err := o.c.QueryContext(ctx, `SELECT status, count(*) FROM articles GROUP BY status`)
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
	// The writer is the only connection that writes and its transaction is
	// IMMEDIATE, so no other claimer can pick the same rows in between.
	out, err := o.queryArticles(ctx, `UPDATE articles
		SET status = 'processing', owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
		WHERE id IN (SELECT id FROM articles WHERE status = 'queued' ORDER BY id LIMIT ?)
		RETURNING `+articleCols,
		owner, micros(now.Add(lease)), micros(now), n)
	if err != nil {
		return nil, wrap(ctx, err, "claim %d for %s", n, owner)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// held updates an item owner holds, and tells a lost lease from a missing
// item when nothing matched.
func (o *ops) held(ctx context.Context, what string, id int64, owner string, set string, args ...any) error {
	res, err := o.c.ExecContext(ctx, `UPDATE articles SET `+set+`
		WHERE id = ? AND status = 'processing' AND owner = ?`, append(args, id, owner)...)
	if err != nil {
		return wrap(ctx, err, "%s article %d", what, id)
	}
	if n, err := res.RowsAffected(); err != nil {
		return wrap(ctx, err, "%s article %d", what, id)
	} else if n == 1 {
		return nil
	}
	var status string
	err = o.c.QueryRowContext(ctx, `SELECT status FROM articles WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: %s article %d: %w", what, id, store.ErrNotFound)
	}
	if err != nil {
		return wrap(ctx, err, "%s article %d", what, id)
	}
	return fmt.Errorf("store: %s article %d by %s (now %s): %w", what, id, owner, status, store.ErrLeaseLost)
}

func (o *ops) ExtendLease(ctx context.Context, id int64, owner string, lease time.Duration) error {
	now := o.now()
	return o.held(ctx, "extend lease of", id, owner, `lease_until = ?, updated_at = ?`,
		micros(now.Add(lease)), micros(now))
}

func (o *ops) Complete(ctx context.Context, id int64, owner string) error {
	return o.held(ctx, "complete", id, owner,
		`status = 'done', owner = NULL, lease_until = NULL, error = '', updated_at = ?`, micros(o.now()))
}

func (o *ops) Fail(ctx context.Context, id int64, owner string, reason string) error {
	return o.held(ctx, "fail", id, owner,
		`status = 'failed', owner = NULL, lease_until = NULL, error = ?, updated_at = ?`, reason, micros(o.now()))
}

func (o *ops) Release(ctx context.Context, owner string) (int, error) {
	res, err := o.c.ExecContext(ctx, `UPDATE articles
		SET status = 'queued', owner = NULL, lease_until = NULL, updated_at = ?
		WHERE status = 'processing' AND owner = ?`, micros(o.now()), owner)
	if err != nil {
		return 0, wrap(ctx, err, "release items of %s", owner)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, wrap(ctx, err, "release items of %s", owner)
	}
	return int(n), nil
}

func (o *ops) RequeueExpired(ctx context.Context) (int, error) {
	now := micros(o.now())
	// Poison items first: they stop here rather than crash the next worker.
	_, err := o.c.ExecContext(ctx, `UPDATE articles
		SET status = 'failed', owner = NULL, lease_until = NULL, updated_at = ?,
			error = 'lease expired ' || attempts || ' times: the worker died or hung on it'
		WHERE status = 'processing' AND lease_until <= ? AND attempts >= ?`, now, now, store.MaxAttempts)
	if err != nil {
		return 0, wrap(ctx, err, "requeue expired")
	}
	res, err := o.c.ExecContext(ctx, `UPDATE articles
		SET status = 'queued', owner = NULL, lease_until = NULL, updated_at = ?
		WHERE status = 'processing' AND lease_until <= ?`, now, now)
	if err != nil {
		return 0, wrap(ctx, err, "requeue expired")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, wrap(ctx, err, "requeue expired")
	}
	return int(n), nil
}

func (o *ops) Retry(ctx context.Context, id int64) error {
	res, err := o.c.ExecContext(ctx, `UPDATE articles
		SET status = 'queued', attempts = 0, updated_at = ?
		WHERE id = ? AND status IN ('failed', 'done')`, micros(o.now()), id)
	if err != nil {
		return wrap(ctx, err, "retry article %d", id)
	}
	if n, _ := res.RowsAffected(); n == 1 {
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

func scanStory(sc scanner) (store.StoryRecord, error) {
	var (
		s                             store.StoryRecord
		first, last, created, updated sql.NullInt64
	)
	err := sc.Scan(&s.ID, &s.Title, &first, &last, &s.ArticleCount, &s.SourceCount,
		&created, &updated, &s.MergedInto, &s.Revision, &s.DossierRevision, &s.DossierVersion)
	s.FirstPublished = fromMicros(first)
	s.LastPublished = fromMicros(last)
	s.CreatedAt = fromMicros(created)
	s.UpdatedAt = fromMicros(updated)
	return s, err
}

func (o *ops) queryStories(ctx context.Context, query string, args ...any) ([]store.StoryRecord, error) {
	rows, err := o.c.QueryContext(ctx, query, args...)
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
// a guard against a file written otherwise.
func (o *ops) resolve(ctx context.Context, id string) (string, error) {
	for range 64 {
		var into sql.NullString
		err := o.c.QueryRowContext(ctx, `SELECT merged_into FROM stories WHERE id = ?`, id).Scan(&into)
		if errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("story %q: %w", id, store.ErrNotFound)
		}
		if err != nil {
			return "", ctxErr(ctx, err)
		}
		if !into.Valid {
			return id, nil
		}
		id = into.String
	}
	return "", fmt.Errorf("story %q: merge chain too long: %w", id, store.ErrConflict)
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
	now := micros(o.now())
	rec, err := scanStory(o.c.QueryRowContext(ctx, `INSERT INTO stories (id, title, created_at, updated_at)
		VALUES (?, ?, ?, ?) RETURNING `+storyCols, s.ID, s.Title, now, now))
	if isUnique(err) {
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
	s, err := scanStory(o.c.QueryRowContext(ctx, `SELECT `+storyCols+` FROM stories WHERE id = ?`, live))
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
	_, err = o.c.ExecContext(ctx, `UPDATE stories SET title = ?, updated_at = ? WHERE id = ? AND title <> ?`,
		title, micros(o.now()), live, title)
	if err != nil {
		return wrap(ctx, err, "set title of story %q", id)
	}
	return nil
}

// refreshStory recomputes a story's counts and dates from its articles and
// bumps its revision: its dossier is stale.
func (o *ops) refreshStory(ctx context.Context, id string) error {
	_, err := o.c.ExecContext(ctx, `UPDATE stories SET
		article_count   = (SELECT count(*) FROM articles WHERE story_id = ?1),
		source_count    = (SELECT count(DISTINCT lower(outlet)) FROM articles WHERE story_id = ?1 AND outlet <> '')
		                + (SELECT count(*) FROM articles WHERE story_id = ?1 AND outlet = ''),
		first_published = (SELECT min(published) FROM articles WHERE story_id = ?1),
		last_published  = (SELECT max(published) FROM articles WHERE story_id = ?1),
		title           = CASE WHEN title = '' THEN coalesce(
			(SELECT title FROM articles WHERE story_id = ?1 AND title <> '' ORDER BY id LIMIT 1), '') ELSE title END,
		revision        = revision + 1,
		updated_at      = ?2
		WHERE id = ?1`, id, micros(o.now()))
	return err
}

func (o *ops) AssignArticle(ctx context.Context, articleID int64, storyID string) error {
	live, err := o.resolve(ctx, storyID)
	if err != nil {
		return fmt.Errorf("store: assign article %d to %w", articleID, err)
	}
	var old sql.NullString
	err = o.c.QueryRowContext(ctx, `SELECT story_id FROM articles WHERE id = ?`, articleID).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: assign article %d: %w", articleID, store.ErrNotFound)
	}
	if err != nil {
		return wrap(ctx, err, "assign article %d", articleID)
	}
	if old.String == live {
		return nil
	}
	if _, err := o.c.ExecContext(ctx, `UPDATE articles SET story_id = ?, updated_at = ? WHERE id = ?`,
		live, micros(o.now()), articleID); err != nil {
		return wrap(ctx, err, "assign article %d", articleID)
	}
	for _, id := range []string{old.String, live} {
		if id == "" {
			continue
		}
		if err := o.refreshStory(ctx, id); err != nil {
			return wrap(ctx, err, "assign article %d", articleID)
		}
	}
	return nil
}

func (o *ops) StoryArticles(ctx context.Context, storyID string) ([]store.ArticleRecord, error) {
	live, err := o.resolve(ctx, storyID)
	if err != nil {
		return nil, fmt.Errorf("store: articles of %w", err)
	}
	out, err := o.queryArticles(ctx, `SELECT `+articleCols+` FROM articles WHERE story_id = ? ORDER BY id`, live)
	if err != nil {
		return nil, wrap(ctx, err, "articles of story %q", storyID)
	}
	return out, nil
}

func (o *ops) MergeStories(ctx context.Context, from, into string) error {
	f, err := o.resolve(ctx, from)
	if err != nil {
		return fmt.Errorf("store: merge %w", err)
	}
	t, err := o.resolve(ctx, into)
	if err != nil {
		return fmt.Errorf("store: merge into %w", err)
	}
	if f == t {
		return fmt.Errorf("store: merge story %q into %q: the same story: %w", from, into, store.ErrConflict)
	}
	now := micros(o.now())
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE articles SET story_id = ?, updated_at = ? WHERE story_id = ?`, []any{t, now, f}},
		{`UPDATE stories SET merged_into = ? WHERE merged_into = ?`, []any{t, f}},
		{`UPDATE stories SET merged_into = ?, updated_at = ? WHERE id = ?`, []any{t, now, f}},
		{`INSERT INTO story_merges (from_id, into_id, merged_at) VALUES (?, ?, ?)`, []any{f, t, now}},
	} {
		if _, err := o.c.ExecContext(ctx, q.sql, q.args...); err != nil {
			return wrap(ctx, err, "merge story %q into %q", from, into)
		}
	}
	for _, id := range []string{f, t} {
		if err := o.refreshStory(ctx, id); err != nil {
			return wrap(ctx, err, "merge story %q into %q", from, into)
		}
	}
	return nil
}

func (o *ops) Merges(ctx context.Context, storyID string) ([]store.Merge, error) {
	live, err := o.resolve(ctx, storyID)
	if err != nil {
		return nil, fmt.Errorf("store: merges of %w", err)
	}
	rows, err := o.c.QueryContext(ctx, `SELECT m.from_id, m.into_id, m.merged_at
		FROM story_merges m JOIN stories s ON s.id = m.from_id
		WHERE s.merged_into = ? ORDER BY m.merged_at, m.from_id`, live)
	if err != nil {
		return nil, wrap(ctx, err, "merges of story %q", storyID)
	}
	defer rows.Close()
	var out []store.Merge
	for rows.Next() {
		var m store.Merge
		var at sql.NullInt64
		if err := rows.Scan(&m.From, &m.Into, &at); err != nil {
			return nil, wrap(ctx, err, "merges of story %q", storyID)
		}
		m.At = fromMicros(at)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(ctx, err, "merges of story %q", storyID)
	}
	return out, nil
}

// ftsQuery turns search words into an FTS5 query: each word a quoted string
// (so no user input is read as FTS5 syntax), all required.
func ftsQuery(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(q, " ")
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
	if strings.TrimSpace(q.Search) != "" {
		words := store.SearchWords(q.Search)
		if len(words) == 0 {
			return store.StoryPage{}, nil
		}
		m := ftsQuery(words)
		// A title word of a merged story finds the story it was merged into;
		// an article's words find the story it belongs to now.
		where = append(where, `id IN (
			SELECT coalesce(st.merged_into, st.id) FROM story_fts JOIN stories st ON st.n = story_fts.rowid
				WHERE story_fts MATCH ?
			UNION
			SELECT a.story_id FROM article_fts JOIN articles a ON a.id = article_fts.rowid
				WHERE article_fts MATCH ? AND a.story_id IS NOT NULL)`)
		args = append(args, m, m)
	}
	if q.Cursor != "" {
		c, err := store.ParseCursor(order, q.Cursor)
		if err != nil {
			return store.StoryPage{}, err
		}
		if order == store.OrderArticles {
			where = append(where, `(article_count, updated_at, id) < (?, ?, ?)`)
			args = append(args, c.Key, c.Updated, c.ID)
		} else {
			where = append(where, `(updated_at, id) < (?, ?)`)
			args = append(args, c.Updated, c.ID)
		}
	}
	orderBy := `updated_at DESC, id DESC`
	if order == store.OrderArticles {
		orderBy = `article_count DESC, updated_at DESC, id DESC`
	}
	query := `SELECT ` + storyCols + ` FROM stories WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY ` + orderBy + ` LIMIT ?`
	args = append(args, size+1)
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
		ORDER BY updated_at, id LIMIT ?`, limit)
	if err != nil {
		return nil, wrap(ctx, err, "stale stories")
	}
	return out, nil
}

// ---- dossiers ----

func scanDossier(sc scanner, withBody bool) (store.DossierRecord, error) {
	var d store.DossierRecord
	var at sql.NullInt64
	dest := []any{&d.StoryID, &d.Version, &d.Revision, &at}
	if withBody {
		dest = append(dest, &d.JSON)
	}
	err := sc.Scan(dest...)
	d.CreatedAt = fromMicros(at)
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
	s, err := o.GetStory(ctx, storyID)
	if err != nil {
		return store.DossierRecord{}, fmt.Errorf("store: put dossier: %w", err)
	}
	if revision > s.Revision {
		return store.DossierRecord{}, fmt.Errorf("store: put dossier of %q: revision %d is ahead of the story's %d: %w",
			storyID, revision, s.Revision, store.ErrInvalid)
	}
	latest, err := scanDossier(o.c.QueryRowContext(ctx, `SELECT story_id, version, revision, created_at, body
		FROM dossiers WHERE story_id = ? ORDER BY version DESC LIMIT 1`, s.ID), true)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return latest, wrap(ctx, err, "put dossier of %q", storyID)
	}
	now := o.now()
	if err == nil && bytes.Equal(latest.JSON, body) {
		// Nothing changed: no new version, but the dossier is now known to
		// reflect this revision.
		_, err := o.c.ExecContext(ctx, `UPDATE stories SET dossier_revision = max(dossier_revision, ?) WHERE id = ?`,
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
	if _, err := o.c.ExecContext(ctx, `INSERT INTO dossiers (story_id, version, revision, created_at, body)
		VALUES (?, ?, ?, ?, ?)`, rec.StoryID, rec.Version, rec.Revision, micros(rec.CreatedAt), rec.JSON); err != nil {
		return rec, wrap(ctx, err, "put dossier of %q", storyID)
	}
	if _, err := o.c.ExecContext(ctx, `UPDATE stories SET
		dossier_version = ?, dossier_revision = max(dossier_revision, ?), updated_at = ?,
		title = CASE WHEN ? <> '' THEN ? ELSE title END
		WHERE id = ?`, rec.Version, revision, micros(now), d.Story.Title, d.Story.Title, s.ID); err != nil {
		return rec, wrap(ctx, err, "put dossier of %q", storyID)
	}
	return rec, nil
}

func (o *ops) GetDossier(ctx context.Context, storyID string) (store.DossierRecord, error) {
	live, err := o.resolve(ctx, storyID)
	if err != nil {
		return store.DossierRecord{}, fmt.Errorf("store: dossier of %w", err)
	}
	d, err := scanDossier(o.c.QueryRowContext(ctx, `SELECT story_id, version, revision, created_at, body
		FROM dossiers WHERE story_id = ? ORDER BY version DESC LIMIT 1`, live), true)
	if errors.Is(err, sql.ErrNoRows) {
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
	d, err := scanDossier(o.c.QueryRowContext(ctx, `SELECT story_id, version, revision, created_at, body
		FROM dossiers WHERE story_id = ? AND created_at <= ? ORDER BY version DESC LIMIT 1`,
		live, t.UnixMicro()), true)
	if errors.Is(err, sql.ErrNoRows) {
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
	rows, err := o.c.QueryContext(ctx, `SELECT story_id, version, revision, created_at
		FROM dossiers WHERE story_id = ? ORDER BY version DESC`, live)
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

func scanFeed(sc scanner) (store.Feed, error) {
	var f store.Feed
	var fetched, next, created sql.NullInt64
	err := sc.Scan(&f.ID, &f.URL, &f.Title, &f.ETag, &f.LastModified, &fetched, &next,
		&f.ErrorCount, &f.LastError, &created)
	f.LastFetched = fromMicros(fetched)
	f.NextFetch = fromMicros(next)
	f.CreatedAt = fromMicros(created)
	return f, err
}

func (o *ops) queryFeeds(ctx context.Context, query string, args ...any) ([]store.Feed, error) {
	rows, err := o.c.QueryContext(ctx, query, args...)
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
	out, err := scanFeed(o.c.QueryRowContext(ctx, `INSERT INTO feeds
		(url, title, etag, last_modified, last_fetched, next_fetch, error_count, last_error, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING `+feedCols,
		f.URL, f.Title, f.ETag, f.LastModified, micros(f.LastFetched), micros(next), f.ErrorCount, f.LastError, micros(now)))
	if isUnique(err) {
		return f, fmt.Errorf("store: add feed %s: %w", f.URL, store.ErrConflict)
	}
	if err != nil {
		return f, wrap(ctx, err, "add feed %s", f.URL)
	}
	return out, nil
}

func (o *ops) GetFeed(ctx context.Context, id int64) (store.Feed, error) {
	f, err := scanFeed(o.c.QueryRowContext(ctx, `SELECT `+feedCols+` FROM feeds WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
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
	res, err := o.c.ExecContext(ctx, `UPDATE feeds SET url = ?, title = ?, etag = ?, last_modified = ?,
		last_fetched = ?, next_fetch = ?, error_count = ?, last_error = ? WHERE id = ?`,
		f.URL, f.Title, f.ETag, f.LastModified, micros(f.LastFetched), f.NextFetch.UnixMicro(),
		f.ErrorCount, f.LastError, f.ID)
	if isUnique(err) {
		return fmt.Errorf("store: update feed %d: URL %s: %w", f.ID, f.URL, store.ErrConflict)
	}
	if err != nil {
		return wrap(ctx, err, "update feed %d", f.ID)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update feed %d: %w", f.ID, store.ErrNotFound)
	}
	return nil
}

func (o *ops) DeleteFeed(ctx context.Context, id int64) error {
	res, err := o.c.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, id)
	if err != nil {
		return wrap(ctx, err, "delete feed %d", id)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: delete feed %d: %w", id, store.ErrNotFound)
	}
	return nil
}

func (o *ops) DueFeeds(ctx context.Context, now time.Time, limit int) ([]store.Feed, error) {
	if limit <= 0 {
		limit = 100
	}
	out, err := o.queryFeeds(ctx, `SELECT `+feedCols+` FROM feeds
		WHERE next_fetch <= ? ORDER BY next_fetch, id LIMIT ?`, now.UnixMicro(), limit)
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
	_, err := o.c.ExecContext(ctx, `INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, micros(o.now()))
	if err != nil {
		return wrap(ctx, err, "put state %q", key)
	}
	return nil
}

func (o *ops) GetState(ctx context.Context, key string) ([]byte, error) {
	var v []byte
	err := o.c.QueryRowContext(ctx, `SELECT value FROM state WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: state %q: %w", key, store.ErrNotFound)
	}
	if err != nil {
		return nil, wrap(ctx, err, "state %q", key)
	}
	return v, nil
}

func (o *ops) DeleteState(ctx context.Context, key string) error {
	if _, err := o.c.ExecContext(ctx, `DELETE FROM state WHERE key = ?`, key); err != nil {
		return wrap(ctx, err, "delete state %q", key)
	}
	return nil
}
