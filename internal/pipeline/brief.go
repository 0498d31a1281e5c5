package pipeline

import (
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/triangulate/triangulate/internal/annotate"
	"github.com/triangulate/triangulate/internal/cluster"
	"github.com/triangulate/triangulate/internal/crosscheck"
	"github.com/triangulate/triangulate/internal/dossier"
	"github.com/triangulate/triangulate/internal/lexicon"
	"github.com/triangulate/triangulate/internal/news"
)

// Briefer writes dossiers: it annotates a story's articles and cross-checks
// them. Load one and reuse it (it holds the annotation models); it is safe
// for concurrent use.
type Briefer struct {
	an          *annotate.Annotator
	concurrency int
}

// NewBriefer loads the annotation models.
func NewBriefer() (*Briefer, error) {
	// The cross-check's lexicon is decoded in the background while the
	// annotation models load and the articles are read: the first dossier
	// waits for it only if it is not ready by then.
	go lexicon.Default()
	an, err := annotate.New()
	if err != nil {
		return nil, err
	}
	return &Briefer{an: an, concurrency: runtime.GOMAXPROCS(0)}, nil
}

// AnnotateOne annotates one article.
func (b *Briefer) AnnotateOne(a *news.Article) *news.Annotated { return b.an.Annotate(a) }

// Annotate annotates the articles concurrently, in order.
func (b *Briefer) Annotate(ctx context.Context, arts []*news.Article) ([]*news.Annotated, error) {
	out := make([]*news.Annotated, len(arts))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(b.concurrency)
	for i, a := range arts {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			out[i] = b.an.Annotate(a)
			return nil
		})
	}
	return out, g.Wait()
}

// Dossier writes the dossier of one story made of arts.
func (b *Briefer) Dossier(ctx context.Context, arts []*news.Article) (news.Dossier, error) {
	d := dossier.Build(arts)
	as, err := b.Annotate(ctx, arts)
	if err != nil {
		return d, err
	}
	if err := crosscheck.Check(&d, as, crosscheck.Options{}); err != nil {
		return d, err
	}
	return d, nil
}

// WithConcurrency returns a Briefer that annotates at most n articles at
// once (n ≤ 0: GOMAXPROCS).
func (b *Briefer) WithConcurrency(n int) *Briefer {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	return &Briefer{an: b.an, concurrency: n}
}

// DossierAnnotated writes the dossier of one story from its articles'
// annotations (annotated once, for grouping and for the dossier alike).
func (b *Briefer) DossierAnnotated(as []*news.Annotated) (news.Dossier, error) {
	arts := make([]*news.Article, len(as))
	for i, a := range as {
		arts[i] = a.Article
	}
	d := dossier.Build(arts)
	if err := crosscheck.Check(&d, as, crosscheck.Options{}); err != nil {
		return d, err
	}
	return d, nil
}

// Group annotates the articles and groups them into stories (see package
// cluster). The annotations are returned in the articles' order, for the
// dossiers.
func (b *Briefer) Group(ctx context.Context, arts []*news.Article, opts cluster.Options) ([]*news.Annotated, cluster.Grouping, error) {
	as, err := b.Annotate(ctx, arts)
	if err != nil {
		return nil, cluster.Grouping{}, err
	}
	docs := make([]*cluster.Doc, len(as))
	for i, a := range as {
		docs[i] = cluster.NewDoc(a)
	}
	return as, cluster.GroupAll(docs, opts), nil
}
