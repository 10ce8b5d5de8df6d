package queries

import (
	"context"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

func TestCitizenHours(t *testing.T) {
	minutes := map[string]float64{"paper": 45, "eform": 15, "integrated": 10}
	subs := map[string]float64{"paper": 100, "eform": 50, "integrated": 30}
	// (50 × (45 − 15) + 30 × (45 − 10)) / 60 = (1,500 + 1,050) / 60.
	nearR(t, "hours", CitizenHours(subs, minutes, "paper"), 42.5)
	if got := CitizenHours(subs, map[string]float64{"eform": 15}, "paper"); got != 0 {
		t.Errorf("no baseline minutes: %v, want 0", got)
	}
}

func TestPlanVsActual(t *testing.T) {
	threshold := 0.1
	plan := config.BenefitPlan{DeviationThreshold: &threshold, ValueOfTime: 250,
		CitizenMinutes: map[string]float64{"paper": 45, "eform": 15, "integrated": 10},
		Benefits: []config.PlannedBenefit{
			{ID: "G1", Class: "budget", Service: "s", Owner: "o1",
				Planned: map[string]float64{"2009": 100}, TakenOut: map[string]float64{"2009": 60}},
			{ID: "G2", Class: "capacity", Service: "s", Owner: "o2", Planned: map[string]float64{"2009": 400}},
			{ID: "G3", Class: "others", Owner: "o3", Planned: map[string]float64{"2009": 10000}},
			{ID: "G4", Class: "capacity", Service: "u", Owner: "o4", Planned: map[string]float64{"2009": 0},
				Explanations: map[string]string{"2008": "not this year"}},
			{ID: "G5", Class: "budget", Service: "s", Owner: "o5", Planned: map[string]float64{"2008": 5}},
			{ID: "G6", Class: "non_priced", Owner: "o6", Score: "+", Text: "open after hours"},
			{ID: "G7", Class: "capacity", Service: "s", Owner: "o7", Planned: map[string]float64{"2009": 300},
				Explanations: map[string]string{"2009": "staff moved late"}},
		}}
	acts := []PlanActual{
		{Org: "k", Service: "s", Cash: model.Some(110), Capacity: model.Some(330),
			Submissions: map[string]float64{"paper": 100, "eform": 50, "integrated": 30}},
		{Org: "k", Service: "t", Cash: model.Some(0), Capacity: model.Some(500)},
		{Org: "k", Service: "u", Cash: model.Some(0), Capacity: model.Some(-20)},
	}
	rows := PlanVsActual(plan, "paper", 2009, acts)
	if len(rows) != 8 {
		t.Fatalf("%d rows, want 7 benefits + 1 unplanned: %+v", len(rows), rows)
	}
	by := map[string]model.PlanRow{}
	for _, r := range rows {
		by[r.ID] = r
	}
	// G1: 110 against 100: +10 = 10 %, not over the threshold.
	g1 := by["G1"]
	wantNull(t, "G1 actual", g1.Actual, 110)
	wantNull(t, "G1 deviation", g1.Deviation, 10)
	wantNull(t, "G1 taken out", g1.TakenOut, 60)
	if g1.ExplanationMissing || g1.Unplanned {
		t.Errorf("G1 %+v", g1)
	}
	// G2: 330 against 400: −70 = −17.5 %: an explanation is missing.
	g2 := by["G2"]
	wantNull(t, "G2 share", g2.DeviationShare, -0.175)
	if !g2.ExplanationMissing {
		t.Errorf("G2 should miss its explanation: %+v", g2)
	}
	// G3: 42.5 citizen hours × 250 = 10,625 against 10,000: +6.25 %.
	g3 := by["G3"]
	wantNull(t, "G3 hours", g3.CitizenHours, 42.5)
	wantNull(t, "G3 actual", g3.Actual, 10625)
	// G4: planned 0, measured −20: any deviation from 0 needs an
	// explanation, and 2008's does not count for 2009.
	if g4 := by["G4"]; !g4.ExplanationMissing || g4.Explanation != "" {
		t.Errorf("G4 %+v", g4)
	}
	// G5: measured 110 in 2009 with no plan for 2009: unplanned.
	if g5 := by["G5"]; !g5.Unplanned || g5.Planned.Valid || g5.ExplanationMissing {
		t.Errorf("G5 %+v", g5)
	}
	// G6: scored, not valued.
	if g6 := by["G6"]; g6.Actual.Valid || g6.Score != "+" || g6.Text == "" {
		t.Errorf("G6 %+v", g6)
	}
	// G7: −10 % is not over; its explanation is shown anyway.
	if g7 := by["G7"]; g7.ExplanationMissing || g7.Explanation != "staff moved late" {
		t.Errorf("G7 %+v", g7)
	}
	// Service t's 500 is covered by no budget or capacity benefit.
	u := by[""]
	if !u.Unplanned || u.Service != "t" {
		t.Errorf("unplanned %+v", u)
	}
	wantNull(t, "unplanned value", u.Actual, 500)
}

// TestDBPlan: TestChange's data saves 40 a month from 2023-02, a quarter
// of it cash: 2023 holds 11 months, cash 110, capacity 330.
func TestDBPlan(t *testing.T) {
	cash := map[string]config.Service{"s": {CashShare: 0.25}}
	d := twelveMonthsWith(t, func(c *config.Config) { c.Services = cash })
	cfg := config.Config{Org: "k1", Services: cash}
	cfg.BenefitPlan.Benefits = []config.PlannedBenefit{
		{ID: "G1", Class: "budget", Service: "s", Owner: "o", Planned: map[string]float64{"2023": 100}},
		{ID: "G2", Class: "capacity", Service: "s", Owner: "o", Planned: map[string]float64{"2023": 400}},
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	rows, err := d.Plan(context.Background(), &cfg, 2023)
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v %+v", err, rows)
	}
	wantNull(t, "cash 2023", rows[0].Actual, 110)
	wantNull(t, "capacity 2023", rows[1].Actual, 330)
	if !rows[1].ExplanationMissing {
		t.Errorf("G2 −17.5 %% needs an explanation: %+v", rows[1])
	}
	// 2024 holds January alone: 40, 10 cash.
	rows, err = d.Plan(context.Background(), &cfg, 2024)
	if err != nil {
		t.Fatal(err)
	}
	wantNull(t, "cash 2024", rows[0].Actual, 10)
	if !rows[0].Unplanned {
		t.Errorf("no plan for 2024: %+v", rows[0])
	}
}
