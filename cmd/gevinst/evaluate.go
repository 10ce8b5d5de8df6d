package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/pipelines/evaluate"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
)

// evaluateOptions are the flags of `gevinst evaluate`.
type evaluateOptions struct {
	design, org, service, from, to, format string
}

func newEvaluateCmd(a *app) *cobra.Command {
	var opts evaluateOptions
	cmd := &cobra.Command{
		Use:   "evaluate",
		Short: "Effect of the channel change per org and service: baseline, interrupted time series and difference-in-differences (docs/method.md)",
		Long: `One row per organisation, service and design: the change in minutes per
submission at the change month and the minutes saved, with 95 % intervals,
a placebo 12 months earlier and the evidence level (Maryland Scientific
Methods Scale: 2 before-and-after, 3 interrupted time series, 4
difference-in-differences). The change month is the one configured under
changes: for channels.target, else the first month that channel has
privacy.min_cell submissions.`,
		Example: "  gevinst evaluate --format csv\n" +
			"  gevinst evaluate --design its --service barnehage --from 2006-01",
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			return a.withDB(cmd, func(db *queries.DB) error {
				return evaluateRun(cmd.Context(), db, &a.cfg, opts, a.stdout, a.log)
			})
		}),
		PreRunE: func(*cobra.Command, []string) error { return opts.check() },
	}
	f := cmd.Flags()
	f.StringVar(&opts.design, "design", "all", "design: baseline, its, did or all")
	f.StringVar(&opts.org, "org", "", "only this organisation (the others still serve as comparisons)")
	f.StringVar(&opts.service, "service", "", "only this service")
	f.StringVar(&opts.from, "from", "", "first month the designs use, YYYY-MM, YYYY-Qn or YYYY (default: first with data)")
	f.StringVar(&opts.to, "to", "", "last month the designs use, YYYY-MM, YYYY-Qn or YYYY (default: last with data)")
	f.StringVar(&opts.format, "format", formatTable, "output: table, csv or json")
	return cmd
}

// check refuses bad flag values before the database is opened.
func (o evaluateOptions) check() error {
	if _, err := o.designs(); err != nil {
		return err
	}
	if err := checkFormat(o.format); err != nil {
		return err
	}
	_, _, err := parseRange(o.from, o.to)
	return err
}

func (o evaluateOptions) designs() ([]string, error) {
	switch o.design {
	case "all":
		return evaluate.Designs, nil
	case evaluate.DesignBaseline, evaluate.DesignITS, evaluate.DesignDiD:
		return []string{o.design}, nil
	}
	return nil, usagef("--design %q: expected baseline, its, did or all", o.design)
}

// evaluateRun writes SPEC §11's rows, computed by pipelines.Evaluation
// (the function the workbook's Evaluation sheet uses too).
func evaluateRun(ctx context.Context, db *queries.DB, cfg *config.Config, o evaluateOptions, w io.Writer, log *slog.Logger) error {
	designs, err := o.designs()
	if err != nil {
		return err
	}
	from, to, err := parseRange(o.from, o.to)
	if err != nil {
		return err
	}
	rows, err := pipelines.Evaluation(ctx, db, cfg, pipelines.EvaluateOptions{
		Designs: designs, Org: o.org, Service: o.service, From: from, To: to, Log: log})
	if err != nil {
		return err
	}
	return writeRows(w, o.format, model.EvaluationSchema.Names(), values(rows, model.EvaluationSchema.Values))
}
