package main

import (
	"context"
	"io"
	"log/slog"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/pipelines/bench"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
)

// TestHandwrittenMatchesMetrics checks the yardstick: the hand-written
// statement must compute the very table gevinst's metrics compute
// (month grain, all data), or the ratio in docs/benchmarks.md is void.
func TestHandwrittenMatchesMetrics(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	sh := bench.Shape{Submissions: 3000, TimeRows: 9000}
	subs, err := bench.WriteSubmissions(filepath.Join(dir, "s.csv"), sh)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := bench.WriteTime(filepath.Join(dir, "t.csv"), sh)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Config(":memory:", "1GB", 0)
	if err != nil {
		t.Fatal(err)
	}
	db, err := queries.Open(ctx, "", &cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for kind, path := range map[queries.Kind]string{queries.KindSubmissions: subs.Path, queries.KindTime: tm.Path} {
		if _, err := pipelines.Import(ctx, db, &cfg, pipelines.ImportOptions{Kind: kind, Files: []string{path}}, io.Discard, log); err != nil {
			t.Fatal(err)
		}
	}
	want, err := db.Metrics(ctx, queries.Filter{Grain: queries.GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Conn().QueryContext(ctx, HandwrittenSQL, Holidays())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var g model.MetricRow
		if err := rows.Scan(&g.Org, &g.Service, &g.Channel, &g.Period, &g.Submissions, &g.Decided, &g.StaffMinutes,
			&g.MinutesPerSubmission, &g.TimedSubmissions, &g.TimedCoverage, &g.MedianCaseMinutes, &g.P90CaseMinutes,
			&g.LeadTimeMedianDays, &g.LeadTimeP90Days, &g.AfterHoursShare, &g.StaffCost, &g.CostPerSubmission); err != nil {
			t.Fatal(err)
		}
		if i >= len(want) {
			t.Fatalf("hand-written statement has more rows than metrics (%d)", len(want))
		}
		w := want[i]
		key := strings.Join([]string{w.Org, w.Service, w.Channel, w.Period}, "/")
		if g.Org != w.Org || g.Service != w.Service || g.Channel != w.Channel || g.Period != w.Period {
			t.Fatalf("row %d: %s/%s/%s/%s, want %s", i, g.Org, g.Service, g.Channel, g.Period, key)
		}
		if g.Submissions != w.Submissions || g.Decided != w.Decided || g.TimedSubmissions != w.TimedSubmissions {
			t.Errorf("%s: counts %d/%d/%d, want %d/%d/%d", key, g.Submissions, g.Decided, g.TimedSubmissions,
				w.Submissions, w.Decided, w.TimedSubmissions)
		}
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"staff_minutes", g.StaffMinutes, w.StaffMinutes}} {
			if !near(c.got, c.want) {
				t.Errorf("%s: %s = %v, want %v", key, c.name, c.got, c.want)
			}
		}
		for _, c := range []struct {
			name      string
			got, want model.Null
		}{
			{"minutes_per_submission", g.MinutesPerSubmission, w.MinutesPerSubmission},
			{"timed_coverage", g.TimedCoverage, w.TimedCoverage},
			{"median_case_minutes", g.MedianCaseMinutes, w.MedianCaseMinutes},
			{"p90_case_minutes", g.P90CaseMinutes, w.P90CaseMinutes},
			{"lead_time_median_days", g.LeadTimeMedianDays, w.LeadTimeMedianDays},
			{"lead_time_p90_days", g.LeadTimeP90Days, w.LeadTimeP90Days},
			{"after_hours_share", g.AfterHoursShare, w.AfterHoursShare},
			{"staff_cost", g.StaffCost, w.StaffCost},
			{"cost_per_submission", g.CostPerSubmission, w.CostPerSubmission},
		} {
			if c.got.Valid != c.want.Valid || (c.got.Valid && !near(c.got.Float64, c.want.Float64)) {
				t.Errorf("%s: %s = %+v, want %+v", key, c.name, c.got, c.want)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(want) || i < 100 {
		t.Errorf("hand-written statement: %d rows, metrics: %d", i, len(want))
	}
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func TestParseSizes(t *testing.T) {
	got, err := ParseSizes("100k, 1M,2m:5m")
	if err != nil {
		t.Fatal(err)
	}
	want := []Size{{100_000, 300_000}, {1_000_000, 3_000_000}, {2_000_000, 5_000_000}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("size %d: %v, want %v", i, got[i], want[i])
		}
	}
	if got[0].Label() != "100k/300k" {
		t.Errorf("label %q", got[0].Label())
	}
	for _, bad := range []string{"", "x", "-1", "1G"} {
		if _, err := ParseSizes(bad); err == nil {
			t.Errorf("ParseSizes(%q) gave no error", bad)
		}
	}
}

// The import steps' rounds combine into the median time (the lower middle
// one of an even count), the median of each detail and the largest peak.
func TestMedianOfRounds(t *testing.T) {
	ms := []Measure{
		{Seconds: 3, RSSMiB: 100, Details: map[string]float64{"copy_s": 2.5}},
		{Seconds: 1, RSSMiB: 300, Details: map[string]float64{"copy_s": 0.5}},
		{Seconds: 2, RSSMiB: 200, Details: map[string]float64{"copy_s": 9}},
	}
	m := medianOf(ms)
	if m.Seconds != 2 || m.RSSMiB != 300 || m.Details["copy_s"] != 2.5 || m.Note != "median of 3 rounds" {
		t.Errorf("three rounds: %+v", m)
	}
	m = medianOf(append(ms, Measure{Seconds: 4, RSSMiB: 50, Details: map[string]float64{"copy_s": 1}}))
	if m.Seconds != 2 || m.Details["copy_s"] != 1 {
		t.Errorf("four rounds: seconds %v, copy_s %v; want 2 and 1", m.Seconds, m.Details["copy_s"])
	}
	if m = medianOf(ms[:1]); m.Seconds != 3 || m.Note != "" {
		t.Errorf("one round: %+v", m)
	}
}
