// Package postgres is the store on a PostgreSQL server, for a deployment
// whose data belongs in a database server (its backups, replication and
// monitoring) rather than in a file beside the binary. Unlike the SQLite
// file, it is safe for several processes on several machines at once: the
// queue's claims and leases hold across them.
//
// It speaks to the server through a pgx connection pool. The schema is a list
// of numbered, embedded migrations applied on Open in one transaction, under
// a transaction-scoped advisory lock so that processes starting together do
// not race to create it.
//
// # Isolation
//
// Write transactions (the Store's own writes and WithTx) run at READ
// COMMITTED, with explicit row locks where an operation reads before it
// writes. This is what gives the interface's guarantees without making the
// caller retry:
//   - Claim picks its rows with FOR UPDATE SKIP LOCKED: a row another claimer
//     has locked is skipped, and a row it claimed and committed is re-checked
//     by PostgreSQL after the lock is taken (it is no longer queued), so two
//     claimers never receive the same item; the lease then holds because
//     Complete, Fail and ExtendLease match on status and owner.
//   - Every operation that derives a write from what it read locks the rows
//     it depends on first (the stories whose counts it recomputes, the
//     article it moves, the story whose dossier version it numbers), and
//     reads them again in a later statement, which at READ COMMITTED sees
//     every transaction committed before the lock was granted. Conflicting
//     writers therefore queue on those locks and apply their changes one
//     after the other: transactions are serialisable with respect to each
//     other's writes, as SQLite's single writer makes them.
//
// SERIALIZABLE would give the same guarantee by aborting one of two
// conflicting transactions with a serialisation failure, which WithTx would
// have to hand to its caller (it must not run fn again behind the caller's
// back, since fn may have effects outside the database), and busy claimers
// would see such failures all the time. Read-only methods run at REPEATABLE
// READ, READ ONLY, so that a method reading several tables sees one snapshot;
// such transactions never fail to serialise.
//
// The Store's own single-operation transactions are retried a few times when
// PostgreSQL reports a deadlock or a serialisation failure (two operations
// locking the same stories in opposite orders): they are pure functions of
// the database, so running one again is safe. WithTx never retries: its
// error is returned, wrapped, and errors.Is(err, ErrRetryable) tells the
// caller it may try again.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/puddle/v2"
	"github.com/triangulate/triangulate/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the key of the advisory lock taken while migrating
// (advisory locks are per database, so other databases on the server are not
// held up). Its value is arbitrary; it must only not change between
// versions.
const migrationLock int64 = 0x7472696e67756c61 // "tringula"

// ErrRetryable is wrapped by the errors of a transaction PostgreSQL aborted
// to resolve a deadlock or a serialisation failure: nothing was kept, and the
// same transaction may succeed if tried again (store.WithRetry does). It is
// store.ErrRetryable, so that callers need not know the implementation.
var ErrRetryable = store.ErrRetryable

// ownRetries is how many times the Store runs one of its own operations when
// PostgreSQL aborts it with a retryable conflict.
const ownRetries = 5

// Options tune a Store. The zero value works.
type Options struct {
	// MaxConns is the size of the connection pool; 0 keeps pgxpool's
	// default (max(4, GOMAXPROCS)) or the DSN's pool_max_conns.
	MaxConns int32
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
}

// Store is a store.Store on a PostgreSQL database.
type Store struct {
	// Auto gives every operation of store.Tx, each in a transaction of its
	// own (read or write, below).
	store.Auto
	pool   *pgxpool.Pool
	now    func() time.Time
	closed atomic.Bool
}

var _ store.Store = (*Store)(nil)

// Open connects to the database named by dsn (a postgres:// URL or a
// key=value connection string), brings its schema up to date, and requeues
// the work items whose lease expired while no process held them. The
// database must exist; its schema is created on first use.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// Not the DSN itself in the message: it may hold a password (pgx's
		// own error masks it).
		return nil, fmt.Errorf("postgres: open: %w: %w", store.ErrInvalid, err)
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		// A server that drops packets would otherwise hold Open (and every
		// new connection) for the operating system's TCP timeout, minutes;
		// the DSN's connect_timeout overrides this.
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
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
	where := cfg.ConnConfig.Host + "/" + cfg.ConnConfig.Database
	s.pool, err = pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open %s: %w", where, err)
	}
	if err := s.migrate(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", where, ctxErr(ctx, err))
	}
	if _, err := s.RequeueExpired(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", where, err)
	}
	return s, nil
}

// migrate applies the embedded migrations the database has not seen, all in
// one transaction (PostgreSQL's DDL is transactional: a failure leaves the
// schema as it was). The advisory lock makes a second process opening the
// database at the same moment wait, then find the schema current.
func (s *Store) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
			return fmt.Errorf("migrate: lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
			version    integer PRIMARY KEY,
			applied_at timestamptz NOT NULL)`); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		var current int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&current); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		pending, err := store.Migrations(migrations, "migrations", current)
		if err != nil {
			return err
		}
		for _, m := range pending {
			// Without arguments, Exec uses the simple protocol, which runs
			// the file's several statements.
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migrate: %s: %w", m.Name, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)`,
				m.Version, s.now()); err != nil {
				return fmt.Errorf("migrate: %s: %w", m.Name, err)
			}
		}
		return nil
	})
}

// SchemaVersion returns the version of the applied schema.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.read(ctx, func(o *ops) error {
		return o.c.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&v)
	})
	if err != nil {
		return 0, fmt.Errorf("postgres: schema version: %w", err)
	}
	return v, nil
}

// Close closes the pool, waiting for the connections in use to be returned.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.pool.Close()
	return nil
}

// WithTx runs fn in one READ COMMITTED transaction (see the package doc for
// why that level) and never runs it twice.
func (s *Store) WithTx(ctx context.Context, fn func(tx store.Tx) error) error {
	return s.inTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(o *ops) error { return fn(o) })
}

// write runs one of the Store's own operations in a write transaction,
// retrying it when PostgreSQL aborted it to break a deadlock.
func (s *Store) write(ctx context.Context, fn func(*ops) error) error {
	return s.retry(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, fn)
}

// read runs fn in a read-only transaction, so that a method reading several
// tables sees one committed state.
func (s *Store) read(ctx context.Context, fn func(*ops) error) error {
	return s.retry(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
}

func (s *Store) retry(ctx context.Context, opts pgx.TxOptions, fn func(*ops) error) error {
	for attempt := 1; ; attempt++ {
		err := s.inTx(ctx, opts, fn)
		if err == nil || attempt == ownRetries || !errors.Is(err, ErrRetryable) || ctx.Err() != nil {
			return err
		}
		// A short, growing pause lets the transaction that won go first.
		select {
		case <-time.After(time.Duration(attempt) * 5 * time.Millisecond):
		case <-ctx.Done():
			return err
		}
	}
}

// inTx runs fn in a transaction with opts, committing when it returns nil
// and rolling back when it fails, panics or ctx ends.
func (s *Store) inTx(ctx context.Context, opts pgx.TxOptions, fn func(*ops) error) (err error) {
	if s.closed.Load() {
		return store.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	tx, err := s.pool.BeginTx(ctx, opts)
	if err != nil {
		return s.wrapBegin(ctx, err)
	}
	defer func() {
		if p := recover(); p != nil {
			rollback(tx)
			panic(p)
		}
	}()
	if err := fn(&ops{c: tx, now: s.now}); err != nil {
		rollback(tx)
		return err
	}
	if err := ctx.Err(); err != nil {
		// pgx would fail the commit on the dead context anyway; say why.
		rollback(tx)
		return fmt.Errorf("store: commit: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("store: commit: %w", classify(ctx, err))
	}
	return nil
}

// wrapBegin names a failure to start a transaction, telling a closed pool
// (Close raced with the call) from the rest.
func (s *Store) wrapBegin(ctx context.Context, err error) error {
	if s.closed.Load() {
		return fmt.Errorf("store: begin: %w", store.ErrClosed)
	}
	return fmt.Errorf("store: begin: %w", classify(ctx, err))
}

// rollback ends a transaction that will not commit. It uses a context of its
// own: the caller's may be the reason for the rollback, and a rollback that
// cannot be sent closes the connection, which rolls back just the same.
func rollback(tx pgx.Tx) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = tx.Rollback(ctx)
}

// classify prepares a driver error for wrapping: the context's error first
// when the context ended (pgx reports a cancelled statement as a server
// error or a closed connection), ErrRetryable for deadlocks and
// serialisation failures, and ErrClosed for a pool closed under the call.
func classify(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01") {
		return fmt.Errorf("%w: %w", ErrRetryable, err)
	}
	if errors.Is(err, puddle.ErrClosedPool) {
		return fmt.Errorf("%w: %w", store.ErrClosed, err)
	}
	return err
}

// ctxErr puts the context's error first when the context ended.
func ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}
