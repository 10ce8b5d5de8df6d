// Command gevinst imports form-submission logs and staff time registrations
// into an embedded DuckDB database, computes volume and handling time per
// channel and the benefits of moving to digital channels, and writes Excel
// dashboards. See README.md and SPEC §6.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C cancels ctx and the work rolls back; a second one
	// kills at once (the database is crash-safe, SPEC §9).
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
