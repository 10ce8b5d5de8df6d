package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/queries"
)

type importOptions struct {
	kind   queries.Kind
	files  []string
	dryRun bool
	strict bool
}

// newImportCmd makes `gevinst import` or, with dryRun, `gevinst validate`.
func newImportCmd(a *app, dryRun bool) *cobra.Command {
	opts := importOptions{dryRun: dryRun}
	cmd := &cobra.Command{
		Use:   "import submissions|time FILE...",
		Short: "Import files, one atomic batch per file",
		Long: `Import canonical CSV files of submissions (SPEC §2.1) or time registrations
(SPEC §2.2). Each file is checked row by row and loaded in one transaction;
rows that fail a check are stored as rejects with line, column, value and
reason. A file already imported (same SHA-256) is skipped. A file whose
reject share exceeds import.max_reject_share is refused whole.`,
		Example: "  gevinst import submissions export-2008-12.csv\n  gevinst import time timer-2008.csv",
		Args:    cobra.MinimumNArgs(2),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			kind, err := queries.ParseKind(args[0])
			if err != nil {
				return usagef("%v", err)
			}
			opts.kind, opts.files = kind, args[1:]
			return a.runImport(cmd, opts)
		}),
	}
	if dryRun {
		cmd.Use = "validate submissions|time FILE..."
		cmd.Short = "Check files as import would, write nothing, list every problem"
		cmd.Long = "Run every check of import on the files and list the problems; nothing is written."
		cmd.Example = "  gevinst validate submissions export-2008-12.csv"
	}
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "exit with code 3 when any row was rejected")
	return cmd
}

func (a *app) runImport(cmd *cobra.Command, opts importOptions) error {
	db, err := a.openDB(cmd.Context())
	if err != nil {
		return err
	}
	defer db.Close()
	results, err := pipelines.Import(cmd.Context(), db, &a.cfg, pipelines.ImportOptions{
		Kind: opts.kind, Files: opts.files, DryRun: opts.dryRun, Now: a.now,
	}, a.summaryOut(opts.dryRun), a.log)
	if err != nil {
		return err
	}
	var rejected int64
	for _, r := range results {
		rejected += r.RowsRejected
	}
	if opts.strict && rejected > 0 {
		return fmt.Errorf("%w: %d rows rejected (--strict)", errStrictRejects, rejected)
	}
	return nil
}

// summaryOut is where per-file summaries go: validate's findings are its
// result (stdout); import's summaries are progress (stderr, unless --quiet).
func (a *app) summaryOut(dryRun bool) io.Writer {
	if dryRun {
		return a.stdout
	}
	return a.progress()
}
