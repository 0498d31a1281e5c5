package store

import (
	"context"
	"time"

	"github.com/triangulate/triangulate/internal/news"
)

// Auto implements Tx by running each operation in a transaction of its
// own: Read for the operations that only read, Write for the others. The
// implementations embed it in their Store, giving it their own way of
// opening transactions, so that the two dozen one-call wrappers are written
// once for every implementation.
type Auto struct {
	Read, Write func(ctx context.Context, fn func(tx Tx) error) error
}

// AddArticle implements Tx.
func (a Auto) AddArticle(ctx context.Context, in NewArticle) (id int64, created bool, err error) {
	err = a.Write(ctx, func(o Tx) error {
		id, created, err = o.AddArticle(ctx, in)
		return err
	})
	return id, created, err
}

// GetArticle implements Tx.
func (a Auto) GetArticle(ctx context.Context, id int64) (ArticleRecord, error) {
	var v ArticleRecord
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.GetArticle(ctx, id)
		return err
	})
	return v, err
}

// ArticleByHash implements Tx.
func (a Auto) ArticleByHash(ctx context.Context, hash string) (ArticleRecord, error) {
	var v ArticleRecord
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.ArticleByHash(ctx, hash)
		return err
	})
	return v, err
}

// SaveArticle implements Tx.
func (a Auto) SaveArticle(ctx context.Context, id int64, article *news.Article, annotations []byte) error {
	return a.Write(ctx, func(o Tx) error { return o.SaveArticle(ctx, id, article, annotations) })
}

// ListArticles implements Tx.
func (a Auto) ListArticles(ctx context.Context, f ArticleFilter) ([]ArticleRecord, error) {
	var v []ArticleRecord
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.ListArticles(ctx, f)
		return err
	})
	return v, err
}

// CountArticles implements Tx.
func (a Auto) CountArticles(ctx context.Context) (map[Status]int, error) {
	var v map[Status]int
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.CountArticles(ctx)
		return err
	})
	return v, err
}

// Claim implements Tx.
func (a Auto) Claim(ctx context.Context, owner string, n int, lease time.Duration) ([]ArticleRecord, error) {
	var v []ArticleRecord
	err := a.Write(ctx, func(o Tx) (err error) {
		v, err = o.Claim(ctx, owner, n, lease)
		return err
	})
	return v, err
}

// ExtendLease implements Tx.
func (a Auto) ExtendLease(ctx context.Context, id int64, owner string, lease time.Duration) error {
	return a.Write(ctx, func(o Tx) error { return o.ExtendLease(ctx, id, owner, lease) })
}

// Complete implements Tx.
func (a Auto) Complete(ctx context.Context, id int64, owner string) error {
	return a.Write(ctx, func(o Tx) error { return o.Complete(ctx, id, owner) })
}

// Fail implements Tx.
func (a Auto) Fail(ctx context.Context, id int64, owner string, reason string) error {
	return a.Write(ctx, func(o Tx) error { return o.Fail(ctx, id, owner, reason) })
}

// Release implements Tx.
func (a Auto) Release(ctx context.Context, owner string) (int, error) {
	var v int
	err := a.Write(ctx, func(o Tx) (err error) {
		v, err = o.Release(ctx, owner)
		return err
	})
	return v, err
}

// RequeueExpired implements Tx.
func (a Auto) RequeueExpired(ctx context.Context) (int, error) {
	var v int
	err := a.Write(ctx, func(o Tx) (err error) {
		v, err = o.RequeueExpired(ctx)
		return err
	})
	return v, err
}

// Retry implements Tx.
func (a Auto) Retry(ctx context.Context, id int64) error {
	return a.Write(ctx, func(o Tx) error { return o.Retry(ctx, id) })
}

// CreateStory implements Tx.
func (a Auto) CreateStory(ctx context.Context, rec StoryRecord) (StoryRecord, error) {
	var v StoryRecord
	err := a.Write(ctx, func(o Tx) (err error) {
		v, err = o.CreateStory(ctx, rec)
		return err
	})
	return v, err
}

// GetStory implements Tx.
func (a Auto) GetStory(ctx context.Context, id string) (StoryRecord, error) {
	var v StoryRecord
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.GetStory(ctx, id)
		return err
	})
	return v, err
}

// SetStoryTitle implements Tx.
func (a Auto) SetStoryTitle(ctx context.Context, id string, title string) error {
	return a.Write(ctx, func(o Tx) error { return o.SetStoryTitle(ctx, id, title) })
}

// AssignArticle implements Tx.
func (a Auto) AssignArticle(ctx context.Context, articleID int64, storyID string) error {
	return a.Write(ctx, func(o Tx) error { return o.AssignArticle(ctx, articleID, storyID) })
}

// StoryArticles implements Tx.
func (a Auto) StoryArticles(ctx context.Context, storyID string) ([]ArticleRecord, error) {
	var v []ArticleRecord
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.StoryArticles(ctx, storyID)
		return err
	})
	return v, err
}

// MergeStories implements Tx.
func (a Auto) MergeStories(ctx context.Context, from, into string) error {
	return a.Write(ctx, func(o Tx) error { return o.MergeStories(ctx, from, into) })
}

// Merges implements Tx.
func (a Auto) Merges(ctx context.Context, storyID string) ([]Merge, error) {
	var v []Merge
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.Merges(ctx, storyID)
		return err
	})
	return v, err
}

// ListStories implements Tx.
func (a Auto) ListStories(ctx context.Context, q StoryQuery) (StoryPage, error) {
	var v StoryPage
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.ListStories(ctx, q)
		return err
	})
	return v, err
}

// StaleStories implements Tx.
func (a Auto) StaleStories(ctx context.Context, limit int) ([]StoryRecord, error) {
	var v []StoryRecord
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.StaleStories(ctx, limit)
		return err
	})
	return v, err
}

// PutDossier implements Tx.
func (a Auto) PutDossier(ctx context.Context, storyID string, revision int64, d *news.Dossier) (DossierRecord, error) {
	var v DossierRecord
	err := a.Write(ctx, func(o Tx) (err error) {
		v, err = o.PutDossier(ctx, storyID, revision, d)
		return err
	})
	return v, err
}

// GetDossier implements Tx.
func (a Auto) GetDossier(ctx context.Context, storyID string) (DossierRecord, error) {
	var v DossierRecord
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.GetDossier(ctx, storyID)
		return err
	})
	return v, err
}

// GetDossierAsOf implements Tx.
func (a Auto) GetDossierAsOf(ctx context.Context, storyID string, t time.Time) (DossierRecord, error) {
	var v DossierRecord
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.GetDossierAsOf(ctx, storyID, t)
		return err
	})
	return v, err
}

// DossierVersions implements Tx.
func (a Auto) DossierVersions(ctx context.Context, storyID string) ([]DossierRecord, error) {
	var v []DossierRecord
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.DossierVersions(ctx, storyID)
		return err
	})
	return v, err
}

// AddFeed implements Tx.
func (a Auto) AddFeed(ctx context.Context, f Feed) (Feed, error) {
	var v Feed
	err := a.Write(ctx, func(o Tx) (err error) {
		v, err = o.AddFeed(ctx, f)
		return err
	})
	return v, err
}

// GetFeed implements Tx.
func (a Auto) GetFeed(ctx context.Context, id int64) (Feed, error) {
	var v Feed
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.GetFeed(ctx, id)
		return err
	})
	return v, err
}

// ListFeeds implements Tx.
func (a Auto) ListFeeds(ctx context.Context) ([]Feed, error) {
	var v []Feed
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.ListFeeds(ctx)
		return err
	})
	return v, err
}

// UpdateFeed implements Tx.
func (a Auto) UpdateFeed(ctx context.Context, f Feed) error {
	return a.Write(ctx, func(o Tx) error { return o.UpdateFeed(ctx, f) })
}

// DeleteFeed implements Tx.
func (a Auto) DeleteFeed(ctx context.Context, id int64) error {
	return a.Write(ctx, func(o Tx) error { return o.DeleteFeed(ctx, id) })
}

// DueFeeds implements Tx.
func (a Auto) DueFeeds(ctx context.Context, now time.Time, limit int) ([]Feed, error) {
	var v []Feed
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.DueFeeds(ctx, now, limit)
		return err
	})
	return v, err
}

// PutState implements Tx.
func (a Auto) PutState(ctx context.Context, key string, value []byte) error {
	return a.Write(ctx, func(o Tx) error { return o.PutState(ctx, key, value) })
}

// GetState implements Tx.
func (a Auto) GetState(ctx context.Context, key string) ([]byte, error) {
	var v []byte
	err := a.Read(ctx, func(o Tx) (err error) {
		v, err = o.GetState(ctx, key)
		return err
	})
	return v, err
}

// DeleteState implements Tx.
func (a Auto) DeleteState(ctx context.Context, key string) error {
	return a.Write(ctx, func(o Tx) error { return o.DeleteState(ctx, key) })
}
