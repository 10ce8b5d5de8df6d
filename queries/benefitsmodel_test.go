package queries

import (
	"math"
	"testing"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestTrajectoryAndRAG(t *testing.T) {
	// 2023-01-01 → 2025-01-01 is 365 + 366 = 731 days; 2024-01-31 is day 395.
	got := Trajectory(0, day("2023-01-01"), 12, day("2025-01-01"), day("2024-01-31"))
	if want := 12.0 * 395 / 731; !near(got, want) {
		t.Errorf("trajectory %v, want %v", got, want)
	}
	if got := Trajectory(5, day("2023-01-01"), 12, day("2025-01-01"), day("2022-06-30")); got != 5 {
		t.Errorf("before the baseline date: %v, want the baseline 5", got)
	}
	if got := Trajectory(5, day("2023-01-01"), 12, day("2025-01-01"), day("2026-01-01")); got != 12 {
		t.Errorf("after the target date: %v, want the target 12", got)
	}
	cases := []struct {
		actual, baseline, trajectory float64
		up                           bool
		achievement                  float64
		rag                          string
	}{
		{100, 0, 100, true, 1, "green"},   // on the trajectory
		{95, 0, 100, true, 0.95, "amber"}, // 95 % ≥ 90 %
		{90, 0, 100, true, 0.9, "amber"},  // exactly 90 %
		{89, 0, 100, true, 0.89, "red"},   // below 90 %
		// A rising indicator from 20 towards 100: 92 delivers 72 of 80 = 90 %.
		{92, 20, 100, true, 0.9, "amber"},
		// Falling, by hand: from 250 towards 180, 212.9 delivers
		// 250 − 212.9 = 37.1 of the 70 planned: 53 % (180 / 212.9 = 85 % before).
		{212.9, 250, 180, false, 37.1 / 70, "red"},
		// Sarpsborg Byggesøknad of issue 19: 240 → 190, 212.9 is 27.1 / 50 = 54 %.
		{212.9, 240, 190, false, 27.1 / 50, "red"},
		{105, 150, 100, false, 0.9, "amber"}, // 45 of 50
		{80, 150, 100, false, 1.4, "green"},  // below a falling trajectory is ahead
		{160, 150, 100, false, -0.2, "red"},  // moved the wrong way
		{0, 0, 0, true, null, "green"},       // trajectory = baseline: no change planned yet
		{-5, 0, 0, true, null, "red"},
	}
	for _, c := range cases {
		ach, rag := RAG(model.Some(c.actual), c.baseline, c.trajectory, c.up)
		if rag != c.rag {
			t.Errorf("RAG(%v, %v, %v, up %v) = %s, want %s", c.actual, c.baseline, c.trajectory, c.up, rag, c.rag)
		}
		wantNull(t, "achievement", ach, c.achievement)
	}
	if got, _ := RAG(model.Some(212.9), 250, 180, false); math.Round(got.Float64*100) != 53 {
		t.Errorf("achievement %v, want 53 %%", got.Float64)
	}
	if _, rag := RAG(model.Null{}, 0, 1, true); rag != "no data" {
		t.Errorf("null actual: %s", rag)
	}
}

// twelveMonthsBenefits are the monthly benefits of the twelveMonths
// fixture (benefits_test.go: 2 paper cases of 60 minutes in 2023-01, one
// integrated case of 30 minutes a month 2023-02..2024-01; B = 60, Bc = 70
// per case, cash_share 0.25 when set), as TestRolling12MonthsAndRunRate
// checks them: 30 minutes and 40 of value saved a month from 2023-02.
func twelveMonthsBenefits(cashShare float64) []model.BenefitRow {
	var out []model.BenefitRow
	for m := month("2023-01"); !m.After(month("2024-01")); m = m.AddDate(0, 1, 0) {
		r := model.BenefitRow{Org: "k1", Service: "s", Period: m.Format("2006-01"), Submissions: 1,
			HoursSaved: model.Some(0.5), ValueSaved: model.Some(40), CashReleasing: model.Some(40 * cashShare)}
		switch r.Period {
		case "2023-01": // the baseline month saves nothing
			r.Submissions, r.HoursSaved, r.ValueSaved, r.CashReleasing = 2, model.Some(0), model.Some(0), model.Some(0)
		case "2023-12": // 2023-01..2023-12: 330 minutes, value 440
			r.HoursSaved12m, r.FTESaved12m, r.ValueSaved12m = model.Some(330.0/60), model.Some(330.0/60/1695), model.Some(440)
		case "2024-01": // 2023-02..2024-01: 12 × 30 = 360 minutes, 12 × 40 = 480
			r.HoursSaved12m, r.FTESaved12m, r.ValueSaved12m = model.Some(6), model.Some(6.0/1695), model.Some(480)
		}
		out = append(out, r)
	}
	return out
}

func TestRegister(t *testing.T) {
	cfg := config.Config{}
	cfg.Services = map[string]config.Service{"s": {CashShare: 0.25}}
	cfg.Register = []config.RegisterEntry{
		{Service: "s", Indicator: "hours_saved_12m", Class: "capacity", Owner: "Anne", BaselineValue: 0, BaselineDate: "2023-01-01", TargetValue: 12, TargetDate: "2025-01-01"},
		{Service: "s", Indicator: "target_share", Class: "citizen", BaselineValue: 0, BaselineDate: "2023-01", TargetValue: 1, TargetDate: "2023-12-31"},
		{Service: "s", Indicator: "minutes_per_submission", Class: "quality", BaselineValue: 60, BaselineDate: "2023-01-01", TargetValue: 20, TargetDate: "2024-01-31"},
		{Service: "s", Indicator: "cash_releasing_12m", Class: "cash_releasing", BaselineValue: 0, BaselineDate: "2023-01-01", TargetValue: 100, TargetDate: "2024-01-01"},
		{Org: "k9", Service: "s", Indicator: "digital_share", Class: "citizen", BaselineValue: 0, BaselineDate: "2023-01-01", TargetValue: 1, TargetDate: "2024-01-01"},
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	// The fixture's range 2023-01..2024-01; its window 2023-02..2024-01
	// holds 12 integrated submissions of 30 minutes, no paper.
	f := Filter{From: month("2023-01"), To: month("2024-01")}
	if w := RegisterWindow(f); w.Grain != GrainAll || !w.From.Equal(month("2023-02")) || !w.To.Equal(f.To) {
		t.Errorf("window %+v, want all of 2023-02..2024-01", w)
	}
	mix := []model.MixRow{{Org: "k1", Service: "s", Submissions: 12, ByChannel: map[string]int64{"integrated": 12},
		DigitalShare: model.Some(1), TargetShare: model.Some(1)}}
	metrics := []model.MetricRow{{Org: "k1", Service: "s", Channel: "integrated", Submissions: 12, StaffMinutes: 360}}
	rows := Register(&cfg, f, twelveMonthsBenefits(0), mix, metrics)
	if len(rows) != 5 {
		t.Fatalf("%+v", rows)
	}
	for _, r := range rows {
		if r.AsOf != "2024-01-31" {
			t.Errorf("as of %s, want the end of the last month with data", r.AsOf)
		}
	}
	// 12 months to 2024-01: 12 integrated × (60 − 30) = 360 min = 6 h,
	// against the trajectory 12 × 395/731 = 6.48: 92.5 % → amber.
	h := rows[0]
	wantNull(t, "hours actual", h.Actual, 6)
	if h.Org != "k1" || !near(h.Trajectory, 12.0*395/731) || h.RAG != "amber" {
		t.Errorf("hours row %+v", h)
	}
	wantNull(t, "hours achievement", h.Achievement, 6/(12.0*395/731))
	// 2023-02..2024-01 holds 12 integrated submissions, no paper: share 1,
	// at the target (reached 2023-12-31): green.
	if r := rows[1]; !r.Actual.Valid || r.Actual.Float64 != 1 || r.Trajectory != 1 || r.RAG != "green" {
		t.Errorf("target share row %+v", r)
	}
	// Minutes per submission should fall from 60 to 20; 360 / 12 = 30 has
	// delivered 30 of the 40 minutes: 75 % → red.
	if r := rows[2]; !near(r.Actual.Float64, 30) || r.RAG != "red" || !near(r.Achievement.Float64, 0.75) {
		t.Errorf("minutes row %+v", r)
	}
	// value_saved_12m 12 × (70 − 30) = 480, × cash_share 0.25 = 120 ≥ 100: green.
	if r := rows[3]; !near(r.Actual.Float64, 120) || r.RAG != "green" {
		t.Errorf("cash row %+v", r)
	}
	if r := rows[4]; r.Org != "k9" || r.Actual.Valid || r.RAG != "no data" {
		t.Errorf("org without data %+v", r)
	}
	// An empty database (no range): every entry, with no data.
	empty := Register(&cfg, Filter{}, nil, nil, nil)
	if len(empty) != 5 || empty[0].RAG != "no data" || empty[0].Trajectory != 0 || empty[2].Trajectory != 60 {
		t.Errorf("empty database %+v", empty)
	}
}

func TestNPV(t *testing.T) {
	// −1,000,000 + 250,000 × the 10-year annuity factor at 4 %,
	// (1 − 1.04^−10) / 0.04 = 8.110896: 1,027,723.9.
	annuity := (1 - math.Pow(1.04, -10)) / 0.04
	if got, want := NPV(1_000_000, 300_000-50_000, 0.04, 10), -1_000_000+250_000*annuity; !near(got, want) || math.Abs(got-1_027_723.9) > 0.1 {
		t.Errorf("NPV %v, want %v", got, want)
	}
	// At rate 0 the NPV is the plain sum: −100 + 3 × 50.
	if got := NPV(100, 50, 0, 3); got != 50 {
		t.Errorf("NPV at 0 %% = %v, want 50", got)
	}
}

func TestChange(t *testing.T) {
	cash := map[string]config.Service{"s": {CashShare: 0.25}}
	ben := twelveMonthsBenefits(0.25)
	f := Filter{Grain: GrainMonth, From: month("2023-01"), To: month("2024-01")}
	cfg := config.Config{Org: "k1"}
	cfg.Services = cash
	cfg.ChangeCosts.Items = []config.CostItem{
		{Name: "platform", Service: "s", Kind: "one_off", Amount: 200, Date: "2023-03"},
		{Name: "licence", Kind: "running", Amount: 120, Date: "2023-01-01"},
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	rows, err := Change(&cfg, f, ben)
	if err != nil || len(rows) != 3 {
		t.Fatalf("%v %+v", err, rows)
	}
	annuity := (1 - math.Pow(1.04, -10)) / 0.04
	// Value saved: 2023-01 0 (the baseline month), then 40 a month
	// 2023-02..2024-01 (70 − 30 per case).
	// Sorted by org, then the services, the organisation-wide costs (""),
	// and the total ("*") last.
	s, wide, all := rows[0], rows[1], rows[2]
	if s.Service != "s" || wide.Service != "" || all.Service != "*" {
		t.Fatalf("rows %+v", rows)
	}
	// Service s: one-off 200, no running cost (the licence is org-wide).
	// Run-rate: the last 12 months 2023-02..2024-01, 12 × 40 = 480.
	// Cumulative: Jan 0, Feb 40, Mar 80 − 200 = −120, Apr −80, May −40, Jun 0: paid back 2023-06.
	if s.OneOffCost != 200 || s.RunningCostPerYear != 0 || s.RunRateMonths != 12 || s.PaybackMonth != "2023-06" {
		t.Errorf("service row %+v", s)
	}
	wantNull(t, "run-rate", s.BenefitRunRate, 480)
	wantNull(t, "net annual", s.NetAnnualBenefit, 480)
	wantNull(t, "value to date", s.ValueSavedToDate, 480)
	wantNull(t, "net to date", s.NetBenefitToDate, 480-200)
	wantNull(t, "npv", s.NPV, -200+480*annuity)
	// Cash: a quarter of the value, 10 a month from 2023-02. Cumulative:
	// Feb 10, Mar 20 − 200 = −180, then +10 a month: 2024-01 −80. The net
	// run-rate 120 a year (10 a month) pays the 80 back 8 months later.
	wantNull(t, "cash run-rate", s.CashRunRate, 120)
	wantNull(t, "cash to date", s.CashSavedToDate, 120)
	wantNull(t, "cash net to date", s.CashNetBenefitToDate, 120-200)
	wantNull(t, "cash npv", s.CashNPV, -200+120*annuity)
	if s.CashPaybackMonth != "2024-09" {
		t.Errorf("cash payback %q, want 2024-09 (projected)", s.CashPaybackMonth)
	}
	// Organisation-wide costs: the licence alone, 10 a month for 13
	// months, no benefit and no payback.
	if wide.OneOffCost != 0 || wide.RunningCostPerYear != 120 || wide.PaybackMonth != "" || wide.CashPaybackMonth != "" {
		t.Errorf("organisation-wide row %+v", wide)
	}
	wantNull(t, "org-wide net to date", wide.NetBenefitToDate, -130)
	wantNull(t, "org-wide npv", wide.NPV, -120*annuity)
	// All services: + the licence, 120 a year = 10 a month from 2023-01.
	// Cumulative: Jan −10, Feb 20, Mar −150, then +30 a month: Aug 0: 2023-08.
	if all.OneOffCost != 200 || all.RunningCostPerYear != 120 || all.PaybackMonth != "2023-08" {
		t.Errorf("all-services row %+v", all)
	}
	wantNull(t, "net annual *", all.NetAnnualBenefit, 480-120)
	wantNull(t, "net to date *", all.NetBenefitToDate, 480-200-13*10)
	// The total is the sum of its parts, each cost counted once.
	wantNull(t, "npv * = service + org-wide", all.NPV, s.NPV.Float64+wide.NPV.Float64)
	// Cash over all: 10 − 10 = 0 a month net: never paid back.
	wantNull(t, "cash net annual *", all.CashNetAnnualBenefit, 0)
	if all.CashPaybackMonth != "" {
		t.Errorf("cash payback * %q, want none", all.CashPaybackMonth)
	}
	wantNull(t, "npv *", all.NPV, -200+360*annuity)

	// Not yet paid back: a one-off of 1,000 leaves 480 − 1,000 = −520 at
	// 2024-01; at 480 / 12 = 40 a month that takes 13 months: 2025-02.
	cfg.ChangeCosts.Items = []config.CostItem{{Service: "s", Kind: "one_off", Amount: 1000, Date: "2023-03", Org: "k1"}}
	rate := 0.0
	cfg.ChangeCosts.DiscountRate = &rate
	f.Service = "s"
	rows, err = Change(&cfg, f, ben)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.PaybackMonth != "2025-02" {
			t.Errorf("%s: payback %s, want 2025-02 (projected)", r.Service, r.PaybackMonth)
		}
		// Rate 0: −1,000 + 10 × 480 = 3,800.
		wantNull(t, r.Service+" npv at 0 %", r.NPV, 3800)
	}
	if len(rows) != 1 || rows[0].Service != "s" {
		t.Errorf("service filter: rows %+v, want the service's alone", rows)
	}
	// An empty database (no range): no rows.
	if rows, err := Change(&cfg, Filter{}, nil); err != nil || rows != nil {
		t.Errorf("empty database: %v %+v", err, rows)
	}
}

func TestRiskTextbookCase(t *testing.T) {
	cfg := config.Config{}
	cfg.ITPOSMO.Assessments = []config.Assessment{
		// Later first in the config: Risk sorts by date.
		{Date: "2009-06-01", Scope: "halden", Information: 5, Technology: 6, Processes: 5, ObjectivesValues: 2, StaffingSkills: 4, ManagementSystems: 3, TimeMoney: 4},
		// Heeks's textbook case: 7 + 9 + 9 + 2 + 5 + 3 + 5 = 40, in 29–42: may fail.
		{Date: "2006-03-01", Scope: "halden", Information: 7, Technology: 9, Processes: 9, ObjectivesValues: 2, StaffingSkills: 5, ManagementSystems: 3, TimeMoney: 5},
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	rows := Risk(&cfg)
	if len(rows) != 2 || rows[0].Date != "2006-03-01" || rows[0].Total != 40 || rows[0].Band != "may fail" || rows[0].ChangeFromPrevious.Valid {
		t.Fatalf("rows %+v", rows)
	}
	// 5 + 6 + 5 + 2 + 4 + 3 + 4 = 29: still may fail, 11 better than 2006.
	if r := rows[1]; r.Total != 29 || r.Band != "may fail" || r.ChangeFromPrevious.Int64 != -11 {
		t.Errorf("second %+v", r)
	}
	for total, band := range map[int]string{0: "likely success", 14: "likely success", 15: "may succeed", 28: "may succeed",
		29: "may fail", 42: "may fail", 43: "likely failure", 56: "likely failure", 57: "very likely failure", 70: "very likely failure"} {
		if got := cfg.ITPOSMO.BandOf(total); got != band {
			t.Errorf("band of %d = %q, want %q", total, got, band)
		}
	}
}

func TestCompareOrgs(t *testing.T) {
	cfg := config.Config{}
	cfg.Baseline.MinSubmissions = 1
	cfg.Validate()
	// The metrics and benefits over the whole range of one month: k1 took
	// 2 paper cases of 60 minutes and 2 integrated of 30, k2 one paper
	// case of 90 minutes and 3 integrated of 20.
	metrics := []model.MetricRow{
		{Org: "k1", Service: "s", Channel: "paper", Submissions: 2, StaffMinutes: 120},
		{Org: "k1", Service: "s", Channel: "integrated", Submissions: 2, StaffMinutes: 60},
		{Org: "k2", Service: "s", Channel: "paper", Submissions: 1, StaffMinutes: 90},
		{Org: "k2", Service: "s", Channel: "integrated", Submissions: 3, StaffMinutes: 60},
	}
	// k1: B = 120 / 2 = 60; saved 4 × 60 − 180 = 60 min = 1 h.
	// k2: B = 90; saved 4 × 90 − (90 + 60) = 210 min = 3.5 h.
	ben := []model.BenefitRow{
		{Org: "k1", Service: "s", Submissions: 4, HoursSaved: model.Some(1)},
		{Org: "k2", Service: "s", Submissions: 4, HoursSaved: model.Some(3.5)},
	}
	rows := Compare(&cfg, metrics, ben)
	if len(rows) != 4 {
		t.Fatalf("%+v", rows)
	}
	// Sorted by service then org; the all-services rows ("*") last.
	if rows[0].Org != "k1" || rows[0].Service != "s" || rows[1].Org != "k2" || rows[2].Service != "*" {
		t.Fatalf("order %+v", rows)
	}
	k1, k2 := rows[0], rows[1]
	// k1: 1 h saved; per 1,000: 1 / 4 × 1,000 = 250.
	wantNull(t, "k1 digital", k1.DigitalShare, 0.5)
	wantNull(t, "k1 paper", k1.MinutesPerSubmission["paper"], 60)
	wantNull(t, "k1 integrated", k1.MinutesPerSubmission["integrated"], 30)
	wantNull(t, "k1 eform", k1.MinutesPerSubmission["eform"], null)
	wantNull(t, "k1 per 1000", k1.HoursSavedPer1000, 250)
	// k2: 3.5 h saved; per 1,000: 3.5 / 4 × 1,000 = 875.
	wantNull(t, "k2 digital", k2.DigitalShare, 0.75)
	wantNull(t, "k2 integrated", k2.MinutesPerSubmission["integrated"], 20)
	wantNull(t, "k2 per 1000", k2.HoursSavedPer1000, 875)
	if rows[3].Org != "k2" || !near(rows[3].HoursSaved.Float64, 3.5) {
		t.Errorf("k2 all services %+v", rows[3])
	}
}

// TestAppraiseCash appraises a tiny case by hand, the cash and the
// economic benefit against the same costs: a one-off of 300 in 2024-02
// and a running cost of 120 a year from 2024-01 (10 a month), over
// 2024-01..2024-06, at 10 % over 2 years.
func TestAppraiseCash(t *testing.T) {
	m := func(i int) time.Time { return time.Date(2024, time.Month(i), 1, 0, 0, 0, 0, time.UTC) }
	costs := ChangeCosts{OneOff: []DatedCost{{m(2), 300}}, Running: []DatedCost{{m(1), 120}}}
	p := AppraisalPeriod{From: m(1), To: m(6), RunFrom: m(1), Rate: 0.1, Horizon: 2}
	flat := func(v float64) map[time.Time]float64 {
		out := map[time.Time]float64{}
		for i := 1; i <= 6; i++ {
			out[m(i)] = v
		}
		return out
	}
	// Cash 100 a month. Cumulative: Jan 100 − 10 = 90, Feb 90 + 100 − 10 −
	// 300 = −120, Mar −30, Apr 60: paid back 2024-04; Jun 240.
	// Run-rate 600 × 12 / 6 = 1200, net 1080 a year; NPV = −300 + 1080 /
	// 1.1 + 1080 / 1.21 = −300 + 981.818182 + 892.561983 = 1574.380165.
	c := Appraise(flat(100), costs, p)
	if c.Payback != "2024-04" {
		t.Errorf("cash payback %q, want 2024-04", c.Payback)
	}
	wantNull(t, "cash run-rate", c.RunRate, 1200)
	wantNull(t, "cash net annual", c.NetAnnual, 1080)
	wantNull(t, "cash to date", c.ToDate, 600)
	wantNull(t, "cash net to date", c.NetToDate, 240)
	if math.Abs(c.NPV.Float64-1574.380165) > 1e-6 {
		t.Errorf("cash NPV %v, want 1574.380165", c.NPV.Float64)
	}
	// Economic 400 a month: Feb 390 + 400 − 10 − 300 = 480 ≥ 0 in the
	// month of the one-off: 2024-02.
	if e := Appraise(flat(400), costs, p); e.Payback != "2024-02" {
		t.Errorf("economic payback %q, want 2024-02", e.Payback)
	}
	// Cash 20 a month: Jun −240, net 240 − 120 = 120 a year, 10 a month:
	// 24 more months, 2026-06; NPV −300 + 120/1.1 + 120/1.21 = −91.735537.
	c = Appraise(flat(20), costs, p)
	if c.Payback != "2026-06" || math.Abs(c.NPV.Float64+91.735537) > 1e-6 {
		t.Errorf("slow cash: payback %q NPV %v, want 2026-06 and −91.735537", c.Payback, c.NPV.Float64)
	}
}
