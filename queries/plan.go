package queries

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

// The benefit realisation plan against what was measured (SPEC §12; DFØ
// Prosjektveiviseren's gevinstrealiseringsplan, docs/method.md).

// PlanActual is what was measured for one (org, service) in one year:
// cash-releasing and capacity freed (null when the baseline is not
// computable) and submissions per channel.
type PlanActual struct {
	Org, Service   string
	Cash, Capacity model.Null
	Submissions    map[string]float64
}

// CitizenHours is the citizens' time saved by the submissions of one
// (org, service) (SPEC §12, class 3): Σ over channels c of submissions_c
// × (minutes[baseline] − minutes[c]) / 60; channels without configured
// minutes count as the baseline (no saving).
func CitizenHours(subs map[string]float64, minutes map[string]float64, baseline string) float64 {
	base, ok := minutes[baseline]
	if !ok {
		return 0
	}
	var m float64
	for ch, n := range subs {
		if u, ok := minutes[ch]; ok {
			m += n * (base - u)
		}
	}
	return m / 60
}

// covers says whether a plan benefit's org and service include the
// measured (org, service).
func covers(b config.PlannedBenefit, org, service string) bool {
	return (b.Org == "" || b.Org == org) && (b.Service == "" || b.Service == service)
}

// PlanVsActual compares each benefit of the plan with the actuals of one
// year (SPEC §12): the deviation, whether its explanation is missing
// (required when |deviation| > threshold × |planned|, or any deviation
// from a plan of 0), and the budget rows' cash taken out of budgets. A
// priced benefit measured without a planned value for the year is
// Unplanned, as is each measured (org, service) with a positive value
// saved that no budget or capacity benefit covers.
func PlanVsActual(plan config.BenefitPlan, baseline string, year int, actuals []PlanActual) []model.PlanRow {
	y := strconv.Itoa(year)
	var out []model.PlanRow
	for _, b := range plan.Benefits {
		r := model.PlanRow{ID: b.ID, Name: b.Name, Class: b.Class, Owner: b.Owner, Measure: b.Measure,
			Effect: b.Effect, Org: b.Org, Service: b.Service, Year: int64(year),
			Explanation: b.Explanations[y], Score: b.Score, Text: b.Text}
		if v, ok := b.Planned[y]; ok {
			r.Planned = model.Some(v)
		}
		if v, ok := b.TakenOut[y]; ok {
			r.TakenOut = model.Some(v)
		}
		var sum, hours float64
		valid := false
		for _, a := range actuals {
			if !covers(b, a.Org, a.Service) {
				continue
			}
			switch b.Class {
			case "budget":
				if a.Cash.Valid {
					sum, valid = sum+a.Cash.Float64, true
				}
			case "capacity":
				if a.Capacity.Valid {
					sum, valid = sum+a.Capacity.Float64, true
				}
			case "others":
				hours += CitizenHours(a.Submissions, plan.CitizenMinutes, baseline)
				valid = true
			}
		}
		if b.Class == "others" && valid {
			r.CitizenHours = model.Some(hours)
			sum = hours * plan.ValueOfTime
		}
		if valid {
			r.Actual = model.Some(sum)
		}
		switch {
		case r.Planned.Valid && r.Actual.Valid:
			dev := r.Actual.Float64 - r.Planned.Float64
			r.Deviation = model.Some(dev)
			p := math.Abs(r.Planned.Float64)
			if p > 0 {
				r.DeviationShare = model.Some(dev / p)
			}
			over := (p > 0 && math.Abs(dev) > plan.Threshold()*p) || (p == 0 && dev != 0)
			r.ExplanationMissing = over && r.Explanation == ""
		case !r.Planned.Valid && r.Actual.Valid && r.Actual.Float64 != 0:
			r.Unplanned = true
		}
		out = append(out, r)
	}
	// Measured savings no budget or capacity benefit covers.
	for _, a := range actuals {
		covered := slices.ContainsFunc(plan.Benefits, func(b config.PlannedBenefit) bool {
			return (b.Class == "budget" || b.Class == "capacity") && covers(b, a.Org, a.Service)
		})
		if covered || !a.Cash.Valid || !a.Capacity.Valid {
			continue
		}
		if v := a.Cash.Float64 + a.Capacity.Float64; v > 0 {
			out = append(out, model.PlanRow{Class: "capacity", Org: a.Org, Service: a.Service, Year: int64(year),
				Actual: model.Some(v), Unplanned: true})
		}
	}
	return out
}

// Plan returns the benefit plan against the actuals of a calendar year
// (SPEC §12). The savings are the months of that year from the monthly
// benefits over all loaded data (the same rows, and so the same baselines,
// as Change's); the submissions per channel from the metrics of the year.
func (d *DB) Plan(ctx context.Context, cfg *config.Config, year int) ([]model.PlanRow, error) {
	from, to := yearRange(year)
	ben, err := d.Benefits(ctx, Filter{Grain: GrainMonth})
	if err != nil {
		return nil, err
	}
	type os = [2]string
	acts := map[os]*PlanActual{}
	get := func(org, svc string) *PlanActual {
		k := os{org, svc}
		if acts[k] == nil {
			acts[k] = &PlanActual{Org: org, Service: svc, Submissions: map[string]float64{}}
		}
		return acts[k]
	}
	add := func(n *model.Null, v model.Null) {
		if v.Valid {
			*n = model.Some(n.Float64 + v.Float64)
		}
	}
	for _, b := range ben {
		m, err := config.ParseMonth(b.Period)
		if err != nil {
			return nil, err
		}
		if m.Before(from) || m.After(to) {
			continue
		}
		a := get(b.Org, b.Service)
		add(&a.Cash, b.CashReleasing)
		add(&a.Capacity, b.CapacityFreed)
	}
	if first, last, ok, err := d.Range(ctx); err != nil {
		return nil, err
	} else if ok && !last.Before(from) && !first.After(to) {
		metrics, err := d.Metrics(ctx, Filter{Grain: GrainAll, From: from, To: to})
		if err != nil {
			return nil, err
		}
		for _, m := range metrics {
			get(m.Org, m.Service).Submissions[m.Channel] += float64(m.Submissions)
		}
	}
	list := make([]PlanActual, 0, len(acts))
	for _, a := range acts {
		list = append(list, *a)
	}
	slices.SortFunc(list, func(a, b PlanActual) int { return cmp.Or(cmp.Compare(a.Org, b.Org), cmp.Compare(a.Service, b.Service)) })
	return PlanVsActual(cfg.BenefitPlan, cfg.Channels.Baseline, year, list), nil
}
