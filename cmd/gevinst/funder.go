package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/reports"
)

// writeFunder writes the funder's annual report (`gevinst report --kind
// funder --year YYYY`, SPEC §12) with its evidence sidecar and prints its
// path on stdout.
func (a *app) writeFunder(ctx context.Context, db *queries.DB, opts reportOptions) error {
	switch {
	case opts.kind != "funder":
		if opts.kind != "dashboard" {
			return usagef("--kind %q: expected dashboard or funder", opts.kind)
		}
		return usagef("--year is for --kind funder; the dashboard takes --from and --to")
	case opts.year < 1900 || opts.year > 2999:
		return usagef("--kind funder needs --year YYYY (got %d)", opts.year)
	case opts.from != "" || opts.to != "" || opts.org != "":
		return usagef("--kind funder reports one calendar year (--year) for every organisation: drop --from, --to and --org")
	case opts.out == "":
		return usagef("report needs --out FILE.xlsx")
	case !strings.EqualFold(filepath.Ext(opts.out), ".xlsx"):
		return usagef("--out %q: the funder's report is an .xlsx file", opts.out)
	}
	lang := opts.lang
	if lang == "" {
		lang = a.cfg.Report.Lang
	}
	if lang != "nb" && lang != "en" {
		return usagef("--lang %q: expected nb or en", lang)
	}
	in, err := pipelines.FunderInput(ctx, db, &a.cfg, pipelines.FunderOptions{Lang: lang, Year: opts.year, Now: a.now(), Version: version})
	if err != nil {
		return err
	}
	if err := pipelines.PrepareOutDir(opts.out); err != nil {
		return err
	}
	if err := reports.WriteFunder(opts.out, in); err != nil {
		return fmt.Errorf("write %s: %w", opts.out, err)
	}
	// The evidence sidecar, as the dashboard's: `gevinst verify` checks it.
	ev, err := pipelines.NewFunderEvidence(&a.cfg, in, opts.out)
	if err != nil {
		return err
	}
	sidecar, err := pipelines.WriteEvidence(opts.out, ev)
	if err != nil {
		return err
	}
	abs, _ := filepath.Abs(opts.out)
	fmt.Fprintln(a.stdout, abs)
	a.log.Info("funder's report written", "file", abs, "evidence", sidecar, "year", opts.year)
	return nil
}
