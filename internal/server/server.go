// Package server is `triangulate serve`: the processor that turns queued
// articles into stories and dossiers, the feed poller, the JSON API and the
// web UI, over one store.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/triangulate/triangulate/examples"
	"github.com/triangulate/triangulate/internal/feeds"
	"github.com/triangulate/triangulate/internal/netguard"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/processor"
	"github.com/triangulate/triangulate/internal/store"
	"github.com/triangulate/triangulate/internal/web"
)

// Config is what a Server needs. Store and Briefer are required.
type Config struct {
	Store   store.Store
	Briefer *pipeline.Briefer
	// Token, when set, is required by every write endpoint (Authorization:
	// Bearer TOKEN) and by the web UI's forms.
	Token string
	// AllowPrivate lets the server fetch URLs on private, loopback and
	// link-local addresses (off: a defence against request forgery).
	AllowPrivate bool
	// MaxBody bounds a request body (default 10 MiB).
	MaxBody int64
	// FetchTimeout bounds one outgoing fetch (default 30 s).
	FetchTimeout time.Duration
	// FeedInterval is how often a healthy feed is polled (default 15 min).
	FeedInterval time.Duration
	// FeedHostDelay spaces requests to one host (default 2 s).
	FeedHostDelay time.Duration
	// Processor tunes the processing of articles.
	Processor processor.Options
	Logger    *slog.Logger
}

// Server is a running triangulate service.
type Server struct {
	cfg    Config
	st     store.Store
	proc   *processor.Processor
	poller *feeds.Poller
	client *http.Client
	log    *slog.Logger
	h      http.Handler
}

// New builds a server: it replays the stored stories and mounts the API and
// the web UI.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Briefer == nil {
		return nil, errors.New("server: a store and a briefer are required")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 10 << 20
	}
	if cfg.FetchTimeout <= 0 {
		cfg.FetchTimeout = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Processor.Logger == nil {
		cfg.Processor.Logger = cfg.Logger
	}
	s := &Server{
		cfg:    cfg,
		st:     cfg.Store,
		log:    cfg.Logger,
		client: netguard.NewClient(netguard.Options{AllowPrivate: cfg.AllowPrivate, Timeout: cfg.FetchTimeout}),
	}
	proc, err := processor.New(ctx, cfg.Store, cfg.Briefer, cfg.Processor)
	if err != nil {
		return nil, err
	}
	s.proc = proc
	s.poller, err = feeds.NewPoller(feeds.Options{
		Store:         cfg.Store,
		Client:        s.client,
		Interval:      cfg.FeedInterval,
		HostDelay:     cfg.FeedHostDelay,
		FetchArticles: true,
		MaxBytes:      cfg.MaxBody,
		Logger:        cfg.Logger,
		Added:         func([]int64) { proc.Wake() },
	})
	if err != nil {
		return nil, err
	}
	ui, err := web.New(web.Options{
		Store:        cfg.Store,
		Token:        cfg.Token,
		Demo:         s.LoadDemo,
		FeedsChanged: s.poller.Wake,
		ImportOPML: func(ctx context.Context, r io.Reader) (int, int, error) {
			return feeds.ImportOPML(ctx, cfg.Store, r, s.acceptFeedURL)
		},
		CheckFeedURL: s.acceptFeedURL,
		AddArticle:   s.AddFromForm,
		Logger:       cfg.Logger,
	})
	if err != nil {
		return nil, err
	}
	s.h = s.routes(ui)
	return s, nil
}

// Handler returns the server's HTTP handler: the API under /api/ and
// /healthz, the web UI everywhere else.
func (s *Server) Handler() http.Handler { return s.h }

// Processor returns the server's processor.
func (s *Server) Processor() *processor.Processor { return s.proc }

// Run serves on ln and processes articles and feeds until ctx is done, then
// shuts down gracefully: requests in flight finish (within 10 s), the
// workers commit what they hold and return the rest to the queue.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_ = s.proc.Run(ctx)
	}()
	go func() {
		defer wg.Done()
		s.poller.Run(ctx)
	}()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if serr := hs.Shutdown(sctx); serr != nil && err == nil {
		err = serr
	}
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// LoadDemo adds the bundled example's five reports and wakes the workers.
// Adding them again changes nothing (the store knows their content).
func (s *Server) LoadDemo(ctx context.Context) error {
	docs, err := examples.Niger2024()
	if err != nil {
		return fmt.Errorf("server: demo: %w", err)
	}
	err = store.WithRetry(ctx, s.st, func(tx store.Tx) error {
		for _, d := range docs {
			if _, _, err := tx.AddArticle(ctx, store.NewArticle{Document: d}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("server: demo: %w", err)
	}
	s.proc.Wake()
	return nil
}

// Empty reports whether the store holds no article at all.
func (s *Server) Empty(ctx context.Context) (bool, error) {
	counts, err := s.st.CountArticles(ctx)
	if err != nil {
		return false, err
	}
	for _, n := range counts {
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}
