package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckYAMLRefusesUnknownKeys: a typo anywhere a user writes config
// is an error naming the key, its line and column and the nearest key.
func TestCheckYAMLRefusesUnknownKeys(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       []string // each must be in the error text
	}{
		{"typo in a source", `
sources:
  timeark:
    kind: time
    minute_unit: hours
`, []string{`c.yaml:5:5: "minute_unit" in sources.timeark: unknown key; did you mean minutes_unit?`}},
		{"made-up source key", `
sources:
  sak:
    kind: submissions
    skip_header: true
`, []string{`c.yaml:5:5: "skip_header" in sources.sak: unknown key`, "the keys here are kind, format,", "unmapped"}},
		{"discount rate", `
change_costs:
  discount_rte: 0.03
`, []string{`c.yaml:3:3: "discount_rte" in change_costs`, "did you mean discount_rate?"}},
		{"privacy", `
privacy: {min_cel: 3}
`, []string{`c.yaml:2:11: "min_cel" in privacy`, "did you mean min_cell?"}},
		{"top-level cost", `
org: k1
cost:
  hourly_rates: {clerk: 500}
`, []string{`c.yaml:3:1: "cost" at the top level`, "did you mean costs?"}},
		{"end on a running cost", `
change_costs:
  items:
    - name: licence
      kind: one_off
      amount: 1
      date: "2020-01"
    - name: licence
      kind: running
      amount: 60000
      date: "2020-01"
      end: "2022-12"
`, []string{`c.yaml:12:7: "end" in change_costs.items[1]: unknown key`, "the keys here are name, org, service, kind, amount, date"}},
		{"register target", `
register:
  - service: bh
    indicater: digital_share
`, []string{`c.yaml:4:5: "indicater" in register[0]`, "did you mean indicator?"}},
		{"itposmo score", `
itposmo:
  assessments:
    - date: "2006-03-01"
      technolgy: 9
`, []string{`c.yaml:5:7: "technolgy" in itposmo.assessments[0]`, "did you mean technology?"}},
		{"itposmo band", `
itposmo:
  bands:
    - {max: 70, lable: all}
`, []string{`"lable" in itposmo.bands[0]`, "did you mean label?"}},
		{"baseline window", `
services:
  barnehage:
    baseline_window: {from: "2006-01", until: "2006-12"}
`, []string{`c.yaml:4:40: "until" in services.barnehage.baseline_window`, "the keys here are from, to"}},
		{"run job", `
run:
  imports:
    - {kind: time, file: ["a.csv"]}
  report:
    - {out: r.xlsx}
`, []string{`c.yaml:4:20: "file" in run.imports[0]`, "did you mean files?", `c.yaml:5:3: "report" in run`, "did you mean reports?"}},
		{"key in the wrong section", `
minutes_unit: hours
`, []string{`c.yaml:2:1: "minutes_unit" at the top level: unknown key; minutes_unit is a key of sources.NAME`}},
		{"through a merge key", `
base: &base
  kind: time
  minute_unit: hours
sources:
  a:
    <<: *base
`, []string{`c.yaml:2:1: "base" at the top level`, `c.yaml:4:3: "minute_unit" in sources.a: unknown key; did you mean minutes_unit?`}},
		{"value map keys differing in case", `
sources:
  sak:
    kind: submissions
    values:
      channel: {papir: paper, PAPIR: eform}
`, []string{`c.yaml:6:31: "PAPIR" in sources.sak.values.channel: the same key as "papir" at line 6 apart from case or spaces`}},
		{"value map keys differing in spaces", `
sources:
  sak:
    kind: submissions
    values:
      channel:
        Papir: paper
        " papir ": eform
`, []string{`c.yaml:8:9: " papir " in sources.sak.values.channel: the same key as "Papir" at line 7`}},
		{"rates differing in case", `
costs:
  hourly_rates:
    Clerk: 500
    clerk: 600
`, []string{`c.yaml:5:5: "clerk" in costs.hourly_rates: the same key as "Clerk" at line 4`}},
		{"sources differing in case", `
sources:
  Sak: {kind: submissions}
  sak: {kind: time}
`, []string{`c.yaml:4:3: "sak" in sources: the same key as "Sak" at line 3`}},
		{"a key given in two cases", `
db: a.duckdb
DB: b.duckdb
`, []string{`c.yaml:3:1: "DB" at the top level: the same key as "db" at line 2`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckYAML("c.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatal("accepted")
			}
			var ke *KeyError
			if !errors.Is(err, ErrInvalid) || !errors.As(err, &ke) {
				t.Errorf("error %v is not an ErrInvalid *KeyError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestCheckYAMLAcceptsEveryShippedConfig: the configs in testdata, the
// demo's and the example pass, as do keys written in another case
// (viper ignores case) and merge keys.
func TestCheckYAMLAcceptsEveryShippedConfig(t *testing.T) {
	for _, path := range []string{
		"../testdata/corpus/gevinst.yaml",
		"../testdata/fixture-a/gevinst.yaml",
		"../pipelines/demo/demo.yaml",
		"gevinst.example.yaml",
	} {
		if err := CheckFile(path); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	ok := `
DB: x.duckdb
Privacy: {Min_Cell: 3}
sources:
  a: &a
    kind: time
    minutes_unit: hours
  b:
    <<: *a
    kind: time
    replace_period: true
  d:
    <<: [*a]
    kind: TIME
  c: *a
`
	if err := CheckYAML("ok.yaml", []byte(ok)); err != nil {
		t.Error(err)
	}
	if err := CheckYAML("empty.yaml", nil); err != nil {
		t.Errorf("an empty file: %v", err)
	}
}

func TestCheckFileRefusesWhatItCannotCheck(t *testing.T) {
	dir := t.TempDir()
	toml := filepath.Join(dir, "gevinst.toml")
	if err := os.WriteFile(toml, []byte("org = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckFile(toml); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "YAML") {
		t.Errorf("a TOML config: %v", err)
	}
	if err := CheckYAML("bad.yaml", []byte("org: [unclosed\n")); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "bad.yaml") {
		t.Errorf("a YAML syntax error: %v", err)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"minutes_unit", "start_column", "end_column", "kind", "costs", "org"}
	for word, want := range map[string]string{
		"minute_unit": "minutes_unit", "MINUTES_UNT": "minutes_unit", "cost": "costs",
		"start_col": "", "end": "", "xyz": "", "kin": "kind", "orgg": "org",
	} {
		if got := Suggest(word, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestSourceUnmappedAndColumnSuggestions: unmapped defaults to reject and
// takes only reject or keep; a mapping to a column that is not canonical
// names the nearest one.
func TestSourceUnmappedAndColumnSuggestions(t *testing.T) {
	for in, want := range map[string]string{"": UnmappedReject, "Keep": UnmappedKeep, " reject ": UnmappedReject} {
		c := Config{Sources: map[string]Source{"s": {Kind: "time", Unmapped: in}}}
		if err := c.Validate(); err != nil || c.Sources["s"].Unmapped != want {
			t.Errorf("unmapped %q: %v, %q", in, err, c.Sources["s"].Unmapped)
		}
	}
	for _, tc := range []struct {
		src  Source
		want string
	}{
		{Source{Kind: "time", Unmapped: "drop"}, `sources.s.unmapped: "drop" is not reject or keep`},
		{Source{Kind: "time", Columns: map[string]string{"Timer": "minuter"}}, `sources.s.columns.Timer: "minuter" is not a canonical time column`},
		{Source{Kind: "time", Columns: map[string]string{"Timer": "minuter"}}, "did you mean minutes?"},
		{Source{Kind: "submissions", Values: map[string]map[string]string{"chanel": {"Papir": "paper"}}}, "did you mean channel?"},
	} {
		c := Config{Sources: map[string]Source{"s": tc.src}}
		if err := c.Validate(); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.src, err, tc.want)
		}
	}
}
