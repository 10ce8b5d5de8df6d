package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// complete runs cobra's hidden __complete command through run and returns
// the offered values and the directive line.
func (c *cli) complete(args ...string) ([]string, string) {
	c.t.Helper()
	code, out, errOut := c.run(append([]string{"__complete"}, args...)...)
	if code != 0 {
		c.t.Fatalf("__complete %v: exit %d: %s", args, code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	return lines[:len(lines)-1], lines[len(lines)-1]
}

// TestShellCompletion: completion offers the import kinds, the values of
// --by, --format, --lang and the configured --source names, through run.
func TestShellCompletion(t *testing.T) {
	c := newCLI(t)
	cfg, err := filepath.Abs(corpus + "gevinst.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"import kinds", []string{"import", ""}, "submissions time volumes"},
		{"validate kinds", []string{"validate", "t"}, "submissions time volumes"},
		{"by", []string{"metrics", "--by", ""}, "month quarter year"},
		{"metrics format", []string{"benefits", "--format", ""}, "table csv json"},
		{"rejects format", []string{"rejects", "--format", ""}, "table csv json"},
		{"import format", []string{"import", "submissions", "--format", ""}, "auto csv xlsx jsonl parquet"},
		{"export format", []string{"export", "--format", ""}, "parquet arrow csv"},
		{"lang", []string{"report", "--lang", ""}, "nb en"},
		{"log format", []string{"metrics", "--log-format", ""}, "text json"},
		{"time sources", []string{"--config", cfg, "import", "time", "--source", ""}, "skanning timeark timeliste"},
		{"submissions sources", []string{"import", "--config", cfg, "submissions", "--source", ""}, "sak"},
		{"volume sources", []string{"validate", "volumes", "--config", cfg, "--source", ""}, "plattform"},
		{"sources without a config", []string{"import", "time", "--source", ""}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, directive := c.complete(tc.args...)
			if strings.Join(got, " ") != tc.want {
				t.Errorf("offered %q, want %q", got, tc.want)
			}
			if directive != ":4" { // ShellCompDirectiveNoFileComp
				t.Errorf("directive %s, want :4 (no file names)", directive)
			}
		})
	}
	// After the kind, import completes file names.
	if got, directive := c.complete("import", "time", ""); len(got) != 0 || directive != ":0" {
		t.Errorf("import time <TAB>: %q %s, want file names (:0)", got, directive)
	}
	// The scripts themselves.
	if code, out, errOut := c.run("completion", "bash"); code != 0 || !strings.Contains(out, "__start_gevinst") {
		t.Errorf("completion bash: exit %d: %s", code, errOut)
	}
}

// TestCompletionWithBrokenConfig: completion needs no config, so a
// broken ./gevinst.yaml does not stop it (it does stop other commands).
func TestCompletionWithBrokenConfig(t *testing.T) {
	c := newCLI(t)
	t.Chdir(c.dir)
	if err := os.WriteFile("gevinst.yaml", []byte("sources: [not, a, map\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.complete("import", ""); strings.Join(got, " ") != "submissions time volumes" {
		t.Errorf("offered %q", got)
	}
	if code, _, _ := c.run("completion", "zsh"); code != 0 {
		t.Errorf("completion zsh: exit %d", code)
	}
	if code, _, _ := c.run("metrics"); code != exitUsage {
		t.Errorf("metrics with the broken config: exit %d, want 2", code)
	}
}

// TestCompletedValuesAreAccepted runs every value completion offers for
// --by, --format, --lang, --encoding, --decimal and --source through its
// command: none may be refused as a usage error.
func TestCompletedValuesAreAccepted(t *testing.T) {
	c := newCLI(t)
	c.importFixtureA()
	cfg, err := filepath.Abs(corpus + "gevinst.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string // the command; the flag and its value follow
		flag string
	}{
		{[]string{"metrics"}, "--by"},
		{[]string{"benefits"}, "--format"},
		{[]string{"batches"}, "--format"},
		{[]string{"evaluate"}, "--design"},
		{[]string{"rejects"}, "--format"},
		{[]string{"export", "--out", filepath.Join(c.dir, "bi")}, "--format"},
		{[]string{"report", "--out", filepath.Join(c.dir, "r.xlsx")}, "--lang"},
		{[]string{"validate", "submissions", fixtureA + "submissions.csv"}, "--format"},
		{[]string{"validate", "submissions", fixtureA + "submissions.csv"}, "--encoding"},
		{[]string{"validate", "submissions", fixtureA + "submissions.csv"}, "--decimal"},
		{[]string{"--config", cfg, "validate", "time", corpus + "timeliste-2008-11.csv"}, "--source"},
	} {
		vals, _ := c.complete(append(append([]string{}, tc.args...), tc.flag, "")...)
		if len(vals) == 0 {
			t.Errorf("%v %s: nothing offered", tc.args, tc.flag)
		}
		for _, v := range vals {
			if code, _, errOut := c.run(append(append([]string{}, tc.args...), tc.flag, v)...); code == exitUsage {
				t.Errorf("%v %s %s: offered but refused: %s", tc.args, tc.flag, v, errOut)
			}
		}
		// And a value not offered is refused, so the check above can fail.
		if code, _, _ := c.run(append(append([]string{}, tc.args...), tc.flag, "nosuch")...); code != exitUsage {
			t.Errorf("%v %s nosuch: exit %d, want 2", tc.args, tc.flag, code)
		}
	}
}
