package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/queries"
)

func newRunCmd(a *app) *cobra.Command {
	var strict bool
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run the configured batch job: every configured import, then the reports",
		Long: `Run the batch job under "run:" in the config: each import's file patterns are
expanded (in name order) and imported, each file its own atomic batch; files
already imported are skipped, so a scheduled job can run again and again
over the same inbox. When every file was imported, each configured report is
written ({date} in its name becomes today's date). When a file was refused,
no report is written and the job exits 1.`,
		Example: "  gevinst run --config /etc/gevinst/halden.yaml --log-format json",
		Args:    cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			return a.runJob(cmd, strict)
		}),
	}
	cmd.Flags().BoolVar(&strict, "strict", false, "exit with code 3 when any row was rejected")
	return cmd
}

// runJob checks every report's settings and creates the folders the
// workbooks go into before it opens the database, so that a bad report
// setting never fails the job after its imports were committed; then it
// imports and writes the reports.
func (a *app) runJob(cmd *cobra.Command, strict bool) error {
	ctx := cmd.Context()
	job := a.cfg.Run
	if len(job.Imports) == 0 && len(job.Reports) == 0 {
		return usagef("the config has no run: section (run.imports, run.reports); see config/gevinst.example.yaml")
	}
	if len(job.Imports) == 0 {
		// Reports only: the job reads, and must not create a database.
		if err := a.requireDB(); err != nil {
			return err
		}
	}
	date := a.now().Format("2006-01-02")
	reportOpts := make([]reportOptions, len(job.Reports))
	for i, r := range job.Reports {
		reportOpts[i] = reportOptions{
			out: strings.ReplaceAll(r.Out, "{date}", date), lang: r.Lang, from: r.From, to: r.To, org: r.Org,
		}
		if _, err := a.reportSettings(reportOpts[i]); err != nil {
			return usagef("run.reports[%d]: %s", i, strings.TrimPrefix(err.Error(), errUsage.Error()+": "))
		}
		if err := prepareOutDir(reportOpts[i].out); err != nil {
			return fmt.Errorf("run.reports[%d]: %w", i, err)
		}
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var rejected int64
	var failed []error
	for _, im := range job.Imports {
		var files []string
		for _, pattern := range im.Files {
			matches, err := filepath.Glob(pattern)
			if err != nil {
				return usagef("run.imports files %q: %v", pattern, err)
			}
			files = append(files, matches...)
		}
		slices.Sort(files)
		files = slices.Compact(files)
		if len(files) == 0 {
			a.log.Info("no files match", "kind", im.Kind, "files", strings.Join(im.Files, " "))
			continue
		}
		results, err := pipelines.Import(ctx, db, &a.cfg, pipelines.ImportOptions{
			Kind: queries.Kind(im.Kind), Source: im.Source, Files: files, Now: a.now,
			Errors: a.stderr, JSON: a.cfg.LogFormat == "json",
		}, a.progress(), a.log)
		if errors.Is(err, pipelines.ErrInterrupted) {
			return err
		}
		for _, r := range results {
			rejected += r.RowsRejected
		}
		if err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d import(s) failed, so no report was written: %w", len(failed), failed[0])
	}
	for _, ro := range reportOpts {
		if _, err := a.writeReport(ctx, db, ro); err != nil {
			return err
		}
	}
	if strict && rejected > 0 {
		return fmt.Errorf("%w: %d rows rejected (--strict)", errStrictRejects, rejected)
	}
	return nil
}
