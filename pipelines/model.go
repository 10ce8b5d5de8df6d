package pipelines

import (
	"context"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
)

// The benefits model's tables (SPEC §5) for the register, costs and
// compare commands: each function fetches the rows the pure model in
// queries reads, once, and passes them in. ReportInput passes the tables
// it already holds instead.

// Register returns the benefits register over f: as of f.To (default the
// last month with data), every entry for an empty database.
func Register(ctx context.Context, db *queries.DB, cfg *config.Config, f queries.Filter) ([]model.RegisterRow, error) {
	f, ok, err := db.Span(ctx, f)
	if err != nil {
		return nil, err
	}
	if !ok {
		return queries.Register(cfg, queries.Filter{}, nil, nil, nil), nil
	}
	ben, err := db.Benefits(ctx, queries.Filter{Grain: queries.GrainMonth, From: f.From, To: f.To, Org: f.Org})
	if err != nil {
		return nil, err
	}
	return register(ctx, db, cfg, f, ben)
}

// register fetches the mix and metrics of the register's 12-month window
// and computes the register from them and ben, the monthly benefits of
// f's range for f.Org.
func register(ctx context.Context, db *queries.DB, cfg *config.Config, f queries.Filter, ben []model.BenefitRow) ([]model.RegisterRow, error) {
	win := queries.RegisterWindow(f)
	mix, err := db.Mix(ctx, win)
	if err != nil {
		return nil, err
	}
	// Register sums the window's minutes and submissions per org and
	// service: its months at month grain read the kept month cells, not a
	// quantile over every submission of the window it would not use.
	monthly := win
	monthly.Grain = queries.GrainMonth
	metrics, err := db.Metrics(ctx, monthly)
	if err != nil {
		return nil, err
	}
	return queries.Register(cfg, f, ben, mix, metrics), nil
}

// Change returns the appraisal of the costs of the change over f's range
// (default the data's); no rows for an empty database.
func Change(ctx context.Context, db *queries.DB, cfg *config.Config, f queries.Filter) ([]model.ChangeRow, error) {
	f, ok, err := db.Span(ctx, f)
	if err != nil || !ok {
		return nil, err
	}
	ben, err := db.Benefits(ctx, queries.Filter{Grain: queries.GrainMonth, From: f.From, To: f.To, Org: f.Org, Service: f.Service})
	if err != nil {
		return nil, err
	}
	return queries.Change(cfg, f, ben)
}

// Compare returns the comparison across organisations over f's range.
func Compare(ctx context.Context, db *queries.DB, cfg *config.Config, f queries.Filter) ([]model.CompareRow, error) {
	f.Grain = queries.GrainAll
	metrics, err := db.Metrics(ctx, f)
	if err != nil {
		return nil, err
	}
	return compare(ctx, db, cfg, f, metrics)
}

// compare fetches the benefits under f (at GrainAll) and computes the
// comparison from them and metrics, the metrics under f.
func compare(ctx context.Context, db *queries.DB, cfg *config.Config, f queries.Filter, metrics []model.MetricRow) ([]model.CompareRow, error) {
	ben, err := db.Benefits(ctx, f)
	if err != nil {
		return nil, err
	}
	return queries.Compare(cfg, metrics, ben), nil
}
