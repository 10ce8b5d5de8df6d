package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/queries"
)

func newVerifyCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "verify WORKBOOK.xlsx",
		Short: "Check a dashboard or funder's report against its evidence sidecar and the database",
		Long: `Read WORKBOOK.xlsx.evidence.json (written by report), hash the workbook,
compare the batches in the database with the recorded ones, recompute every
figure with the recorded period, organisation and language (a funder's
report: its year and language) and the current config, and say whether the
workbook still matches. Exit 0 when it does, 1 with what differs when it
does not.`,
		Example: "  gevinst verify dashboard.xlsx\n  gevinst verify funder-2009.xlsx",
		Args:    cobra.ExactArgs(1),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			return a.withDB(cmd, func(db *queries.DB) error {
				return a.verify(cmd.Context(), db, args[0])
			})
		}),
	}
}

// verify prints "match" or every difference; a mismatch is an error
// (exit 1).
func (a *app) verify(ctx context.Context, db *queries.DB, workbook string) error {
	v, err := pipelines.Verify(ctx, db, &a.cfg, workbook, version)
	if err != nil {
		return err
	}
	for _, n := range v.Notes {
		fmt.Fprintf(a.stdout, "note: %s\n", n)
	}
	if len(v.Differences) == 0 {
		fmt.Fprintf(a.stdout, "match: %s is what the database and its evidence give\n", workbook)
		return nil
	}
	for _, d := range v.Differences {
		fmt.Fprintf(a.stdout, "differs: %s\n", d)
	}
	return fmt.Errorf("%w: %s (%d differences)", pipelines.ErrMismatch, workbook, len(v.Differences))
}
