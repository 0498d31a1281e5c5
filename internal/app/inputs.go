package app

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
)

// inputFlags are the flags of every command that reads inputs: where the
// output goes, and the limits of reading.
type inputFlags struct {
	out     string
	timeout time.Duration
	maxSize string
	quiet   bool
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.out, "o", "", "write the output to this file instead of standard output")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "time limit for fetching each URL")
	fs.StringVar(&f.maxSize, "max-size", "10MB", "largest input accepted (e.g. 512KB, 10MB)")
	fs.BoolVar(&f.quiet, "q", false, "do not report inputs that could not be read")
}

// parse parses a reading command's line: flags anywhere, at least one
// input, a valid --max-size. It returns the inputs and the ingest options.
func (p *Program) parseInputs(cmd string, fs *flag.FlagSet, f *inputFlags, args []string) ([]string, ingest.Options, error) {
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return nil, ingest.Options{}, err
		}
		return nil, ingest.Options{}, usagef("%s: %v", cmd, err)
	}
	if len(inputs) == 0 {
		return nil, ingest.Options{}, usagef("%s: no input given (files, directories, URLs or -)", cmd)
	}
	maxBytes, err := parseSize(f.maxSize)
	if err != nil {
		return nil, ingest.Options{}, usagef("%s: --max-size: %v", cmd, err)
	}
	return inputs, ingest.Options{MaxBytes: maxBytes, Timeout: f.timeout, Stdin: p.Stdin}, nil
}

// readInputs reads and cleans the inputs, reporting each failure on one
// line of stderr; it fails only when nothing usable was read.
func (p *Program) readInputs(ctx context.Context, cmd string, inputs []string, opts ingest.Options, quiet bool) ([]*news.Article, error) {
	arts, _ := p.readArticles(ctx, inputs, opts, quiet)
	if len(arts) == 0 {
		return nil, fmt.Errorf("%s: %w: none of %d inputs gave an article", cmd, errNothingRead, len(inputs))
	}
	return arts, nil
}

// textOrJSON checks the --format of the commands that write text or JSON.
func textOrJSON(cmd, format string) error {
	if format != "text" && format != "json" {
		return usagef("%s: --format must be text or json, not %q", cmd, format)
	}
	return nil
}
