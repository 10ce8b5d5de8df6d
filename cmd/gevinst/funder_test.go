package main

import (
	"fmt"
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
