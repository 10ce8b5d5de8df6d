package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gevinst/gevinst/queries/model"
)

// Grain is the period of the metric tables (SPEC §4).
type Grain string

// The grains. GrainAll is the whole reporting range as one period.
const (
	GrainMonth   Grain = "month"
	GrainQuarter Grain = "quarter"
	GrainYear    Grain = "year"
	GrainAll     Grain = "all"
)

// ParseGrain returns the Grain named by s (month, quarter or year).
func ParseGrain(s string) (Grain, error) {
	switch Grain(s) {
	case GrainMonth, GrainQuarter, GrainYear:
		return Grain(s), nil
	}
	return "", fmt.Errorf("--by %q: expected month, quarter or year", s)
}

// Filter selects the rows of a metric query. Zero values mean "all".
type Filter struct {
	Grain Grain
	// From and To are the first and last month of the reporting range;
	// zero means the first/last month that holds data.
	From, To time.Time
	Org      string
	Service  string
}

// ParsePeriod parses a period as YYYY-MM, YYYY-Qn or YYYY and returns its
// first and last month.
func ParsePeriod(s string) (first, last time.Time, err error) {
	if t, e := time.Parse("2006-01", s); e == nil {
		return t, t, nil
	}
	if y, q, ok := strings.Cut(s, "-Q"); ok {
		year, e1 := strconv.Atoi(y)
		n, e2 := strconv.Atoi(q)
		if e1 == nil && e2 == nil && len(y) == 4 && n >= 1 && n <= 4 {
			first = time.Date(year, time.Month(3*n-2), 1, 0, 0, 0, 0, time.UTC)
			return first, first.AddDate(0, 2, 0), nil
		}
	}
	if year, e := strconv.Atoi(s); e == nil && len(s) == 4 {
		first = time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(0, 11, 0), nil
	}
	return time.Time{}, time.Time{}, fmt.Errorf("period %q: expected YYYY-MM, YYYY-Qn or YYYY", s)
}

// Range returns the first and last month that hold any data; ok is false
// for an empty database.
func (d *DB) Range(ctx context.Context) (first, last time.Time, ok bool, err error) {
	var f, l sql.NullTime
	if err := d.conn.QueryRowContext(ctx, mustSQL("range.sql")).Scan(&f, &l); err != nil {
		return first, last, false, fmt.Errorf("%w: data range: %w", ErrDatabase, err)
	}
	return f.Time, l.Time, f.Valid, nil
}

// Span returns f with its zero ends replaced by the first and last month
// that hold data, the range the benefits model (Register, Change) reads;
// ok is false for an empty database, and f is then returned as it is.
func (d *DB) Span(ctx context.Context, f Filter) (_ Filter, ok bool, err error) {
	first, last, ok, err := d.Range(ctx)
	if err != nil || !ok {
		return f, ok, err
	}
	if f.From.IsZero() {
		f.From = first
	}
	if f.To.IsZero() {
		f.To = last
	}
	return f, true, nil
}

// prepare makes the kept figures (figures.go) ready once per connection
// and after every import: rebuilt when stale, checked that every role has
// a rate when rates are configured, and named as the readers' SQL reads
// them (figures_views.sql).
func (d *DB) prepare(ctx context.Context) error {
	if d.prepared {
		return nil
	}
	if err := d.ensureFigures(ctx); err != nil {
		return err
	}
	var costs bool
	if err := d.conn.QueryRowContext(ctx, `SELECT getvariable('costs_configured')`).Scan(&costs); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	if costs {
		var missing, first sql.NullString
		if err := d.conn.QueryRowContext(ctx, mustSQL("missing_rates.sql")).Scan(&missing, &first); err != nil {
			return fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		if missing.Valid {
			return fmt.Errorf("%w: no hourly rate for role(s) %s in the data (first day without one: %s): set costs.hourly_rates.<role> for each, or a costs.rate_changes entry from that month (or remove the rates to report without costs)",
				ErrConfig, missing.String, first.String)
		}
	}
	if _, err := d.conn.ExecContext(ctx, mustSQL("figures_views.sql")); err != nil {
		return fmt.Errorf("%w: kept figures: %w", ErrDatabase, err)
	}
	d.prepared = true
	return nil
}

// apply prepares the attribution and sets the filter's variables; a zero
// range becomes the range of the data.
func (d *DB) apply(ctx context.Context, f Filter) error {
	if err := d.prepare(ctx); err != nil {
		return err
	}
	if f.From.IsZero() || f.To.IsZero() {
		first, last, _, err := d.Range(ctx)
		if err != nil {
			return err
		}
		if f.From.IsZero() {
			f.From = first
		}
		if f.To.IsZero() {
			f.To = last
		}
	}
	if f.Grain == "" {
		f.Grain = GrainMonth
	}
	nullable := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	vars := []struct {
		name, expr string
		value      any
	}{
		{"grain", "?", string(f.Grain)},
		{"from_month", "CAST(? AS DATE)", f.From.Format(time.DateOnly)},
		{"to_month", "CAST(? AS DATE)", f.To.Format(time.DateOnly)},
		{"org", "CAST(? AS VARCHAR)", nullable(f.Org)},
		{"service", "CAST(? AS VARCHAR)", nullable(strings.ToLower(f.Service))},
	}
	for _, v := range vars {
		if _, err := d.conn.ExecContext(ctx, "SET VARIABLE "+v.name+" = "+v.expr, v.value); err != nil {
			return fmt.Errorf("%w: set %s: %w", ErrDatabase, v.name, err)
		}
	}
	return nil
}

// query runs an embedded query, after applying the filter unless it is
// nil (lists of batches and rejects need no attribution), and scans each
// row with scan.
func (d *DB) query(ctx context.Context, f *Filter, name sqlFile, scan func(*sql.Rows) error) error {
	if f != nil {
		if err := d.apply(ctx, *f); err != nil {
			return err
		}
	}
	rows, err := d.conn.QueryContext(ctx, mustSQL(name))
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrDatabase, name, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrDatabase, name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrDatabase, name, err)
	}
	return nil
}

// Metrics returns SPEC §4 rows at grain (org, service, channel, period),
// sorted by the grain columns.
func (d *DB) Metrics(ctx context.Context, f Filter) ([]model.MetricRow, error) {
	var out []model.MetricRow
	err := d.query(ctx, &f, "metrics.sql", func(rows *sql.Rows) error {
		var r model.MetricRow
		var se model.Null
		err := rows.Scan(&r.Org, &r.Service, &r.Channel, &r.Period,
			&r.Submissions, &r.Decided, &r.StaffMinutes, &r.MinutesPerSubmission,
			&r.TimedSubmissions, &r.TimedCoverage, &r.MedianCaseMinutes, &r.P90CaseMinutes,
			&r.LeadTimeMedianDays, &r.LeadTimeP90Days, &r.AfterHoursShare,
			&r.StaffCost, &r.CostPerSubmission, &se,
			&r.LeadTimeMedianWorkingDays, &r.LeadTimeP90WorkingDays, &r.TouchTimeShare)
		// §5 uncertainty: minutes per submission ± t × s/√n of case minutes.
		r.CIN, r.CISmallN = r.TimedSubmissions, r.TimedSubmissions < SmallN
		r.MinutesPerSubmissionCILow, r.MinutesPerSubmissionCIHigh =
			interval(r.MinutesPerSubmission, tHalfWidth(se, r.CIN), 1)
		out = append(out, r)
		return err
	})
	return out, err
}

// Benefits returns SPEC §5 rows at grain (org, service, period), sorted by
// the grain columns. Its statement runs on one DuckDB thread (oneThread):
// over several, DuckDB hands benefits.sql's compensated sums (fsum, over
// the outputs of its joins) their parts in no fixed order, and their last
// bits moved from run to run, in exports and evidence sidecars, which keep
// every bit. It reads only the kept month cells: 0.14 s at 10 M / 30 M
// rows either way. The filter is applied first, on every thread: it may
// rebuild the kept figures (a first read after an initial load: 3.3 s at
// 1 M / 3 M, 5.7 s on one thread).
func (d *DB) Benefits(ctx context.Context, f Filter) (_ []model.BenefitRow, err error) {
	if err := d.apply(ctx, f); err != nil {
		return nil, err
	}
	restore, err := d.oneThread(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, restore()) }()
	var out []model.BenefitRow
	err = d.query(ctx, nil, "benefits.sql", func(rows *sql.Rows) error {
		var r model.BenefitRow
		var se, rate model.Null
		err := rows.Scan(&r.Org, &r.Service, &r.Period,
			&r.Submissions, &r.CounterfactualMinutes, &r.ActualMinutes, &r.MinutesSaved,
			&r.HoursSaved, &r.FTESaved, &r.ValueSaved, &r.CashReleasing, &r.CapacityFreed,
			&r.PotentialMinutes, &r.BaselineMinutes, &r.BaselineBasis,
			&se, &r.CIN,
			&r.HoursSaved12m, &r.FTESaved12m, &r.ValueSaved12m,
			&r.HoursSavedRunRate, &r.FTESavedRunRate, &r.ValueSavedRunRate,
			&r.BaselineCost, &r.CounterfactualCost, &r.ActualCost, &rate)
		// §5 uncertainty: B's interval, carried into minutes saved as
		// submissions × (B ∓ h) − actual.
		if r.CIN.Valid {
			r.CISmallN = model.NullBool{Bool: r.CIN.Int64 < SmallN, Valid: true}
		}
		h := tHalfWidth(se, r.CIN.Int64)
		r.BaselineCILow, r.BaselineCIHigh = interval(r.BaselineMinutes, h, 1)
		r.MinutesSavedCILow, r.MinutesSavedCIHigh = interval(r.MinutesSaved, h, float64(r.Submissions))
		// The same interval in money: B's half-width priced at the
		// baseline's staff cost per minute (channel unit costs are fixed
		// per submission, so they carry no sampling error).
		if rate.Valid {
			r.ValueSavedCILow, r.ValueSavedCIHigh = interval(r.ValueSaved, h, float64(r.Submissions)*rate.Float64)
		}
		out = append(out, r)
		return err
	})
	return out, err
}

// oneThread sets DuckDB's threads to 1 until the returned func restores
// the count it had.
func (d *DB) oneThread(ctx context.Context) (restore func() error, _ error) {
	var threads int64
	if err := d.conn.QueryRowContext(ctx, `SELECT current_setting('threads')`).Scan(&threads); err != nil {
		return nil, fmt.Errorf("%w: threads: %w", ErrDatabase, err)
	}
	if _, err := d.conn.ExecContext(ctx, `SET threads = 1`); err != nil {
		return nil, fmt.Errorf("%w: threads: %w", ErrDatabase, err)
	}
	return func() error {
		if _, err := d.conn.ExecContext(context.WithoutCancel(ctx), `SET threads = ?`, threads); err != nil {
			return fmt.Errorf("%w: threads: %w", ErrDatabase, err)
		}
		return nil
	}, nil
}

// Mix returns the channel mix at grain (org, service, period).
func (d *DB) Mix(ctx context.Context, f Filter) ([]model.MixRow, error) {
	var out []model.MixRow
	err := d.query(ctx, &f, "mix.sql", func(rows *sql.Rows) error {
		var org, service, period, channel string
		var n, total int64
		var digital, target model.Null
		if err := rows.Scan(&org, &service, &period, &channel, &n, &total, &digital, &target); err != nil {
			return err
		}
		if k := len(out) - 1; k < 0 || out[k].Org != org || out[k].Service != service || out[k].Period != period {
			out = append(out, model.MixRow{Org: org, Service: service, Period: period, Submissions: total,
				ByChannel: map[string]int64{}, DigitalShare: digital, TargetShare: target})
		}
		out[len(out)-1].ByChannel[channel] = n
		return nil
	})
	return out, err
}

// Activities returns staff minutes by activity and role at grain
// (org, service, channel, period).
func (d *DB) Activities(ctx context.Context, f Filter) ([]model.ActivityRow, error) {
	var out []model.ActivityRow
	err := d.query(ctx, &f, "activities.sql", func(rows *sql.Rows) error {
		var r model.ActivityRow
		err := rows.Scan(&r.Org, &r.Service, &r.Channel, &r.Period, &r.Activity, &r.Role, &r.StaffMinutes, &r.Employees)
		out = append(out, r)
		return err
	})
	return out, err
}

// Quality returns the attribution and coverage summary over the filter's
// range and org.
func (d *DB) Quality(ctx context.Context, f Filter) (model.Quality, error) {
	var q model.Quality
	err := d.query(ctx, &f, "quality.sql", func(rows *sql.Rows) error {
		return rows.Scan(&q.TotalMinutes, &q.CaseLinkedMinutes, &q.PooledMinutes, &q.UnattributedMinutes,
			&q.UnattributedRows, &q.OrphanRows, &q.OrphanMinutes, &q.Submissions, &q.TimedSubmissions, &q.SharedCaseIDs,
			&q.VolumeSubmissions, &q.VolumeConflicts, &q.VolumeConflictCount)
	})
	return q, err
}

// Batches returns every imported batch, oldest first.
func (d *DB) Batches(ctx context.Context) ([]model.BatchRow, error) {
	var out []model.BatchRow
	err := d.query(ctx, nil, "batches.sql", func(rows *sql.Rows) error {
		var b model.BatchRow
		err := rows.Scan(&b.BatchID, &b.Kind, &b.FileName, &b.SHA256, &b.RowsRead, &b.RowsLoaded,
			&b.RowsRejected, &b.RowsReplaced, &b.Status, &b.StartedAt, &b.FinishedAt,
			&b.Source, &b.Format, &b.Sheet)
		out = append(out, b)
		return err
	})
	return out, err
}

// RejectSummary counts rejects by kind, column and reason.
func (d *DB) RejectSummary(ctx context.Context) ([]model.RejectSummary, error) {
	var out []model.RejectSummary
	err := d.query(ctx, nil, "reject_summary.sql", func(rows *sql.Rows) error {
		var r model.RejectSummary
		err := rows.Scan(&r.Kind, &r.Column, &r.Reason, &r.Rows)
		out = append(out, r)
		return err
	})
	return out, err
}

// RejectSamples returns the first 50 rejects of every batch.
func (d *DB) RejectSamples(ctx context.Context) ([]model.RejectRow, error) {
	var out []model.RejectRow
	err := d.query(ctx, nil, "reject_samples.sql", func(rows *sql.Rows) error {
		var r model.RejectRow
		err := rows.Scan(&r.BatchID, &r.FileName, &r.Line, &r.Column, &r.Value, &r.Reason)
		out = append(out, r)
		return err
	})
	return out, err
}

// CellKey names a metrics cell (Channel set) or a benefits cell (Channel "").
type CellKey = model.CellKey

// CellEmployees returns the number of distinct employees behind the
// attributed minutes of every metrics and benefits cell, for small-cell
// suppression (SPEC §8). A cell without attributed minutes is absent (0).
func (d *DB) CellEmployees(ctx context.Context, f Filter) (map[CellKey]int64, error) {
	out := map[CellKey]int64{}
	err := d.query(ctx, &f, "cell_employees.sql", func(rows *sql.Rows) error {
		var k CellKey
		var ch sql.NullString
		var n int64
		if err := rows.Scan(&k.Org, &k.Service, &ch, &k.Period, &n); err != nil {
			return err
		}
		k.Channel = ch.String
		out[k] = n
		return nil
	})
	return out, err
}
