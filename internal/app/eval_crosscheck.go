package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/triangulate/triangulate/internal/eval"
)

// evalCrosscheck runs the cross-check benchmark: "triangulate eval
// crosscheck DIR" with DIR holding labels.json, mentions.jsonl and the
// texts (ECB+).
func (p *Program) evalCrosscheck(ctx context.Context, args []string) error {
	var (
		cpu      int
		noInject bool
		failures int
		pairs    int
		events   string
	)
	fs := p.newFlagSet("eval crosscheck", "eval crosscheck [flags] DIR\n\nDIR holds labels.json, mentions.jsonl and the texts in DIR/docs (e.g. ../shared/data/ecbplus).\nBuilds one dossier per gold event and prints pairwise precision and recall of sentence\nalignment and name merging against the gold chains, each beside a Jaccard baseline, whether\nevery dossier is the same on a second build, the conflicts it reports, and the recall of\nconflicts injected by changing one value in one article.")
	fs.IntVar(&cpu, "cpu", 0, "cleaning and annotation workers (default all cores)")
	fs.BoolVar(&noInject, "no-inject", false, "skip the injected conflicts")
	fs.IntVar(&failures, "failures", 0, "also list the N most frequent name failures (splits, wrong merges, unresolved)")
	fs.IntVar(&pairs, "pairs", 0, "also list N sentence pairs aligned against the gold or missed, spread over the run")
	fs.StringVar(&events, "events", "", "comma-separated prefixes of the events to run (e.g. 1_,12_plus); all by default")
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usagef("eval crosscheck: %v", err)
	}
	if len(dirs) != 1 {
		return usagef("eval crosscheck: give one folder with labels.json and mentions.jsonl")
	}
	opts := eval.CrosscheckOptions{Concurrency: cpu, NoInject: noInject}
	if events != "" {
		opts.Events = strings.Split(events, ",")
	}
	rep, err := eval.Crosscheck(ctx, dirs[0], opts)
	if err != nil {
		return fmt.Errorf("eval crosscheck: %w", err)
	}
	return p.writeOutput("", func(w io.Writer) error {
		if err := eval.WriteCrosscheckReport(w, rep); err != nil {
			return err
		}
		if failures > 0 {
			if err := eval.WriteFailures(w, rep, failures); err != nil {
				return err
			}
		}
		if pairs > 0 {
			return eval.WriteAlignFailures(w, rep, pairs)
		}
		return nil
	})
}
