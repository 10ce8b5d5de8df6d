package queries

import (
	"context"
	"math"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// TestRunningCostThatEndsAndANegativeCost, on TestChange's data (range
// 2023-01..2024-01). Organisation-wide: a licence of 120 a year from
// 2023-01 that ends with 2023-06 (6 months × 10 = 60 paid) and the old
// system's licence switched off, −60 a year from 2023-07 (7 months × −5 =
// −35). Net to date −60 + 35 = −25. Going forward only the saving runs:
// running cost −60 a year, net annual +60, NPV 60 × a(4 %, 10).
func TestRunningCostThatEndsAndANegativeCost(t *testing.T) {
	d := twelveMonthsWith(t, func(*config.Config) {})
	cfg := config.Config{Org: "k1"}
	cfg.ChangeCosts.Items = []config.CostItem{
		{Name: "licence", Kind: "running", Amount: 120, Date: "2023-01", EndDate: "2023-06-30"},
		{Name: "old licence off", Kind: "running", Amount: -60, Date: "2023-07"},
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	f, _, err := d.Span(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	ben, err := d.Benefits(ctx, Filter{Grain: GrainMonth, From: f.From, To: f.To})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Change(&cfg, f, ben)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, r := range rows {
		if r.Service != "" {
			continue
		}
		found = true
		if r.RunningCostPerYear != -60 {
			t.Errorf("running cost per year %v, want −60 (the licence has ended)", r.RunningCostPerYear)
		}
		wantNull(t, "net to date", r.NetBenefitToDate, -25)
		wantNull(t, "net annual", r.NetAnnualBenefit, 60)
		wantNull(t, "npv", r.NPV, 60*(1-math.Pow(1.04, -10))/0.04)
	}
	if !found {
		t.Fatalf("no organisation-wide row: %+v", rows)
	}
}
