package main

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
)

// tableOptions are the flags shared by metrics and benefits.
type tableOptions struct {
	by, from, to, org, service, format string
}

func (o *tableOptions) bind(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.by, "by", "month", "period: month, quarter or year")
	f.StringVar(&o.from, "from", "", "first period, YYYY-MM, YYYY-Qn or YYYY (default: first with data)")
	f.StringVar(&o.to, "to", "", "last period, YYYY-MM, YYYY-Qn or YYYY (default: last with data)")
	f.StringVar(&o.org, "org", "", "only this organisation")
	f.StringVar(&o.service, "service", "", "only this service")
	f.StringVar(&o.format, "format", formatTable, "output: table, csv or json")
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
	if o.from != "" {
		if f.From, _, err = queries.ParsePeriod(o.from); err != nil {
			return f, usagef("--from: %v", err)
		}
	}
	if o.to != "" {
		if _, f.To, err = queries.ParsePeriod(o.to); err != nil {
			return f, usagef("--to: %v", err)
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, usagef("--to %s is before --from %s", o.to, o.from)
	}
	return f, nil
}

func newMetricsCmd(a *app) *cobra.Command {
	var opts tableOptions
	cmd := &cobra.Command{
		Use:   "metrics",
		Short: "Volume and handling time per org, service, channel and period (SPEC §4)",
		Example: "  gevinst metrics --by quarter --format csv\n" +
			"  gevinst metrics --from 2008-01 --to 2008-12 --service barnehage",
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			f, err := opts.filter()
			if err != nil {
				return err
			}
			return a.withDB(cmd, func(db *queries.DB) error {
				rows, err := db.Metrics(cmd.Context(), f)
				if err != nil {
					return err
				}
				return writeRows(a.stdout, opts.format, model.MetricColumns, values(rows, model.MetricRow.Values))
			})
		}),
	}
	opts.bind(cmd)
	return cmd
}

func newBenefitsCmd(a *app) *cobra.Command {
	var opts tableOptions
	cmd := &cobra.Command{
		Use:     "benefits",
		Short:   "Benefits per org, service and period against the baseline (SPEC §5)",
		Example: "  gevinst benefits --by year --format csv",
		Args:    cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			f, err := opts.filter()
			if err != nil {
				return err
			}
			return a.withDB(cmd, func(db *queries.DB) error {
				rows, err := db.Benefits(cmd.Context(), f)
				if err != nil {
					return err
				}
				return writeRows(a.stdout, opts.format, model.BenefitColumns, values(rows, model.BenefitRow.Values))
			})
		}),
	}
	opts.bind(cmd)
	return cmd
}

// values turns typed rows into value slices for writeRows.
func values[R any](rows []R, f func(R) []any) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = f(r)
	}
	return out
}

// withDB opens the database, runs fn and closes it.
func (a *app) withDB(cmd *cobra.Command, fn func(*queries.DB) error) error {
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
				cols := []string{"batch_id", "kind", "file_name", "sha256", "rows_read", "rows_loaded",
					"rows_rejected", "rows_replaced", "status", "started_at", "finished_at"}
				vals := values(rows, func(b model.BatchRow) []any {
					return []any{b.BatchID, b.Kind, b.FileName, b.SHA256, b.RowsRead, b.RowsLoaded,
						b.RowsRejected, b.RowsReplaced, b.Status,
						b.StartedAt.Format(time.DateTime), b.FinishedAt.Format(time.DateTime)}
				})
				return writeRows(a.stdout, format, cols, vals)
			})
		}),
	}
	cmd.Flags().StringVar(&format, "format", formatTable, "output: table, csv or json")
	return cmd
}
