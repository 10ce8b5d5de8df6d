package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestBenefitsModelCommands runs register, costs, risk and compare on
// fixture A with a config that sets each part of the benefits model.
func TestBenefitsModelCommands(t *testing.T) {
	c := newCLI(t)
	c.importFixtureA()
	cfg := filepath.Join(c.dir, "gevinst.yaml")
	base, err := os.ReadFile(fixtureA + "gevinst.yaml")
	if err != nil {
		t.Fatal(err)
	}
	extra := `
register:
  - {service: bh, indicator: target_share, class: citizen, owner: Kari, baseline_value: 0, baseline_date: "2024-01-01", target_value: 0.5, target_date: "2024-12-31"}
change_costs:
  items:
    - {org: k1, service: bh, kind: one_off, amount: 1000, date: "2024-01"}
itposmo:
  assessments:
    - {date: "2024-01-15", scope: k1, information: 7, technology: 9, processes: 9, objectives_values: 2, staffing_skills: 5, management_systems: 3, time_money: 5}
`
	if err := os.WriteFile(cfg, append(base, extra...), 0o644); err != nil {
		t.Fatal(err)
	}
	// Register as of 2024-04 (the last month with data): the 12 months to
	// April hold integrated 3 of 8 submissions = 0.375. The trajectory at
	// 2024-04-30 is 0.5 × 120/365 = 0.164: green.
	out := c.mustRun("--config", cfg, "register", "--format", "csv")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "org,service,indicator,class,owner,data_source,baseline_value,baseline_date,target_value,target_date,as_of,actual,trajectory,achievement,rag" ||
		len(lines) != 2 || !strings.HasPrefix(lines[1], "k1,bh,target_share,citizen,Kari,,0,2024-01-01,0.5,2024-12-31,2024-04-30,0.375,0.164384,") ||
		!strings.HasSuffix(lines[1], ",green") {
		t.Errorf("register:\n%s", out)
	}
	// Costs: value saved 618.67 + 406.67 + 100.33 = 1,125.67 over 2024-01..04
	// (the golden benefits); run-rate 1,125.67 × 12/4 = 3,377. Cumulative:
	// January 618.67 − 1,000 < 0, February + 406.67 = 25.33 ≥ 0: payback
	// 2024-02. NPV −1,000 + 3,377 × 8.110896 (10 years at 4 %) = 26,390.50.
	out = c.mustRun("--config", cfg, "costs", "--format", "csv")
	if !strings.Contains(out, "k1,bh,1000,0,3377,4,3377,1125.666667,125.666667,2024-02,26390.495047,10,0.04") {
		t.Errorf("costs:\n%s", out)
	}
	out = c.mustRun("--config", cfg, "risk", "--format", "csv")
	if !strings.Contains(out, "2024-01-15,k1,7,9,9,2,5,3,5,40,may fail,,") {
		t.Errorf("risk:\n%s", out)
	}
	out = c.mustRun("--config", cfg, "compare", "--format", "csv")
	if !strings.HasPrefix(out, "org,service,submissions,digital_share,target_share,minutes_per_submission_paper,minutes_per_submission_eform,minutes_per_submission_integrated,hours_saved,hours_saved_per_1000\n") ||
		!strings.Contains(out, "k1,bh,8,0.625,0.375,40.333333,14.5,16.333333,2.061111,257.638889") {
		t.Errorf("compare:\n%s", out)
	}
}

// TestInitWritesConfigKeyAndTemplate runs init, fills the template's
// register in, points the config at it and reads it back; a bad cell
// stops every command with sheet, cell, value and expectation.
func TestInitWritesConfigKeyAndTemplate(t *testing.T) {
	c := newCLI(t)
	t.Setenv("GEVINST_PSEUDONYM_KEY", "")
	os.Unsetenv("GEVINST_PSEUDONYM_KEY")
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(c.dir); err != nil {
		t.Fatal(err)
	}
	out := c.mustRun("init", "--assumptions", "a.xlsx")
	if out != "gevinst.yaml\na.xlsx\n" {
		t.Errorf("init printed %q", out)
	}
	if st, err := os.Stat(filepath.Join(c.dir, "gevinst.key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v %v", st, err)
	}
	if code, _, errOut := c.run("init"); code != 1 || !strings.Contains(errOut, "--force") {
		t.Errorf("second init: exit %d %s", code, errOut)
	}
	f, err := excelize.OpenFile("a.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	row := []any{"", "barnehage", "Kari", "digital_share", "citizen", "log", 0, "2006-08-31", 0.8, "2009-12-31"}
	if err := f.SetSheetRow("Register", "A5", &row); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs("filled.xlsx"); err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(string(mustRead(t, "gevinst.yaml")), `assumptions_file: ""`, "assumptions_file: filled.xlsx", 1)
	if err := os.WriteFile("gevinst.yaml", []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	// register reads, and needs a database: a header-only import makes an
	// empty one. The workbook's register replaces the example's
	// (hours_saved_12m).
	if err := os.WriteFile("empty.csv", []byte("submission_id,org,service,channel,received_at\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.mustRun("import", "submissions", "empty.csv")
	out = c.mustRun("register", "--format", "csv")
	if !strings.Contains(out, ",barnehage,digital_share,citizen,Kari,log,0,2006-08-31,0.8,2009-12-31,") || strings.Contains(out, "hours_saved_12m") {
		t.Errorf("register from the workbook:\n%s", out)
	}
	if err := f.SetCellStr("Register", "E5", "money"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs("filled.xlsx"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, errOut := c.run("register")
	if code != 2 || !strings.Contains(errOut, `sheet Register, cell E5: "money": expected one of cash_releasing, capacity, quality, citizen`) {
		t.Errorf("bad cell: exit %d\n%s", code, errOut)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDemoShowsTheBenefitsModel runs the demo and each benefits-model
// command on it: the demo's assumptions workbook is read, and every part
// has something to show.
func TestDemoShowsTheBenefitsModel(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo")
	}
	c := newCLI(t)
	dir := filepath.Join(c.dir, "demo")
	c.mustRun("demo", "--out", dir)
	cfg := filepath.Join(dir, "gevinst.yaml")
	db := filepath.Join(dir, "gevinst.duckdb")
	run := func(args ...string) string {
		var out, errOut bytes.Buffer
		if code := runWithClock(context.Background(), append([]string{"--config", cfg, "--db", db}, args...), &out, &errOut); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		return out.String()
	}
	reg := run("register", "--format", "csv")
	for _, want := range []string{",green", ",amber", ",red", "halden,", "sarpsborg,", "cash_releasing_12m"} {
		if !strings.Contains(reg, want) {
			t.Errorf("demo register lacks %q:\n%s", want, reg)
		}
	}
	costs := run("costs", "--format", "csv")
	if !strings.Contains(costs, "halden,*,800000,80000,") || !strings.Contains(costs, "sarpsborg,*,450000,100000,") {
		t.Errorf("demo costs:\n%s", costs)
	}
	if risk := run("risk", "--format", "csv"); !strings.Contains(risk, "2006-03-01,halden,7,9,9,2,5,3,5,40,may fail,") {
		t.Errorf("demo risk:\n%s", risk)
	}
	if cmp := run("compare", "--format", "csv"); !strings.Contains(cmp, "halden,barnehage,") || !strings.Contains(cmp, "sarpsborg,barnehage,") {
		t.Errorf("demo compare:\n%s", cmp)
	}
	// Each column of benefits has a value somewhere in the demo.
	ben := run("benefits", "--by", "year", "--format", "json")
	for _, col := range []string{"minutes_saved_ci_low", "hours_saved_12m", "value_saved_run_rate", "cash_releasing"} {
		if !strings.Contains(ben, `"`+col+`": `) || strings.Count(ben, `"`+col+`": null`) == strings.Count(ben, `"`+col+`": `) {
			t.Errorf("demo benefits: %s is never set", col)
		}
	}
}
