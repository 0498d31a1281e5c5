package app

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/triangulate/triangulate/internal/eval"
)

// evalCluster runs the story-clustering benchmark: "triangulate eval
// cluster DIR" with DIR holding labels.json and the texts (ECB+ shape).
func (p *Program) evalCluster(ctx context.Context, args []string) error {
	var cpu int
	fs := p.newFlagSet("eval cluster", "eval cluster [flags] DIR\n\nDIR holds labels.json ({\"file\": {\"topic\", \"event\"}}) and the texts, in DIR/docs or DIR\n(e.g. ../shared/data/ecbplus). Prints B³ precision, recall and F1 at the event\nand topic levels, the clusters found and the time taken.")
	fs.IntVar(&cpu, "cpu", 0, "cleaning and annotation workers (default all cores; 1 for a per-core time)")
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usagef("eval cluster: %v", err)
	}
	if len(dirs) != 1 {
		return usagef("eval cluster: give one folder with a labels.json")
	}
	rep, err := eval.Cluster(ctx, dirs[0], eval.ClusterOptions{Concurrency: cpu})
	if err != nil {
		return fmt.Errorf("eval cluster: %w", err)
	}
	return p.writeOutput("", func(w io.Writer) error { return eval.WriteClusterReport(w, rep) })
}
