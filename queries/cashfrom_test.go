package queries

import (
	"context"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

// TestCashDecisionFromAMonth: TestChange's data saves 40 a month from
// 2023-02; a quarter is cash-releasing, but only from the decision in
// July 2023. By hand: June 0 cash (40 capacity), July 10 cash (30
// capacity); the year 2023 (11 months, 440 saved): cash 6 × 10 = 60,
// capacity 380.
func TestCashDecisionFromAMonth(t *testing.T) {
	svc := map[string]config.Service{"s": {CashShare: 0.25, CashFrom: "2023-07"}}
	d := twelveMonthsWith(t, func(c *config.Config) { c.Services = svc })
	ctx := context.Background()
	rows, err := d.Benefits(ctx, Filter{Grain: GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]model.BenefitRow{}
	for _, r := range rows {
		by[r.Period] = r
	}
	wantNull(t, "June cash", by["2023-06"].CashReleasing, 0)
	wantNull(t, "June capacity", by["2023-06"].CapacityFreed, 40)
	wantNull(t, "July cash", by["2023-07"].CashReleasing, 10)
	wantNull(t, "July capacity", by["2023-07"].CapacityFreed, 30)
	rows, err = d.Benefits(ctx, Filter{Grain: GrainYear})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r.Period == "2023" {
			found = true
			wantNull(t, "2023 cash", r.CashReleasing, 60)
			wantNull(t, "2023 capacity", r.CapacityFreed, 380)
			wantNull(t, "2023 value", r.ValueSaved, 440)
		}
	}
	if !found {
		t.Errorf("no 2023 row: %+v", rows)
	}
}
