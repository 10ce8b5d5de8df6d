package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// jobConfig writes the corpus config plus a run: section into dir.
func jobConfig(t *testing.T, dir string, imports string) string {
	t.Helper()
	base, err := os.ReadFile(corpus + "gevinst.yaml")
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(corpus)
	if err != nil {
		t.Fatal(err)
	}
	job := "\nrun:\n  imports:\n" + strings.ReplaceAll(imports, "CORPUS/", abs+"/") +
		"  reports:\n    - {out: \"" + filepath.Join(dir, "dashboard-{date}.xlsx") + "\", lang: en}\n"
	path := filepath.Join(dir, "job.yaml")
	if err := os.WriteFile(path, append(base, job...), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunJobImportsThenReportsAndIsSafeToRepeat(t *testing.T) {
	c := newCLI(t)
	cfg := jobConfig(t, c.dir, `    - {kind: submissions, source: sak, files: ["CORPUS/saker-2008-cp1252.csv"]}
    - {kind: time, source: skanning, files: ["CORPUS/skanning-uke-47*.tsv"]}
    - {kind: volumes, source: plattform, files: ["CORPUS/volum-*.csv", "CORPUS/nothing-here-*.csv"]}
`)
	code, out, errOut := c.run("--config", cfg, "run")
	if code != 0 {
		t.Fatalf("run: exit %d\n%s%s", code, out, errOut)
	}
	report := filepath.Join(c.dir, "dashboard-2026-11-27.xlsx")
	if strings.TrimSpace(out) != report {
		t.Errorf("run printed %q, want the report path %s", out, report)
	}
	// skanning-uke-47.tsv sorts before skanning-uke-47-48.tsv? No: '-' < '.',
	// so the two-week file comes first and the one-week file replaces its week.
	for _, want := range []string{"120 loaded", "skanning-uke-47-48.tsv: 30 rows read, 30 loaded", "skanning-uke-47.tsv: 15 rows read, 15 loaded, 0 rejected, 15 replaced", "13 loaded"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("first run lacks %q:\n%s", want, errOut)
		}
	}
	code, _, again := c.run("--config", cfg, "run")
	if code != 0 || strings.Count(again, "already imported") != 4 {
		t.Errorf("second run: exit %d, want every file skipped:\n%s", code, again)
	}
	batches := c.mustRun("--config", cfg, "batches", "--format", "csv")
	if n := strings.Count(batches, "\n"); n != 5 {
		t.Errorf("batches after two runs: %d lines, want header + 4:\n%s", n, batches)
	}
}

func TestRunJobWritesNoReportWhenAFileIsRefused(t *testing.T) {
	c := newCLI(t)
	cfg := jobConfig(t, c.dir, `    - {kind: submissions, files: ["CORPUS/saker-for-mange-feil.csv"]}
`)
	code, _, errOut := c.run("--config", cfg, "run")
	if code != 1 || !strings.Contains(errOut, "no report was written") {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
	if m, _ := filepath.Glob(filepath.Join(c.dir, "*.xlsx")); len(m) != 0 {
		t.Errorf("a report was written: %v", m)
	}
}

func TestRunWithoutJobIsAUsageError(t *testing.T) {
	c := newCLI(t)
	code, _, errOut := c.run("run")
	if code != 2 || !strings.Contains(errOut, "no run: section") {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
}
