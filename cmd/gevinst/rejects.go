package main

import (
	"context"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
)

// rejectsColumns are the columns of gevinst rejects, in order.
var rejectsColumns = []string{"batch_id", "file_name", "sheet", "line", "column_name", "raw_value", "reason", "reason_kind"}

type rejectsOptions struct {
	batch  int64
	file   string
	reason string
	format string
}

func newRejectsCmd(a *app) *cobra.Command {
	var opts rejectsOptions
	cmd := &cobra.Command{
		Use:   "rejects [--batch N] [--file F] [--reason R]",
		Short: "List every stored reject: batch, file, line (or sheet and row), column, raw value, reason",
		Long: `List the rows that imports rejected and stored, in batch and line order: the
batch, the file as given at import, the xlsx sheet (the line is then the
sheet's row number), the line (the header is line 1), the column, the value
as read and the reason, and the reason's kind (the reason without its value,
as the workbook's data-quality sheet groups them).

--batch N keeps one batch (gevinst batches lists them); --file F the batches
read from F, as given at import or by its base name; --reason R the rejects
whose reason kind is R or whose reason contains R, case-insensitively. A
refused file stores nothing: gevinst validate FILE lists its problems.`,
		Example: "  gevinst rejects\n" +
			"  gevinst rejects --file saker-2008.csv --format csv\n" +
			"  gevinst rejects --reason \"required value missing\"\n" +
			"  gevinst rejects --batch 3 --reason received_at",
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(opts.format); err != nil {
				return err
			}
			if cmd.Flags().Changed("batch") && opts.batch <= 0 {
				return usagef("--batch %d: expected a batch id (1 or more; gevinst batches lists them)", opts.batch)
			}
			return a.withDB(cmd, func(db *queries.DB) error {
				return a.listRejects(cmd.Context(), db, opts)
			})
		}),
	}
	f := cmd.Flags()
	f.Int64Var(&opts.batch, "batch", 0, "only this batch (gevinst batches lists them)")
	f.StringVar(&opts.file, "file", "", "only batches read from this file (as given at import, or its base name)")
	f.StringVar(&opts.reason, "reason", "", "only rejects whose reason kind is this, or whose reason contains it (case-insensitive)")
	f.StringVar(&opts.format, "format", formatTable, "output: table, csv or json")
	return cmd
}

// listRejects writes the stored rejects that opts selects. A --batch or
// --file that names no imported batch gets a warning on stderr (the
// list is then empty), as a filter that matches nothing should.
func (a *app) listRejects(ctx context.Context, db *queries.DB, opts rejectsOptions) error {
	if opts.batch != 0 || opts.file != "" {
		batches, err := db.Batches(ctx)
		if err != nil {
			return err
		}
		if opts.batch != 0 && !slices.ContainsFunc(batches, func(b model.BatchRow) bool { return b.BatchID == opts.batch }) {
			a.log.Warn("no such batch; gevinst batches lists the imported ones", "batch", opts.batch)
		}
		if opts.file != "" && !slices.ContainsFunc(batches, func(b model.BatchRow) bool {
			return b.FileName == opts.file || filepath.Base(b.FileName) == filepath.Base(opts.file)
		}) {
			a.log.Warn("no batch was read from this file; gevinst batches lists the imported files", "file", opts.file)
		}
	}
	rows, err := db.Rejects(ctx, queries.RejectFilter{BatchID: opts.batch, File: opts.file, Reason: opts.reason})
	if err != nil {
		return err
	}
	return writeRows(a.stdout, opts.format, rejectsColumns, values(rows, func(r model.RejectRow) []any {
		var value any = r.Value
		if r.ValueNull {
			value = nil
		}
		return []any{r.BatchID, r.FileName, r.Sheet, r.Line, r.Column, value, r.Reason, r.ReasonKind}
	}))
}
