package model

// EvaluationSchema describes the columns of an EvaluationRow, in the
// order of SPEC §11, grain first. The names are part of the public
// CSV/JSON interface.
var EvaluationSchema = Schema[EvaluationRow]{
	text("org", func(r EvaluationRow) string { return r.Org }),
	text("service", func(r EvaluationRow) string { return r.Service }),
	text("design", func(r EvaluationRow) string { return r.Design }),
	// A never-changed organisation has no change month: null, not "".
	{Name: "change_month", Kind: Text, Get: func(r EvaluationRow) any {
		if r.ChangeMonth == "" {
			return nil
		}
		return r.ChangeMonth
	}},
	figure("effect_minutes_per_submission", UnitMinutes, func(r EvaluationRow) Null { return r.Effect }),
	figure("effect_ci_low", UnitMinutes, func(r EvaluationRow) Null { return r.EffectCILow }),
	figure("effect_ci_high", UnitMinutes, func(r EvaluationRow) Null { return r.EffectCIHigh }),
	figure("minutes_saved", UnitMinutes, func(r EvaluationRow) Null { return r.MinutesSaved }),
	figure("minutes_saved_ci_low", UnitMinutes, func(r EvaluationRow) Null { return r.MinutesSavedCILow }),
	figure("minutes_saved_ci_high", UnitMinutes, func(r EvaluationRow) Null { return r.MinutesSavedCIHigh }),
	figure("placebo_effect", UnitMinutes, func(r EvaluationRow) Null { return r.Placebo }),
	figure("placebo_ci_low", UnitMinutes, func(r EvaluationRow) Null { return r.PlaceboCILow }),
	figure("placebo_ci_high", UnitMinutes, func(r EvaluationRow) Null { return r.PlaceboCIHigh }),
	count("pre_months", func(r EvaluationRow) int64 { return r.PreMonths }),
	count("post_months", func(r EvaluationRow) int64 { return r.PostMonths }),
	text("comparison", func(r EvaluationRow) string { return r.Comparison }),
	count("evidence_level", func(r EvaluationRow) int64 { return r.EvidenceLevel }).kept(),
	text("note", func(r EvaluationRow) string { return r.Note }),
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
