package main

import (
	"context"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
)

// tableOptions are the flags shared by metrics and benefits.
type tableOptions struct {
	by, from, to, org, service, format string
	suppress                           bool
}

func (o *tableOptions) bind(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.by, "by", "month", "period: month, quarter or year")
	f.StringVar(&o.from, "from", "", "first period, YYYY-MM, YYYY-Qn or YYYY (default: first with data)")
	f.StringVar(&o.to, "to", "", "last period, YYYY-MM, YYYY-Qn or YYYY (default: last with data)")
	f.StringVar(&o.org, "org", "", "only this organisation")
	f.StringVar(&o.service, "service", "", "only this service")
	f.StringVar(&o.format, "format", formatTable, "output: table, csv or json")
	f.BoolVar(&o.suppress, "suppress", false,
		"blank the figures of cells from fewer than privacy.min_cell submissions or employees (adds a suppressed column)")
}

// filter turns the flags into a query filter, or a usage error.
func (o *tableOptions) filter() (queries.Filter, error) {
	f := queries.Filter{Org: o.org, Service: o.service}
	var err error
	if f.Grain, err = queries.ParseGrain(o.by); err != nil {
		return f, usagef("%v", err)
	}
	if err := checkFormat(o.format); err != nil {
		return f, err
	}
	f.From, f.To, err = parseRange(o.from, o.to)
	return f, err
}

// parseRange parses --from and --to (either may be empty) into the first
// month of from and the last month of to.
func parseRange(from, to string) (first, last time.Time, err error) {
	if from != "" {
		if first, _, err = queries.ParsePeriod(from); err != nil {
			return first, last, usagef("--from: %v", err)
		}
	}
	if to != "" {
		if _, last, err = queries.ParsePeriod(to); err != nil {
			return first, last, usagef("--to: %v", err)
		}
	}
	if !first.IsZero() && !last.IsZero() && last.Before(first) {
		return first, last, usagef("--to %s is before --from %s", to, from)
	}
	return first, last, nil
}

// tableCmd is a command that prints one query's rows (metrics, benefits).
type tableCmd struct {
	use, short, example string
	columns             []string
	// fetch runs the query and returns its rows as values in columns order.
	fetch func(ctx context.Context, db *queries.DB, f queries.Filter) (tableRows, error)
}

// tableRows are a query's rows as values, with the small-cell rule of
// their schema.
type tableRows struct {
	vals [][]any
	// suppress blanks the figures of row i (vals[i]) when its cell is
	// small and reports whether it did.
	suppress func(i int, emp map[queries.CellKey]int64, minCell int) bool
}

// schemaRows turns typed rows into tableRows by their schema; subs is a
// row's submissions count for the small-cell rule.
func schemaRows[R interface{ Cell() model.CellKey }](s model.Schema[R], rows []R, subs func(R) int64) tableRows {
	t := tableRows{vals: values(rows, s.Values)}
	t.suppress = func(i int, emp map[queries.CellKey]int64, minCell int) bool {
		r := rows[i]
		return s.Suppress(t.vals[i], minCell, subs(r), emp[r.Cell()])
	}
	return t
}

func (t tableCmd) build(a *app) *cobra.Command {
	var opts tableOptions
	cmd := &cobra.Command{
		Use: t.use, Short: t.short, Example: t.example, Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			f, err := opts.filter()
			if err != nil {
				return err
			}
			return a.withDB(cmd, func(db *queries.DB) error {
				rows, err := t.fetch(cmd.Context(), db, f)
				if err != nil {
					return err
				}
				if len(rows.vals) == 0 {
					a.warnNoMatch(cmd.Context(), db, f)
				}
				cols := t.columns
				if opts.suppress {
					emp, err := db.CellEmployees(cmd.Context(), f)
					if err != nil {
						return err
					}
					cols = append(slices.Clone(cols), "suppressed")
					suppressRows(rows, emp, a.cfg.Privacy.MinCell)
				}
				return writeRows(a.stdout, opts.format, cols, rows.vals)
			})
		}),
	}
	opts.bind(cmd)
	return cmd
}

func newMetricsCmd(a *app) *cobra.Command {
	return tableCmd{
		use:   "metrics",
		short: "Volume and handling time per org, service, channel and period (docs/method.md)",
		example: "  gevinst metrics --by quarter --format csv\n" +
			"  gevinst metrics --from 2008-01 --to 2008-12 --service barnehage",
		columns: model.MetricSchema.Names(),
		fetch: func(ctx context.Context, db *queries.DB, f queries.Filter) (tableRows, error) {
			rows, err := db.Metrics(ctx, f)
			return schemaRows(model.MetricSchema, rows, func(r model.MetricRow) int64 { return r.Submissions }), err
		},
	}.build(a)
}

func newBenefitsCmd(a *app) *cobra.Command {
	return tableCmd{
		use:     "benefits",
		short:   "Benefits per org, service and period against the baseline (docs/method.md)",
		example: "  gevinst benefits --by year --format csv",
		columns: model.BenefitSchema.Names(),
		fetch: func(ctx context.Context, db *queries.DB, f queries.Filter) (tableRows, error) {
			rows, err := db.Benefits(ctx, f)
			return schemaRows(model.BenefitSchema, rows, func(r model.BenefitRow) int64 { return r.Submissions }), err
		},
	}.build(a)
}

// values turns typed rows into value slices for writeRows.
func values[R any](rows []R, f func(R) []any) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = f(r)
	}
	return out
}

// withDB opens the existing database, runs fn and closes it; a missing
// database is an error (requireDB), not a new one.
func (a *app) withDB(cmd *cobra.Command, fn func(*queries.DB) error) error {
	if err := a.requireDB(); err != nil {
		return err
	}
	db, err := a.openDB(cmd.Context())
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

func newBatchesCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "batches",
		Short: "List imported batches: file, checksum, kind, rows loaded/rejected/replaced, time",
		Args:  cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			return a.withDB(cmd, func(db *queries.DB) error {
				rows, err := db.Batches(cmd.Context())
				if err != nil {
					return err
				}
				cols := []string{"batch_id", "kind", "source", "file_name", "format", "sheet", "sha256", "rows_read",
					"rows_loaded", "rows_rejected", "rows_replaced", "status", "started_at", "finished_at"}
				vals := values(rows, func(b model.BatchRow) []any {
					return []any{b.BatchID, b.Kind, b.Source, b.FileName, b.Format, b.Sheet, b.SHA256, b.RowsRead,
						b.RowsLoaded, b.RowsRejected, b.RowsReplaced, b.Status,
						b.StartedAt.Format(time.DateTime), b.FinishedAt.Format(time.DateTime)}
				})
				return writeRows(a.stdout, format, cols, vals)
			})
		}),
	}
	cmd.Flags().StringVar(&format, "format", formatTable, "output: table, csv or json")
	return cmd
}

// suppressRows applies SPEC §8's small-cell rule (model.Schema.Suppress,
// the same as the workbook's and export's) to metrics or benefits rows
// (the analysts' outputs are not suppressed unless asked): a row from
// fewer than minCell submissions, or whose staff minutes come from fewer
// than minCell distinct employees, keeps its grain columns and loses every
// figure. Each row gets a final suppressed column.
func suppressRows(rows tableRows, emp map[queries.CellKey]int64, minCell int) {
	for i := range rows.vals {
		rows.vals[i] = slices.Clone(rows.vals[i])
		hide := rows.suppress(i, emp, minCell)
		rows.vals[i] = append(rows.vals[i], hide)
	}
}
