package config

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// The funder's annual report (SPEC §12): the R-109 appraisal settings and
// the benefit realisation plan (gevinstrealiseringsplan) in
// Prosjektveiviseren's four classes.

// Appraisal holds the settings of the full R-109 appraisal (SPEC §12;
// Finansdepartementet, Rundskriv R-109/2021; docs/method.md).
type Appraisal struct {
	// DiscountSchedule is the real discount rate by year: each step's Rate
	// applies from its FromYear until the next step's. Default R-109's
	// declining schedule: 4 % for years 0–40, 3 % for 40–75, 2 % beyond.
	DiscountSchedule []DiscountStep `mapstructure:"discount_schedule"`
	// AnalysisYears is the analysis period in years after year 0 (the
	// year of the one-off investments); default change_costs.horizon_years.
	AnalysisYears int `mapstructure:"analysis_years"`
	// ResidualValue is the real value, at the end of the analysis period,
	// of the net benefits beyond it (restverdi), in the configured
	// currency; default 0.
	ResidualValue float64 `mapstructure:"residual_value"`
	// TaxFinancingCost is the cost of raising public funds per krone of
	// net public spending (skattefinansieringskostnad); default 0.20.
	TaxFinancingCost *float64 `mapstructure:"tax_financing_cost"`
	// Sensitivity is the share by which benefits and costs are moved up
	// and down in the sensitivity analysis; default 0.20.
	Sensitivity *float64 `mapstructure:"sensitivity"`
	// PriceGrowth is the general price growth per year (e.g. the consumer
	// price index) that brings each year's nominal figures into the real
	// prices of the base year, the year of the appraisal's last month:
	// an amount of year y is × (1 + price_growth)^(base − y). Default 0:
	// the figures are taken as real already.
	PriceGrowth float64 `mapstructure:"price_growth"`
	// RealWageGrowth is the real wage growth per year (reallønnsvekst):
	// the real value of the staff time saved grows by it, so the benefit
	// of analysis year t is the measured run-rate × (1 + real_wage_growth)^t.
	// Default 0.
	RealWageGrowth float64 `mapstructure:"real_wage_growth"`
}

// PriceFactor is the factor that brings a nominal amount of year into the
// real prices of base: (1 + price_growth)^(base − year).
func (a Appraisal) PriceFactor(year, base int) float64 {
	return math.Pow(1+a.PriceGrowth, float64(base-year))
}

// DiscountStep is one step of the discount rate schedule.
type DiscountStep struct {
	// FromYear is the first year the rate applies to (0 = the first step).
	FromYear int `mapstructure:"from_year"`
	// Rate is the real discount rate per year, 0 ≤ rate < 1.
	Rate float64 `mapstructure:"rate"`
}

// DefaultDiscountSchedule is R-109/2021's declining real discount rate.
func DefaultDiscountSchedule() []DiscountStep {
	return []DiscountStep{{0, 0.04}, {40, 0.03}, {75, 0.02}}
}

// TaxCost returns the tax-financing cost rate in use (default 0.20).
func (a Appraisal) TaxCost() float64 {
	if a.TaxFinancingCost == nil {
		return 0.20
	}
	return *a.TaxFinancingCost
}

// Swing returns the sensitivity share in use (default 0.20).
func (a Appraisal) Swing() float64 {
	if a.Sensitivity == nil {
		return 0.20
	}
	return *a.Sensitivity
}

// PlanClasses are Prosjektveiviseren's four classes of benefit, as named
// in the config: (1) budget effect in the own organisation, (2) freed
// capacity put to other use, (3) priced benefits for others, (4)
// non-priced effects.
var PlanClasses = []string{"budget", "capacity", "others", "non_priced"}

// Scores are the scores of a non-priced effect, worst to best.
var Scores = []string{"--", "-", "0", "+", "++"}

// BenefitPlan is the benefit realisation plan (SPEC §12).
type BenefitPlan struct {
	// DeviationThreshold is the share of the planned value beyond which a
	// deviation needs an explanation (default 0.10).
	DeviationThreshold *float64 `mapstructure:"deviation_threshold"`
	// ValueOfTime is the value of one hour of a citizen's time, in the
	// configured currency (class 3, citizens' time saved).
	ValueOfTime float64 `mapstructure:"value_of_time"`
	// CitizenMinutes maps a channel to the citizen's minutes per
	// submission in it (filling in, postage, travel).
	CitizenMinutes map[string]float64 `mapstructure:"citizen_minutes"`
	// Benefits are the planned benefits.
	Benefits []PlannedBenefit `mapstructure:"benefits"`
}

// Threshold returns the deviation threshold in use (default 0.10).
func (p BenefitPlan) Threshold() float64 {
	if p.DeviationThreshold == nil {
		return 0.10
	}
	return *p.DeviationThreshold
}

// PlannedBenefit is one benefit of the plan.
type PlannedBenefit struct {
	// ID names the benefit in the report and the map ("G1").
	ID string `mapstructure:"id"`
	// Name describes it.
	Name string `mapstructure:"name"`
	// Class is one of PlanClasses.
	Class string `mapstructure:"class"`
	// Org and Service limit the measured actual (empty: all).
	Org     string `mapstructure:"org"`
	Service string `mapstructure:"service"`
	// Owner is the benefit owner (gevinsteier).
	Owner string `mapstructure:"owner"`
	// Measure and Effect are the benefit map's measure (tiltak) and
	// effect (effekt) that lead to the benefit.
	Measure string `mapstructure:"measure"`
	Effect  string `mapstructure:"effect"`
	// Planned maps a year ("2009") to the planned value in the currency.
	Planned map[string]float64 `mapstructure:"planned"`
	// TakenOut maps a year to the cash actually removed from budgets.
	TakenOut map[string]float64 `mapstructure:"taken_out"`
	// Explanations maps a year to the explanation of its deviation.
	Explanations map[string]string `mapstructure:"explanations"`
	// Score is a non-priced effect's score, one of Scores (class
	// non_priced only), and Text says what it stands for.
	Score string `mapstructure:"score"`
	Text  string `mapstructure:"text"`
}

// validateFunder applies the defaults of the appraisal and the benefit
// plan and checks them; each message names the key.
func (c *Config) validateFunder() []error {
	errs := c.validateRates()
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrInvalid, c.Where(key), fmt.Sprintf(format, args...)))
	}
	a := &c.Appraisal
	if len(a.DiscountSchedule) == 0 {
		a.DiscountSchedule = DefaultDiscountSchedule()
	}
	for i, s := range a.DiscountSchedule {
		key := fmt.Sprintf("appraisal.discount_schedule[%d]", i)
		if i == 0 && s.FromYear != 0 {
			bad(key+".from_year", "%d: the first step starts at year 0", s.FromYear)
		}
		if i > 0 && s.FromYear <= a.DiscountSchedule[i-1].FromYear {
			bad(key+".from_year", "%d is not after the previous step's %d", s.FromYear, a.DiscountSchedule[i-1].FromYear)
		}
		if s.Rate < 0 || s.Rate >= 1 {
			bad(key+".rate", "%v is not a rate between 0 and 1", s.Rate)
		}
	}
	if a.AnalysisYears == 0 {
		a.AnalysisYears = c.ChangeCosts.HorizonYears
	}
	if a.AnalysisYears < 1 || a.AnalysisYears > 200 {
		bad("appraisal.analysis_years", "%d is not a number of years between 1 and 200", a.AnalysisYears)
	}
	if a.TaxFinancingCost != nil && (*a.TaxFinancingCost < 0 || *a.TaxFinancingCost >= 1) {
		bad("appraisal.tax_financing_cost", "%v is not a share between 0 and 1", *a.TaxFinancingCost)
	}
	if a.Sensitivity != nil && (*a.Sensitivity <= 0 || *a.Sensitivity >= 1) {
		bad("appraisal.sensitivity", "%v is not a share between 0 and 1", *a.Sensitivity)
	}
	if a.PriceGrowth <= -0.5 || a.PriceGrowth >= 1 {
		bad("appraisal.price_growth", "%v is not a yearly growth rate between -0.5 and 1 (0.02 for 2 %%)", a.PriceGrowth)
	}
	if a.RealWageGrowth <= -0.5 || a.RealWageGrowth >= 1 {
		bad("appraisal.real_wage_growth", "%v is not a yearly growth rate between -0.5 and 1 (0.02 for 2 %%)", a.RealWageGrowth)
	}

	p := &c.BenefitPlan
	if p.DeviationThreshold != nil && (*p.DeviationThreshold < 0 || *p.DeviationThreshold > 10) {
		bad("benefit_plan.deviation_threshold", "%v is not a share of the planned value (e.g. 0.10)", *p.DeviationThreshold)
	}
	if p.ValueOfTime < 0 {
		bad("benefit_plan.value_of_time", "%v is negative", p.ValueOfTime)
	}
	p.CitizenMinutes = lowerKeys(p.CitizenMinutes)
	for ch, m := range p.CitizenMinutes {
		if !slices.Contains(c.Channels.List, ch) {
			bad("benefit_plan.citizen_minutes."+ch, "%q is not in channels.list %v", ch, c.Channels.List)
		}
		if m < 0 {
			bad("benefit_plan.citizen_minutes."+ch, "%v is negative", m)
		}
	}
	ids := map[string]int{}
	for i := range p.Benefits {
		b := &p.Benefits[i]
		key := fmt.Sprintf("benefit_plan.benefits[%d]", i)
		b.ID = strings.TrimSpace(b.ID)
		b.Class = strings.ToLower(strings.TrimSpace(b.Class))
		b.Service = strings.ToLower(strings.TrimSpace(b.Service))
		switch {
		case b.ID == "":
			bad(key+".id", "is empty (required)")
		default:
			if j, dup := ids[b.ID]; dup {
				bad(key+".id", "%q is already the id of %s", b.ID, c.Where(fmt.Sprintf("benefit_plan.benefits[%d].id", j)))
			}
		}
		ids[b.ID] = i
		if !slices.Contains(PlanClasses, b.Class) {
			bad(key+".class", "%q is not one of %s", b.Class, strings.Join(PlanClasses, ", "))
		}
		if b.Owner == "" {
			bad(key+".owner", "is empty (every benefit needs an owner)")
		}
		if b.Class == "non_priced" {
			if !slices.Contains(Scores, b.Score) {
				bad(key+".score", "%q is not one of %s", b.Score, strings.Join(Scores, " "))
			}
			if len(b.Planned) > 0 || len(b.TakenOut) > 0 {
				bad(key+".planned", "a non_priced benefit has a score, not planned values")
			}
		} else if b.Score != "" {
			bad(key+".score", "only a non_priced benefit is scored (class is %s)", b.Class)
		}
		if b.Class == "others" && p.ValueOfTime == 0 {
			bad("benefit_plan.value_of_time", "is 0, but %s (class others: %s) is valued by citizens' time saved: give the value of a citizen's hour (YAML benefit_plan.value_of_time, or value_of_time on the assumptions workbook's sheet Settings)",
				b.ID, c.Where(key+".class"))
		}
		for _, m := range []struct {
			name string
			keys []string
		}{{"planned", keysOf(b.Planned)}, {"taken_out", keysOf(b.TakenOut)}, {"explanations", keysOf(b.Explanations)}} {
			for _, y := range m.keys {
				if !isYear(y) {
					bad(key+"."+m.name+"."+y, "%q is not a year (expected YYYY)", y)
				}
			}
		}
		for y, v := range b.TakenOut {
			if v < 0 {
				bad(key+".taken_out."+y, "%v is negative", v)
			}
		}
	}
	return errs
}

func keysOf[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
