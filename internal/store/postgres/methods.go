package postgres

import (
	"context"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
)

// The Store's methods run each operation of store.Tx in a transaction of its
// own: reads in a read-only snapshot, writes at READ COMMITTED, both retried
// on a deadlock (see the package doc).

// AddArticle implements store.Tx.
func (s *Store) AddArticle(ctx context.Context, in store.NewArticle) (id int64, created bool, err error) {
	err = s.write(ctx, func(o *ops) error {
		id, created, err = o.AddArticle(ctx, in)
		return err
	})
	return id, created, err
}

// GetArticle implements store.Tx.
func (s *Store) GetArticle(ctx context.Context, id int64) (store.ArticleRecord, error) {
	var v store.ArticleRecord
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.GetArticle(ctx, id)
		return err
	})
	return v, err
}

// ArticleByHash implements store.Tx.
func (s *Store) ArticleByHash(ctx context.Context, hash string) (store.ArticleRecord, error) {
	var v store.ArticleRecord
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.ArticleByHash(ctx, hash)
		return err
	})
	return v, err
}

// SaveArticle implements store.Tx.
func (s *Store) SaveArticle(ctx context.Context, id int64, article *news.Article, annotations []byte) error {
	return s.write(ctx, func(o *ops) error { return o.SaveArticle(ctx, id, article, annotations) })
}

// ListArticles implements store.Tx.
func (s *Store) ListArticles(ctx context.Context, f store.ArticleFilter) ([]store.ArticleRecord, error) {
	var v []store.ArticleRecord
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.ListArticles(ctx, f)
		return err
	})
	return v, err
}

// CountArticles implements store.Tx.
func (s *Store) CountArticles(ctx context.Context) (map[store.Status]int, error) {
	var v map[store.Status]int
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.CountArticles(ctx)
		return err
	})
	return v, err
}

// Claim implements store.Tx.
func (s *Store) Claim(ctx context.Context, owner string, n int, lease time.Duration) ([]store.ArticleRecord, error) {
	var v []store.ArticleRecord
	err := s.write(ctx, func(o *ops) (err error) {
		v, err = o.Claim(ctx, owner, n, lease)
		return err
	})
	return v, err
}

// ExtendLease implements store.Tx.
func (s *Store) ExtendLease(ctx context.Context, id int64, owner string, lease time.Duration) error {
	return s.write(ctx, func(o *ops) error { return o.ExtendLease(ctx, id, owner, lease) })
}

// Complete implements store.Tx.
func (s *Store) Complete(ctx context.Context, id int64, owner string) error {
	return s.write(ctx, func(o *ops) error { return o.Complete(ctx, id, owner) })
}

// Fail implements store.Tx.
func (s *Store) Fail(ctx context.Context, id int64, owner string, reason string) error {
	return s.write(ctx, func(o *ops) error { return o.Fail(ctx, id, owner, reason) })
}

// Release implements store.Tx.
func (s *Store) Release(ctx context.Context, owner string) (int, error) {
	var v int
	err := s.write(ctx, func(o *ops) (err error) {
		v, err = o.Release(ctx, owner)
		return err
	})
	return v, err
}

// RequeueExpired implements store.Tx.
func (s *Store) RequeueExpired(ctx context.Context) (int, error) {
	var v int
	err := s.write(ctx, func(o *ops) (err error) {
		v, err = o.RequeueExpired(ctx)
		return err
	})
	return v, err
}

// Retry implements store.Tx.
func (s *Store) Retry(ctx context.Context, id int64) error {
	return s.write(ctx, func(o *ops) error { return o.Retry(ctx, id) })
}

// CreateStory implements store.Tx.
func (s *Store) CreateStory(ctx context.Context, rec store.StoryRecord) (store.StoryRecord, error) {
	var v store.StoryRecord
	err := s.write(ctx, func(o *ops) (err error) {
		v, err = o.CreateStory(ctx, rec)
		return err
	})
	return v, err
}

// GetStory implements store.Tx.
func (s *Store) GetStory(ctx context.Context, id string) (store.StoryRecord, error) {
	var v store.StoryRecord
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.GetStory(ctx, id)
		return err
	})
	return v, err
}

// SetStoryTitle implements store.Tx.
func (s *Store) SetStoryTitle(ctx context.Context, id string, title string) error {
	return s.write(ctx, func(o *ops) error { return o.SetStoryTitle(ctx, id, title) })
}

// AssignArticle implements store.Tx.
func (s *Store) AssignArticle(ctx context.Context, articleID int64, storyID string) error {
	return s.write(ctx, func(o *ops) error { return o.AssignArticle(ctx, articleID, storyID) })
}

// StoryArticles implements store.Tx.
func (s *Store) StoryArticles(ctx context.Context, storyID string) ([]store.ArticleRecord, error) {
	var v []store.ArticleRecord
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.StoryArticles(ctx, storyID)
		return err
	})
	return v, err
}

// MergeStories implements store.Tx.
func (s *Store) MergeStories(ctx context.Context, from, into string) error {
	return s.write(ctx, func(o *ops) error { return o.MergeStories(ctx, from, into) })
}

// Merges implements store.Tx.
func (s *Store) Merges(ctx context.Context, storyID string) ([]store.Merge, error) {
	var v []store.Merge
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.Merges(ctx, storyID)
		return err
	})
	return v, err
}

// ListStories implements store.Tx.
func (s *Store) ListStories(ctx context.Context, q store.StoryQuery) (store.StoryPage, error) {
	var v store.StoryPage
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.ListStories(ctx, q)
		return err
	})
	return v, err
}

// StaleStories implements store.Tx.
func (s *Store) StaleStories(ctx context.Context, limit int) ([]store.StoryRecord, error) {
	var v []store.StoryRecord
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.StaleStories(ctx, limit)
		return err
	})
	return v, err
}

// PutDossier implements store.Tx.
func (s *Store) PutDossier(ctx context.Context, storyID string, revision int64, d *news.Dossier) (store.DossierRecord, error) {
	var v store.DossierRecord
	err := s.write(ctx, func(o *ops) (err error) {
		v, err = o.PutDossier(ctx, storyID, revision, d)
		return err
	})
	return v, err
}

// GetDossier implements store.Tx.
func (s *Store) GetDossier(ctx context.Context, storyID string) (store.DossierRecord, error) {
	var v store.DossierRecord
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.GetDossier(ctx, storyID)
		return err
	})
	return v, err
}

// GetDossierAsOf implements store.Tx.
func (s *Store) GetDossierAsOf(ctx context.Context, storyID string, t time.Time) (store.DossierRecord, error) {
	var v store.DossierRecord
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.GetDossierAsOf(ctx, storyID, t)
		return err
	})
	return v, err
}

// DossierVersions implements store.Tx.
func (s *Store) DossierVersions(ctx context.Context, storyID string) ([]store.DossierRecord, error) {
	var v []store.DossierRecord
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.DossierVersions(ctx, storyID)
		return err
	})
	return v, err
}

// AddFeed implements store.Tx.
func (s *Store) AddFeed(ctx context.Context, f store.Feed) (store.Feed, error) {
	var v store.Feed
	err := s.write(ctx, func(o *ops) (err error) {
		v, err = o.AddFeed(ctx, f)
		return err
	})
	return v, err
}

// GetFeed implements store.Tx.
func (s *Store) GetFeed(ctx context.Context, id int64) (store.Feed, error) {
	var v store.Feed
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.GetFeed(ctx, id)
		return err
	})
	return v, err
}

// ListFeeds implements store.Tx.
func (s *Store) ListFeeds(ctx context.Context) ([]store.Feed, error) {
	var v []store.Feed
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.ListFeeds(ctx)
		return err
	})
	return v, err
}

// UpdateFeed implements store.Tx.
func (s *Store) UpdateFeed(ctx context.Context, f store.Feed) error {
	return s.write(ctx, func(o *ops) error { return o.UpdateFeed(ctx, f) })
}

// DeleteFeed implements store.Tx.
func (s *Store) DeleteFeed(ctx context.Context, id int64) error {
	return s.write(ctx, func(o *ops) error { return o.DeleteFeed(ctx, id) })
}

// DueFeeds implements store.Tx.
func (s *Store) DueFeeds(ctx context.Context, now time.Time, limit int) ([]store.Feed, error) {
	var v []store.Feed
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.DueFeeds(ctx, now, limit)
		return err
	})
	return v, err
}

// PutState implements store.Tx.
func (s *Store) PutState(ctx context.Context, key string, value []byte) error {
	return s.write(ctx, func(o *ops) error { return o.PutState(ctx, key, value) })
}

// GetState implements store.Tx.
func (s *Store) GetState(ctx context.Context, key string) ([]byte, error) {
	var v []byte
	err := s.read(ctx, func(o *ops) (err error) {
		v, err = o.GetState(ctx, key)
		return err
	})
	return v, err
}

// DeleteState implements store.Tx.
func (s *Store) DeleteState(ctx context.Context, key string) error {
	return s.write(ctx, func(o *ops) error { return o.DeleteState(ctx, key) })
}
