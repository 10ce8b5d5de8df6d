package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The bars of issue 15 ("figures kept at import"), as ratios measured in
// one run.
const (
	// WholeJobSpeedup: gevinst's whole job (two imports and the report) at
	// least this many times faster than the pandas + openpyxl yardstick,
	WholeJobSpeedup = 5.0
	// WholeJobMemory: at most this share of the yardstick's peak memory.
	WholeJobMemory = 1.0 / 3
	// MonthFactor and MonthConstant: importing one more month into the full
	// database takes at most MonthFactor × COPY of the same files into a
	// fresh database + MonthConstant seconds.
	MonthFactor, MonthConstant = 2.0, 1.0
	// FlatFactor: metrics, benefits and report at the largest size within
	// this many times their time at the smallest.
	FlatFactor = 2.0
	// ImportGoal: the import's throughput against COPY (the SPEC bar is 0.6).
	ImportGoal = 0.8
	// PeakMiB: peak RSS of every gevinst step.
	PeakMiB = 2048.0
)

// Bar is one row of the bars table: what is asked, at which size, what
// was measured and the verdict ("met", "**not met**" or "not measured").
type Bar struct {
	Name, Size, Measured, Verdict string
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}

const notMeasured = "not measured"

// SpeedupMet says whether gevinst's whole job (seconds) is at least
// WholeJobSpeedup times faster than the yardstick, and the speed-up.
func SpeedupMet(gevinst, yardstick float64) (float64, bool) {
	r := yardstick / gevinst
	return r, r >= WholeJobSpeedup
}

// MemoryMet says whether gevinst's peak is at most WholeJobMemory of the
// yardstick's, and the share.
func MemoryMet(gevinst, yardstick float64) (float64, bool) {
	r := gevinst / yardstick
	return r, r <= WholeJobMemory
}

// MonthMet says whether the monthly import (seconds, both files) is
// within MonthFactor × COPY + MonthConstant, and that limit.
func MonthMet(gevinst, copy float64) (float64, bool) {
	limit := MonthFactor*copy + MonthConstant
	return limit, gevinst <= limit
}

// FlatMet says whether a reader's time at the larger size is within
// FlatFactor times its time at the smaller, and the factor.
func FlatMet(small, large float64) (float64, bool) {
	r := large / small
	return r, r <= FlatFactor
}

// Bars evaluates the bars of issue 15 on one run's results (one per size,
// in any order).
func Bars(results []Result) []Bar {
	var bars []Bar
	for _, res := range results {
		size := res.Size.Label()
		w, y := WholeJob(res), res.Get(stepYardstick)
		switch {
		case w.Seconds == 0 || y == nil:
			bars = append(bars, Bar{"whole job ≥ 5× faster than the pandas script", size, "a step is missing", notMeasured})
		case y.Skipped != "":
			bars = append(bars,
				Bar{"whole job ≥ 5× faster than the pandas script", size, "skipped: " + y.Skipped, notMeasured},
				Bar{"whole job ≤ 1/3 of the pandas script's peak memory", size, "skipped: " + y.Skipped, notMeasured})
		default:
			r, ok := SpeedupMet(w.Seconds, y.Seconds)
			bars = append(bars, Bar{"whole job ≥ 5× faster than the pandas script", size,
				fmt.Sprintf("%.2f× (gevinst %.2f s: imports %.2f + %.2f s, first report %.2f s; script %.2f s)", r, w.Seconds,
					res.Get(stepImportSubs).Seconds, res.Get(stepImportTime).Seconds, res.Get(stepFirstReport).Seconds, y.Seconds),
				verdict(ok)})
			m, ok := MemoryMet(w.RSSMiB, y.RSSMiB)
			bars = append(bars, Bar{"whole job ≤ 1/3 of the pandas script's peak memory", size,
				fmt.Sprintf("%.2f (gevinst %.2f GiB, script %.2f GiB)", m, w.RSSMiB/1024, y.RSSMiB/1024), verdict(ok)})
		}
		var full, empty, copies, copyStmt float64
		complete := true
		for _, k := range []string{"submissions", "time"} {
			c, e, f := res.Get(stepMonthCopy+k), res.Get(fmt.Sprintf(stepMonthEmpty, k)), res.Get(fmt.Sprintf(stepMonthFull, k))
			if c == nil || e == nil || f == nil {
				complete = false
				break
			}
			full, empty, copies, copyStmt = full+f.Seconds, empty+e.Seconds, copies+c.Seconds, copyStmt+c.Details["copy_s"]
		}
		ms := MonthSize(res.Size).Label()
		if !complete {
			bars = append(bars, Bar{"monthly import ≤ 2 × COPY + 1 s", size, "a step is missing", notMeasured})
		} else {
			limit, ok := MonthMet(full, copyStmt)
			bars = append(bars, Bar{"monthly import ≤ 2 × COPY + 1 s", size,
				fmt.Sprintf("%s into the full database: gevinst %.2f s (both files, two processes), COPY statements %.3f s (processes %.2f s): limit %.2f s",
					ms, full, copyStmt, copies, limit), verdict(ok)})
			r := full / empty
			bars = append(bars, Bar{"monthly import into the full database ≤ 2 × into an empty one (SPEC §10)", size,
				fmt.Sprintf("%.2f× (full %.2f s, empty %.2f s)", r, full, empty), verdict(r <= 2)})
		}
		is, it := res.Get(stepImportSubs), res.Get(stepImportTime)
		if is != nil && it != nil {
			bars = append(bars, Bar{"import ≥ 0.8 × COPY (SPEC bar 0.6)", size,
				fmt.Sprintf("submissions %.2f, time %.2f", is.Ratio, it.Ratio), verdict(is.Ratio >= ImportGoal && it.Ratio >= ImportGoal)})
		}
		peak, at := 0.0, ""
		for _, m := range res.Measures {
			if strings.HasPrefix(m.Step, "gevinst ") && m.Step != stepWholeJob && m.RSSMiB > peak {
				peak, at = m.RSSMiB, m.Step
			}
		}
		if at != "" {
			bars = append(bars, Bar{"peak ≤ 2 GiB, every gevinst step", size,
				fmt.Sprintf("max %.2f GiB (%s)", peak/1024, at), verdict(peak <= PeakMiB)})
		}
	}
	sorted := slices.Clone(results)
	slices.SortFunc(sorted, func(a, b Result) int { return int(a.Size.Submissions - b.Size.Submissions) })
	for _, name := range []string{stepMetrics, stepBenefits, stepReport} {
		bar := "flat in size: " + strings.TrimSuffix(strings.TrimPrefix(name, "gevinst "), " (CLI)") + " ≤ 2 × its time at the smaller size"
		if len(sorted) < 2 {
			bars = append(bars, Bar{bar, "", "needs two sizes in one run (make bench BENCH_SIZES=1M,10M)", notMeasured})
			continue
		}
		small, large := sorted[0], sorted[len(sorted)-1]
		s, l := small.Get(name), large.Get(name)
		if s == nil || l == nil {
			bars = append(bars, Bar{bar, "", "a step is missing", notMeasured})
			continue
		}
		r, ok := FlatMet(s.Seconds, l.Seconds)
		bars = append(bars, Bar{bar, large.Size.Label() + " vs " + small.Size.Label(),
			fmt.Sprintf("%.2f× (%.2f s → %.2f s)", r, s.Seconds, l.Seconds), verdict(ok)})
	}
	return bars
}

// BarsMarkdown is the bars table of one run, the section "bars" of
// docs/benchmarks.md.
func BarsMarkdown(bars []Bar, results []Result, when time.Time, load string) string {
	var b strings.Builder
	var sizes []string
	for _, r := range results {
		sizes = append(sizes, r.Size.Label())
	}
	fmt.Fprintf(&b, "Run %s, sizes %s (the Results below); %s.\n\n", when.Format("2006-01-02 15:04 MST"),
		strings.Join(sizes, ", "), load)
	b.WriteString("| bar | size | measured | met? |\n|---|---|---|---|\n")
	for _, bar := range bars {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", bar.Name, bar.Size, bar.Measured, bar.Verdict)
	}
	return b.String()
}
