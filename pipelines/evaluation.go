package pipelines

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/pipelines/evaluate"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
)

// EvaluateOptions select what Evaluation covers: the flags of `gevinst
// evaluate`, and the workbook's range and organisation.
type EvaluateOptions struct {
	// Designs are the designs to return rows for (empty: all).
	Designs []string
	// Org and Service, if set, limit the rows; every organisation still
	// serves as a comparison.
	Org, Service string
	// From and To bound the months every design uses (zero: unbounded);
	// the change month is detected over all months.
	From, To time.Time
	// Log receives the warnings (a configured go-live without data); nil
	// for none.
	Log *slog.Logger
}

// Evaluation reads the monthly series of every organisation (the change
// month is detected over all months, and every organisation may be a
// comparison) and the SPEC §5 baselines over the range, and returns SPEC
// §11's rows: one per (org, service, design). `gevinst evaluate` and the
// workbook's Evaluation sheet both call it. A configured change for an
// (org, service) without data is a warning: its org or service is
// probably misspelt.
func Evaluation(ctx context.Context, db *queries.DB, cfg *config.Config, o EvaluateOptions) ([]model.EvaluationRow, error) {
	metrics, err := db.Metrics(ctx, o.seriesFilter())
	if err != nil {
		return nil, err
	}
	benefits, err := db.Benefits(ctx, o.baselineFilter())
	if err != nil {
		return nil, err
	}
	return evaluationOf(cfg, o, metrics, benefits)
}

// seriesFilter is the metrics Evaluation reads: every organisation's
// months, over all loaded data.
func (o EvaluateOptions) seriesFilter() queries.Filter {
	return queries.Filter{Grain: queries.GrainMonth, Service: o.Service}
}

// baselineFilter is the benefits Evaluation reads: the SPEC §5 baselines
// over the range.
func (o EvaluateOptions) baselineFilter() queries.Filter {
	return queries.Filter{Grain: queries.GrainMonth, From: o.From, To: o.To, Org: o.Org, Service: o.Service}
}

// evaluationOf is Evaluation over rows already read with seriesFilter and
// baselineFilter (the report reads the same tables for its own sheets).
func evaluationOf(cfg *config.Config, o EvaluateOptions, metrics []model.MetricRow, benefits []model.BenefitRow) ([]model.EvaluationRow, error) {
	series, err := evaluate.SeriesFromMetrics(metrics, cfg.Channels.Target)
	if err != nil {
		return nil, err
	}
	opts := evaluate.Options{
		Designs: o.Designs, Org: o.Org, MinCell: cfg.Privacy.MinCell, Lag: cfg.Evaluate.Lag(),
		Changes: map[evaluate.Key]evaluate.Month{}, Baselines: map[evaluate.Key]evaluate.Baseline{},
	}
	if !o.From.IsZero() {
		opts.From = evaluate.MonthOf(o.From)
	}
	if !o.To.IsZero() {
		opts.To = evaluate.MonthOf(o.To)
	}
	have := map[evaluate.Key]bool{}
	for _, s := range series {
		have[s.Key] = true
	}
	if o.Log != nil {
		for i, ch := range cfg.Changes {
			k := evaluate.Key{Org: ch.Org, Service: ch.Service}
			if !have[k] && (o.Service == "" || ch.Service == strings.ToLower(o.Service)) {
				o.Log.Warn("changes: no data for this org and service: check their spelling against `gevinst metrics`",
					"entry", i, "org", ch.Org, "service", ch.Service)
			}
		}
	}
	for k, m := range cfg.TargetChanges() {
		month, err := evaluate.ParseMonth(m) // checked by config.Validate
		if err != nil {
			return nil, err
		}
		opts.Changes[evaluate.Key{Org: k[0], Service: k[1]}] = month
	}
	for _, b := range benefits {
		k := evaluate.Key{Org: b.Org, Service: b.Service}
		if _, ok := opts.Baselines[k]; !ok {
			opts.Baselines[k] = evaluate.Baseline{B: b.BaselineMinutes, Low: b.BaselineCILow, High: b.BaselineCIHigh, Basis: b.BaselineBasis}
		}
	}
	return evaluate.Evaluate(series, opts), nil
}
