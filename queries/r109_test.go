package queries

import (
	"context"
	"math"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

func nearR(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.6f, want %.6f", name, got, want)
	}
}

func r109Default(years int) config.Appraisal {
	c := config.Config{ChangeCosts: config.ChangeCosts{HorizonYears: years}}
	if err := c.Validate(); err != nil {
		panic(err)
	}
	return c.Appraisal
}

// TestDiscountFactorDeclining checks R-109's schedule by hand: 4 % for
// years 0–40, 3 % for 40–75, 2 % beyond, compounding step by step.
func TestDiscountFactorDeclining(t *testing.T) {
	s := config.DefaultDiscountSchedule()
	nearR(t, "DF(0)", DiscountFactor(0, s), 1)
	nearR(t, "DF(40)", DiscountFactor(40, s), 1/math.Pow(1.04, 40))
	// 1 / (1.04^40 × 1.03^10)
	nearR(t, "DF(50)", DiscountFactor(50, s), 0.15498661067334665)
	// 1 / (1.04^40 × 1.03^35 × 1.02^5)
	nearR(t, "DF(80)", DiscountFactor(80, s), 0.0670444302663688)
}

// TestR109NPVOver80Years: 1,000 a year for 80 years, nothing else. By
// hand: 1000 × (a(4 %, 40) + a(3 %, 35)/1.04^40 + a(2 %, 5)/(1.04^40 ×
// 1.03^35)), a(r, n) = (1 − (1+r)^−n)/r.
func TestR109NPVOver80Years(t *testing.T) {
	a := r109Default(80)
	res := R109(R109Flows{Benefit: 1000}, a)
	nearR(t, "PV benefits", res.PVBenefits, 24617.22833251572)
	nearR(t, "NPV", res.NPV, 24617.22833251572)
	// A flat 4 % would give 1000 × a(4 %, 80) = 23915.39: the schedule matters.
	if math.Abs(res.NPV-23915.39) < 1 {
		t.Error("the declining schedule was not applied")
	}
}

// TestR109TaxFinancingCost: one-off 100,000, running 10,000 a year,
// benefit 30,000 a year of which 4,000 cash, 10 years at 4 %, residual
// 50,000. With A = a(4 %, 10) = 8.110895779: PV benefits 30,000 A =
// 243,326.87; PV costs 100,000 + 10,000 A = 181,108.96; tax cost 0.2 ×
// (100,000 + (10,000 − 4,000) A) = 29,733.07; residual 50,000/1.04^10 =
// 33,778.21; NPV 66,263.05; cash NPV 4,000 A − PV costs = −148,665.37.
func TestR109TaxFinancingCost(t *testing.T) {
	a := r109Default(10)
	a.ResidualValue = 50000
	fl := R109Flows{OneOff: 100000, Running: 10000, Benefit: 30000, Cash: 4000}
	res := R109(fl, a)
	nearR(t, "PV benefits", res.PVBenefits, 243326.87338065106)
	nearR(t, "PV costs", res.PVCosts, 181108.95779355033)
	nearR(t, "PV tax cost", res.PVTaxCost, 29733.074935226046)
	nearR(t, "PV residual", res.PVResidual, 33778.20844128993)
	nearR(t, "NPV", res.NPV, 66263.0490931646)
	nearR(t, "cash NPV", res.CashNPV, -148665.3746761302)

	// Sensitivity ±20 %: benefits (and their cash) down: 24,000 A −
	// costs − 0.2 × (100,000 + 6,800 A) + residual; costs up: 30,000 A −
	// (120,000 + 12,000 A) − 0.2 × (120,000 + 8,000 A) + residual.
	bl, bh, cl, ch := Sensitivity(fl, a)
	nearR(t, "benefits low", bl, 16299.931092337589)
	nearR(t, "costs high", ch, 22796.89922271249)
	if !(bl < res.NPV && res.NPV < bh && ch < res.NPV && res.NPV < cl) {
		t.Errorf("sensitivity not around the NPV: %v %v %v %v around %v", bl, bh, cl, ch, res.NPV)
	}
	// At a benefit of 24,000 the cash part scales to 3,200: the same as
	// benefits −20 %.
	nearR(t, "at benefit", AtBenefit(fl, a, 24000), bl)

	// Break-even: B* = (PV costs + 0.2 × (100,000 + 10,000 A) − residual)
	// / (A × (1 + 0.2 × 4,000/30,000)) = 22,042.56; at a digital share of
	// 60 % the break-even share is 0.6 × B*/30,000 = 44.1 %.
	nearR(t, "break-even benefit", BreakEvenBenefit(fl, a), 22042.564386145667)
	nearR(t, "NPV at break-even", AtBenefit(fl, a, BreakEvenBenefit(fl, a)), 0)
	be, ok := BreakEvenShare(fl, a, 0.6)
	nearR(t, "break-even share", be, 0.4408512877229133)
	if _, ok0 := BreakEvenShare(fl, a, 0); !ok || ok0 {
		t.Error("break-even share: ok for a positive share, not for 0")
	}

	// No tax cost, no residual and one flat rate: the SPEC §5 NPV.
	zero := 0.0
	a.TaxFinancingCost, a.ResidualValue = &zero, 0
	a.DiscountSchedule = []config.DiscountStep{{FromYear: 0, Rate: 0.04}}
	nearR(t, "flat NPV", R109(fl, a).NPV, NPV(100000, 20000, 0.04, 10))
}

// TestDBR109 appraises TestChange's service row: benefit 480 a year, of
// which 120 cash, one-off 200, no running cost, 10 years at 4 %: NPV =
// 480 A − 200 − 0.2 × (200 − 120 A) with A = a(4 %, 10).
func TestDBR109(t *testing.T) {
	cash := map[string]config.Service{"s": {CashShare: 0.25}}
	d := twelveMonthsWith(t, func(c *config.Config) { c.Services = cash })
	cfg := config.Config{Org: "k1", Services: cash}
	cfg.ChangeCosts.Items = []config.CostItem{{Name: "platform", Service: "s", Kind: "one_off", Amount: 200, Date: "2023-03"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	rows, err := d.R109(context.Background(), &cfg, Filter{})
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v %+v", err, rows)
	}
	s := rows[0]
	if s.Service != "s" || s.AnalysisYears != 10 {
		t.Fatalf("row %+v", s)
	}
	A := (1 - math.Pow(1.04, -10)) / 0.04
	wantNull(t, "npv", s.NPV, 480*A-200-0.2*(200-120*A))
	wantNull(t, "tax cost", s.PVTaxCost, 0.2*(200-120*A))
	wantNull(t, "cash npv", s.CashNPV, 120*A-200)
	wantNull(t, "benefits low", s.NPVBenefitsLow, 384*A-200-0.2*(200-96*A))
	// The run-rate window 2023-02..2024-01 holds the 12 integrated
	// submissions only (the paper ones are in January 2023): share 1.
	// Break-even benefit (200 + 0.2 × 200) / (A × (1 + 0.2 × 0.25)).
	wantNull(t, "digital share", s.DigitalShare, 1)
	wantNull(t, "break-even share", s.BreakEvenDigitalShare, 240/(A*1.05)/480)
	if !s.NPVSavingsCILow.Valid || !s.NPVSavingsCIHigh.Valid {
		t.Fatalf("no interval NPVs: %+v", s)
	}
	if !(s.NPVSavingsCILow.Float64 <= s.NPV.Float64 && s.NPV.Float64 <= s.NPVSavingsCIHigh.Float64) {
		t.Errorf("interval NPVs %v..%v do not bracket %v", s.NPVSavingsCILow, s.NPVSavingsCIHigh, s.NPV)
	}
}

// TestDBR109RealPrices: a 3-year appraisal in real prices across a wage
// settlement. The clerk's rate rises from 60 to 72 an hour in July 2023;
// the baseline cost per case stays 70, the integrated case's 30 minutes
// cost 36 from then on, so value saved is 40 a month in 2023-02..06 and
// 34 in 2023-07..2024-01 (cash: a quarter). Base year 2024 (the last
// month's), price growth 3 %, real wage growth 2 %, one-off 200 paid in
// 2023-03. By hand:
//
//	benefit B = (5 × 40 + 6 × 34) × 1.03 + 34 = 404 × 1.03 + 34 = 450.12
//	            (nominal it would be 5 × 40 + 7 × 34 = 438)
//	cash    C = 450.12 / 4 = 112.53;  one-off O = 200 × 1.03 = 206
//	G = Σ_{t=1..3} (1.02 / 1.04)^t = 0.980769 + 0.961908 + 0.943410 = 2.886088
//	PV benefits = B × G = 1,299.0857
//	PV tax cost = 0.2 × (O − C × G) = 0.2 × (206 − 324.7714) = −23.7543
//	NPV = 1,299.0857 − 206 + 23.7543 = 1,116.8400;  cash NPV = C × G − O = 118.7714
//	break-even B* = 1.2 × 206 / (G × (1 + 0.2 × 0.25)) = 81.5736: share 1 × B*/B = 0.181226
func TestDBR109RealPrices(t *testing.T) {
	cash := map[string]config.Service{"s": {CashShare: 0.25}}
	d := twelveMonthsWith(t, func(c *config.Config) {
		c.Services = cash
		c.Costs.RateChanges = []config.RateChange{{Role: "clerk", From: "2023-07", Rate: 72}}
	})
	appraise := func(price, wage float64) model.R109Row {
		t.Helper()
		cfg := config.Config{Org: "k1", Services: cash}
		cfg.ChangeCosts.Items = []config.CostItem{{Name: "platform", Service: "s", Kind: "one_off", Amount: 200, Date: "2023-03"}}
		cfg.Appraisal.AnalysisYears, cfg.Appraisal.PriceGrowth, cfg.Appraisal.RealWageGrowth = 3, price, wage
		if err := cfg.Validate(); err != nil {
			t.Fatal(err)
		}
		rows, err := d.R109(context.Background(), &cfg, Filter{})
		if err != nil || len(rows) != 2 || rows[0].Service != "s" {
			t.Fatalf("%v %+v", err, rows)
		}
		return rows[0]
	}
	nominal := appraise(0, 0)
	wantNull(t, "nominal benefit", nominal.BenefitPerYear, 438)

	s := appraise(0.03, 0.02)
	wantNull(t, "benefit", s.BenefitPerYear, 450.12)
	wantNull(t, "cash", s.CashPerYear, 112.53)
	nearR(t, "one-off", s.OneOff, 206)
	wantNull(t, "pv benefits", s.PVBenefits, 1299.0857336709148)
	wantNull(t, "pv tax cost", s.PVTaxCost, -23.754286683545743)
	wantNull(t, "npv", s.NPV, 1116.8400203544606)
	wantNull(t, "cash npv", s.CashNPV, 118.7714334177287)
	wantNull(t, "break-even share", s.BreakEvenDigitalShare, 0.18122635429403483)
	if R109BaseYear(Filter{To: month("2024-01")}) != 2024 {
		t.Error("base year is not the last month's")
	}
}
