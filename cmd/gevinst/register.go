package main

import (
	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
)

// modelOptions are the flags of the benefits-model commands (register,
// costs, compare): a range, an org, a service and the output format.
type modelOptions struct {
	from, to, org, service, format string
}

func (o *modelOptions) bind(cmd *cobra.Command, toHelp string) {
	f := cmd.Flags()
	f.StringVar(&o.from, "from", "", "first period, YYYY-MM, YYYY-Qn or YYYY (default: first with data)")
	f.StringVar(&o.to, "to", "", toHelp)
	f.StringVar(&o.org, "org", "", "only this organisation")
	f.StringVar(&o.service, "service", "", "only this service")
	f.StringVar(&o.format, "format", formatTable, "output: table, csv or json")
}

// filter turns the flags into a query filter, or a usage error.
func (o *modelOptions) filter() (queries.Filter, error) {
	f := queries.Filter{Org: o.org, Service: o.service}
	if err := checkFormat(o.format); err != nil {
		return f, err
	}
	var err error
	f.From, f.To, err = parseRange(o.from, o.to)
	return f, err
}

// modelCmd builds a command that prints one table of the benefits model.
func modelCmd(a *app, use, short, long, toHelp string,
	fetch func(cmd *cobra.Command, db *queries.DB, f queries.Filter) ([]string, [][]any, error)) *cobra.Command {
	var opts modelOptions
	cmd := &cobra.Command{
		Use: use, Short: short, Long: long, Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			f, err := opts.filter()
			if err != nil {
				return err
			}
			return a.withDB(cmd, func(db *queries.DB) error {
				cols, rows, err := fetch(cmd, db, f)
				if err != nil {
					return err
				}
				if len(rows) == 0 {
					a.warnNoMatch(cmd.Context(), db, f)
				}
				return writeRows(a.stdout, opts.format, cols, rows)
			})
		}),
	}
	opts.bind(cmd, toHelp)
	return cmd
}

func newRegisterCmd(a *app) *cobra.Command {
	return modelCmd(a, "register",
		"The benefits register with actuals, trajectory and RAG (docs/method.md)",
		`Print every benefit of the register (config key register, or the
assumptions workbook's register sheet) with its actual value over the 12
months ending with the as-of month (--to, default the last month with
data), the straight-line trajectory from baseline to target at the end of
that month, the achievement and the RAG status: green at or beyond the
trajectory, amber at 90 % or more, red below.`,
		"as-of month, YYYY-MM (default: last with data)",
		func(cmd *cobra.Command, db *queries.DB, f queries.Filter) ([]string, [][]any, error) {
			rows, err := pipelines.Register(cmd.Context(), db, &a.cfg, f)
			return model.RegisterSchema.Names(), values(rows, model.RegisterSchema.Values), err
		})
}

func newCostsCmd(a *app) *cobra.Command {
	return modelCmd(a, "costs",
		"Costs of the change: net benefit, payback month and NPV per org and service (docs/method.md)",
		`Set the costs of the change (config key change_costs, or the assumptions
workbook) against the value saved: per organisation and service, and per
organisation over all services (service "*"): the benefit's run-rate from the
last 12 months of the range, the net annual benefit, the net benefit to date,
the payback month (projected at the run-rate when it lies ahead) and the net
present value over change_costs.horizon_years (default 10) at the real
discount rate change_costs.discount_rate (default 0.04). Costs dated before
--from count as of its first month (a one-off in full, a running cost from
its date). With --service only that service's rows are printed; the "*"
row needs every service's benefit (use --org).`,
		"last month, YYYY-MM (default: last with data)",
		func(cmd *cobra.Command, db *queries.DB, f queries.Filter) ([]string, [][]any, error) {
			rows, err := pipelines.Change(cmd.Context(), db, &a.cfg, f)
			return model.ChangeSchema.Names(), values(rows, model.ChangeSchema.Values), err
		})
}

func newRiskCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "risk",
		Short: "ITPOSMO design–reality gap assessments: total, band, change over time (docs/method.md)",
		Args:  cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			return writeRows(a.stdout, format, model.RiskSchema.Names(), values(queries.Risk(&a.cfg), model.RiskSchema.Values))
		}),
	}
	cmd.Flags().StringVar(&format, "format", formatTable, "output: table, csv or json")
	return cmd
}

func newCompareCmd(a *app) *cobra.Command {
	return modelCmd(a, "compare",
		"Compare organisations: digital share, minutes per submission per channel, hours saved per 1,000 submissions",
		`One row per service and organisation over the reporting range, the
organisations of a service side by side, and one row per organisation over
all services (service "*"). Hours saved per 1,000 submissions counts the
services whose baseline is computable.`,
		"last period, YYYY-MM, YYYY-Qn or YYYY (default: last with data)",
		func(cmd *cobra.Command, db *queries.DB, f queries.Filter) ([]string, [][]any, error) {
			rows, err := pipelines.Compare(cmd.Context(), db, &a.cfg, f)
			s := model.CompareSchema(a.cfg.Channels.List)
			return s.Names(), values(rows, s.Values), err
		})
}
