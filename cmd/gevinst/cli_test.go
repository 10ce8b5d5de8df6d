package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// cli runs gevinst in-process with a database in dir and returns the exit
// code, stdout and stderr.
type cli struct {
	t   *testing.T
	dir string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	t.Setenv("GEVINST_PSEUDONYM_KEY", "test-key-0123456789abcdef")
	return &cli{t: t, dir: t.TempDir()}
}

func (c *cli) run(args ...string) (int, string, string) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	full := append([]string{"--db", filepath.Join(c.dir, "test.duckdb")}, args...)
	code := runWithClock(context.Background(), full, &out, &errOut)
	return code, out.String(), errOut.String()
}

// runWithClock is run with a fixed clock, so outputs are reproducible.
func runWithClock(ctx context.Context, args []string, stdout, stderr *bytes.Buffer) int {
	return runAt(ctx, args, stdout, stderr, func() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) })
}

const fixtureA = "../../testdata/fixture-a/"

func (c *cli) mustRun(args ...string) string {
	c.t.Helper()
	code, out, errOut := c.run(args...)
	if code != 0 {
		c.t.Fatalf("gevinst %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func (c *cli) importFixtureA() {
	c.t.Helper()
	c.mustRun("--config", fixtureA+"gevinst.yaml", "import", "submissions", fixtureA+"submissions.csv")
	c.mustRun("--config", fixtureA+"gevinst.yaml", "import", "time", fixtureA+"time.csv")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("../../testdata/golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/gevinst -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./cmd/gevinst -update, then review the diff)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestGoldenOutputsFixtureA(t *testing.T) {
	c := newCLI(t)
	c.importFixtureA()
	for _, tc := range []struct{ file, cmd, by, format string }{
		{"fixture-a-metrics-month.csv", "metrics", "month", "csv"},
		{"fixture-a-metrics-quarter.csv", "metrics", "quarter", "csv"},
		{"fixture-a-benefits-month.csv", "benefits", "month", "csv"},
		{"fixture-a-benefits-year.json", "benefits", "year", "json"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			out := c.mustRun("--config", fixtureA+"gevinst.yaml", tc.cmd, "--by", tc.by, "--format", tc.format)
			golden(t, tc.file, out)
		})
	}
}

func TestMachineOutputShape(t *testing.T) {
	c := newCLI(t)
	c.importFixtureA()
	out := c.mustRun("--config", fixtureA+"gevinst.yaml", "metrics", "--format", "csv")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "org,service,channel,period,submissions,decided,staff_minutes,minutes_per_submission,timed_submissions,timed_coverage,median_case_minutes,p90_case_minutes,lead_time_median_days,lead_time_p90_days,after_hours_share,staff_cost,cost_per_submission,minutes_per_submission_ci_low,minutes_per_submission_ci_high,ci_n,ci_small_n,lead_time_median_working_days,lead_time_p90_working_days,touch_time_share" {
		t.Errorf("metrics header = %s", lines[0])
	}
	// eform 2024-02 has no timed submission and no decided one: the
	// quantiles are empty (null), never 0.
	found := false
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "k1,bh,eform,2024-02,") {
			found = true
			f := strings.Split(l, ",")
			if f[10] != "" || f[11] != "" || f[12] != "" {
				t.Errorf("null quantiles not empty: %s", l)
			}
		}
	}
	if !found {
		t.Errorf("no eform 2024-02 row in\n%s", out)
	}
	// Sorted by the grain columns.
	for i := 2; i < len(lines); i++ {
		a, b := strings.SplitN(lines[i-1], ",", 5), strings.SplitN(lines[i], ",", 5)
		if strings.Join(a[:4], ",") >= strings.Join(b[:4], ",") {
			t.Errorf("rows not sorted: %q before %q", lines[i-1], lines[i])
		}
	}
}

func TestExitCodes(t *testing.T) {
	c := newCLI(t)
	missing := filepath.Join(c.dir, "nope.csv")
	noColumn := filepath.Join(c.dir, "nocol.csv")
	if err := os.WriteFile(noColumn, []byte("submission_id,service,channel\nx,bh,paper\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"unknown flag", []string{"metrics", "--bogus"}, 2, "unknown flag"},
		{"bad grain", []string{"metrics", "--by", "week"}, 2, "expected month, quarter or year"},
		{"bad format", []string{"metrics", "--format", "xml"}, 2, "expected table, csv or json"},
		{"bad period", []string{"benefits", "--from", "2024-13"}, 2, "expected YYYY-MM, YYYY-Qn or YYYY"},
		{"unknown kind", []string{"import", "volumes2", "x.csv"}, 2, "expected submissions, time or volumes"},
		{"no files", []string{"import", "time"}, 2, "requires at least 2 arg"},
		{"missing config", []string{"--config", "/nonexistent/gevinst.yaml", "metrics"}, 2, "/nonexistent/gevinst.yaml"},
		{"missing file", []string{"import", "submissions", missing}, 1, "nope.csv"},
		{"missing column", []string{"import", "submissions", noColumn}, 1, "missing required column(s) [received_at]"},
		{"report needs out", []string{"report"}, 2, "--out"},
		{"report on empty database", []string{"report", "--out", filepath.Join(c.dir, "r.xlsx")}, 1, "holds no data yet"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := c.run(tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if !strings.Contains(out+errOut, tc.message) {
				t.Errorf("output lacks %q\nstdout: %s\nstderr: %s", tc.message, out, errOut)
			}
		})
	}
}

func TestImportIsIdempotentAndReportsRejects(t *testing.T) {
	c := newCLI(t)
	cfg := fixtureA + "gevinst.yaml"
	_, _, first := c.run("--config", cfg, "import", "submissions", fixtureA+"submissions.csv")
	if !strings.Contains(first, "8 rows read, 8 loaded, 0 rejected, 0 replaced") {
		t.Errorf("first import summary: %s", first)
	}
	code, _, second := c.run("--config", cfg, "import", "submissions", fixtureA+"submissions.csv")
	if code != 0 || !strings.Contains(second, "already imported as batch 1") {
		t.Errorf("second import: exit %d, %s", code, second)
	}
	out := c.mustRun("batches", "--format", "csv")
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("batches lists %d lines, want header + 1:\n%s", n, out)
	}

	// Bad file: 5 of 7 rows rejected is over the default 5 % share: refused
	// whole, with the reasons printed, and nothing written.
	bad := fixtureA + "bad-submissions.csv"
	code, _, refused := c.run("--config", cfg, "import", "submissions", bad)
	if code != 1 {
		t.Errorf("refused import exit %d, want 1", code)
	}
	for _, want := range []string{
		"bad-submissions.csv: refused: 5 of 7 rows rejected (71.4 %), more than import.max_reject_share 5.0 %; nothing was imported",
		"bad-submissions.csv:2: submission_id: submission_id 'b1' appears again on line 8; the later line is kept",
		"bad-submissions.csv:3: channel: channel 'fax' is not a configured channel (expected one of: paper, eform, integrated; or add it to channels.list)",
		"bad-submissions.csv:4: received_at: received_at '31.13.2008' is not a timestamp",
		"bad-submissions.csv:4: service: service is empty (required)",
		"bad-submissions.csv:5: decided_at: decided_at '2024-01-09 09:00:00' is before received_at '2024-01-10 09:00:00'",
		"bad-submissions.csv:6: (whole line): line has too few fields",
		"more than import.max_reject_share 5.0 %",
	} {
		if !strings.Contains(refused, want) {
			t.Errorf("refusal output lacks %q:\n%s", want, refused)
		}
	}
	if out := c.mustRun("batches", "--format", "csv"); strings.Count(out, "\n") != 2 {
		t.Errorf("a refused file left a batch:\n%s", out)
	}

	// With the threshold lifted the good rows load and --strict says 3.
	t.Setenv("GEVINST_IMPORT_MAX_REJECT_SHARE", "1")
	code, _, loaded := c.run("--config", cfg, "import", "--strict", "submissions", bad)
	if code != 3 || !strings.Contains(loaded, "7 rows read, 2 loaded, 5 rejected, 0 replaced") {
		t.Errorf("strict import: exit %d, %s", code, loaded)
	}
	csv := c.mustRun("--config", cfg, "metrics", "--format", "csv", "--from", "2024-01", "--to", "2024-01")
	// b5 (DD.MM.YYYY HH:MM) and the later b1 joined January's eform cell: 1 + 2.
	if !strings.Contains(csv, "k1,bh,eform,2024-01,3,") {
		t.Errorf("January eform cell should count s3, b5 and b1:\n%s", csv)
	}
}

func TestValidateWritesNothing(t *testing.T) {
	c := newCLI(t)
	code, out, _ := c.run("--config", fixtureA+"gevinst.yaml", "validate", "submissions", fixtureA+"bad-submissions.csv")
	if code != 1 {
		t.Errorf("validate of a file over the reject share: exit %d, want 1", code)
	}
	if !strings.Contains(out, "bad-submissions.csv:3: channel") {
		t.Errorf("validate output lacks the problems:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(c.dir, "test.duckdb")); !os.IsNotExist(err) {
		t.Errorf("validate created a database: %v", err)
	}
}

func TestReportAndDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("writes workbooks")
	}
	c := newCLI(t)
	c.importFixtureA()
	xlsx := filepath.Join(c.dir, "fixture.xlsx")
	out := c.mustRun("--config", fixtureA+"gevinst.yaml", "report", "--out", xlsx, "--lang", "en")
	if strings.TrimSpace(out) != xlsx {
		t.Errorf("report printed %q, want the workbook's path", out)
	}
	if st, err := os.Stat(xlsx); err != nil || st.Size() == 0 {
		t.Fatalf("no workbook: %v", err)
	}

	// The workbook's figures are the CLI's figures: the Summary tiles hold
	// the sums of `metrics` submissions and `benefits` hours saved.
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) < 5 || sheets[0] != "Summary" || sheets[len(sheets)-1] != "Method" {
		t.Errorf("sheets %v", sheets)
	}
	tile := func(cell string) float64 {
		v, err := f.GetCellValue("Summary", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("Summary!%s = %q, not a number", cell, v)
		}
		return x
	}
	if got := tile("B5"); got != 8 {
		t.Errorf("submissions tile %v, want 8", got)
	}
	// Hours saved: (322.666667 − 199) / 60 over the year (golden benefits).
	if got := tile("E5"); math.Abs(got-(8*121.0/3-199)/60) > 1e-9 {
		t.Errorf("hours tile %v, want %v", got, (8*121.0/3-199)/60)
	}

	dir := filepath.Join(c.dir, "demo")
	out = c.mustRun("demo", "--out", dir)
	if !strings.Contains(out, filepath.Join(dir, "gevinst-dashboard.xlsx")) {
		t.Errorf("demo output lacks the workbook path:\n%s", out)
	}
	if !strings.Contains(out, "minutes per submission") || !strings.Contains(out, "staff hours") {
		t.Errorf("demo output lacks the headline figures:\n%s", out)
	}

	// The same data gives the same figures to the last printed digit, run
	// after run (DuckDB sums in parallel: sums must not depend on order),
	// and the demo's workbook verifies from another working directory.
	demoArgs := []string{"--config", filepath.Join(dir, "gevinst.yaml"), "--db", filepath.Join(dir, "gevinst.duckdb")}
	for _, what := range []string{"metrics", "benefits"} {
		first := c.mustRunRaw(append(demoArgs, what, "--format", "csv")...)
		for range 3 {
			if again := c.mustRunRaw(append(demoArgs, what, "--format", "csv")...); again != first {
				t.Errorf("%s differs between two runs on the same data", what)
				break
			}
		}
	}
	if out := c.mustRunRaw(append(demoArgs, "verify", filepath.Join(dir, "gevinst-dashboard.xlsx"))...); !strings.HasPrefix(out, "match") {
		t.Errorf("the demo's workbook does not verify: %s", out)
	}
	demoTilesAreLast12Months(t, c, demoArgs, filepath.Join(dir, "gevinst-dashboard.xlsx"))
}

// demoTilesAreLast12Months checks the demo workbook's Summary against
// `benefits` output: the hours tile is the sum of hours_saved over the
// last 12 months (2009), its second line the sum over the range; and the
// Savings sheet carries both the economic and the cash payback.
func demoTilesAreLast12Months(t *testing.T, c *cli, demoArgs []string, xlsx string) {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(c.mustRunRaw(append(demoArgs, "benefits", "--format", "csv")...))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("benefits csv: %v", err)
	}
	col := slices.Index(rows[0], "hours_saved")
	var last12, all float64
	for _, r := range rows[1:] {
		h, err := strconv.ParseFloat(r[col], 64)
		if err != nil {
			continue // not computable
		}
		all += h
		if strings.HasPrefix(r[2], "2009-") {
			last12 += h
		}
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetList()[0]
	// The demo's rates and unit costs are the example's: its Summary says
	// so in row 4, and the tiles (hours: column E) start a row lower.
	top := 4
	if v, _ := f.GetCellValue(sh, "A4"); strings.HasPrefix(v, "Bygd på eksempelforutsetninger: costs.hourly_rates") {
		top = 5
	} else {
		t.Errorf("demo %s!A4 = %q, want the line that names the example assumptions", sh, v)
	}
	for cell, want := range map[string]float64{"E" + strconv.Itoa(top+1): last12, "E" + strconv.Itoa(top+4): all} {
		v, _ := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
		// The CSV rounds to 6 decimals; 48 rows of rounding stay below 1e-4.
		if got, err := strconv.ParseFloat(v, 64); err != nil || math.Abs(got-want) > 1e-4 {
			t.Errorf("demo %s!%s = %q, want %v from benefits", sh, cell, v, want)
		}
	}
	savings, err := f.GetRows(f.GetSheetList()[3])
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, r := range savings {
		for _, v := range r {
			found[v] = true
		}
	}
	for _, h := range []string{"Nedbetalt (måned)", "Kontant nedbetalt (måned)"} {
		if !found[h] {
			t.Errorf("demo Savings sheet lacks the column %q", h)
		}
	}
}

// mustRunRaw runs gevinst without the test database flag (the args say
// which database).
func (c *cli) mustRunRaw(args ...string) string {
	c.t.Helper()
	var out, errOut bytes.Buffer
	if code := runWithClock(context.Background(), args, &out, &errOut); code != 0 {
		c.t.Fatalf("gevinst %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
	}
	return out.String()
}

// TestSuppressBlanksSmallCells: with --suppress, a cell from fewer than
// privacy.min_cell submissions or employees keeps its grain and loses its
// figures (SPEC §8); without it, analysts get every figure.
func TestSuppressBlanksSmallCells(t *testing.T) {
	c := newCLI(t)
	c.importFixtureA()
	t.Setenv("GEVINST_PRIVACY_MIN_CELL", "2")
	out := c.mustRun("--config", fixtureA+"gevinst.yaml", "metrics", "--format", "csv", "--suppress")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasSuffix(lines[0], ",suppressed") {
		t.Fatalf("header lacks the suppressed column: %s", lines[0])
	}
	// Fixture A: paper Jan has 2 submissions and 4 employees (e1-e4);
	// integrated Jan 2 submissions and 2 employees (e3, e4); every other
	// cell has 1 submission.
	want := map[string]bool{
		"k1,bh,eform,2024-01": true, "k1,bh,eform,2024-02": true, "k1,bh,integrated,2024-01": false,
		"k1,bh,integrated,2024-03": true, "k1,bh,paper,2024-01": false, "k1,bh,paper,2024-02": true,
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		key := strings.Join(f[:4], ",")
		hidden := f[len(f)-1] == "true"
		if hidden != want[key] {
			t.Errorf("%s: suppressed %v, want %v", key, hidden, want[key])
		}
		if hidden && strings.Join(f[4:len(f)-1], "") != "" {
			t.Errorf("%s is suppressed but shows figures: %s", key, l)
		}
		if !hidden && f[4] == "" {
			t.Errorf("%s is not suppressed but lost its figures: %s", key, l)
		}
	}
	// Without --suppress: the same rows, every figure, no extra column.
	plain := c.mustRun("--config", fixtureA+"gevinst.yaml", "metrics", "--format", "csv")
	if strings.Contains(plain, "suppressed") || strings.Count(plain, "\n") != len(lines) {
		t.Errorf("plain output changed:\n%s", plain)
	}
}
