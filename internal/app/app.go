// Package app is the triangulate program: its commands, flags, and the
// mapping of failures to messages and exit codes. cmd/triangulate only
// calls Run; tests run the same code with their own arguments and streams.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes.
const (
	ExitOK      = 0 // the job was done (some inputs may have been skipped: see stderr)
	ExitFailure = 1 // nothing usable was read, or the output could not be written
	ExitUsage   = 2 // the command line is wrong
)

// Version is the program's version, set at build time with
// -ldflags "-X github.com/triangulate/triangulate/internal/app.Version=...".
var Version = "0.1.0-dev"

// Program is one run of triangulate with its streams.
type Program struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// IsTerminal reports whether Stdout is a terminal (colour, progress).
	IsTerminal bool
	// Getenv reads the environment (NO_COLOR); default os.Getenv.
	Getenv func(string) string
}

// errUsage marks a command-line mistake; its message is printed with the
// command's usage hint.
var errUsage = errors.New("usage")

type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }
func (e *usageError) Unwrap() error { return errUsage }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// errNothingRead is returned when no input gave an article.
var errNothingRead = errors.New("no usable input")

const usage = `triangulate — cross-check many reports of one event into one dossier

Usage:
  triangulate brief [flags] INPUT...   write the dossier of the inputs
  triangulate annotate [flags] INPUT... sentences, entities, quantities,
                                       dates and quotes of each input
  triangulate extract [flags] INPUT... the cleaned text and metadata of each
                                       input (--format text|json)
  triangulate cluster [flags] INPUT... group the inputs into stories and say
                                       why (--format text|json)
  triangulate serve [flags]            run the server: web UI, JSON API, feed
                                       polling, live stories (--db, --addr,
                                       --demo)
  triangulate add [flags] INPUT...     add articles to the server's store and
                                       group them into stories (--db)
  triangulate eval extract DIR         score the HTML path on the article
                                       extraction benchmark
  triangulate eval cluster DIR         score story grouping (B³) on a folder
                                       with labels.json, e.g. ECB+
  triangulate version                  print the version
  triangulate help [COMMAND]           show help

An INPUT is a text or HTML file, a JSON or JSON Lines file of articles, an
RSS/Atom feed, a directory (read recursively), an http(s) URL, or - for
standard input. The kind is told from the content.

Exit codes: 0 done (inputs that could not be read are reported on stderr
and skipped), 1 nothing usable was read or the output failed, 2 usage.
`

// Run runs the program with args (without the program name) and returns
// its exit code.
func (p *Program) Run(ctx context.Context, args []string) int {
	if p.Getenv == nil {
		p.Getenv = os.Getenv
	}
	if p.Stdin == nil {
		p.Stdin = os.Stdin
	}
	err := p.dispatch(ctx, args)
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(p.Stderr, "triangulate: %v\n", err)
		fmt.Fprintln(p.Stderr, "run 'triangulate help' for usage")
		return ExitUsage
	default:
		fmt.Fprintf(p.Stderr, "triangulate: %v\n", err)
		return ExitFailure
	}
}

func (p *Program) dispatch(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(p.Stderr, usage)
		return usagef("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "brief":
		return p.brief(ctx, rest)
	case "annotate":
		return p.annotate(ctx, rest)
	case "cluster":
		return p.cluster(ctx, rest)
	case "extract":
		return p.extract(ctx, rest)
	case "eval":
		return p.eval(ctx, rest)
	case "serve":
		return p.serve(ctx, rest)
	case "add":
		return p.add(ctx, rest)
	case "version", "--version", "-version":
		fmt.Fprintf(p.Stdout, "triangulate %s\n", Version)
		return nil
	case "help", "-h", "--help", "-help":
		if len(rest) > 0 {
			return p.dispatch(ctx, []string{rest[0], "--help"})
		}
		fmt.Fprint(p.Stdout, usage)
		return nil
	}
	return usagef("unknown command %q", cmd)
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, as users type them ("brief dir/ --format
// json"). A lone "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// newFlagSet makes a flag set whose errors come back to Run rather than
// exiting, and whose messages and usage (for --help too) go to stderr:
// stdout carries only a command's output.
func (p *Program) newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(p.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(p.Stderr, "Usage: triangulate %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseSize reads a byte count with an optional KB, MB or GB suffix
// (powers of 1024).
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	var n int64
	if _, err := fmt.Sscanf(t, "%d", &n); err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid size %q", s)
	}
	return n * mult, nil
}
