package model

// EvaluationColumns are the column names of an EvaluationRow, in the order
// of SPEC §11, grain first. They are part of the public CSV/JSON interface.
var EvaluationColumns = []string{
	"org", "service", "design", "change_month",
	"effect_minutes_per_submission", "effect_ci_low", "effect_ci_high",
	"minutes_saved", "minutes_saved_ci_low", "minutes_saved_ci_high",
	"placebo_effect", "placebo_ci_low", "placebo_ci_high",
	"pre_months", "post_months", "comparison", "evidence_level", "note",
}

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
func (r EvaluationRow) Values() []any {
	var change any
	if r.ChangeMonth != "" {
		change = r.ChangeMonth
	}
	return []any{r.Org, r.Service, r.Design, change,
		r.Effect, r.EffectCILow, r.EffectCIHigh,
		r.MinutesSaved, r.MinutesSavedCILow, r.MinutesSavedCIHigh,
		r.Placebo, r.PlaceboCILow, r.PlaceboCIHigh,
		r.PreMonths, r.PostMonths, r.Comparison, r.EvidenceLevel, r.Note}
}
