package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/pipelines/assumptions"
)

// TestConfigTyposExitTwo: a typo'd key anywhere in the config stops every
// command with exit 2, before anything is read or written, naming the
// key, file:line:column and the nearest key.
func TestConfigTyposExitTwo(t *testing.T) {
	cases := []struct {
		name, yaml string
		args       []string
		want       []string
	}{
		{"minutes unit in a source", `
sources:
  timeliste:
    kind: time
    minute_unit: hours
    columns: {Reg.id: registration_id, Ansatt: employee, Rolle: role, Dato: work_date, Minutter: minutes, Saksnr: case_id, Aktivitet: activity}
`, []string{"import", "--strict", "time", "--source", "timeliste", corpus + "timeliste-2008-11.csv"},
			[]string{`c.yaml:5:5: "minute_unit" in sources.timeliste: unknown key; did you mean minutes_unit?`}},
		{"discount rate", "change_costs:\n  discount_rte: 0.03\n", []string{"costs"},
			[]string{`c.yaml:2:3: "discount_rte" in change_costs`, "did you mean discount_rate?"}},
		{"privacy", "privacy:\n  min_cel: 3\n", []string{"metrics"},
			[]string{`c.yaml:2:3: "min_cel" in privacy`, "did you mean min_cell?"}},
		{"top-level cost", "cost:\n  hourly_rates: {clerk: 500}\n", []string{"benefits"},
			[]string{`c.yaml:1:1: "cost" at the top level`, "did you mean costs?"}},
		{"end on a running cost", "change_costs:\n  items:\n    - {name: licence, kind: running, amount: 1, date: \"2020-01\", end: \"2021-01\"}\n", []string{"costs"},
			[]string{`c.yaml:3:66: "end" in change_costs.items[0]: unknown key`}},
		{"made-up source key", "sources:\n  sak:\n    kind: submissions\n    header_row: 2\n", []string{"import", "submissions", "--source", "sak", fixtureA + "submissions.csv"},
			[]string{`c.yaml:4:5: "header_row" in sources.sak: unknown key`}},
		{"run job", "run:\n  imports:\n    - {kind: time, files: [a.csv], sorce: x}\n", []string{"run"},
			[]string{`c.yaml:3:36: "sorce" in run.imports[0]`, "did you mean source?"}},
		{"value map keys in two cases", "sources:\n  sak:\n    kind: submissions\n    values:\n      channel:\n        papir: paper\n        PAPIR: eform\n",
			[]string{"import", "submissions", "--source", "sak", fixtureA + "submissions.csv"},
			[]string{`c.yaml:7:9: "PAPIR" in sources.sak.values.channel: the same key as "papir" at line 6`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			path := filepath.Join(c.dir, "c.yaml")
			if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := c.run(append([]string{"--config", path}, tc.args...)...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, exitUsage, out, errOut)
			}
			if !strings.Contains(errOut, "gevinst: config: "+path+":") {
				t.Errorf("stderr does not name %s:\n%s", path, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if _, err := os.Stat(filepath.Join(c.dir, "test.duckdb")); err == nil {
				t.Error("a database was created despite the config error")
			}
		})
	}
}

// TestStrictConfigKeepsEnvAndFlags: GEVINST_<KEY> and the global flags
// still reach the config beside a strictly checked file.
func TestStrictConfigKeepsEnvAndFlags(t *testing.T) {
	c := newCLI(t)
	path := filepath.Join(c.dir, "c.yaml")
	if err := os.WriteFile(path, []byte("privacy:\n  min_cell: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GEVINST_PRIVACY_MIN_CELL", "-4")
	code, _, errOut := c.run("--config", path, "metrics")
	if code != exitUsage || !strings.Contains(errOut, "privacy.min_cell: -4 is not a positive count") {
		t.Errorf("the environment did not override the file: exit %d\n%s", code, errOut)
	}
	t.Setenv("GEVINST_PRIVACY_MIN_CELL", "7")
	db := filepath.Join(c.dir, "flag.duckdb")
	cfg, err := loadConfig(path, newRootCmd(&app{}).PersistentFlags(), map[string]any{"db": db})
	if err != nil || cfg.Privacy.MinCell != 7 || cfg.DB != db {
		t.Errorf("loadConfig: %v, min_cell %d, db %s", err, cfg.Privacy.MinCell, cfg.DB)
	}
}

// TestInitConfigHasNoExampleModel: the config init writes loads strictly,
// and its example benefits model (rates, register, costs of the change,
// ITPOSMO, baseline window) stays off until the user uncomments it.
func TestInitConfigHasNoExampleModel(t *testing.T) {
	c := newCLI(t)
	path := filepath.Join(c.dir, "gevinst.yaml")
	c.mustRun("init", "--out", path)
	cfg, err := loadConfig(path, newRootCmd(&app{}).PersistentFlags(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Register)+len(cfg.ChangeCosts.Items)+len(cfg.ITPOSMO.Assessments)+len(cfg.Costs.HourlyRates)+len(cfg.Services)+len(cfg.Sources) != 0 {
		t.Errorf("init's config has example values in effect: %+v", cfg)
	}
	written, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(written), "# Example (off until uncommented):"); n < 5 {
		t.Errorf("init's config marks %d example blocks", n)
	}
	if string(written) != string(config.ExampleYAML) {
		t.Error("init did not write the documented example")
	}
}

// TestAssumptionsWorkbookTypoExitsTwo: a sheet of the assumptions workbook
// that gevinst would not read stops the command with exit 2.
func TestAssumptionsWorkbookTypoExitsTwo(t *testing.T) {
	c := newCLI(t)
	book := filepath.Join(c.dir, "a.xlsx")
	cfg := config.Default()
	if err := assumptions.Write(book, &cfg); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetName(assumptions.SheetChangeCosts, "ChangeCost"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	path := filepath.Join(c.dir, "c.yaml")
	if err := os.WriteFile(path, []byte("assumptions_file: a.xlsx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := c.run("--config", path, "costs")
	if code != exitUsage || !strings.Contains(errOut, `sheet "ChangeCost" is not a sheet of the template; did you mean ChangeCosts?`) {
		t.Errorf("exit %d\n%s", code, errOut)
	}
}

// TestSettingReplacedByTheWorkbookWarns: a setting the config file sets
// (hours_per_fte) that the assumptions workbook's Settings sheet replaces
// with another value is warned of, naming the key and the sheet; left to
// its default in the file, it is not.
func TestSettingReplacedByTheWorkbookWarns(t *testing.T) {
	c := newCLI(t)
	cfg := config.Default()
	cfg.HoursPerFTE = 1700
	if err := assumptions.Write(filepath.Join(c.dir, "a.xlsx"), &cfg); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		yaml string
		warn bool
	}{
		{"assumptions_file: a.xlsx\nhours_per_fte: 1650\n", true},
		{"assumptions_file: a.xlsx\nhours_per_fte: 1700\n", false},
		{"assumptions_file: a.xlsx\n", false},
	} {
		path := filepath.Join(c.dir, "c.yaml")
		if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := c.run("--config", path, "risk")
		warned := strings.Contains(errOut, "hours_per_fte in the config file is not used: sheet Settings, cell B7 of a.xlsx replaces it")
		if code != 0 || warned != tc.warn {
			t.Errorf("%q: exit %d, warned %v, want %v\n%s", tc.yaml, code, warned, tc.warn, errOut)
		}
	}
}
