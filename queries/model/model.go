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

// MetricSchema describes the columns of a MetricRow, in the order of
// SPEC §4 with the grain columns first; Label marks the columns of the
// handling-time sheet. The names are part of the public CSV/JSON interface.
var MetricSchema = Schema[MetricRow]{
	text("org", func(r MetricRow) string { return r.Org }).label("col.org"),
	text("service", func(r MetricRow) string { return r.Service }).label("col.service"),
	text("channel", func(r MetricRow) string { return r.Channel }).label("col.channel"),
	text("period", func(r MetricRow) string { return r.Period }),
	count("submissions", func(r MetricRow) int64 { return r.Submissions }).label("col.submissions"),
	count("decided", func(r MetricRow) int64 { return r.Decided }),
	float("staff_minutes", UnitMinutes, func(r MetricRow) float64 { return r.StaffMinutes }).label("col.staffMinutes"),
	figure("minutes_per_submission", UnitMinutes, func(r MetricRow) Null { return r.MinutesPerSubmission }).label("col.minPerSub"),
	count("timed_submissions", func(r MetricRow) int64 { return r.TimedSubmissions }).label("col.timed"),
	figure("timed_coverage", UnitShare, func(r MetricRow) Null { return r.TimedCoverage }).label("col.timedCoverage"),
	figure("median_case_minutes", UnitMinutes, func(r MetricRow) Null { return r.MedianCaseMinutes }).label("col.medianCase"),
	figure("p90_case_minutes", UnitMinutes, func(r MetricRow) Null { return r.P90CaseMinutes }).label("col.p90Case"),
	figure("lead_time_median_days", UnitDays, func(r MetricRow) Null { return r.LeadTimeMedianDays }).label("col.leadMedian"),
	figure("lead_time_p90_days", UnitDays, func(r MetricRow) Null { return r.LeadTimeP90Days }),
	figure("after_hours_share", UnitShare, func(r MetricRow) Null { return r.AfterHoursShare }).label("col.afterHours"),
	figure("staff_cost", UnitMoney, func(r MetricRow) Null { return r.StaffCost }),
	figure("cost_per_submission", UnitMoney, func(r MetricRow) Null { return r.CostPerSubmission }),
	// gevinst's own columns, after SPEC §4's (docs/method.md).
	figure("minutes_per_submission_ci_low", UnitMinutes, func(r MetricRow) Null { return r.MinutesPerSubmissionCILow }).label("col.ciLowMin"),
	figure("minutes_per_submission_ci_high", UnitMinutes, func(r MetricRow) Null { return r.MinutesPerSubmissionCIHigh }).label("col.ciHighMin"),
	count("ci_n", func(r MetricRow) int64 { return r.CIN }).label("col.ciN"),
	flag("ci_small_n", func(r MetricRow) bool { return r.CISmallN }).label("col.smallN"),
	// SPEC §11: lead time in working days and the touch-time share.
	figure("lead_time_median_working_days", UnitDays, func(r MetricRow) Null { return r.LeadTimeMedianWorkingDays }),
	figure("lead_time_p90_working_days", UnitDays, func(r MetricRow) Null { return r.LeadTimeP90WorkingDays }),
	figure("touch_time_share", UnitShare, func(r MetricRow) Null { return r.TouchTimeShare }),
}

// MetricColumns are the column names of a MetricRow (MetricSchema).
var MetricColumns = MetricSchema.Names()

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
func (r MetricRow) Values() []any { return MetricSchema.Values(r) }

// Cell is the row's small-cell key.
func (r MetricRow) Cell() CellKey {
	return CellKey{Org: r.Org, Service: r.Service, Channel: r.Channel, Period: r.Period}
}

// BenefitSchema describes the columns of a BenefitRow: SPEC §5 in order,
// grain first, then gevinst's own traceability columns.
var BenefitSchema = Schema[BenefitRow]{
	text("org", func(r BenefitRow) string { return r.Org }),
	text("service", func(r BenefitRow) string { return r.Service }),
	text("period", func(r BenefitRow) string { return r.Period }),
	count("submissions", func(r BenefitRow) int64 { return r.Submissions }),
	figure("counterfactual_minutes", UnitMinutes, func(r BenefitRow) Null { return r.CounterfactualMinutes }),
	float("actual_minutes", UnitMinutes, func(r BenefitRow) float64 { return r.ActualMinutes }),
	figure("minutes_saved", UnitMinutes, func(r BenefitRow) Null { return r.MinutesSaved }),
	figure("hours_saved", "hours", func(r BenefitRow) Null { return r.HoursSaved }),
	figure("fte_saved", "fte", func(r BenefitRow) Null { return r.FTESaved }),
	figure("value_saved", UnitMoney, func(r BenefitRow) Null { return r.ValueSaved }),
	figure("cash_releasing", UnitMoney, func(r BenefitRow) Null { return r.CashReleasing }),
	figure("capacity_freed", UnitMoney, func(r BenefitRow) Null { return r.CapacityFreed }),
	figure("potential_minutes", UnitMinutes, func(r BenefitRow) Null { return r.PotentialMinutes }),
	figure("baseline_minutes_per_submission", UnitMinutes, func(r BenefitRow) Null { return r.BaselineMinutes }),
	{Name: "baseline_basis", Get: func(r BenefitRow) any { return r.BaselineBasis }, Kind: Text, Suppressible: true},
	figure("baseline_ci_low", UnitMinutes, func(r BenefitRow) Null { return r.BaselineCILow }),
	figure("baseline_ci_high", UnitMinutes, func(r BenefitRow) Null { return r.BaselineCIHigh }),
	figure("minutes_saved_ci_low", UnitMinutes, func(r BenefitRow) Null { return r.MinutesSavedCILow }),
	figure("minutes_saved_ci_high", UnitMinutes, func(r BenefitRow) Null { return r.MinutesSavedCIHigh }),
	nullCount("ci_n", func(r BenefitRow) NullInt { return r.CIN }),
	nullFlag("ci_small_n", func(r BenefitRow) NullBool { return r.CISmallN }),
	figure("hours_saved_12m", "hours", func(r BenefitRow) Null { return r.HoursSaved12m }),
	figure("fte_saved_12m", "fte", func(r BenefitRow) Null { return r.FTESaved12m }),
	figure("value_saved_12m", UnitMoney, func(r BenefitRow) Null { return r.ValueSaved12m }),
	figure("hours_saved_run_rate", "hours", func(r BenefitRow) Null { return r.HoursSavedRunRate }),
	figure("fte_saved_run_rate", "fte", func(r BenefitRow) Null { return r.FTESavedRunRate }),
	figure("value_saved_run_rate", UnitMoney, func(r BenefitRow) Null { return r.ValueSavedRunRate }),
	figure("baseline_cost_per_submission", UnitMoney, func(r BenefitRow) Null { return r.BaselineCost }),
	figure("counterfactual_cost", UnitMoney, func(r BenefitRow) Null { return r.CounterfactualCost }),
	figure("actual_cost", UnitMoney, func(r BenefitRow) Null { return r.ActualCost }),
	figure("value_saved_ci_low", UnitMoney, func(r BenefitRow) Null { return r.ValueSavedCILow }),
	figure("value_saved_ci_high", UnitMoney, func(r BenefitRow) Null { return r.ValueSavedCIHigh }),
}

// BenefitColumns are the column names of a BenefitRow (BenefitSchema).
var BenefitColumns = BenefitSchema.Names()

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
func (r BenefitRow) Values() []any { return BenefitSchema.Values(r) }

// Cell is the row's small-cell key (Channel "").
func (r BenefitRow) Cell() CellKey { return CellKey{Org: r.Org, Service: r.Service, Period: r.Period} }

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

// RegisterSchema describes the columns of a RegisterRow; only the
// measured figures (actual, achievement) are suppressible.
var RegisterSchema = Schema[RegisterRow]{
	text("org", func(r RegisterRow) string { return r.Org }),
	text("service", func(r RegisterRow) string { return r.Service }),
	text("indicator", func(r RegisterRow) string { return r.Indicator }),
	text("class", func(r RegisterRow) string { return r.Class }),
	text("owner", func(r RegisterRow) string { return r.Owner }),
	text("data_source", func(r RegisterRow) string { return r.DataSource }),
	float("baseline_value", "", func(r RegisterRow) float64 { return r.BaselineValue }).kept(),
	text("baseline_date", func(r RegisterRow) string { return r.BaselineDate }),
	float("target_value", "", func(r RegisterRow) float64 { return r.TargetValue }).kept(),
	text("target_date", func(r RegisterRow) string { return r.TargetDate }),
	text("as_of", func(r RegisterRow) string { return r.AsOf }),
	figure("actual", "", func(r RegisterRow) Null { return r.Actual }),
	float("trajectory", "", func(r RegisterRow) float64 { return r.Trajectory }).kept(),
	figure("achievement", UnitShare, func(r RegisterRow) Null { return r.Achievement }),
	text("rag", func(r RegisterRow) string { return r.RAG }),
}

// RegisterColumns are the column names of a RegisterRow (RegisterSchema).
var RegisterColumns = RegisterSchema.Names()

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
func (r RegisterRow) Values() []any { return RegisterSchema.Values(r) }

// ChangeSchema describes the columns of a ChangeRow (never suppressed:
// the appraisal is over an org's whole change).
var ChangeSchema = Schema[ChangeRow]{
	text("org", func(r ChangeRow) string { return r.Org }),
	text("service", func(r ChangeRow) string { return r.Service }),
	float("one_off_cost", UnitMoney, func(r ChangeRow) float64 { return r.OneOffCost }).kept(),
	float("running_cost_per_year", UnitMoney, func(r ChangeRow) float64 { return r.RunningCostPerYear }).kept(),
	figure("benefit_run_rate", UnitMoney, func(r ChangeRow) Null { return r.BenefitRunRate }).kept(),
	count("run_rate_months", func(r ChangeRow) int64 { return r.RunRateMonths }).kept(),
	figure("net_annual_benefit", UnitMoney, func(r ChangeRow) Null { return r.NetAnnualBenefit }).kept(),
	figure("value_saved_to_date", UnitMoney, func(r ChangeRow) Null { return r.ValueSavedToDate }).kept(),
	figure("net_benefit_to_date", UnitMoney, func(r ChangeRow) Null { return r.NetBenefitToDate }).kept(),
	text("payback_month", func(r ChangeRow) string { return r.PaybackMonth }),
	figure("npv", UnitMoney, func(r ChangeRow) Null { return r.NPV }).kept(),
	count("horizon_years", func(r ChangeRow) int64 { return r.HorizonYears }).kept(),
	float("discount_rate", UnitShare, func(r ChangeRow) float64 { return r.DiscountRate }).kept(),
	figure("cash_run_rate", UnitMoney, func(r ChangeRow) Null { return r.CashRunRate }).kept(),
	figure("cash_net_annual_benefit", UnitMoney, func(r ChangeRow) Null { return r.CashNetAnnualBenefit }).kept(),
	figure("cash_saved_to_date", UnitMoney, func(r ChangeRow) Null { return r.CashSavedToDate }).kept(),
	figure("cash_net_benefit_to_date", UnitMoney, func(r ChangeRow) Null { return r.CashNetBenefitToDate }).kept(),
	text("cash_payback_month", func(r ChangeRow) string { return r.CashPaybackMonth }),
	figure("cash_npv", UnitMoney, func(r ChangeRow) Null { return r.CashNPV }).kept(),
}

// ChangeColumns are the column names of a ChangeRow (ChangeSchema).
var ChangeColumns = ChangeSchema.Names()

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
func (r ChangeRow) Values() []any { return ChangeSchema.Values(r) }

// RiskSchema describes the columns of a RiskRow; the seven scores follow
// config.ITPOSMODimensions.
var RiskSchema = Schema[RiskRow]{
	text("date", func(r RiskRow) string { return r.Date }),
	text("scope", func(r RiskRow) string { return r.Scope }),
	score("information", 0), score("technology", 1), score("processes", 2), score("objectives_values", 3),
	score("staffing_skills", 4), score("management_systems", 5), score("time_money", 6),
	count("total", func(r RiskRow) int64 { return r.Total }).kept(),
	text("band", func(r RiskRow) string { return r.Band }),
	nullCount("change_from_previous", func(r RiskRow) NullInt { return r.ChangeFromPrevious }).kept(),
	text("assessor", func(r RiskRow) string { return r.Assessor }),
	text("note", func(r RiskRow) string { return r.Note }),
}

// score is the column of the i-th ITPOSMO score.
func score(name string, i int) Column[RiskRow] {
	return count(name, func(r RiskRow) int64 { return r.Scores[i] }).kept()
}

// RiskColumns are the column names of a RiskRow (RiskSchema).
var RiskColumns = RiskSchema.Names()

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
func (r RiskRow) Values() []any { return RiskSchema.Values(r) }

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
