package app

import (
	"context"
	"fmt"
)

const evalUsage = `Usage: triangulate eval SUBCOMMAND [flags] ...

Subcommands:
  extract [--failures N] DIR   score the HTML path on the article extraction
                               benchmark in DIR (e.g. ../shared/data/aeb)
  cluster ...                  score story clustering
  crosscheck ...               score sentence alignment, name merging and
                               conflicts on ECB+ (e.g. ../shared/data/ecbplus)
`

// eval runs a quality harness over a data set: "eval extract", "eval cluster".
func (p *Program) eval(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(p.Stderr, evalUsage)
		return usagef("eval: no subcommand given (extract, cluster or crosscheck)")
	}
	switch args[0] {
	case "extract":
		return p.evalExtract(ctx, args[1:])
	case "cluster":
		return p.evalCluster(ctx, args[1:])
	case "crosscheck":
		return p.evalCrosscheck(ctx, args[1:])
	case "help", "-h", "--help", "-help":
		fmt.Fprint(p.Stdout, evalUsage)
		return nil
	}
	return usagef("eval: unknown subcommand %q (extract, cluster or crosscheck)", args[0])
}
