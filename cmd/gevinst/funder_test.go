package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestFunderReportOnDemo: the demo ships a benefit plan, and `report
// --kind funder --year 2009` writes the annual report from it.
func TestFunderReportOnDemo(t *testing.T) {
	c := newCLI(t)
	dir := filepath.Join(c.dir, "demo")
	c.mustRun("demo", "--out", dir)
	args := []string{"--config", filepath.Join(dir, "gevinst.yaml"), "--db", filepath.Join(dir, "gevinst.duckdb"), "report"}
	out := filepath.Join(c.dir, "funder-2009.xlsx")
	got := c.mustRunRaw(append(args, "--kind", "funder", "--year", "2009", "--out", out)...)
	if !strings.Contains(got, "funder-2009.xlsx") {
		t.Errorf("stdout %q lacks the path", got)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	plan := f.GetSheetList()[0]
	rows, err := f.GetRows(plan)
	if err != nil {
		t.Fatal(err)
	}
	// The demo's plan: G1..G7; G3 (Sarpsborg's kindergarten capacity,
	// +17 % against the plan) has no explanation, so the funder is told.
	var status = map[string]string{}
	for _, r := range rows {
		if len(r) >= 13 && strings.HasPrefix(r[0], "G") {
			status[r[0]] = r[12]
		}
	}
	if len(status) != 7 || status["G3"] != "Forklaring mangler" || status["G2"] != "I tråd med plan" {
		t.Errorf("plan statuses %v", status)
	}

	// The evidence sheet: the savings' level is the weakest pair's, and
	// every pair's level is the best of its designs' over 2009.
	ev, err := f.GetRows(f.GetSheetList()[2])
	if err != nil {
		t.Fatal(err)
	}
	var sentence string
	pairs := map[string]int{}
	designs := map[string]int{}
	for _, r := range ev {
		if len(r) > 0 && strings.HasPrefix(r[0], "Gevinsttallene i rapporten har evidensnivå") {
			sentence = r[0]
		}
		if len(r) > 6 && r[1] == "Parets nivå" {
			pairs[r[0]], _ = strconv.Atoi(r[6])
		} else if len(r) > 6 && strings.Contains(r[0], " · ") && r[1] != "" {
			if l, err := strconv.Atoi(r[6]); err == nil {
				designs[r[0]] = max(designs[r[0]], l)
			}
		}
	}
	weakest := 5
	for k, l := range pairs {
		weakest = min(weakest, l)
		if designs[k] != l {
			t.Errorf("pair %s at level %d, its designs' best %d", k, l, designs[k])
		}
	}
	if len(pairs) < 2 || !strings.HasPrefix(sentence, fmt.Sprintf("Gevinsttallene i rapporten har evidensnivå %d av 5", weakest)) ||
		!strings.Contains(sentence, fmt.Sprintf(" %d organisasjon", len(pairs))) {
		t.Errorf("evidence strength: %d pairs %v; sentence %q", len(pairs), pairs, sentence)
	}

	// Usage errors: exit 2, naming the flag.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--kind", "funder", "--out", out}, "--year"},
		{[]string{"--kind", "budget", "--year", "2009", "--out", out}, "--kind"},
		{[]string{"--year", "2009", "--out", out}, "--year is for --kind funder"},
		{[]string{"--kind", "funder", "--year", "2009", "--from", "2009-01", "--out", out}, "--from"},
		{[]string{"--kind", "funder", "--year", "2009", "--out", "x.csv"}, "--out"},
	} {
		code, _, errOut := c.run(append(args, tc.args...)...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming %s", tc.args, code, errOut, tc.want)
		}
	}
	// A year without data is an input error that names the data's range.
	code, _, errOut := c.run(append(args, "--kind", "funder", "--year", "2012", "--out", out)...)
	if code == 0 || !strings.Contains(errOut, "2006-01 to 2009-12") {
		t.Errorf("year 2012: exit %d, %q", code, errOut)
	}
}

// TestFunderReportEvidence: the funder's report gets an evidence sidecar
// like the dashboard's, and `gevinst verify` recognises and checks it.
func TestFunderReportEvidence(t *testing.T) {
	c := newCLI(t)
	dir := filepath.Join(c.dir, "demo")
	c.mustRun("demo", "--out", dir)
	args := []string{"--config", filepath.Join(dir, "gevinst.yaml"), "--db", filepath.Join(dir, "gevinst.duckdb")}
	out := filepath.Join(c.dir, "funder-2009.xlsx")
	c.mustRunRaw(append(args, "report", "--kind", "funder", "--year", "2009", "--lang", "en", "--out", out)...)
	b, err := os.ReadFile(out + ".evidence.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev struct {
		Kind     string `json:"kind"`
		Workbook struct {
			SHA256 string `json:"sha256"`
		} `json:"workbook"`
		Filters struct {
			Year int    `json:"year"`
			Lang string `json:"lang"`
		} `json:"filters"`
		Config      string              `json:"config_sha256"`
		Assumptions string              `json:"assumptions_sha256"`
		Batches     []map[string]any    `json:"batches"`
		Figures     map[string]*float64 `json:"figures"`
		Digest      string              `json:"figures_sha256"`
	}
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Kind != "funder" || ev.Filters.Year != 2009 || ev.Filters.Lang != "en" || len(ev.Workbook.SHA256) != 64 ||
		len(ev.Config) != 64 || len(ev.Assumptions) != 64 || len(ev.Digest) != 64 || len(ev.Batches) == 0 {
		t.Fatalf("sidecar %s", b)
	}
	// The recorded planned total is the sum of the Planned column the
	// report shows; the evidence level the one its Evidence sheet states.
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Plan vs actual", excelize.Options{RawCellValue: true})
	var planned float64
	for _, r := range rows[5:] {
		if len(r) > 5 && strings.HasPrefix(r[0], "G") && r[5] != "" {
			v, err := strconv.ParseFloat(r[5], 64)
			if err != nil {
				t.Fatal(err)
			}
			planned += v
		}
	}
	evRows, _ := f.GetRows("Evidence")
	f.Close()
	if p := ev.Figures["planned"]; p == nil || math.Abs(*p-planned) > 1e-6 || planned == 0 {
		t.Errorf("recorded planned %v, the sheet's column sums to %v", p, planned)
	}
	lvl := ev.Figures["evidence_level"]
	found := false
	for _, r := range evRows {
		if lvl != nil && len(r) > 0 && strings.HasPrefix(r[0], fmt.Sprintf("The savings in this report have evidence level %d of 5", int(*lvl))) {
			found = true
		}
	}
	if !found {
		t.Errorf("recorded evidence level %v is not the one the Evidence sheet states", lvl)
	}

	code, stdout, errOut := c.run(append(args, "verify", out)...)
	if code != 0 || !strings.HasPrefix(stdout, "match") {
		t.Fatalf("verify = %d\n%s%s", code, stdout, errOut)
	}
	// A recorded figure that the database does not give is named.
	tampered := strings.Replace(string(b), `"planned": `, `"planned": 1`, 1)
	if err := os.WriteFile(out+".evidence.json", []byte(tampered), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = c.run(append(args, "verify", out)...)
	if code != 1 || !strings.Contains(stdout, "differs: figure planned: now ") || strings.Contains(stdout, "workbook: SHA-256") {
		t.Errorf("verify with a changed figure = %d\n%s", code, stdout)
	}
	// An edited workbook is named by its hash.
	if err := os.WriteFile(out+".evidence.json", b, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err = excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellInt("Plan vs actual", "F6", 1); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, stdout, _ = c.run(append(args, "verify", out)...)
	if code != 1 || !strings.Contains(stdout, "differs: workbook: SHA-256") || strings.Contains(stdout, "figure ") {
		t.Errorf("verify of an edited report = %d\n%s", code, stdout)
	}
}
