package queries

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

// fixtureA is testdata/fixture-a: one org (k1), one service (bh), three
// months, built so that every attribution rule of SPEC §3 fires:
//
//	rule 1  r1–r6, r13 (r4's case C4 is shared by s4 and s5: 12 → 6 + 6;
//	        r13 names service xx/channel paper, which rule 1 ignores)
//	rule 2  r7 (bh, paper, Jan), r10 (orphan case C99 → bh, eform, Feb)
//	rule 3  r8: 30 min in Jan spread over Jan's counts paper 2, eform 1,
//	        integrated 2 of 5 → 12, 6, 12
//	rule 4  r9 (no bh submissions in April), r11 (orphan, no service),
//	        r12 (no service)
func fixtureA(t *testing.T, mutate func(*config.Config)) *DB {
	t.Helper()
	cfg := config.Config{}
	cfg.Baseline.MinSubmissions = 2
	cfg.Costs.HourlyRates = map[string]float64{"reception": 600, "clerk": 480, "case_officer": 720}
	cfg.Costs.ChannelUnitCosts = map[string]float64{"paper": 10, "eform": 2, "integrated": 1}
	if mutate != nil {
		mutate(&cfg)
	}
	d := openTest(t, cfg)
	importTest(t, d, KindSubmissions, "../testdata/fixture-a/submissions.csv")
	importTest(t, d, KindTime, "../testdata/fixture-a/time.csv")
	return d
}

var null = math.NaN()

func TestMetricsFixtureAByMonth(t *testing.T) {
	d := fixtureA(t, nil)
	rows, err := d.Metrics(context.Background(), Filter{Grain: GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		subs, decided                     int64
		staff                             float64
		timed                             int64
		median, p90, leadMed, leadP90, ah float64
		cost                              float64 // staff cost
		unit                              float64 // channel unit cost
	}
	// Rates per minute: reception 10, clerk 8, case_officer 12 (600, 480, 720 per hour).
	wants := map[[2]string]want{
		// s3 (Saturday, undecided; r6 15 min case-linked) + r8's share 6.
		{"eform", "2024-01"}: {1, 0, 15 + 6, 1, 15, 15, null, null, 1, 15*10 + 6*12, 2},
		// s7 (Wednesday noon, no case) + orphan r10 pooled with channel, 8 min.
		{"eform", "2024-02"}: {1, 0, 8, 0, null, null, null, null, 0, 8 * 8, 2},
		// s4 08:00 (inside) and s5 15:30 (after hours) share case C4: r4's
		// 12 min → 6 each; plus r8's share 12. Lead 0.5 and 1.0 days:
		// median 0.75, p90 0.5 + 0.9 × 0.5 = 0.95.
		{"integrated", "2024-01"}: {2, 2, 12 + 12, 2, 6, 6, 0.75, 0.95, 0.5, 12*12 + 12*12, 1},
		// s8 received on Maundy Thursday 2024 (28 March): a holiday.
		{"integrated", "2024-03"}: {1, 1, 25, 1, 25, 25, 1, 1, 1, 25 * 12, 1},
		// s1 (r1 10 + r2 20 = 30), s2 (r3 30), r7 9 pooled, r8's share 12.
		// Lead 2.0 and 0.5: median 1.25, p90 0.5 + 0.9 × 1.5 = 1.85.
		{"paper", "2024-01"}: {2, 2, 10 + 20 + 30 + 9 + 12, 2, 30, 30, 1.25, 1.85, 0.5, 10*10 + 20*8 + 30*12 + 9*10 + 12*12, 10},
		{"paper", "2024-02"}: {1, 1, 40, 1, 40, 40, 4, 4, 0, 40 * 8, 10},
	}
	if len(rows) != len(wants) {
		t.Fatalf("got %d rows, want %d: %+v", len(rows), len(wants), rows)
	}
	for _, r := range rows {
		w, ok := wants[[2]string{r.Channel, r.Period}]
		if !ok || r.Org != "k1" || r.Service != "bh" {
			t.Errorf("unexpected row %+v", r)
			continue
		}
		name := r.Channel + " " + r.Period
		if r.Submissions != w.subs || r.Decided != w.decided || r.TimedSubmissions != w.timed {
			t.Errorf("%s: submissions/decided/timed = %d/%d/%d, want %d/%d/%d", name,
				r.Submissions, r.Decided, r.TimedSubmissions, w.subs, w.decided, w.timed)
		}
		if !near(r.StaffMinutes, w.staff) {
			t.Errorf("%s: staff_minutes = %v, want %v", name, r.StaffMinutes, w.staff)
		}
		wantNull(t, name+" minutes_per_submission", r.MinutesPerSubmission, w.staff/float64(w.subs))
		wantNull(t, name+" timed_coverage", r.TimedCoverage, float64(w.timed)/float64(w.subs))
		wantNull(t, name+" median_case_minutes", r.MedianCaseMinutes, w.median)
		wantNull(t, name+" p90_case_minutes", r.P90CaseMinutes, w.p90)
		wantNull(t, name+" lead_time_median_days", r.LeadTimeMedianDays, w.leadMed)
		wantNull(t, name+" lead_time_p90_days", r.LeadTimeP90Days, w.leadP90)
		wantNull(t, name+" after_hours_share", r.AfterHoursShare, w.ah)
		wantNull(t, name+" staff_cost", r.StaffCost, w.cost)
		wantNull(t, name+" cost_per_submission", r.CostPerSubmission, (w.cost+float64(w.subs)*w.unit)/float64(w.subs))
	}
}

func TestMetricsFixtureAByQuarterIsSumsNotAverages(t *testing.T) {
	d := fixtureA(t, nil)
	rows, err := d.Metrics(context.Background(), Filter{Grain: GrainQuarter, Service: "bh"})
	if err != nil {
		t.Fatal(err)
	}
	var paper *model.MetricRow
	for i := range rows {
		if rows[i].Channel == "paper" {
			paper = &rows[i]
		}
	}
	if paper == nil || paper.Period != "2024-Q1" {
		t.Fatalf("no paper 2024-Q1 row in %+v", rows)
	}
	// Jan 81 min over 2 submissions + Feb 40 over 1: 121 / 3, not (40.5 + 40) / 2.
	wantNull(t, "minutes_per_submission", paper.MinutesPerSubmission, 121.0/3)
	// Case minutes 30, 30, 40: median 30; p90 at rank 0.9 × 2 = 1.8 → 30 + 0.8 × 10 = 38.
	wantNull(t, "median_case_minutes", paper.MedianCaseMinutes, 30)
	wantNull(t, "p90_case_minutes", paper.P90CaseMinutes, 38)
	// Lead days 2.0, 0.5, 4.0 → sorted 0.5, 2, 4: median 2, p90 2 + 0.8 × 2 = 3.6.
	wantNull(t, "lead_time_median_days", paper.LeadTimeMedianDays, 2)
	wantNull(t, "lead_time_p90_days", paper.LeadTimeP90Days, 3.6)
	wantNull(t, "after_hours_share", paper.AfterHoursShare, 1.0/3)
}

func TestBenefitsFixtureA(t *testing.T) {
	d := fixtureA(t, nil)
	rows, err := d.Benefits(context.Background(), Filter{Grain: GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	// B: paper over the range (3 submissions ≥ min_submissions 2): 121 / 3.
	b := 121.0 / 3
	// Bc: paper staff cost Jan 100 + 160 + 360 + 90 + 144 = 854, Feb 320,
	// plus 3 × 10 unit cost, over 3 submissions.
	bc := (854.0 + 320 + 30) / 3
	// U over the range: paper 121/3, eform (21 + 8)/2, integrated (24 + 25)/3.
	uPaper, uEform, uInt := 121.0/3, 29.0/2, 49.0/3
	type want struct {
		subs         int64
		actual, cost float64 // actual minutes; actual cost incl. unit costs
		potential    float64
	}
	wants := map[string]want{
		"2024-01": {5, 81 + 21 + 24, (854 + 20) + (222 + 2) + (288 + 2), 2*(uPaper-uInt) + 1*(uEform-uInt)},
		"2024-02": {2, 40 + 8, (320 + 10) + (64 + 2), 1*(uPaper-uInt) + 1*(uEform-uInt)},
		"2024-03": {1, 25, 300 + 1, 0},
	}
	if len(rows) != len(wants) {
		t.Fatalf("got %d rows, want %d: %+v", len(rows), len(wants), rows)
	}
	for _, r := range rows {
		w := wants[r.Period]
		if r.Submissions != w.subs || !near(r.ActualMinutes, w.actual) {
			t.Errorf("%s: submissions %d actual %v, want %d %v", r.Period, r.Submissions, r.ActualMinutes, w.subs, w.actual)
		}
		cf := float64(w.subs) * b
		wantNull(t, r.Period+" counterfactual", r.CounterfactualMinutes, cf)
		wantNull(t, r.Period+" minutes_saved", r.MinutesSaved, cf-w.actual)
		wantNull(t, r.Period+" hours_saved", r.HoursSaved, (cf-w.actual)/60)
		wantNull(t, r.Period+" fte_saved", r.FTESaved, (cf-w.actual)/60/1695)
		value := float64(w.subs)*bc - w.cost
		wantNull(t, r.Period+" value_saved", r.ValueSaved, value)
		wantNull(t, r.Period+" cash_releasing", r.CashReleasing, 0)
		wantNull(t, r.Period+" capacity_freed", r.CapacityFreed, value)
		wantNull(t, r.Period+" potential_minutes", r.PotentialMinutes, w.potential)
		wantNull(t, r.Period+" baseline", r.BaselineMinutes, b)
	}
}

func TestQualityFixtureA(t *testing.T) {
	d := fixtureA(t, nil)
	q, err := d.Quality(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		what      string
		got, want float64
	}{
		{"total", q.TotalMinutes, 10 + 20 + 30 + 12 + 40 + 15 + 9 + 30 + 10 + 8 + 5 + 7 + 25},
		{"case-linked", q.CaseLinkedMinutes, 10 + 20 + 30 + 12 + 40 + 15 + 25},
		{"pooled", q.PooledMinutes, 9 + 30 + 8},
		{"unattributed", q.UnattributedMinutes, 10 + 5 + 7},
		{"unattributed rows", float64(q.UnattributedRows), 3},
		{"orphan rows", float64(q.OrphanRows), 2},
		{"orphan minutes", q.OrphanMinutes, 8 + 5},
		{"submissions", float64(q.Submissions), 8},
		{"timed", float64(q.TimedSubmissions), 7},
		{"shared case ids", float64(q.SharedCaseIDs), 1},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
}

func TestMissingRateIsOneErrorNamingEveryRole(t *testing.T) {
	d := fixtureA(t, func(c *config.Config) {
		c.Costs.HourlyRates = map[string]float64{"reception": 600}
	})
	_, err := d.Metrics(context.Background(), Filter{})
	if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "case_officer, clerk") ||
		!strings.Contains(err.Error(), "costs.hourly_rates") {
		t.Errorf("err = %v, want ErrConfig naming case_officer, clerk and the key", err)
	}
}

func TestWithoutRatesCostsAreNullNotZero(t *testing.T) {
	d := fixtureA(t, func(c *config.Config) { c.Costs = config.Costs{} })
	rows, err := d.Benefits(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ValueSaved.Valid || r.CashReleasing.Valid || !r.MinutesSaved.Valid {
			t.Errorf("%s: value %v cash %v minutes %v", r.Period, r.ValueSaved, r.CashReleasing, r.MinutesSaved)
		}
	}
}

func TestBaselineRules(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*config.Config)
		from   string
		b      float64
		basis  string
	}{
		// Default min_submissions 30 > 3 paper submissions: not computable.
		{"too few", func(c *config.Config) { c.Baseline.MinSubmissions = 30 }, "", null, "not computable: 3 paper submissions"},
		// Window Jan 2024: all channels, 126 minutes over 5 submissions.
		{"window", func(c *config.Config) {
			c.Services = map[string]config.Service{"bh": {BaselineWindow: &config.Window{From: "2024-01", To: "2024-01"}}}
		}, "", 126.0 / 5, "baseline window 2024-01..2024-01 (5 submissions"},
		// A window without submissions is not computable; no silent fallback.
		{"empty window", func(c *config.Config) {
			c.Services = map[string]config.Service{"bh": {BaselineWindow: &config.Window{From: "2020-01", To: "2020-12"}}}
		}, "", null, "not computable: no submissions in baseline window"},
		// Range Feb..Mar has 1 paper submission < 2: all loaded data gives 121/3.
		{"all data", nil, "2024-02", 121.0 / 3, "paper channel, all loaded data (3 submissions)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := fixtureA(t, tc.mutate)
			f := Filter{Grain: GrainYear}
			if tc.from != "" {
				f.From = month(tc.from)
			}
			rows, err := d.Benefits(context.Background(), f)
			if err != nil || len(rows) != 1 {
				t.Fatalf("%v %+v", err, rows)
			}
			r := rows[0]
			wantNull(t, "baseline", r.BaselineMinutes, tc.b)
			wantNull(t, "counterfactual", r.CounterfactualMinutes, tc.b*float64(r.Submissions))
			if !strings.HasPrefix(r.BaselineBasis, tc.basis) {
				t.Errorf("basis %q, want prefix %q", r.BaselineBasis, tc.basis)
			}
		})
	}
}
