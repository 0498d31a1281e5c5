package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/feeds"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/processor"
	"github.com/triangulate/triangulate/internal/server"
	"github.com/triangulate/triangulate/internal/store"
	"github.com/triangulate/triangulate/internal/store/postgres"
	"github.com/triangulate/triangulate/internal/store/sqlite"
)

// dbFlag is the --db flag of every command that uses the store.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "triangulate.db",
		"the store: a SQLite file, created when absent, or a PostgreSQL URL (postgres://user@host:5432/dbname), whose database must exist")
}

// isPostgres reports whether the --db value names a PostgreSQL database
// rather than a SQLite file. The URL schemes are the test: a file path that
// starts with one would be a strange file name, and libpq's key=value form
// is not accepted, so that a file called "host=x" stays a file.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// storeName is the --db value as messages show it: a URL without the
// password it may carry, which must not reach logs and terminals.
func storeName(db string) string {
	if !isPostgres(db) {
		return db
	}
	if u, err := url.Parse(db); err == nil {
		return u.Redacted()
	}
	return "postgres://..."
}

// openStore opens the store --db names: a PostgreSQL database for a
// postgres:// URL, else the SQLite file. The error names the store (without
// a password).
func openStore(ctx context.Context, db string) (store.Store, error) {
	if isPostgres(db) {
		st, err := postgres.Open(ctx, db, postgres.Options{})
		if err != nil {
			return nil, fmt.Errorf("store %s: %w", storeName(db), err)
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", db, err)
	}
	return st, nil
}

func (p *Program) serve(ctx context.Context, args []string) error {
	fs := p.newFlagSet("serve", "serve [flags]")
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	demo := fs.Bool("demo", false, "load the bundled example at start (a story on screen at once)")
	token := fs.String("token", "", "require this token for writes (API: Authorization: Bearer TOKEN; default $TRIANGULATE_TOKEN)")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching URLs on private, loopback and link-local addresses")
	workers := fs.Int("workers", 0, "articles processed at once (default: the number of CPUs)")
	feedEvery := fs.Duration("feed-interval", 15*time.Minute, "how often each feed is polled")
	maxText := fs.Int("max-article-bytes", processor.DefaultMaxArticleText, "longest cleaned article text stored, in bytes; a longer one is marked failed")
	verbose := fs.Bool("v", false, "log every processed article and request error")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usagef("serve: %v", err)
	}
	if len(rest) > 0 {
		return usagef("serve: unexpected argument %q (the store is given with --db)", rest[0])
	}
	if *feedEvery < feeds.DefaultMinInterval {
		// A feed is never fetched more often than this; a smaller value
		// would be silently raised to it.
		return usagef("serve: --feed-interval %v is below the least time between two fetches of one feed (%v)", *feedEvery, feeds.DefaultMinInterval)
	}
	if *token == "" {
		*token = p.Getenv("TRIANGULATE_TOKEN")
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(p.Stderr, &slog.HandlerOptions{Level: level}))

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()
	st, err := openStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer st.Close()
	b, err := pipeline.NewBriefer()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv, err := server.New(ctx, server.Config{
		Store:        st,
		Briefer:      b,
		Token:        *token,
		AllowPrivate: *allowPrivate,
		FeedInterval: *feedEvery,
		Processor:    processor.Options{Workers: *workers, MaxArticleText: *maxText},
		Logger:       log,
	})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	url := "http://" + ln.Addr().String()
	if host, port, _ := net.SplitHostPort(ln.Addr().String()); host == "::" || host == "0.0.0.0" {
		url = "http://localhost:" + port
	}
	if *demo {
		if err := srv.LoadDemo(ctx); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		fmt.Fprintf(p.Stderr, "triangulate: loaded the bundled example (5 reports); its story appears at %s in a few seconds\n", url)
	} else if empty, err := srv.Empty(ctx); err == nil && empty {
		fmt.Fprintf(p.Stderr, "triangulate: the store %s is empty: open %s and choose \"Load the example\", run 'triangulate serve --demo', add articles with 'triangulate add', or subscribe to feeds\n", storeName(*db), url)
	}
	fmt.Fprintf(p.Stderr, "triangulate: serving %s (store %s; API at %s/api/openapi.json)\n", url, storeName(*db), url)
	if !strings.HasPrefix(ln.Addr().String(), "127.") && !strings.HasPrefix(ln.Addr().String(), "[::1]") && *token == "" {
		fmt.Fprintln(p.Stderr, "triangulate: warning: listening beyond this machine without --token: anyone who reaches it can add articles and feeds")
	}
	err = srv.Run(ctx, ln)
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(p.Stderr, "triangulate: stopped; unfinished articles stay queued for the next start")
	return nil
}
