package model

// EvaluationSchema describes the columns of an EvaluationRow, in the
// order of SPEC §11, grain first. The names are part of the public
// CSV/JSON interface; every column is on the Evaluation sheet (Label).
var EvaluationSchema = Schema[EvaluationRow]{
	text("org", func(r EvaluationRow) string { return r.Org }).label("col.org"),
	text("service", func(r EvaluationRow) string { return r.Service }).label("col.service"),
	text("design", func(r EvaluationRow) string { return r.Design }).label("col.design"),
	// A never-changed organisation has no change month: null, not "".
	{Name: "change_month", Kind: Text, Label: "col.changeMonth", Get: func(r EvaluationRow) any {
		if r.ChangeMonth == "" {
			return nil
		}
		return r.ChangeMonth
	}},
	figure("effect_minutes_per_submission", UnitMinutes, func(r EvaluationRow) Null { return r.Effect }).label("col.effect"),
	figure("effect_ci_low", UnitMinutes, func(r EvaluationRow) Null { return r.EffectCILow }).label("col.effectLow"),
	figure("effect_ci_high", UnitMinutes, func(r EvaluationRow) Null { return r.EffectCIHigh }).label("col.effectHigh"),
	figure("minutes_saved", UnitMinutes, func(r EvaluationRow) Null { return r.MinutesSaved }).label("col.hours"),
	figure("minutes_saved_ci_low", UnitMinutes, func(r EvaluationRow) Null { return r.MinutesSavedCILow }).label("col.hoursCILow"),
	figure("minutes_saved_ci_high", UnitMinutes, func(r EvaluationRow) Null { return r.MinutesSavedCIHigh }).label("col.hoursCIHigh"),
	figure("placebo_effect", UnitMinutes, func(r EvaluationRow) Null { return r.Placebo }).label("col.placebo"),
	figure("placebo_ci_low", UnitMinutes, func(r EvaluationRow) Null { return r.PlaceboCILow }).label("col.placeboLow"),
	figure("placebo_ci_high", UnitMinutes, func(r EvaluationRow) Null { return r.PlaceboCIHigh }).label("col.placeboHigh"),
	count("pre_months", func(r EvaluationRow) int64 { return r.PreMonths }).label("col.preMonths"),
	count("post_months", func(r EvaluationRow) int64 { return r.PostMonths }).label("col.postMonths"),
	text("comparison", func(r EvaluationRow) string { return r.Comparison }).label("col.comparison"),
	count("evidence_level", func(r EvaluationRow) int64 { return r.EvidenceLevel }).kept().label("col.level"),
	text("note", func(r EvaluationRow) string { return r.Note }).label("col.note"),
}

// EvaluationColumns are the column names of an EvaluationRow (EvaluationSchema).
var EvaluationColumns = EvaluationSchema.Names()

// EvaluationRow is one design's estimate of a change's effect at grain
// (org, service, design) (SPEC §11, `gevinst evaluate`).
type EvaluationRow struct {
	Org, Service string
	// Design is baseline, its or did.
	Design string
	// ChangeMonth is the month the target channel went live, "YYYY-MM";
	// "" for an organisation that never changed.
	ChangeMonth string
	// Effect is the change in minutes per submission (negative = fewer),
	// with its 95 % interval.
	Effect, EffectCILow, EffectCIHigh Null
	// MinutesSaved is positive for a saving, with its 95 % interval.
	MinutesSaved, MinutesSavedCILow, MinutesSavedCIHigh Null
	// Placebo is the same estimator's effect at a fake change 12 months
	// before the real one, on pre-change months only (its and did rows).
	Placebo, PlaceboCILow, PlaceboCIHigh Null
	// PreMonths and PostMonths count the months the design used.
	PreMonths, PostMonths int64
	// Comparison lists the comparison organisations, comma-separated (did).
	Comparison string
	// EvidenceLevel is the Maryland Scientific Methods Scale level, 2 to 4.
	EvidenceLevel int64
	// Note says why a figure is missing or a level was not reached.
	Note string
}

// Values returns the row's values in EvaluationColumns order.
func (r EvaluationRow) Values() []any { return EvaluationSchema.Values(r) }
