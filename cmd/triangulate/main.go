// Command triangulate reads many outlets' reports of one event and writes
// one cross-checked dossier. See the README, or run "triangulate help".
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/triangulate/triangulate/internal/app"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	p := &app.Program{
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		IsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
	}
	code := p.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
