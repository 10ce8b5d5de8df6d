package queries

import (
	"context"
	"math"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

// The full R-109 appraisal of the funder's report (SPEC §12;
// Finansdepartementet, Rundskriv R-109/2021; docs/method.md). It takes
// the run-rates and costs of Change (the same benefits, the same costs)
// and appraises them over the analysis period with the declining real
// discount rate, the tax-financing cost and the residual value.

// DiscountFactor is the factor that brings a flow at the end of year t
// back to year 0 under a stepwise schedule (SPEC §12): the rate of the
// step in force at the start of each year compounds over that year, so
// with R-109's schedule year 50 is discounted by 1/(1.04^40 × 1.03^10).
// The schedule's first step starts at year 0 (config.validateFunder).
func DiscountFactor(t int, schedule []config.DiscountStep) float64 {
	f := 1.0
	step := 0
	for y := 0; y < t; y++ {
		for step+1 < len(schedule) && schedule[step+1].FromYear <= y {
			step++
		}
		f /= 1 + schedule[step].Rate
	}
	return f
}

// R109Flows are the yearly real flows of one appraisal, in the real
// prices of the base year (year 0): the one-off investments in year 0;
// the running costs in each of years 1..analysis_years; the benefit and
// its cash-releasing part as measured in year 0, which in year t are ×
// (1 + real_wage_growth)^t (staff time saved is worth more as real wages
// grow).
type R109Flows struct {
	OneOff, Benefit, Cash, Running float64
}

// R109Result is one appraisal of R109Flows.
type R109Result struct {
	// PVBenefits, PVCosts, PVTaxCost and PVResidual are present values;
	// NPV = PVBenefits − PVCosts − PVTaxCost + PVResidual.
	PVBenefits, PVCosts, PVTaxCost, PVResidual, NPV float64
	// CashNPV is Σ DF(t) × Cash − PVCosts: the budget view, without the
	// tax-financing cost and the residual value.
	CashNPV float64
}

// Annuities returns the present value of 1 a year over years
// 1..analysis_years under a's discount schedule (costs), and of 1 growing
// by the real wage growth, (1 + g)^t in year t (benefits).
func Annuities(a config.Appraisal) (costs, benefits float64) {
	for t := 1; t <= a.AnalysisYears; t++ {
		df := DiscountFactor(t, a.DiscountSchedule)
		costs += df
		benefits += df * math.Pow(1+a.RealWageGrowth, float64(t))
	}
	return costs, benefits
}

// R109 appraises fl under a (SPEC §12). The tax-financing cost is the
// rate × the net public spending of each year: the costs of the change
// less the cash returned to public budgets (cash-releasing), so a net
// budget saving lowers it (it may be negative); freed capacity that is
// not cash is not public money saved.
func R109(fl R109Flows, a config.Appraisal) R109Result {
	annuity, growing := Annuities(a)
	var r R109Result
	r.PVBenefits = fl.Benefit * growing
	r.PVCosts = fl.OneOff + fl.Running*annuity
	r.PVTaxCost = a.TaxCost() * (fl.OneOff + fl.Running*annuity - fl.Cash*growing)
	r.PVResidual = a.ResidualValue * DiscountFactor(a.AnalysisYears, a.DiscountSchedule)
	r.NPV = r.PVBenefits - r.PVCosts - r.PVTaxCost + r.PVResidual
	r.CashNPV = fl.Cash*growing - r.PVCosts
	return r
}

// Sensitivity returns the NPV with benefits (and their cash part) scaled
// by 1 ± a's sensitivity share and with the costs so scaled: benefits
// low, high; costs low, high.
func Sensitivity(fl R109Flows, a config.Appraisal) (benLow, benHigh, costLow, costHigh float64) {
	s := a.Swing()
	ben := func(k float64) float64 {
		g := fl
		g.Benefit, g.Cash = fl.Benefit*k, fl.Cash*k
		return R109(g, a).NPV
	}
	cost := func(k float64) float64 {
		g := fl
		g.OneOff, g.Running = fl.OneOff*k, fl.Running*k
		return R109(g, a).NPV
	}
	return ben(1 - s), ben(1 + s), cost(1 - s), cost(1 + s)
}

// BreakEvenBenefit is the annual benefit at which the economic NPV of fl
// is 0, its cash part kept in proportion (SPEC §12): NPV is linear in the
// benefit B with cash k·B, NPV(B) = B·G·(1 + t·k) − PV costs − t·(one-off
// + running·A) + PV residual, A the discounted years, G the same with the
// real wage growth (Annuities) and t the tax-financing rate.
func BreakEvenBenefit(fl R109Flows, a config.Appraisal) float64 {
	zero := fl
	zero.Benefit, zero.Cash = 0, 0
	k := 0.0
	if fl.Benefit != 0 {
		k = fl.Cash / fl.Benefit
	}
	_, growing := Annuities(a)
	return -R109(zero, a).NPV / (growing * (1 + a.TaxCost()*k))
}

// BreakEvenShare is the digital share at which the NPV is 0, when the
// benefit grows in proportion to the digital share (the baseline channel
// saving nothing): share × B* / B. ok is false when B or share is not
// positive. A result over 1 means no share pays off; 0 or less, any does.
func BreakEvenShare(fl R109Flows, a config.Appraisal, share float64) (float64, bool) {
	if fl.Benefit <= 0 || share <= 0 {
		return 0, false
	}
	return share * BreakEvenBenefit(fl, a) / fl.Benefit, true
}

// AtBenefit returns the NPV of fl with the benefit replaced by b, its
// cash part scaled in proportion (the cash share stays the same).
func AtBenefit(fl R109Flows, a config.Appraisal, b float64) float64 {
	g := fl
	if fl.Benefit != 0 {
		g.Cash = fl.Cash * b / fl.Benefit
	}
	g.Benefit = b
	return R109(g, a).NPV
}

// R109 returns the full R-109 appraisal of each row of Change over the
// filter's range (SPEC §12), in the real prices of the base year, the
// year of the range's last month (R109BaseYear): each month's value saved
// and cash-releasing, and each cost by its date's year (a running cost
// by its start), × Appraisal.PriceFactor. The benefit is the run-rate of
// the same months as Change's; the savings' interval bounds are the
// run-rates of value_saved_ci_low and _high over them, from the same
// monthly benefits rows.
func (d *DB) R109(ctx context.Context, cfg *config.Config, f Filter) ([]model.R109Row, error) {
	f, ok, err := d.Span(ctx, f)
	if err != nil || !ok {
		return nil, err
	}
	from, to := f.From, f.To
	ben, err := d.Benefits(ctx, Filter{Grain: GrainMonth, From: from, To: to, Org: f.Org, Service: f.Service})
	if err != nil {
		return nil, err
	}
	changes, err := Change(cfg, f, ben)
	if err != nil || len(changes) == 0 {
		return nil, err
	}
	runFrom := to.AddDate(0, -11, 0)
	if runFrom.Before(from) {
		runFrom = from
	}
	type os = [2]string
	a := cfg.Appraisal
	base := R109BaseYear(f)
	// The run-rate window's value saved, cash-releasing and interval
	// bounds in base-year prices, per (org, service) and per org ("*").
	type bounds struct {
		value, cash, low, high float64
		missing                bool
	}
	ci := map[os]*bounds{}
	for _, b := range ben {
		m, err := config.ParseMonth(b.Period)
		if err != nil {
			return nil, err
		}
		if m.Before(runFrom) {
			continue
		}
		pf := a.PriceFactor(m.Year(), base)
		for _, k := range []os{{b.Org, b.Service}, {b.Org, "*"}} {
			if ci[k] == nil {
				ci[k] = &bounds{}
			}
			c := ci[k]
			if b.CashReleasing.Valid {
				c.cash += b.CashReleasing.Float64 * pf
			}
			if !b.ValueSaved.Valid {
				continue
			}
			c.value += b.ValueSaved.Float64 * pf
			if !b.ValueSavedCILow.Valid || !b.ValueSavedCIHigh.Valid {
				c.missing = true
				continue
			}
			c.low += b.ValueSavedCILow.Float64 * pf
			c.high += b.ValueSavedCIHigh.Float64 * pf
		}
	}
	// The digital share of the run-rate window (submissions outside the
	// baseline channel), per (org, service) and per org ("*").
	metrics, err := d.Metrics(ctx, Filter{Grain: GrainAll, From: runFrom, To: to, Org: f.Org, Service: f.Service})
	if err != nil {
		return nil, err
	}
	subs, digital := map[os]float64{}, map[os]float64{}
	for _, m := range metrics {
		for _, k := range []os{{m.Org, m.Service}, {m.Org, "*"}} {
			subs[k] += float64(m.Submissions)
			if m.Channel != cfg.Channels.Baseline {
				digital[k] += float64(m.Submissions)
			}
		}
	}
	var out []model.R109Row
	for _, c := range changes {
		oneOff, running := realCosts(cfg, c.Org, c.Service, base)
		r := model.R109Row{Org: c.Org, Service: c.Service, AnalysisYears: int64(a.AnalysisYears),
			OneOff: oneOff, RunningPerYear: running}
		if c.BenefitRunRate.Valid && c.RunRateMonths > 0 {
			fl := R109Flows{OneOff: oneOff, Running: running}
			scale := 12 / float64(c.RunRateMonths)
			if b := ci[os{c.Org, c.Service}]; b != nil {
				fl.Benefit, fl.Cash = b.value*scale, b.cash*scale
			}
			res := R109(fl, a)
			r.BenefitPerYear, r.CashPerYear = model.Some(fl.Benefit), model.Some(fl.Cash)
			r.PVBenefits, r.PVCosts, r.PVTaxCost = model.Some(res.PVBenefits), model.Some(res.PVCosts), model.Some(res.PVTaxCost)
			r.PVResidual, r.NPV, r.CashNPV = model.Some(res.PVResidual), model.Some(res.NPV), model.Some(res.CashNPV)
			bl, bh, cl, ch := Sensitivity(fl, a)
			r.NPVBenefitsLow, r.NPVBenefitsHigh = model.Some(bl), model.Some(bh)
			r.NPVCostsLow, r.NPVCostsHigh = model.Some(cl), model.Some(ch)
			if n := subs[os{c.Org, c.Service}]; n > 0 {
				share := digital[os{c.Org, c.Service}] / n
				r.DigitalShare = model.Some(share)
				if be, ok := BreakEvenShare(fl, a, share); ok {
					r.BreakEvenDigitalShare = model.Some(be)
				}
			}
			if b := ci[os{c.Org, c.Service}]; b != nil && !b.missing {
				r.NPVSavingsCILow = model.Some(AtBenefit(fl, a, b.low*scale))
				r.NPVSavingsCIHigh = model.Some(AtBenefit(fl, a, b.high*scale))
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// R109BaseYear is the year whose real prices the appraisal of the
// resolved filter f is in: the year of its last month (the funder
// report's year).
func R109BaseYear(f Filter) int { return f.To.Year() }

// realCosts returns the one-off costs and the running costs per year of
// Change's row (org, service) in base-year prices: each amount × the
// price factor of its date's year; a running cost that ends counts
// nothing going forward (Change's rule: it is negated after its end).
func realCosts(cfg *config.Config, org, service string, base int) (oneOff, running float64) {
	a := cfg.Appraisal
	for _, it := range cfg.ChangeCosts.Items {
		if it.Org != org || (service != "*" && it.Service != service) {
			continue
		}
		dt, err := config.ParseDate(it.Date)
		if err != nil {
			continue // Validate reports it
		}
		v := it.Amount * a.PriceFactor(dt.Year(), base)
		switch {
		case it.Kind == "one_off":
			oneOff += v
		case it.EndDate == "":
			running += v
		}
	}
	return oneOff, running
}

// yearRange returns the first and last month of a calendar year.
func yearRange(year int) (time.Time, time.Time) {
	return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 1, 0, 0, 0, 0, time.UTC)
}
