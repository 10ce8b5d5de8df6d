// Package model holds the typed rows that package queries returns and
// package reports draws. It is plain Go with no database dependency, so the
// workbook can be built and tested without linking DuckDB.
package model

import (
	"database/sql"
	"time"
)

// Null is a float that may be missing (SQL NULL). Missing means "not
// defined" (a ratio over zero submissions, a baseline that is not
// computable), never zero.
type Null = sql.NullFloat64

// Some returns a present Null.
func Some(v float64) Null { return Null{Float64: v, Valid: true} }

// MetricColumns are the column names of a MetricRow, in the order of SPEC §4
// with the grain columns first. They are part of the public CSV/JSON interface.
var MetricColumns = []string{
	"org", "service", "channel", "period",
	"submissions", "decided", "staff_minutes", "minutes_per_submission",
	"timed_submissions", "timed_coverage", "median_case_minutes", "p90_case_minutes",
	"lead_time_median_days", "lead_time_p90_days", "after_hours_share",
	"staff_cost", "cost_per_submission",
}

// MetricRow is one row of SPEC §4 at grain (org, service, channel, period).
type MetricRow struct {
	Org, Service, Channel, Period string
	Submissions                   int64
	Decided                       int64
	StaffMinutes                  float64
	MinutesPerSubmission          Null
	TimedSubmissions              int64
	TimedCoverage                 Null
	MedianCaseMinutes             Null
	P90CaseMinutes                Null
	LeadTimeMedianDays            Null
	LeadTimeP90Days               Null
	AfterHoursShare               Null
	StaffCost                     Null
	CostPerSubmission             Null
}

// Values returns the row's values in MetricColumns order.
func (r MetricRow) Values() []any {
	return []any{r.Org, r.Service, r.Channel, r.Period,
		r.Submissions, r.Decided, r.StaffMinutes, r.MinutesPerSubmission,
		r.TimedSubmissions, r.TimedCoverage, r.MedianCaseMinutes, r.P90CaseMinutes,
		r.LeadTimeMedianDays, r.LeadTimeP90Days, r.AfterHoursShare,
		r.StaffCost, r.CostPerSubmission}
}

// BenefitColumns are the column names of a BenefitRow: SPEC §5 in order,
// grain first, then gevinst's own traceability columns.
var BenefitColumns = []string{
	"org", "service", "period",
	"submissions", "counterfactual_minutes", "actual_minutes", "minutes_saved",
	"hours_saved", "fte_saved", "value_saved", "cash_releasing", "capacity_freed",
	"potential_minutes",
	"baseline_minutes_per_submission", "baseline_basis",
}

// BenefitRow is one row of SPEC §5 at grain (org, service, period).
type BenefitRow struct {
	Org, Service, Period  string
	Submissions           int64
	CounterfactualMinutes Null
	ActualMinutes         float64
	MinutesSaved          Null
	HoursSaved            Null
	FTESaved              Null
	ValueSaved            Null
	CashReleasing         Null
	CapacityFreed         Null
	PotentialMinutes      Null
	// BaselineMinutes is B, the baseline minutes per submission used.
	BaselineMinutes Null
	// BaselineBasis says where B came from: "window YYYY-MM..YYYY-MM",
	// "baseline channel, reporting range", "baseline channel, all data",
	// or "not computable".
	BaselineBasis string
}

// Values returns the row's values in BenefitColumns order.
func (r BenefitRow) Values() []any {
	return []any{r.Org, r.Service, r.Period,
		r.Submissions, r.CounterfactualMinutes, r.ActualMinutes, r.MinutesSaved,
		r.HoursSaved, r.FTESaved, r.ValueSaved, r.CashReleasing, r.CapacityFreed,
		r.PotentialMinutes, r.BaselineMinutes, r.BaselineBasis}
}

// MixRow is the channel mix at grain (org, service, period) (SPEC §4).
type MixRow struct {
	Org, Service, Period string
	Submissions          int64
	// ByChannel holds submissions per channel, keyed by channel code.
	ByChannel    map[string]int64
	DigitalShare Null
	TargetShare  Null
}

// ActivityRow is staff minutes by activity and role at grain
// (org, service, channel, period); it draws the "three stages" chart.
// Activity and Role are "" where the registration did not say.
type ActivityRow struct {
	Org, Service, Channel, Period string
	Activity, Role                string
	StaffMinutes                  float64
	// Employees is the number of distinct (pseudonymised) employees behind
	// the minutes, for small-cell suppression.
	Employees int64
}

// BatchRow is one imported (or refused) file.
type BatchRow struct {
	BatchID      int64
	Kind         string
	FileName     string
	SHA256       string
	RowsRead     int64
	RowsLoaded   int64
	RowsRejected int64
	RowsReplaced int64
	Status       string // "loaded" or "refused"
	StartedAt    time.Time
	FinishedAt   time.Time
}

// RejectRow is one rejected input value with the reason a clerk can act on.
type RejectRow struct {
	BatchID  int64
	FileName string
	Line     int64
	Column   string
	Value    string
	Reason   string
}

// RejectSummary counts rejects by kind and column.
type RejectSummary struct {
	Kind   string
	Column string
	Reason string // the reason with the value left out, so it groups
	Rows   int64
}

// Quality is the attribution and coverage summary for data quality
// (SPEC §3 rule 4, §7 sheet 8), over the reporting range.
type Quality struct {
	TotalMinutes        float64
	CaseLinkedMinutes   float64
	PooledMinutes       float64 // rule 2 and rule 3
	UnattributedMinutes float64
	UnattributedRows    int64
	OrphanRows          int64   // registrations whose case_id matched no submission
	OrphanMinutes       float64 // their minutes, wherever they ended up
	Submissions         int64
	TimedSubmissions    int64
	SharedCaseIDs       int64 // case ids shared by several submissions (minutes split)
}
