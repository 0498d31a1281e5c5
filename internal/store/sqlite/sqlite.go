// Package sqlite is the embedded store: one SQLite file through the pure-Go
// modernc.org/sqlite driver, in WAL mode, that needs no set-up.
//
// It opens two pools on the file: a writer with exactly one connection,
// whose transactions begin IMMEDIATE (SQLite allows one writer at a time;
// queueing writers in database/sql honours their contexts, where SQLITE_BUSY
// would not), and a pool of query-only readers, which WAL lets run beside the
// writer on the last committed state. The schema is a list of numbered,
// embedded migrations applied on Open in one transaction each.
//
// With synchronous(NORMAL) a committed transaction survives the process being
// killed; only a power failure can lose the last ones (never corrupting the
// file). One process should open a file at a time: the queue's leases are
// honoured across processes, but a second writer process would wait on the
// first.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/triangulate/triangulate/internal/store"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options tune a Store. The zero value works.
type Options struct {
	// ReadConns is the size of the reader pool; 0 means max(4, GOMAXPROCS).
	ReadConns int
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
}

// Store is a store.Store on one SQLite file.
type Store struct {
	// Auto gives every operation of store.Tx, each in a transaction of its
	// own (read or write, below).
	store.Auto
	w, r   *sql.DB
	now    func() time.Time
	closed atomic.Bool
}

var _ store.Store = (*Store)(nil)

// Open opens (creating when absent) the database file at path, brings its
// schema up to date, and requeues the work items whose lease expired while
// no process held them.
func Open(ctx context.Context, file string, opts Options) (*Store, error) {
	if file == "" || file == ":memory:" || strings.HasPrefix(file, "file:") {
		return nil, fmt.Errorf("sqlite: open %q: a file path is needed (two pools share the file): %w", file, store.ErrInvalid)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	s := &Store{now: func() time.Time { return now().UTC().Truncate(time.Microsecond) }}
	s.Auto = store.Auto{
		Read: func(ctx context.Context, fn func(store.Tx) error) error {
			return s.read(ctx, func(o *ops) error { return fn(o) })
		},
		Write: func(ctx context.Context, fn func(store.Tx) error) error {
			return s.write(ctx, func(o *ops) error { return fn(o) })
		},
	}

	var err error
	s.w, err = sql.Open("sqlite", dsn(file, "_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", file, err)
	}
	s.w.SetMaxOpenConns(1)
	s.w.SetMaxIdleConns(1)
	s.w.SetConnMaxLifetime(0)
	s.w.SetConnMaxIdleTime(0)
	if err := s.migrate(ctx); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", file, err)
	}

	s.r, err = sql.Open("sqlite", dsn(file, "_pragma=query_only(1)"))
	if err != nil {
		s.w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", file, err)
	}
	n := opts.ReadConns
	if n <= 0 {
		n = max(4, runtime.GOMAXPROCS(0))
	}
	s.r.SetMaxOpenConns(n)
	s.r.SetMaxIdleConns(n)

	if _, err := s.RequeueExpired(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", file, err)
	}
	return s, nil
}

// dsn is the connection string of the file with the pragmas every
// connection needs (WAL, NORMAL sync, a busy timeout for other processes,
// foreign keys) and extra parameters.
func dsn(file string, extra ...string) string {
	q := []string{
		"_pragma=" + url.QueryEscape("journal_mode(WAL)"),
		"_pragma=" + url.QueryEscape("synchronous(NORMAL)"),
		"_pragma=" + url.QueryEscape("busy_timeout(5000)"),
		"_pragma=" + url.QueryEscape("foreign_keys(1)"),
	}
	q = append(q, extra...)
	return "file:" + (&url.URL{Path: file}).EscapedPath() + "?" + strings.Join(q, "&")
}

// migrate applies the embedded migrations the file has not seen, each in its
// own transaction with its schema_version row, so that a crash leaves the
// schema at one version or the next.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var current int
	if err := s.w.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	pending, err := store.Migrations(migrations, "migrations", current)
	if err != nil {
		return err
	}
	for _, m := range pending {
		err = s.write(ctx, func(c *ops) error {
			if _, err := c.c.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := c.c.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`, m.Version, micros(s.now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate: %s: %w", m.Name, err)
		}
	}
	return nil
}

// SchemaVersion returns the version of the applied schema.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.r.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("sqlite: schema version: %w", err)
	}
	return v, nil
}

// IntegrityCheck runs PRAGMA integrity_check and returns nil when the file
// is sound.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.r.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return fmt.Errorf("sqlite: integrity check: %w", err)
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	if len(msgs) != 1 || msgs[0] != "ok" {
		return fmt.Errorf("sqlite: integrity check: %s", strings.Join(msgs, "; "))
	}
	return nil
}

// Close closes both pools. It does not wait for the transactions in flight
// beyond what database/sql does.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	// A checkpoint on close keeps the -wal file small between runs.
	_, _ = s.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	errs = append(errs, s.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}

// WithTx runs fn in one write transaction.
func (s *Store) WithTx(ctx context.Context, fn func(tx store.Tx) error) error {
	return s.write(ctx, func(o *ops) error { return fn(o) })
}

// write runs fn in a transaction on the writer.
func (s *Store) write(ctx context.Context, fn func(*ops) error) (err error) {
	return s.inTx(ctx, s.w, nil, fn)
}

// read runs fn in a read-only transaction on a reader, so that a method
// reading several tables sees one committed state.
func (s *Store) read(ctx context.Context, fn func(*ops) error) error {
	return s.inTx(ctx, s.r, &sql.TxOptions{ReadOnly: true}, fn)
}

func (s *Store) inTx(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(*ops) error) (err error) {
	if s.closed.Load() {
		return store.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin: %w", ctxErr(ctx, err))
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(&ops{c: tx, now: s.now}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", ctxErr(ctx, err))
	}
	return nil
}

// ctxErr prefers the context's error over the driver's report of it
// ("interrupted", sql.ErrTxDone), so that errors.Is(err, context.Canceled)
// holds.
func ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}
