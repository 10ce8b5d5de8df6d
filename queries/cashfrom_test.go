package queries

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

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

// TestOrgOwnSettings: the service's cash share is 0.25; k1's own is 0.5
// with its own baseline window (January 2023), while an override for k2
// leaves k1 alone. By hand: 40 saved a month, so k1's cash is 20 with
// its own share and 10 without; the register's 12-month cash uses the
// same share.
func TestOrgOwnSettings(t *testing.T) {
	half, most := 0.5, 0.9
	for _, tc := range []struct {
		name   string
		orgs   []config.OrgService
		cash   float64
		window bool
	}{
		{"k1's own", []config.OrgService{{Org: "k1", CashShare: &half, BaselineWindow: &config.Window{From: "2023-01", To: "2023-01"}}}, 20, true},
		{"another org's", []config.OrgService{{Org: "k2", CashShare: &most}}, 10, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc := map[string]config.Service{"s": {CashShare: 0.25, Orgs: tc.orgs}}
			d := twelveMonthsWith(t, func(c *config.Config) { c.Services = svc })
			rows, err := d.Benefits(context.Background(), Filter{Grain: GrainMonth})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.Period != "2023-07" {
					continue
				}
				wantNull(t, "July cash", r.CashReleasing, tc.cash)
				wantNull(t, "July value", r.ValueSaved, 40)
				if got := strings.HasPrefix(r.BaselineBasis, "baseline window 2023-01..2023-01"); got != tc.window {
					t.Errorf("basis %q, want a window: %v", r.BaselineBasis, tc.window)
				}
			}
			cfg := config.Config{Org: "k1", Services: svc}
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			if got := cfg.CashShareOf("k1", "s"); got != tc.cash/40 {
				t.Errorf("CashShareOf(k1, s) = %v, want %v", got, tc.cash/40)
			}
		})
	}
}

// TestRegisterCashFromMidWindow: the register's cash_releasing_12m
// honours a cash decision dated inside its 12 months, as the benefits
// rows do. TestChange's data saves 40 a month from 2023-02; as of
// 2024-01 the window is 2023-02..2024-01 (value saved 12 × 40 = 480). By
// hand, with a quarter cash-releasing from July 2023: 7 months × 40 ×
// 0.25 = 70 (the old value × share gave 120); from February 2023 (the
// window's first month): 480 × 0.25 = 120; from February 2024 (after the
// as-of month): 0. A range starting in August, after a July decision,
// lacks July: null, not a figure that misses it.
func TestRegisterCashFromMidWindow(t *testing.T) {
	asOf := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		from  string
		start time.Time
		want  model.Null
	}{
		{"2023-07", time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), model.Some(70)},
		{"2023-02", time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), model.Some(120)},
		{"", time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), model.Some(120)},
		{"2024-02", time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), model.Some(0)},
		{"2023-07", time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC), model.Null{}},
	} {
		t.Run(tc.from+"/"+tc.start.Format("2006-01"), func(t *testing.T) {
			svc := map[string]config.Service{"s": {CashShare: 0.25, CashFrom: tc.from}}
			var cfg config.Config
			d := twelveMonthsWith(t, func(c *config.Config) {
				c.Services = svc
				c.Register = []config.RegisterEntry{{Service: "s", Indicator: "cash_releasing_12m", Class: "cash_releasing",
					BaselineValue: 0, BaselineDate: "2023-01-01", TargetValue: 100, TargetDate: "2024-12-31"}}
				cfg = *c
			})
			f := Filter{Grain: GrainMonth, From: tc.start, To: asOf}
			ben, err := d.Benefits(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			rows := Register(&cfg, f, ben, nil, nil)
			if len(rows) != 1 {
				t.Fatalf("rows %+v", rows)
			}
			if got := rows[0].Actual; got.Valid != tc.want.Valid || math.Abs(got.Float64-tc.want.Float64) > 1e-9 {
				t.Errorf("cash_releasing_12m %+v, want %+v", got, tc.want)
			}
		})
	}
}
