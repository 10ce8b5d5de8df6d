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

// NullInt is a count that may be missing (SQL NULL), e.g. the n behind a
// baseline that is not computable.
type NullInt = sql.NullInt64

// NullBool is a flag that may be missing (SQL NULL).
type NullBool = sql.NullBool

// MetricColumns are the column names of a MetricRow, in the order of SPEC §4
// with the grain columns first. They are part of the public CSV/JSON interface.
var MetricColumns = []string{
	"org", "service", "channel", "period",
	"submissions", "decided", "staff_minutes", "minutes_per_submission",
	"timed_submissions", "timed_coverage", "median_case_minutes", "p90_case_minutes",
	"lead_time_median_days", "lead_time_p90_days", "after_hours_share",
	"staff_cost", "cost_per_submission",
	// gevinst's own columns, after SPEC §4's (docs/method.md).
	"minutes_per_submission_ci_low", "minutes_per_submission_ci_high", "ci_n", "ci_small_n",
	// SPEC §11: lead time in working days and the touch-time share.
	"lead_time_median_working_days", "lead_time_p90_working_days", "touch_time_share",
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
	// MinutesPerSubmissionCILow and High bound the 95 % t-interval of
	// MinutesPerSubmission: ± t(0.975, n−1) × s/√n of the case-linked
	// minutes of the CIN timed submissions (null when n < 2).
	MinutesPerSubmissionCILow, MinutesPerSubmissionCIHigh Null
	// CIN is the n of the interval: the timed submissions.
	CIN int64
	// CISmallN flags an interval from fewer than 30 observations.
	CISmallN bool
	// LeadTimeMedianWorkingDays and LeadTimeP90WorkingDays are lead
	// times in working days: the office minutes on working days (Mon–Fri,
	// not a holiday) between receipt and decision, over the minutes of one
	// office day; same quantile rule as the wall-clock lead times.
	LeadTimeMedianWorkingDays, LeadTimeP90WorkingDays Null
	// TouchTimeShare is Σ case-linked minutes ÷ Σ working minutes of the
	// lead time, over the decided timed submissions whose lead time has
	// working minutes (above 1 when staff work on a case side by side).
	TouchTimeShare Null
}

// Values returns the row's values in MetricColumns order.
func (r MetricRow) Values() []any {
	return []any{r.Org, r.Service, r.Channel, r.Period,
		r.Submissions, r.Decided, r.StaffMinutes, r.MinutesPerSubmission,
		r.TimedSubmissions, r.TimedCoverage, r.MedianCaseMinutes, r.P90CaseMinutes,
		r.LeadTimeMedianDays, r.LeadTimeP90Days, r.AfterHoursShare,
		r.StaffCost, r.CostPerSubmission,
		r.MinutesPerSubmissionCILow, r.MinutesPerSubmissionCIHigh, r.CIN, r.CISmallN,
		r.LeadTimeMedianWorkingDays, r.LeadTimeP90WorkingDays, r.TouchTimeShare}
}

// BenefitColumns are the column names of a BenefitRow: SPEC §5 in order,
// grain first, then gevinst's own traceability columns.
var BenefitColumns = []string{
	"org", "service", "period",
	"submissions", "counterfactual_minutes", "actual_minutes", "minutes_saved",
	"hours_saved", "fte_saved", "value_saved", "cash_releasing", "capacity_freed",
	"potential_minutes",
	"baseline_minutes_per_submission", "baseline_basis",
	"baseline_ci_low", "baseline_ci_high", "minutes_saved_ci_low", "minutes_saved_ci_high",
	"ci_n", "ci_small_n",
	"hours_saved_12m", "fte_saved_12m", "value_saved_12m",
	"hours_saved_run_rate", "fte_saved_run_rate", "value_saved_run_rate",
	"baseline_cost_per_submission", "counterfactual_cost", "actual_cost",
	"value_saved_ci_low", "value_saved_ci_high",
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
	// BaselineCILow and High bound the 95 % t-interval of B: B ± t(0.975,
	// n−1) × s/√n of the case-linked minutes of the CIN timed submissions
	// behind B (null when n < 2 or B is not computable).
	BaselineCILow, BaselineCIHigh Null
	// MinutesSavedCILow and High carry B's interval into minutes saved:
	// submissions × (B ∓ half-width) − actual minutes.
	MinutesSavedCILow, MinutesSavedCIHigh Null
	// CIN is the number of timed submissions behind B (null when B is not
	// computable); CISmallN flags CIN < 30.
	CIN      NullInt
	CISmallN NullBool
	// HoursSaved12m, FTESaved12m and ValueSaved12m are rolling 12-month
	// totals: the 12 months ending with the period's last month, over all
	// loaded data; null when those months reach before the first month
	// with data.
	HoursSaved12m, FTESaved12m, ValueSaved12m Null
	// HoursSavedRunRate, FTESavedRunRate and ValueSavedRunRate are the
	// period's figure annualised: × 12 / the period's months in the range.
	HoursSavedRunRate, FTESavedRunRate, ValueSavedRunRate Null
	// BaselineCost is Bc, the baseline cost per submission (staff and
	// channel unit costs); CounterfactualCost is submissions × Bc and
	// ActualCost the period's staff and channel costs, so that
	// ValueSaved = CounterfactualCost − ActualCost.
	BaselineCost, CounterfactualCost Null
	ActualCost                       Null
	// ValueSavedCILow and High carry B's interval into money: value saved
	// ∓ submissions × half-width × the baseline's staff cost per minute.
	ValueSavedCILow, ValueSavedCIHigh Null
}

// Values returns the row's values in BenefitColumns order.
func (r BenefitRow) Values() []any {
	return []any{r.Org, r.Service, r.Period,
		r.Submissions, r.CounterfactualMinutes, r.ActualMinutes, r.MinutesSaved,
		r.HoursSaved, r.FTESaved, r.ValueSaved, r.CashReleasing, r.CapacityFreed,
		r.PotentialMinutes, r.BaselineMinutes, r.BaselineBasis,
		r.BaselineCILow, r.BaselineCIHigh, r.MinutesSavedCILow, r.MinutesSavedCIHigh,
		r.CIN, r.CISmallN,
		r.HoursSaved12m, r.FTESaved12m, r.ValueSaved12m,
		r.HoursSavedRunRate, r.FTESavedRunRate, r.ValueSavedRunRate,
		r.BaselineCost, r.CounterfactualCost, r.ActualCost,
		r.ValueSavedCILow, r.ValueSavedCIHigh}
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
	// Source is the configured source (--source) or ""; Format the file
	// format; Sheet the xlsx sheet read (rejects' lines are its rows).
	Source, Format, Sheet string
}

// RejectRow is one rejected input value with the reason a clerk can act on.
type RejectRow struct {
	BatchID  int64
	FileName string
	Line     int64
	Column   string
	Value    string
	Reason   string
	// Sheet is the xlsx sheet the batch was read from (Line is then the
	// sheet's row), "" for other formats; ReasonKind is the reason
	// without its value, for grouping and filtering; ValueNull is true
	// when the file had no value at all (a whole line, a missing field).
	// These three are set by DB.Rejects only.
	Sheet      string
	ReasonKind string
	ValueNull  bool
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
	// VolumeSubmissions counts submissions known only from monthly volumes
	// (SPEC §2.3; included in Submissions).
	VolumeSubmissions int64
	// VolumeConflicts counts volume rows ignored because their cell has
	// submission rows; VolumeConflictCount is the sum of their counts.
	VolumeConflicts, VolumeConflictCount int64
}

// RegisterColumns are the column names of a RegisterRow, in order.
var RegisterColumns = []string{
	"org", "service", "indicator", "class", "owner", "data_source",
	"baseline_value", "baseline_date", "target_value", "target_date",
	"as_of", "actual", "trajectory", "achievement", "rag",
}

// RegisterRow is one benefit of the register (SPEC §5) with its actual
// value at the as-of month, the straight-line trajectory and the RAG status.
type RegisterRow struct {
	Org, Service, Indicator, Class, Owner, DataSource string
	BaselineValue                                     float64
	BaselineDate                                      string
	TargetValue                                       float64
	TargetDate                                        string
	// AsOf is the last day of the as-of month, YYYY-MM-DD.
	AsOf string
	// Actual is the indicator over the 12 months ending with the as-of
	// month (null when there is no data or no computable baseline).
	Actual Null
	// Trajectory is the value the straight line from baseline to target
	// reaches at AsOf (the baseline before its date, the target after its).
	Trajectory float64
	// Achievement is the delivered share of the planned change,
	// (Actual − BaselineValue) / (Trajectory − BaselineValue), for rising
	// and falling indicators alike (null when no change is planned yet).
	Achievement Null
	// RAG is green (on or ahead of the trajectory), amber (achievement
	// ≥ 90 %), red (below) or "no data".
	RAG string
}

// Values returns the row's values in RegisterColumns order.
func (r RegisterRow) Values() []any {
	return []any{r.Org, r.Service, r.Indicator, r.Class, r.Owner, r.DataSource,
		r.BaselineValue, r.BaselineDate, r.TargetValue, r.TargetDate,
		r.AsOf, r.Actual, r.Trajectory, r.Achievement, r.RAG}
}

// ChangeColumns are the column names of a ChangeRow, in order.
var ChangeColumns = []string{
	"org", "service", "one_off_cost", "running_cost_per_year",
	"benefit_run_rate", "run_rate_months", "net_annual_benefit",
	"value_saved_to_date", "net_benefit_to_date", "payback_month",
	"npv", "horizon_years", "discount_rate",
	"cash_run_rate", "cash_net_annual_benefit", "cash_saved_to_date",
	"cash_net_benefit_to_date", "cash_payback_month", "cash_npv",
}

// ChangeRow is the appraisal of the change for one (org, service), for an
// org's organisation-wide costs (Service "", no benefit of its own), or
// for all of an org's services and costs (Service "*"): costs of the
// change against the measured value saved (the economic appraisal) and
// against the cash-releasing value only (the cash appraisal), SPEC §5.
type ChangeRow struct {
	Org, Service string
	// OneOffCost is Σ one-off investments; RunningCostPerYear Σ running costs.
	OneOffCost, RunningCostPerYear float64
	// BenefitRunRate is value saved over the last (up to) 12 months of the
	// range, annualised (× 12 / RunRateMonths).
	BenefitRunRate Null
	RunRateMonths  int64
	// NetAnnualBenefit is BenefitRunRate − RunningCostPerYear.
	NetAnnualBenefit Null
	// ValueSavedToDate is Σ value saved over the reporting range;
	// NetBenefitToDate subtracts the one-offs paid and running costs
	// accrued by the end of the range.
	ValueSavedToDate, NetBenefitToDate Null
	// PaybackMonth is the first month in which the cumulative net benefit
	// reaches the one-off costs (YYYY-MM); after the range it is projected
	// at the net run-rate; "" when never or with no one-off cost.
	PaybackMonth string
	// NPV is −one-offs + Σ over the horizon's years of the net annual
	// benefit discounted at the real rate.
	NPV          Null
	HorizonYears int64
	DiscountRate float64
	// CashRunRate, CashNetAnnualBenefit, CashSavedToDate,
	// CashNetBenefitToDate, CashPaybackMonth and CashNPV are the same
	// appraisal with cash-releasing value as the benefit: what the change
	// does to the budget, freed capacity not counted.
	CashRunRate, CashNetAnnualBenefit     Null
	CashSavedToDate, CashNetBenefitToDate Null
	CashPaybackMonth                      string
	CashNPV                               Null
}

// Values returns the row's values in ChangeColumns order.
func (r ChangeRow) Values() []any {
	return []any{r.Org, r.Service, r.OneOffCost, r.RunningCostPerYear,
		r.BenefitRunRate, r.RunRateMonths, r.NetAnnualBenefit,
		r.ValueSavedToDate, r.NetBenefitToDate, r.PaybackMonth,
		r.NPV, r.HorizonYears, r.DiscountRate,
		r.CashRunRate, r.CashNetAnnualBenefit, r.CashSavedToDate,
		r.CashNetBenefitToDate, r.CashPaybackMonth, r.CashNPV}
}

// RiskColumns are the column names of a RiskRow, in order.
var RiskColumns = []string{
	"date", "scope", "information", "technology", "processes", "objectives_values",
	"staffing_skills", "management_systems", "time_money", "total", "band",
	"change_from_previous", "assessor", "note",
}

// RiskRow is one dated ITPOSMO design–reality gap assessment (SPEC §5).
type RiskRow struct {
	Date, Scope string
	// Scores are the seven dimensions in config.ITPOSMODimensions order.
	Scores [7]int64
	Total  int64
	Band   string
	// ChangeFromPrevious is the total minus the previous assessment's of
	// the same scope (null for the first).
	ChangeFromPrevious NullInt
	Assessor, Note     string
}

// Values returns the row's values in RiskColumns order.
func (r RiskRow) Values() []any {
	v := []any{r.Date, r.Scope}
	for _, s := range r.Scores {
		v = append(v, s)
	}
	return append(v, r.Total, r.Band, r.ChangeFromPrevious, r.Assessor, r.Note)
}

// CompareRow is one organisation's figures for one service (or "*", all
// services) over the reporting range, for the comparison across
// organisations.
type CompareRow struct {
	Org, Service string
	Submissions  int64
	DigitalShare Null
	TargetShare  Null
	// MinutesPerSubmission is keyed by channel (null when the channel has
	// no submissions).
	MinutesPerSubmission map[string]Null
	HoursSaved           Null
	// HoursSavedPer1000 is hours saved per 1,000 submissions.
	HoursSavedPer1000 Null
}
