package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/pipelines"
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
			return a.runJob(cmd.Context(), strict)
		}),
	}
	cmd.Flags().BoolVar(&strict, "strict", false, "exit with code 3 when any row was rejected")
	return cmd
}

// runJob turns the config's run: section into the job's options — every
// report's settings checked (usage errors) before anything is imported —
// and runs it; under --strict rejected rows make exit code 3.
func (a *app) runJob(ctx context.Context, strict bool) error {
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
	for _, im := range job.Imports {
		for _, pattern := range im.Files {
			if _, err := filepath.Match(pattern, ""); err != nil {
				return usagef("run.imports files %q: %v", pattern, err)
			}
		}
	}
	date := a.now().Format("2006-01-02")
	reps := make([]pipelines.ReportJob, len(job.Reports))
	for i, r := range job.Reports {
		opts := reportOptions{
			out: strings.ReplaceAll(r.Out, "{date}", date), lang: r.Lang, from: r.From, to: r.To, org: r.Org,
		}
		ro, err := a.reportSettings(opts)
		if err != nil {
			return usagef("run.reports[%d]: %s", i, strings.TrimPrefix(err.Error(), errUsage.Error()+": "))
		}
		reps[i] = pipelines.ReportJob{Out: opts.out, ReportOptions: ro}
	}
	res, err := pipelines.Run(ctx, &a.cfg, pipelines.RunOptions{
		Reports: reps, Open: a.openDB, Now: a.now, Streams: a.streams(),
	})
	if err != nil {
		return err
	}
	if strict && res.Rejected > 0 {
		return fmt.Errorf("%w: %d rows rejected (--strict)", errStrictRejects, res.Rejected)
	}
	return nil
}
