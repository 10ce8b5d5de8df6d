package config

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestValidateFunderNamesTheKey(t *testing.T) {
	benefit := func(mut func(*PlannedBenefit)) func(*Config) {
		return func(c *Config) {
			b := PlannedBenefit{ID: "G1", Class: "budget", Owner: "Rådmann", Planned: map[string]float64{"2009": 1}}
			mut(&b)
			c.BenefitPlan.Benefits = []PlannedBenefit{b}
		}
	}
	big, neg := 1.0, -0.1
	cases := []struct {
		name   string
		mutate func(*Config)
		key    string
	}{
		{"first step not year 0", func(c *Config) { c.Appraisal.DiscountSchedule = []DiscountStep{{5, 0.04}} }, "appraisal.discount_schedule[0].from_year"},
		{"steps out of order", func(c *Config) {
			c.Appraisal.DiscountSchedule = []DiscountStep{{0, 0.04}, {40, 0.03}, {30, 0.02}}
		}, "appraisal.discount_schedule[2].from_year"},
		{"rate", func(c *Config) { c.Appraisal.DiscountSchedule = []DiscountStep{{0, 1.2}} }, "appraisal.discount_schedule[0].rate"},
		{"tax cost", func(c *Config) { c.Appraisal.TaxFinancingCost = &big }, "appraisal.tax_financing_cost"},
		{"sensitivity", func(c *Config) { c.Appraisal.Sensitivity = &neg }, "appraisal.sensitivity"},
		{"analysis years", func(c *Config) { c.Appraisal.AnalysisYears = -3 }, "appraisal.analysis_years"},
		{"price growth", func(c *Config) { c.Appraisal.PriceGrowth = 1 }, "appraisal.price_growth"},
		{"real wage growth", func(c *Config) { c.Appraisal.RealWageGrowth = -0.6 }, "appraisal.real_wage_growth"},
		{"class", benefit(func(b *PlannedBenefit) { b.Class = "cash" }), "benefit_plan.benefits[0].class"},
		{"no owner", benefit(func(b *PlannedBenefit) { b.Owner = "" }), "benefit_plan.benefits[0].owner"},
		{"no id", benefit(func(b *PlannedBenefit) { b.ID = " " }), "benefit_plan.benefits[0].id"},
		{"year", benefit(func(b *PlannedBenefit) { b.Planned = map[string]float64{"09": 1} }), "benefit_plan.benefits[0].planned.09"},
		{"explanation year", benefit(func(b *PlannedBenefit) { b.Explanations = map[string]string{"2009-01": "x"} }), "benefit_plan.benefits[0].explanations.2009-01"},
		{"score on priced", benefit(func(b *PlannedBenefit) { b.Score = "+" }), "benefit_plan.benefits[0].score"},
		{"bad score", benefit(func(b *PlannedBenefit) { b.Class, b.Planned, b.Score = "non_priced", nil, "+++" }), "benefit_plan.benefits[0].score"},
		{"others without value of time", benefit(func(b *PlannedBenefit) { b.Class = "others" }), "benefit_plan.value_of_time"},
		{"citizen minutes channel", func(c *Config) { c.BenefitPlan.CitizenMinutes = map[string]float64{"fax": 3} }, "benefit_plan.citizen_minutes.fax"},
		{"duplicate id", func(c *Config) {
			c.BenefitPlan.Benefits = []PlannedBenefit{{ID: "G1", Class: "budget", Owner: "a"}, {ID: "G1", Class: "capacity", Owner: "b"}}
		}, "benefit_plan.benefits[1].id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c Config
			tc.mutate(&c)
			err := c.Validate()
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.key) {
				t.Errorf("Validate() = %v, want an ErrInvalid naming %s", err, tc.key)
			}
		})
	}
}

func TestFunderDefaults(t *testing.T) {
	c := Default()
	if !reflect.DeepEqual(c.Appraisal.DiscountSchedule, []DiscountStep{{0, 0.04}, {40, 0.03}, {75, 0.02}}) {
		t.Errorf("schedule %v", c.Appraisal.DiscountSchedule)
	}
	if c.Appraisal.AnalysisYears != 10 || c.Appraisal.TaxCost() != 0.2 || c.Appraisal.Swing() != 0.2 || c.BenefitPlan.Threshold() != 0.1 {
		t.Errorf("defaults: %+v threshold %v", c.Appraisal, c.BenefitPlan.Threshold())
	}
	c = Config{ChangeCosts: ChangeCosts{HorizonYears: 25}}
	if err := c.Validate(); err != nil || c.Appraisal.AnalysisYears != 25 {
		t.Errorf("analysis_years follows horizon_years: %v %d", err, c.Appraisal.AnalysisYears)
	}
}

func TestValidateRatesNamesTheKey(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*Config)
		key    string
	}{
		{"overhead", func(c *Config) { c.Costs.Overhead = -0.1 }, "costs.overhead"},
		{"month", func(c *Config) { c.Costs.RateChanges = []RateChange{{Role: "clerk", From: "2008-13", Rate: 1}} }, "costs.rate_changes[0].from"},
		{"role", func(c *Config) { c.Costs.RateChanges = []RateChange{{From: "2008-05", Rate: 1}} }, "costs.rate_changes[0].role"},
		{"rate", func(c *Config) { c.Costs.RateChanges = []RateChange{{Role: "clerk", From: "2008-05", Rate: -1}} }, "costs.rate_changes[0].rate"},
		{"duplicate", func(c *Config) {
			c.Costs.RateChanges = []RateChange{{Role: "clerk", From: "2008-05", Rate: 1}, {Role: "Clerk", From: "2008-05", Rate: 2}}
		}, "costs.rate_changes[1]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c Config
			tc.mutate(&c)
			err := c.Validate()
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.key) {
				t.Errorf("Validate() = %v, want an ErrInvalid naming %s", err, tc.key)
			}
		})
	}
}

func TestRateSteps(t *testing.T) {
	c := Costs{HourlyRates: map[string]float64{"clerk": 100}, Overhead: 0.5,
		RateChanges: []RateChange{{Role: "clerk", From: "2008-05", Rate: 110}, {Role: "clerk", Org: "k2", From: "2007-01", Rate: 200}}}
	steps := c.RateSteps()
	may := time.Date(2008, 5, 1, 0, 0, 0, 0, time.UTC)
	want := []RateStep{
		{Role: "clerk", From: rateStart, To: may, Rate: 150},
		{Role: "clerk", From: may, To: rateEnd, Rate: 165},
		{Role: "clerk", Org: "k2", From: time.Date(2007, 1, 1, 0, 0, 0, 0, time.UTC), To: rateEnd, Rate: 300},
	}
	if !reflect.DeepEqual(steps, want) {
		t.Errorf("steps\n%+v\nwant\n%+v", steps, want)
	}
	if !(Costs{RateChanges: c.RateChanges}).HasRates() || (Costs{}).HasRates() {
		t.Error("HasRates")
	}
}

// TestWhereNamesTheOrigin: a key with a recorded origin, or under one,
// is named by it and the key; any other by the key alone.
func TestWhereNamesTheOrigin(t *testing.T) {
	var c Config
	c.SetOrigin("benefit_plan.benefits[2]", "sheet BenefitPlan, row 7")
	c.SetOrigin("benefit_plan.benefits[2].class", "sheet BenefitPlan, cell C7")
	for key, want := range map[string]string{
		"benefit_plan.benefits[2].class":        "sheet BenefitPlan, cell C7 (benefit_plan.benefits[2].class)",
		"benefit_plan.benefits[2].planned.2009": "sheet BenefitPlan, row 7 (benefit_plan.benefits[2].planned.2009)",
		"benefit_plan.benefits[1].class":        "benefit_plan.benefits[1].class",
		"benefit_plan.value_of_time":            "benefit_plan.value_of_time",
	} {
		if got := c.Where(key); got != want {
			t.Errorf("Where(%s) = %q, want %q", key, got, want)
		}
	}
}

// TestPriceFactor: 100 of 2007 in 2009 prices at 3 % price growth is
// 100 × 1.03² = 106.09; 100 of 2010 is 100 / 1.03.
func TestPriceFactor(t *testing.T) {
	a := Appraisal{PriceGrowth: 0.03}
	if got := 100 * a.PriceFactor(2007, 2009); math.Abs(got-106.09) > 1e-9 {
		t.Errorf("2007 in 2009 prices = %v, want 106.09", got)
	}
	if got := 100 * a.PriceFactor(2010, 2009); math.Abs(got-100/1.03) > 1e-9 {
		t.Errorf("2010 in 2009 prices = %v, want %v", got, 100/1.03)
	}
}
