package pipelines

import (
	"context"
	"fmt"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/reports"
)

// FunderOptions selects the funder's annual report (SPEC §12).
type FunderOptions struct {
	Lang string
	// Year is the calendar year reported on.
	Year int
	// Now is the generation time; Version the product version.
	Now     time.Time
	Version string
}

// FunderInput runs the queries of the funder's annual report for one
// calendar year: the benefit plan against the year's actuals, the R-109
// appraisal on the run-rate of the 12 months ending with the year (or
// with the last month with data, when earlier), the year's benefits rows
// for the intervals, the evaluation designs over the year for the
// evidence strength, and the data sources and rejects.
func FunderInput(ctx context.Context, db *queries.DB, cfg *config.Config, opts FunderOptions) (reports.FunderInput, error) {
	first, last, ok, err := db.Range(ctx)
	if err != nil {
		return reports.FunderInput{}, err
	}
	if !ok {
		return reports.FunderInput{}, fmt.Errorf("%w: the database %s holds no data yet: import submissions and time first", queries.ErrInput, cfg.DB)
	}
	jan := time.Date(opts.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	dec := time.Date(opts.Year, 12, 1, 0, 0, 0, 0, time.UTC)
	if dec.Before(first) || jan.After(last) {
		return reports.FunderInput{}, fmt.Errorf("%w: --year %d: the database holds data for %s to %s only",
			queries.ErrInput, opts.Year, first.Format("2006-01"), last.Format("2006-01"))
	}
	to := dec
	if last.Before(to) {
		to = last
	}
	a := cfg.Appraisal
	in := reports.FunderInput{Lang: opts.Lang, Currency: cfg.Costs.Currency, Version: opts.Version,
		GeneratedAt: opts.Now, Year: opts.Year, ServiceNames: map[string]string{},
		Threshold: cfg.BenefitPlan.Threshold(), ValueOfTime: cfg.BenefitPlan.ValueOfTime,
		QueryVersion: queries.Version(),
		Appraisal: reports.FunderAppraisal{AnalysisYears: a.AnalysisYears, ResidualValue: a.ResidualValue,
			TaxCost: a.TaxCost(), Sensitivity: a.Swing(), BaseYear: queries.R109BaseYear(queries.Filter{To: to}),
			PriceGrowth: a.PriceGrowth, RealWageGrowth: a.RealWageGrowth}}
	for _, s := range a.DiscountSchedule {
		in.Appraisal.Schedule = append(in.Appraisal.Schedule, [2]float64{float64(s.FromYear), s.Rate})
	}
	for code, s := range cfg.Services {
		if s.Name != "" {
			in.ServiceNames[code] = s.Name
		}
	}
	year := queries.Filter{Grain: queries.GrainMonth, From: jan, To: dec}
	if jan.Before(first) {
		year.From = first
	}
	if dec.After(last) {
		year.To = last
	}
	steps := []func() error{
		func() (err error) { in.Plan, err = db.Plan(ctx, cfg, opts.Year); return },
		func() (err error) { in.R109, err = db.R109(ctx, cfg, queries.Filter{To: to}); return },
		func() (err error) {
			// The months of the year from the benefits over all data: the
			// same baselines as the plan's actuals.
			all, err := db.Benefits(ctx, queries.Filter{Grain: queries.GrainMonth})
			for _, b := range all {
				if b.Period >= year.From.Format("2006-01") && b.Period <= year.To.Format("2006-01") {
					in.Benefits = append(in.Benefits, b)
				}
			}
			return err
		},
		func() (err error) {
			// The evidence strength: the designs of `gevinst evaluate`
			// over the year's months.
			in.Evaluation, err = Evaluation(ctx, db, cfg, EvaluateOptions{From: year.From, To: year.To})
			return
		},
		func() (err error) { in.Batches, err = db.Batches(ctx); return },
		func() (err error) { in.Rejects, err = db.RejectSummary(ctx); return },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return reports.FunderInput{}, err
		}
	}
	return in, nil
}
