package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/processor"
	"github.com/triangulate/triangulate/internal/store"
)

// addBatch is how many articles one transaction records: large enough
// that a pile of files is not a thousand commits, small enough that a
// failure loses little work.
const addBatch = 200

func (p *Program) add(ctx context.Context, args []string) error {
	var f inputFlags
	fs := p.newFlagSet("add", "add [flags] INPUT...")
	db := dbFlag(fs)
	queueOnly := fs.Bool("queue-only", false, "only queue the articles; a running 'triangulate serve' (or the next 'add') processes them")
	workers := fs.Int("workers", 0, "articles processed at once (default: the number of CPUs)")
	f.register(fs)
	inputs, iopts, err := p.parseInputs("add", fs, &f, args)
	if err != nil {
		return err
	}
	if f.out != "" {
		return usagef("add: -o is not used: articles go to the store (--db)")
	}

	st, err := openStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	defer st.Close()

	// The inputs are read as a stream and stored a batch at a time, so an
	// archive of a million articles (JSON Lines) goes through in memory
	// that does not grow with it.
	added, known := 0, 0
	var batch []news.Document
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		got, k := 0, 0
		err := store.WithRetry(ctx, st, func(tx store.Tx) error {
			got, k = 0, 0
			for _, d := range batch {
				_, created, err := tx.AddArticle(ctx, store.NewArticle{Document: d})
				if err != nil {
					return err
				}
				if created {
					got++
				} else {
					k++
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("add: %d articles stored, then: %w", added, err)
		}
		added, known, batch = added+got, known+k, batch[:0]
		return nil
	}
	err = ingest.Stream(ctx, inputs, iopts, func(d news.Document) error {
		if batch = append(batch, d); len(batch) == addBatch {
			return flush()
		}
		return nil
	}, func(e error) {
		if !f.quiet {
			p.reportInputErrors([]error{e})
		}
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	if added+known == 0 {
		return fmt.Errorf("add: %w: none of %d inputs could be read", errNothingRead, len(inputs))
	}
	fmt.Fprintf(p.Stderr, "triangulate: %d new articles queued in %s (%d already there)\n", added, storeName(*db), known)

	running, err := processor.Running(ctx, st)
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	if *queueOnly || running {
		if running {
			fmt.Fprintln(p.Stderr, "triangulate: a server is processing this store; it will take them from the queue")
		}
		return nil
	}
	counts, err := st.CountArticles(ctx)
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	total := counts[store.StatusQueued]
	if total == 0 {
		return nil
	}

	b, err := pipeline.NewBriefer()
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	proc, err := processor.New(ctx, st, b, processor.Options{Workers: *workers})
	if err != nil {
		return fmt.Errorf("add: %w", err)
	}
	stop := p.progress(total, proc)
	err = proc.Drain(ctx)
	stop()
	stats := proc.Stats()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(p.Stderr, "triangulate: interrupted after %d articles; the rest stay queued for the next 'add' or 'serve'\n", stats.Processed)
		}
		return fmt.Errorf("add: %w", err)
	}
	fmt.Fprintf(p.Stderr, "triangulate: processed %d articles (%d unusable), %d dossiers written; %d stories active\n",
		stats.Processed, stats.Failed, stats.Dossiers, stats.Stories)
	if stats.Failed > 0 {
		p.reportFailed(ctx, st)
	}
	if stats.Processed == 0 && stats.Failed > 0 {
		return fmt.Errorf("add: %w: no article had usable text", errNothingRead)
	}
	return nil
}

// reportFailed prints one line per failed article: which and why.
func (p *Program) reportFailed(ctx context.Context, st store.Store) {
	recs, err := st.ListArticles(ctx, store.ArticleFilter{Status: store.StatusFailed, Limit: 50})
	if err != nil {
		return
	}
	for _, r := range recs {
		fmt.Fprintf(p.Stderr, "triangulate: %s: %s\n", r.Input, r.Error)
	}
}

// progress shows the processing: a bar on a terminal, a summary line every
// few seconds elsewhere (a log file, CI). It returns the function that
// stops it.
func (p *Program) progress(total int, proc *processor.Processor) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	count := func() int64 { s := proc.Stats(); return s.Processed + s.Failed }
	if p.IsTerminal {
		bars := mpb.New(mpb.WithOutput(p.Stderr), mpb.WithWidth(40), mpb.WithRefreshRate(150*time.Millisecond))
		bar := bars.AddBar(int64(total),
			mpb.PrependDecorators(decor.Name("processing "), decor.CountersNoUnit("%d/%d")),
			mpb.AppendDecorators(decor.Percentage(decor.WC{W: 5}), decor.Name(" "), decor.AverageSpeed(nil, "%.0f/s")),
		)
		go func() {
			defer close(finished)
			t := time.NewTicker(100 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-done:
					bar.SetCurrent(count())
					bar.SetTotal(-1, true)
					bars.Wait()
					return
				case <-t.C:
					bar.SetCurrent(count())
				}
			}
		}()
	} else {
		go func() {
			defer close(finished)
			summary(p.Stderr, done, total, count)
		}()
	}
	return func() {
		close(done)
		<-finished
	}
}

// summary prints "processed N/M articles" every few seconds until done.
func summary(w io.Writer, done <-chan struct{}, total int, count func() int64) {
	start := time.Now()
	t := time.NewTicker(3 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			n := count()
			fmt.Fprintf(w, "triangulate: processed %d/%d articles (%.0f/s)\n", n, total, float64(n)/time.Since(start).Seconds())
		}
	}
}
