package main

import (
	"context"
	"strings"
	"testing"
)

func TestMonthSize(t *testing.T) {
	for _, c := range []struct{ size, want Size }{
		{Size{1_000_000, 3_000_000}, Size{30_000, 90_000}},
		{Size{10_000_000, 30_000_000}, Size{30_000, 90_000}},
		{Size{100_000, 300_000}, Size{3000, 9000}},
		{Size{100_000, 250_000}, Size{3000, 7500}},
		{Size{10, 30}, Size{1, 3}},
	} {
		if got := MonthSize(c.size); got != c.want {
			t.Errorf("MonthSize(%s) = %s, want %s", c.size.Label(), got.Label(), c.want.Label())
		}
	}
}

func TestBarVerdicts(t *testing.T) {
	if r, ok := SpeedupMet(2, 10); r != 5 || !ok {
		t.Errorf("10 s against 2 s: %v× %v, want 5× met", r, ok)
	}
	if r, ok := SpeedupMet(13.6, 17.4); ok || r > 1.3 || r < 1.27 {
		t.Errorf("the issue's 13.6 s against 17.4 s: %v× %v, want 1.28× not met", r, ok)
	}
	if r, ok := MemoryMet(1.12, 1.74); ok || r < 0.64 || r > 0.65 {
		t.Errorf("the issue's 1.12 GiB against 1.74 GiB: %v %v, want 0.64 not met", r, ok)
	}
	if _, ok := MemoryMet(0.5, 1.5); !ok {
		t.Error("a third of the memory: not met")
	}
	if limit, ok := MonthMet(1.5, 0.25); limit != 1.5 || !ok {
		t.Errorf("1.5 s against COPY 0.25 s: limit %v %v, want 1.5 met", limit, ok)
	}
	if _, ok := MonthMet(1.51, 0.25); ok {
		t.Error("1.51 s against a limit of 1.5 s: met")
	}
	if r, ok := FlatMet(4.6, 46); r != 10 || ok {
		t.Errorf("report 4.6 s → 46 s: %v× %v, want 10× not met", r, ok)
	}
	if _, ok := FlatMet(1, 2); !ok {
		t.Error("exactly twice: not met")
	}
}

// result builds a Result with the steps the bars read.
func result(size Size, secs map[string]float64, rss map[string]float64) Result {
	res := Result{Size: size}
	for name, s := range secs {
		res.Measures = append(res.Measures, Measure{Step: name, Seconds: s, RSSMiB: rss[name],
			Details: map[string]float64{"copy_s": s / 2}})
	}
	return res
}

func TestWholeJobAndBars(t *testing.T) {
	small := result(Size{1_000_000, 3_000_000}, map[string]float64{
		// The whole job counts the first report (which builds the kept
		// figures), not the later one.
		stepImportSubs: 1.4, stepImportTime: 4.2, stepFirstReport: 4.6, stepReport: 1.0, stepYardstick: 51,
		stepMetrics: 1.9, stepBenefits: 1.5,
		stepMonthCopy + "submissions": 0.2, stepMonthCopy + "time": 0.4,
		"gevinst import month submissions, empty database": 0.3, "gevinst import month time, empty database": 0.5,
		"gevinst import month submissions, into the full one": 0.4, "gevinst import month time, into the full one": 0.8,
	}, map[string]float64{stepImportSubs: 300, stepImportTime: 480, stepFirstReport: 1150, stepReport: 400, stepYardstick: 1800,
		"gevinst import month time, into the full one": 2100})
	w := WholeJob(small)
	if !near(w.Seconds, 10.2) || w.RSSMiB != 1150 || !near(w.Ratio, 5) {
		t.Errorf("whole job: %v s, %v MiB, ratio %v; want 10.2 s, 1150 MiB, 5", w.Seconds, w.RSSMiB, w.Ratio)
	}
	large := result(Size{10_000_000, 30_000_000}, map[string]float64{stepMetrics: 3.7, stepBenefits: 3.1, stepReport: 46}, nil)
	got := map[string]Bar{}
	for _, b := range Bars([]Result{large, small}) {
		got[b.Name+" @"+b.Size] = b
	}
	for key, want := range map[string]string{
		"whole job ≥ 5× faster than the pandas script @1M/3M":                             "met",
		"whole job ≤ 1/3 of the pandas script's peak memory @1M/3M":                       "**not met**", // 1150 of 1800
		"monthly import ≤ 2 × COPY + 1 s @1M/3M":                                          "met",         // 1.2 s ≤ 2 × 0.3 + 1
		"monthly import into the full database ≤ 2 × into an empty one (SPEC §10) @1M/3M": "met",
		"peak ≤ 2 GiB, every gevinst step @1M/3M":                                         "**not met**", // 2100 MiB
		"whole job ≥ 5× faster than the pandas script @10M/30M":                           notMeasured,
		"flat in size: metrics ≤ 2 × its time at the smaller size @10M/30M vs 1M/3M":      "met",
		"flat in size: benefits ≤ 2 × its time at the smaller size @10M/30M vs 1M/3M":     "**not met**",
		"flat in size: report ≤ 2 × its time at the smaller size @10M/30M vs 1M/3M":       "**not met**",
	} {
		b, ok := got[key]
		if !ok {
			t.Errorf("no bar %q", key)
			continue
		}
		if b.Verdict != want {
			t.Errorf("%s: %s (%s), want %s", key, b.Verdict, b.Measured, want)
		}
	}
	if b := got["peak ≤ 2 GiB, every gevinst step @1M/3M"]; !strings.Contains(b.Measured, "into the full one") {
		t.Errorf("peak names the wrong step: %s", b.Measured)
	}

	// Without the yardstick: the row says why, and the bars are not measured.
	small.Get(stepYardstick).Skipped = "no python3"
	if w := WholeJob(small); w.Ratio != 0 || w.Seconds == 0 {
		t.Errorf("whole job without the yardstick: %+v", w)
	}
	for _, b := range Bars([]Result{small}) {
		if strings.HasPrefix(b.Name, "whole job") && (b.Verdict != notMeasured || !strings.Contains(b.Measured, "no python3")) {
			t.Errorf("%s: %s, %s", b.Name, b.Verdict, b.Measured)
		}
		if strings.HasPrefix(b.Name, "flat in size") && b.Verdict != notMeasured {
			t.Errorf("%s with one size: %s", b.Name, b.Verdict)
		}
	}
}

func TestLoadRange(t *testing.T) {
	if got := LoadRange([]float64{3.3, 10.24, 1.0, 5}); got != "1.0–10.2 (median 3.3)" {
		t.Errorf("LoadRange = %q", got)
	}
	if got := LoadRange(nil); got != "?" {
		t.Errorf("LoadRange(nil) = %q", got)
	}
}

// Above --yardstick-max the yardstick is skipped, saying why, before it
// looks for Python or the files (pandas would need ~13 GiB at 10 M).
func TestYardstickMax(t *testing.T) {
	r := &Runner{YardstickMax: 1_000_000}
	m, err := r.yardstick(context.Background(), t.TempDir(), Size{10_000_000, 30_000_000}, "no such file", "no such file")
	if err != nil || !strings.Contains(m.Skipped, "--yardstick-max 1M") || m.Rows != 40_000_000 || m.Step != stepYardstick {
		t.Errorf("10M with a 1M cap: %+v, %v", m, err)
	}
}
