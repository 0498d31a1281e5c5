package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
)

// benchText is an article-sized body (≈ 3 KB, the size of the example's
// reports) that differs per n.
func benchText(n int) string {
	var b strings.Builder
	for p := range 6 {
		fmt.Fprintf(&b, "Paragraph %d of article %d. Military instructors and personnel from Russia's defence ministry "+
			"arrived in Niger on Wednesday, state television said, in a further sign the West African country is "+
			"building closer relations with Moscow. General Abdourahamane Tiani spoke with Vladimir Putin. "+
			"The United States has some 1,000 troops in the country.\n\n", p, n)
	}
	return b.String()
}

func benchDoc(n int) news.Document {
	return news.Document{Input: fmt.Sprintf("bench/%d.html", n), URL: fmt.Sprintf("https://example.com/%d", n),
		Kind: news.KindHTML, ContentKind: news.KindHTML, Title: fmt.Sprintf("Story %d", n),
		Content: "<html><body><p>" + benchText(n) + "</p></body></html>"}
}

// BenchmarkAddArticle is the intake rate: one article recorded and queued
// per transaction, as POST /api/articles does.
func BenchmarkAddArticle(b *testing.B) {
	s := open(b)
	ctx := context.Background()
	n := 0
	for b.Loop() {
		if _, _, err := s.AddArticle(ctx, store.NewArticle{Document: benchDoc(n)}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAddArticleBatch records the items of a feed poll, 50 per
// transaction.
func BenchmarkAddArticleBatch(b *testing.B) {
	s := open(b)
	ctx := context.Background()
	n := 0
	for b.Loop() {
		err := s.WithTx(ctx, func(tx store.Tx) error {
			for range 50 {
				if _, _, err := tx.AddArticle(ctx, store.NewArticle{Document: benchDoc(n)}); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkProcess is a worker's loop without the work: claim 10, then per
// item save the cleaned article, assign it to a story and complete it in one
// transaction.
func BenchmarkProcess(b *testing.B) {
	s := open(b)
	ctx := context.Background()
	st, err := s.CreateStory(ctx, store.StoryRecord{})
	if err != nil {
		b.Fatal(err)
	}
	next := 0
	n := 0
	for b.Loop() {
		b.StopTimer()
		for range 10 {
			if _, _, err := s.AddArticle(ctx, store.NewArticle{Document: benchDoc(next)}); err != nil {
				b.Fatal(err)
			}
			next++
		}
		b.StartTimer()
		items, err := s.Claim(ctx, "bench", 10, time.Minute)
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range items {
			err := s.WithTx(ctx, func(tx store.Tx) error {
				art := &news.Article{Title: a.Document.Title, Text: benchText(int(a.ID)), Published: news.Day(2024, 4, 12)}
				if err := tx.SaveArticle(ctx, a.ID, art, []byte(`{"sentences":[]}`)); err != nil {
					return err
				}
				// A story of its own every 5 articles, so stories stay small.
				if a.ID%5 == 0 {
					if st, err = tx.CreateStory(ctx, store.StoryRecord{}); err != nil {
						return err
					}
				}
				if err := tx.AssignArticle(ctx, a.ID, st.ID); err != nil {
					return err
				}
				return tx.Complete(ctx, a.ID, "bench")
			})
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// benchDossier is a dossier of a realistic size: 60 facts with evidence from
// five sources (≈ 40 KB of JSON).
func benchDossier(story int) *news.Dossier {
	d := &news.Dossier{Schema: news.SchemaID, Story: news.Story{ID: fmt.Sprintf("st-%04d", story), Title: fmt.Sprintf("Story %d", story)}}
	for f := range 60 {
		fact := news.Fact{ID: fmt.Sprintf("f%d", f+1), Text: "Military instructors arrived in Niger on Wednesday.", Status: news.StatusCorroborated, IndependentSources: 5}
		for src := range 5 {
			fact.Evidence = append(fact.Evidence, news.Evidence{Source: fmt.Sprintf("s%d", src+1),
				Text: "Military instructors and personnel from Russia's defence ministry arrived in Niger on Wednesday.", Start: 100, End: 196})
		}
		d.Facts = append(d.Facts, fact)
	}
	return d
}

// fill makes 1,000 stories of 3 articles each, with a dossier each.
func fill(b *testing.B, s *Store) {
	b.Helper()
	ctx := context.Background()
	for st := range 1000 {
		err := s.WithTx(ctx, func(tx store.Tx) error {
			id := fmt.Sprintf("st-%04d", st)
			if _, err := tx.CreateStory(ctx, store.StoryRecord{ID: id}); err != nil {
				return err
			}
			for j := range 1 + st%3 {
				n := st*3 + j
				aid, _, err := tx.AddArticle(ctx, store.NewArticle{Document: benchDoc(n)})
				if err != nil {
					return err
				}
				text := benchText(n)
				if st == 500 {
					text += " A rare word: Zinder."
				}
				if err := tx.SaveArticle(ctx, aid, &news.Article{Title: fmt.Sprintf("Story %d", st), Text: text}, nil); err != nil {
					return err
				}
				if err := tx.AssignArticle(ctx, aid, id); err != nil {
					return err
				}
			}
			rec, err := tx.GetStory(ctx, id)
			if err != nil {
				return err
			}
			_, err = tx.PutDossier(ctx, id, rec.Revision, benchDossier(st))
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListStories is GET /api/stories over 1,000 stories: a page of 50.
func BenchmarkListStories(b *testing.B) {
	s := open(b)
	fill(b, s)
	ctx := context.Background()
	first, err := s.ListStories(ctx, store.StoryQuery{})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		q    store.StoryQuery
	}{
		{"updated", store.StoryQuery{}},
		{"updated/page2", store.StoryQuery{Cursor: first.Next}},
		{"articles", store.StoryQuery{Order: store.OrderArticles}},
		{"search/rare", store.StoryQuery{Search: "Zinder"}},
		{"search/common", store.StoryQuery{Search: "Tiani Putin"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.ListStories(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGetDossier is GET /api/stories/{id} over 1,000 stories: the
// latest dossier, and the one as of a time (for /changes).
func BenchmarkGetDossier(b *testing.B) {
	s := open(b)
	fill(b, s)
	ctx := context.Background()
	d, err := s.GetDossier(ctx, "st-0500")
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("dossier JSON: %d bytes", len(d.JSON))
	b.Run("latest", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := s.GetDossier(ctx, fmt.Sprintf("st-%04d", i%1000)); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("asof", func(b *testing.B) {
		i := 0
		now := time.Now()
		for b.Loop() {
			if _, err := s.GetDossierAsOf(ctx, fmt.Sprintf("st-%04d", i%1000), now); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("story", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := s.GetStory(ctx, fmt.Sprintf("st-%04d", i%1000)); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}
