package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeEvaluateFixture writes 48 months (2019–2022) of two organisations
// on one service: 8 submissions a month, each with one case-linked
// registration of y minutes, y falling 0.3 a month with noise (sd 0.8,
// fixed seed) and 8 lower from the change month, when 5 of the 8
// submissions move to the integrated channel: k1 in 2021-01, k2 in 2022-01.
func writeEvaluateFixture(t *testing.T, dir string) (subs, times string) {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 3))
	subs, times = filepath.Join(dir, "subs.csv"), filepath.Join(dir, "time.csv")
	sb := [][]string{{"submission_id", "org", "service", "channel", "received_at", "decided_at", "case_id"}}
	tb := [][]string{{"registration_id", "org", "employee", "role", "work_date", "minutes", "case_id", "service", "channel", "activity"}}
	for _, org := range []struct {
		name          string
		level         float64
		change, month int
	}{{"k1", 60, 24, 0}, {"k2", 55, 36, 0}} {
		for m := range 48 {
			y := org.level - 0.3*float64(m) + 0.8*r.NormFloat64()
			ch := "paper"
			if m >= org.change {
				y -= 8
			}
			day := fmt.Sprintf("%04d-%02d", 2019+m/12, m%12+1)
			for i := range 8 {
				if m >= org.change && i < 5 {
					ch = "integrated"
				} else {
					ch = "paper"
				}
				id := fmt.Sprintf("%s-%d-%d", org.name, m, i)
				sb = append(sb, []string{id, org.name, "bh", ch, day + "-10 09:00:00", "", id})
				tb = append(tb, []string{"r" + id, org.name, "e1", "clerk", day + "-11", strconv.FormatFloat(y, 'f', 3, 64), id, "", "", ""})
			}
		}
	}
	for path, rows := range map[string][][]string{subs: sb, times: tb} {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w := csv.NewWriter(f)
		w.WriteAll(rows)
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return subs, times
}

// evaluateRows runs evaluate --format csv and returns the rows by
// org/design, each as column → value.
func evaluateRows(t *testing.T, c *cli, args ...string) map[string]map[string]string {
	t.Helper()
	out := c.mustRun(append([]string{"evaluate", "--format", "csv"}, args...)...)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	want := "org,service,design,change_month,effect_minutes_per_submission,effect_ci_low,effect_ci_high,minutes_saved,minutes_saved_ci_low,minutes_saved_ci_high,placebo_effect,placebo_ci_low,placebo_ci_high,pre_months,post_months,comparison,evidence_level,note"
	if strings.Join(recs[0], ",") != want {
		t.Fatalf("header %v", recs[0])
	}
	rows := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, col := range recs[0] {
			row[col] = rec[i]
		}
		rows[rec[0]+"/"+rec[2]] = row
	}
	return rows
}

func num(t *testing.T, row map[string]string, col string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(row[col], 64)
	if err != nil {
		t.Fatalf("%s = %q: %v (row %v)", col, row[col], err, row)
	}
	return v
}

// TestEvaluateCommand imports two organisations with a known drop of 8
// minutes per submission on a falling trend and checks evaluate's rows,
// flags and the changes: config.
func TestEvaluateCommand(t *testing.T) {
	c := newCLI(t)
	subs, times := writeEvaluateFixture(t, c.dir)
	c.mustRun("import", "submissions", subs)
	c.mustRun("import", "time", "--decimal", "point", times)

	rows := evaluateRows(t, c)
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 2 orgs × 3 designs: %v", len(rows), rows)
	}
	its, did, base := rows["k1/its"], rows["k1/did"], rows["k1/baseline"]
	if its["change_month"] != "2021-01" || rows["k2/its"]["change_month"] != "2022-01" {
		t.Errorf("change months %s, %s; want 2021-01, 2022-01", its["change_month"], rows["k2/its"]["change_month"])
	}
	if lo, hi := num(t, its, "effect_ci_low"), num(t, its, "effect_ci_high"); lo > -8 || hi < -8 || its["evidence_level"] != "3" {
		t.Errorf("k1 its [%v, %v] level %s: want it to cover −8, level 3 (%s)", lo, hi, its["evidence_level"], its["note"])
	}
	if lo, hi := num(t, its, "placebo_ci_low"), num(t, its, "placebo_ci_high"); lo > 0 || hi < 0 {
		t.Errorf("k1 its placebo [%v, %v]: want it to cover 0", lo, hi)
	}
	// The statistics are tested in pipelines/evaluate; here the wiring:
	// the estimate near −8 inside its interval.
	if e, lo, hi := num(t, did, "effect_minutes_per_submission"), num(t, did, "effect_ci_low"), num(t, did, "effect_ci_high"); e < -9 || e > -7 || lo > e || hi < e ||
		did["comparison"] != "k2" || did["pre_months"] != "24" || did["post_months"] != "12" || did["evidence_level"] != "4" {
		t.Errorf("k1 did %v: want about −8 against k2 over 24 + 12 months, level 4", did)
	}
	// B is the paper channel over the whole range: the trend and the
	// paper submissions after the change pull it away from −8.
	if base["evidence_level"] != "2" || base["placebo_effect"] != "" || num(t, base, "effect_minutes_per_submission") > -9 {
		t.Errorf("k1 baseline %v: want a biased effect below −9, level 2, no placebo", base)
	}
	if rows["k2/did"]["effect_minutes_per_submission"] != "" || !strings.Contains(rows["k2/did"]["note"], "no comparison") {
		t.Errorf("k2 did %v: want null with a note", rows["k2/did"])
	}

	// --from bounds the months, not the change month; --org keeps k2 as
	// k1's comparison; --design picks one design.
	rows = evaluateRows(t, c, "--from", "2020-06", "--org", "k1", "--design", "its")
	if r := rows["k1/its"]; len(rows) != 1 || r["change_month"] != "2021-01" || r["effect_minutes_per_submission"] != "" ||
		r["pre_months"] != "7" || r["evidence_level"] != "2" || !strings.Contains(r["note"], "has 7 and 24") {
		t.Errorf("its from 2020-06: %v", rows)
	}
	rows = evaluateRows(t, c, "--org", "k1", "--design", "did", "--to", "2021-06")
	if r := rows["k1/did"]; r["comparison"] != "k2" || r["post_months"] != "6" || r["evidence_level"] != "2" {
		t.Errorf("did to 2021-06: %v", rows)
	}

	// A configured go-live wins over detection.
	cfg := filepath.Join(c.dir, "gevinst.yaml")
	if err := os.WriteFile(cfg, []byte("changes:\n  - {org: k1, service: bh, month: \"2021-03\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rows = evaluateRows(t, c, "--config", cfg, "--org", "k1", "--design", "baseline")
	if rows["k1/baseline"]["change_month"] != "2021-03" {
		t.Errorf("configured change: %v", rows)
	}
	// A go-live for an org without data is a warning that names it.
	if err := os.WriteFile(cfg, []byte("changes:\n  - {org: K1, service: bh, month: \"2021-03\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := c.run("--config", cfg, "evaluate"); code != 0 || !strings.Contains(errOut, "org=K1") ||
		!strings.Contains(errOut, "changes: no data") {
		t.Errorf("misspelt org: exit %d, stderr %q", code, errOut)
	}

	for _, args := range [][]string{
		{"evaluate", "--design", "rct"},
		{"evaluate", "--format", "xml"},
		{"evaluate", "--from", "2021-13"},
	} {
		code, _, errOut := c.run(args...)
		if code != exitUsage || !strings.Contains(errOut, args[1]) {
			t.Errorf("gevinst %v: exit %d, %q; want 2 naming %s", args, code, errOut, args[1])
		}
	}
}

// TestReportEvaluationSheet: the workbook's Evaluation sheet shows the
// rows `gevinst evaluate` writes (one computation, pipelines.Evaluation),
// and the Summary names the evidence level they give the savings.
func TestReportEvaluationSheet(t *testing.T) {
	c := newCLI(t)
	subs, times := writeEvaluateFixture(t, c.dir)
	c.mustRun("import", "submissions", subs)
	c.mustRun("import", "time", "--decimal", "point", times)
	// The report reuses its own monthly tables for the evaluation when it
	// covers every org over all data, and reads them again otherwise:
	// either way its sheet equals evaluate's rows for the same scope.
	for _, scope := range [][]string{{"--org", "k1"}, {"--from", "2019-07"}} {
		_, f := checkEvaluationSheet(t, c, scope)
		f.Close()
	}
	want, f := checkEvaluationSheet(t, c, nil)
	defer f.Close()
	// k1 reaches level 4 by DiD; k2 has no comparison (its DiD stays at
	// 2), so its best is its time series' level, and the savings have the
	// weaker pair's level.
	if want["k1/did"]["evidence_level"] != "4" {
		t.Fatalf("k1 did level %s, want 4", want["k1/did"]["evidence_level"])
	}
	summary, _ := f.GetRows("Summary")
	level := want["k2/its"]["evidence_level"]
	found := false
	for _, r := range summary {
		if len(r) > 0 && strings.HasPrefix(r[0], "Evidence level of the savings figures: "+level+" of 5") {
			found = true
		}
	}
	if !found {
		t.Errorf("the Summary does not give level %s for the savings", level)
	}
}

// checkEvaluationSheet writes the report with scope's flags and checks
// that its Evaluation sheet shows the rows evaluate writes with the same
// flags; it returns those rows and the workbook (the caller closes it).
func checkEvaluationSheet(t *testing.T, c *cli, scope []string) (map[string]map[string]string, *excelize.File) {
	t.Helper()
	want := evaluateRows(t, c, scope...)
	out := filepath.Join(c.dir, "report"+strings.Join(scope, "")+".xlsx")
	c.mustRun(append([]string{"report", "--lang", "en", "--out", out}, scope...)...)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Evaluation", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	design := map[string]string{"Before and after (baseline)": "baseline", "Interrupted time series": "its", "Difference-in-differences": "did"}
	seen := 0
	for _, r := range rows {
		if len(r) < 17 || design[r[2]] == "" {
			continue
		}
		w := want[r[0]+"/"+design[r[2]]]
		if w == nil {
			t.Errorf("sheet row %v is not in evaluate's output", r)
			continue
		}
		seen++
		// Effect in minutes, saved in hours, the level as written.
		for col, i := range map[string]int{"effect_minutes_per_submission": 4, "effect_ci_low": 5, "placebo_effect": 10} {
			if w[col] == "" {
				if r[i] != "" {
					t.Errorf("%s/%s %s = %q, evaluate has none", r[0], r[2], col, r[i])
				}
				continue
			}
			got, _ := strconv.ParseFloat(r[i], 64)
			if math.Abs(got-num(t, w, col)) > 1e-5 {
				t.Errorf("%s/%s %s = %v, evaluate %v", r[0], r[2], col, got, w[col])
			}
		}
		if w["minutes_saved"] != "" {
			got, _ := strconv.ParseFloat(r[7], 64)
			if math.Abs(got-num(t, w, "minutes_saved")/60) > 1e-5 {
				t.Errorf("%s/%s hours saved = %v, evaluate %v minutes", r[0], r[2], got, w["minutes_saved"])
			}
		}
		if r[16] != w["evidence_level"] {
			t.Errorf("%s/%s level %s, evaluate %s", r[0], r[2], r[16], w["evidence_level"])
		}
	}
	if seen != len(want) || seen == 0 {
		t.Errorf("%v: the sheet shows %d of evaluate's %d rows", scope, seen, len(want))
	}
	return want, f
}
