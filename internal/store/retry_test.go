package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// flaky is a Store whose transactions fail with failure their first fails
// runs.
type flaky struct {
	Tx
	fails   int
	failure error
	runs    int
}

func (f *flaky) WithTx(ctx context.Context, fn func(tx Tx) error) error {
	f.runs++
	if f.runs <= f.fails {
		return fmt.Errorf("postgres: commit: %w", f.failure)
	}
	return fn(f)
}

func (f *flaky) Close() error { return nil }

func TestWithRetry(t *testing.T) {
	ctx := context.Background()
	ran := 0
	fn := func(Tx) error { ran++; return nil }

	// Aborted twice by conflicts: the third run commits.
	f := &flaky{fails: 2, failure: ErrRetryable}
	if err := WithRetry(ctx, f, fn); err != nil || f.runs != 3 || ran != 1 {
		t.Errorf("two conflicts: err %v after %d runs, fn ran %d times", err, f.runs, ran)
	}
	// Aborted every time: it gives up after len(retryPauses) retries.
	f = &flaky{fails: 100, failure: ErrRetryable}
	if err := WithRetry(ctx, f, fn); !errors.Is(err, ErrRetryable) || f.runs != len(retryPauses)+1 {
		t.Errorf("endless conflicts: err %v after %d runs", err, f.runs)
	}
	// Any other failure is returned at once.
	f = &flaky{fails: 1, failure: ErrConflict}
	if err := WithRetry(ctx, f, fn); !errors.Is(err, ErrConflict) || f.runs != 1 {
		t.Errorf("a conflict on a key: err %v after %d runs, want no retry", err, f.runs)
	}
	// A cancelled context stops the retries.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	f = &flaky{fails: 100, failure: ErrRetryable}
	if err := WithRetry(cctx, f, fn); !errors.Is(err, ErrRetryable) || f.runs != 1 {
		t.Errorf("cancelled: err %v after %d runs, want one run", err, f.runs)
	}
}
