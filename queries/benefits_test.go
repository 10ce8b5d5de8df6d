package queries

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

// TestCostAtScale is the worked example of SPEC §4 costs:
// 1,800,000 paper cases × 240 minutes at 45 per hour plus 10 per case in
// channel unit cost = 342,000,000 in cost. The rows are written straight
// into the tables (an import of 1.8 M lines would only test the import):
// 1,800,000 submissions, and 300,000 pooled registrations of 1,440
// minutes each, 300,000 × 1,440 = 432,000,000 = 1,800,000 × 240 minutes.
func TestCostAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("1.8 M rows")
	}
	cfg := config.Config{}
	cfg.Costs.HourlyRates = map[string]float64{"clerk": 45}
	cfg.Costs.ChannelUnitCosts = map[string]float64{"paper": 10}
	d := openTest(t, cfg)
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO submissions (org, submission_id, service, channel, received_at, received_time_known, batch_id)
		 SELECT 'k1', 's' || i, 'bh', 'paper', TIMESTAMP '2024-01-10 10:00:00', true, 1 FROM range(1800000) t(i)`,
		`INSERT INTO time_registrations (org, employee, role, work_date, minutes, service, channel, batch_id)
		 SELECT 'k1', 'e' || (i % 500), 'clerk', DATE '2024-01-15', 1440, 'bh', 'paper', 1 FROM range(300000) t(i)`,
	} {
		if _, err := d.conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := d.Metrics(ctx, Filter{Grain: GrainMonth})
	if err != nil || len(rows) != 1 {
		t.Fatalf("%v %+v", err, rows)
	}
	r := rows[0]
	// 1,800,000 × 240 = 432,000,000 minutes = 7,200,000 hours.
	if r.Submissions != 1_800_000 || !near(r.StaffMinutes, 432_000_000) {
		t.Errorf("submissions %d, staff minutes %v", r.Submissions, r.StaffMinutes)
	}
	// 7,200,000 hours × 45 = 324,000,000 staff cost.
	wantNull(t, "staff_cost", r.StaffCost, 7_200_000*45)
	// + 1,800,000 × 10 = 18,000,000 unit cost: 342,000,000 in all, 190 per case.
	wantNull(t, "cost_per_submission", r.CostPerSubmission, 342_000_000.0/1_800_000)
	if got := r.CostPerSubmission.Float64 * float64(r.Submissions); !near(got, 342_000_000) {
		t.Errorf("total cost %v, want 342,000,000", got)
	}
	// hours_per_fte 1695: the same 7,200,000 hours are 4,247.79 FTE-years.
	if fte := 7_200_000.0 / 1695; fte < 4247.78 || fte > 4247.80 {
		t.Errorf("fte %v", fte)
	}
}

// TestUncertaintyFixtureA checks the 95 % t-intervals (SPEC §5) on fixture A.
func TestUncertaintyFixtureA(t *testing.T) {
	d := fixtureA(t, nil)
	ctx := context.Background()
	// t(0.975, 2) = 4.302653 (the tables' 4.303).
	t2 := TQuantile(0.975, 2)
	rows, err := d.Metrics(ctx, Filter{Grain: GrainQuarter})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]model.MetricRow{}
	for _, r := range rows {
		got[r.Channel] = r
	}
	// Paper 2024-Q1: case minutes 30, 30, 40 (s1, s2, s6): mean 100/3,
	// s² = (2 × (10/3)² + (20/3)²) / 2 = (200/9 + 400/9) / 2 = 100/3,
	// s/√n = √(100/3 / 3) = 10/3; the interval is centred on
	// minutes_per_submission 121/3 (pooled minutes included).
	p := got["paper"]
	h := t2 * 10 / 3
	wantNull(t, "paper ci_low", p.MinutesPerSubmissionCILow, 121.0/3-h)
	wantNull(t, "paper ci_high", p.MinutesPerSubmissionCIHigh, 121.0/3+h)
	if p.CIN != 3 || !p.CISmallN {
		t.Errorf("paper n %d small %v, want 3 true", p.CIN, p.CISmallN)
	}
	// Integrated 2024-Q1: case minutes 6, 6, 25 (s4, s5 share C4; s8):
	// mean 37/3, s² = (2 × (19/3)² + (38/3)²) / 2 = (722/9 + 1444/9) / 2
	// = 1083/9, s/√n = √(1083/27).
	i := got["integrated"]
	hi := t2 * sqrt(1083.0/27)
	wantNull(t, "integrated ci_low", i.MinutesPerSubmissionCILow, 49.0/3-hi)
	wantNull(t, "integrated ci_high", i.MinutesPerSubmissionCIHigh, 49.0/3+hi)
	// eform: s3 timed (15), s7 not: one observation has no spread: null.
	e := got["eform"]
	wantNull(t, "eform ci_low", e.MinutesPerSubmissionCILow, null)
	if e.CIN != 1 || !e.CISmallN {
		t.Errorf("eform n %d small %v", e.CIN, e.CISmallN)
	}

	// Benefits: B = 121/3 from paper over the range, its n = 3 timed paper
	// submissions, half-width h as above; minutes saved ± submissions × h.
	ben, err := d.Benefits(ctx, Filter{Grain: GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	actual := map[string]float64{"2024-01": 126, "2024-02": 48, "2024-03": 25}
	for _, r := range ben {
		saved := float64(r.Submissions)*121/3 - actual[r.Period]
		wantNull(t, r.Period+" baseline_ci_low", r.BaselineCILow, 121.0/3-h)
		wantNull(t, r.Period+" baseline_ci_high", r.BaselineCIHigh, 121.0/3+h)
		wantNull(t, r.Period+" minutes_saved_ci_low", r.MinutesSavedCILow, saved-float64(r.Submissions)*h)
		wantNull(t, r.Period+" minutes_saved_ci_high", r.MinutesSavedCIHigh, saved+float64(r.Submissions)*h)
		if r.CIN != (model.NullInt{Int64: 3, Valid: true}) || r.CISmallN != (model.NullBool{Bool: true, Valid: true}) {
			t.Errorf("%s: ci_n %v small %v", r.Period, r.CIN, r.CISmallN)
		}
	}

	// Not computable: B, its interval, n and the flag are all null.
	d2 := fixtureA(t, func(c *config.Config) { c.Baseline.MinSubmissions = 30 })
	ben, err = d2.Benefits(ctx, Filter{Grain: GrainYear})
	if err != nil || len(ben) != 1 {
		t.Fatal(err, ben)
	}
	if r := ben[0]; r.BaselineCILow.Valid || r.MinutesSavedCIHigh.Valid || r.CIN.Valid || r.CISmallN.Valid {
		t.Errorf("not computable but %+v", r)
	}
}

// twelveMonths is one service over 13 months: 2023-01 two paper cases
// (case minutes 60 each), then one integrated case of 30 minutes each
// month 2023-02..2024-01. One role at 60 per hour (1 per minute); unit
// cost 10 per paper case.
func twelveMonths(t *testing.T) *DB {
	t.Helper()
	return twelveMonthsWith(t, func(*config.Config) {})
}

// twelveMonthsWith is twelveMonths with the database's config changed by
// edit first (e.g. a cash share, which the benefits query reads).
func twelveMonthsWith(t *testing.T, edit func(*config.Config)) *DB {
	t.Helper()
	var subs, regs strings.Builder
	subs.WriteString("submission_id,org,service,channel,received_at,case_id\n")
	regs.WriteString("registration_id,org,employee,role,work_date,minutes,case_id\n")
	subs.WriteString("p1,k1,s,paper,2023-01-10 10:00:00,C-p1\np2,k1,s,paper,2023-01-11 10:00:00,C-p2\n")
	regs.WriteString("rp1,k1,e1,clerk,2023-01-10,60,C-p1\nrp2,k1,e1,clerk,2023-01-11,60,C-p2\n")
	for m := 2; m <= 13; m++ {
		y, mm := 2023, m
		if m == 13 {
			y, mm = 2024, 1
		}
		fmt.Fprintf(&subs, "i%d,k1,s,integrated,%d-%02d-10 10:00:00,C-i%d\n", m, y, mm, m)
		fmt.Fprintf(&regs, "ri%d,k1,e1,clerk,%d-%02d-10,30,C-i%d\n", m, y, mm, m)
	}
	cfg := config.Config{}
	cfg.Baseline.MinSubmissions = 2
	cfg.Costs.HourlyRates = map[string]float64{"clerk": 60}
	cfg.Costs.ChannelUnitCosts = map[string]float64{"paper": 10}
	edit(&cfg)
	d := openTest(t, cfg)
	importTest(t, d, KindSubmissions, writeFile(t, "s.csv", subs.String()))
	importTest(t, d, KindTime, writeFile(t, "t.csv", regs.String()))
	return d
}

// TestRolling12MonthsAndRunRate checks the rolling 12-month totals and the
// annualised run-rate (issue 5 item 3).
func TestRolling12MonthsAndRunRate(t *testing.T) {
	d := twelveMonths(t)
	ctx := context.Background()
	// B = 120 / 2 = 60 minutes; Bc = (120 × 1 + 2 × 10) / 2 = 70 per case.
	// Each integrated month saves 60 − 30 = 30 minutes and 70 − 30 = 40.
	rows, err := d.Benefits(ctx, Filter{Grain: GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]model.BenefitRow{}
	for _, r := range rows {
		by[r.Period] = r
	}
	// 2023-11: its 12 months start 2022-12, before the first data (2023-01).
	wantNull(t, "2023-11 hours_saved_12m", by["2023-11"].HoursSaved12m, null)
	// 2023-12: 2023-01..2023-12 = 13 cases, 120 + 11 × 30 = 450 minutes:
	// 13 × 60 − 450 = 330 minutes = 5.5 hours; value 13 × 70 − (140 + 330) = 440.
	wantNull(t, "2023-12 hours_saved_12m", by["2023-12"].HoursSaved12m, 330.0/60)
	wantNull(t, "2023-12 fte_saved_12m", by["2023-12"].FTESaved12m, 330.0/60/1695)
	wantNull(t, "2023-12 value_saved_12m", by["2023-12"].ValueSaved12m, 13*70-(140+330))
	// 2024-01: 2023-02..2024-01 = 12 integrated: 12 × 30 = 360 min = 6 h; 12 × 40 = 480.
	wantNull(t, "2024-01 hours_saved_12m", by["2024-01"].HoursSaved12m, 6)
	wantNull(t, "2024-01 value_saved_12m", by["2024-01"].ValueSaved12m, 480)
	// Run-rate of one month: 30 minutes = 0.5 h × 12 = 6 h a year; 40 × 12 = 480.
	wantNull(t, "2024-01 hours_saved_run_rate", by["2024-01"].HoursSavedRunRate, 0.5*12)
	wantNull(t, "2024-01 fte_saved_run_rate", by["2024-01"].FTESavedRunRate, 0.5*12/1695)
	wantNull(t, "2024-01 value_saved_run_rate", by["2024-01"].ValueSavedRunRate, 40*12)
	// January 2023 saved nothing (the baseline itself): run-rate 0, not null.
	wantNull(t, "2023-01 hours_saved_run_rate", by["2023-01"].HoursSavedRunRate, 0)

	rows, err = d.Benefits(ctx, Filter{Grain: GrainQuarter})
	if err != nil {
		t.Fatal(err)
	}
	by = map[string]model.BenefitRow{}
	for _, r := range rows {
		by[r.Period] = r
	}
	// 2023-Q1: Jan 0 + Feb 30 + Mar 30 = 60 minutes = 1 h over 3 months: × 12/3 = 4 h a year.
	wantNull(t, "2023-Q1 hours_saved_run_rate", by["2023-Q1"].HoursSavedRunRate, 1.0*12/3)
	wantNull(t, "2023-Q1 hours_saved_12m", by["2023-Q1"].HoursSaved12m, null)
	// 2023-Q4 ends 2023-12: the 12 months of 2023, 5.5 h as above.
	wantNull(t, "2023-Q4 hours_saved_12m", by["2023-Q4"].HoursSaved12m, 5.5)
	// 2024-Q1 holds one month of the range (January): × 12/1.
	wantNull(t, "2024-Q1 hours_saved_run_rate", by["2024-Q1"].HoursSavedRunRate, 0.5*12)
	wantNull(t, "2024-Q1 hours_saved_12m", by["2024-Q1"].HoursSaved12m, 6)
}

func sqrt(x float64) float64 { return math.Sqrt(x) }
