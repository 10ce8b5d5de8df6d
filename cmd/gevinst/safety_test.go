package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/pipelines/demo"
)

// snapshot maps every file and folder under dir to its content's SHA-256
// (folders to "dir"), so a test can assert that a command changed nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel] = "dir"
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func assertUnchanged(t *testing.T, dir string, before map[string]string) {
	t.Helper()
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("the command changed %s:\nbefore %v\nafter  %v", dir, slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
	}
}

// TestReadOnlyCommandsCreateNoDatabase runs every command that only reads
// on a database that does not exist: each fails with exit 1 and the same
// message, and the folder stays as it was (SPEC §6).
func TestReadOnlyCommandsCreateNoDatabase(t *testing.T) {
	c := newCLI(t)
	db := filepath.Join(c.dir, "test.duckdb")
	before := snapshot(t, c.dir)
	for _, args := range [][]string{
		{"metrics"}, {"benefits", "--by", "year"}, {"batches"}, {"register"}, {"costs"}, {"compare"},
		{"export", "--format", "csv", "--out", filepath.Join(c.dir, "bi")},
		{"verify", filepath.Join(c.dir, "dashboard.xlsx")},
		{"report", "--out", filepath.Join(c.dir, "out", "dashboard.xlsx")},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, out, errOut := c.run(args...)
			want := "no database at " + db + ": import data first"
			if code != 1 || !strings.Contains(errOut, want) || out != "" {
				t.Errorf("exit %d, want 1 and %q\nstdout: %s\nstderr: %s", code, want, out, errOut)
			}
			assertUnchanged(t, c.dir, before)
		})
	}
	// risk reads only the config: it works, and creates nothing either.
	if code, _, errOut := c.run("risk"); code != 0 {
		t.Errorf("risk: exit %d %s", code, errOut)
	}
	assertUnchanged(t, c.dir, before)
}

// TestValidateCreatesNoDatabaseOrKey validates both kinds with neither a database
// nor a key file: the findings are printed, and neither file is created.
func TestValidateCreatesNoDatabaseOrKey(t *testing.T) {
	c := newCLI(t)
	os.Unsetenv("GEVINST_PSEUDONYM_KEY") // newCLI's t.Setenv restores it
	key := filepath.Join(c.dir, "gevinst.key")
	t.Setenv("GEVINST_PSEUDONYM_KEY_FILE", key)
	before := snapshot(t, c.dir)
	cfg := fixtureA + "gevinst.yaml"
	for _, tc := range []struct{ kind, file, want string }{
		{"time", fixtureA + "time.csv", "13 rows read, 13 would load, 0 rejected"},
		{"submissions", fixtureA + "bad-submissions.csv", "channel 'fax' is not a configured channel"},
	} {
		code, out, errOut := c.run("--config", cfg, "validate", tc.kind, tc.file)
		if !strings.Contains(out, tc.want) {
			t.Errorf("validate %s: exit %d, stdout lacks %q\n%s%s", tc.kind, code, tc.want, out, errOut)
		}
		assertUnchanged(t, c.dir, before)
	}
	// The same findings as with a database that exists.
	c.mustRun("--config", cfg, "import", "time", fixtureA+"time.csv")
	if _, err := os.Stat(key); err != nil {
		t.Fatalf("import created no key file: %v", err)
	}
	_, out, _ := c.run("--config", cfg, "validate", "submissions", fixtureA+"bad-submissions.csv")
	if !strings.Contains(out, "would be refused: 5 of 7 rows rejected") {
		t.Errorf("validate with a database:\n%s", out)
	}
}

// TestDemoRefusesAnotherDirectory: demo --out a folder holding a user's
// config and database, a database alone, or an edited demo config refuses
// it and leaves it as it was. A previous demo is accepted, and the files
// the demo does not write stay; --force overwrites the demo's files in
// any folder and keeps the others.
func TestDemoRefusesAnotherDirectory(t *testing.T) {
	c := newCLI(t)
	edited := append(demo.ConfigYAML(), "# my change\n"...)
	for name, files := range map[string]map[string]string{
		"project":  {"gevinst.yaml": "db: mine.duckdb\n", "gevinst.duckdb": "my data"},
		"database": {"gevinst.duckdb": "my data"},
		"edited":   {"gevinst.yaml": string(edited), "submissions.csv": "mine"},
	} {
		dir := filepath.Join(c.dir, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for file, body := range files {
			if err := os.WriteFile(filepath.Join(dir, file), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		before := snapshot(t, dir)
		code, _, errOut := c.run("demo", "--out", dir)
		refused := strings.Contains(errOut, "not a previous demo") || strings.Contains(errOut, "is not the demo's config")
		if code != 1 || !refused || !strings.Contains(errOut, "--force") {
			t.Errorf("demo into %s: exit %d\n%s", name, code, errOut)
		}
		assertUnchanged(t, dir, before)
	}

	if testing.Short() {
		t.Skip("generates the demo")
	}
	dir := filepath.Join(c.dir, "demo")
	c.mustRun("demo", "--out", dir)
	tour := filepath.Join(dir, "dashboard-en.xlsx")
	if err := os.WriteFile(tour, []byte("the tour's report"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.mustRun("demo", "--out", dir) // a previous demo
	if b, err := os.ReadFile(tour); err != nil || string(b) != "the tour's report" {
		t.Errorf("demo lost a file it does not write: %q %v", b, err)
	}
	project := filepath.Join(c.dir, "project")
	c.mustRun("demo", "--out", project, "--force")
	if b, err := os.ReadFile(filepath.Join(project, demo.ConfigFile)); err != nil || !bytes.Equal(b, demo.ConfigYAML()) {
		t.Errorf("--force did not write the demo's config: %v", err)
	}
	if _, err := os.Stat(filepath.Join(project, "gevinst-dashboard.xlsx")); err != nil {
		t.Errorf("--force wrote no dashboard: %v", err)
	}
}

// TestReportCreatesItsFolder: report --out into a folder that does not
// exist creates it, as export does.
func TestReportCreatesItsFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a workbook")
	}
	c := newCLI(t)
	c.importFixtureA()
	out := filepath.Join(c.dir, "reports", "2024", "dashboard.xlsx")
	c.mustRun("--config", fixtureA+"gevinst.yaml", "report", "--out", out)
	for _, p := range []string{out, out + ".evidence.json"} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("report: %v", err)
		}
	}
}

// TestRunChecksReportsBeforeImporting: a run whose report setting is bad
// fails before it imports anything (no database), and a run whose report
// folder does not exist creates it and writes the report.
func TestRunChecksReportsBeforeImporting(t *testing.T) {
	c := newCLI(t)
	cfg := jobConfig(t, c.dir, `    - {kind: submissions, source: sak, files: ["CORPUS/saker-2008-cp1252.csv"]}
`)
	job, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(c.dir, "dashboard-{date}.xlsx")
	// A file where the report's folder should be: its folder cannot be made.
	blocker := filepath.Join(c.dir, "blocker")
	if err := os.WriteFile(blocker, []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(c.dir, "bad.yaml")
	badFrom := filepath.Join(c.dir, "bad-from.yaml")
	for path, body := range map[string]string{
		bad:     strings.Replace(string(job), report, filepath.Join(blocker, "dashboard.xlsx"), 1),
		badFrom: strings.Replace(string(job), "lang: en", `lang: en, from: "2024-13"`, 1),
	} {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, c.dir)
	code, _, errOut := c.run("--config", bad, "run")
	if code != 1 || !strings.Contains(errOut, "run.reports[0]: create the folder "+blocker) {
		t.Errorf("report folder cannot be made: exit %d\n%s", code, errOut)
	}
	assertUnchanged(t, c.dir, before)
	code, _, errOut = c.run("--config", badFrom, "run")
	if code != 2 || !strings.Contains(errOut, `run.reports[0]: --from: period "2024-13"`) {
		t.Errorf("bad report period: exit %d\n%s", code, errOut)
	}
	assertUnchanged(t, c.dir, before)

	// A job of reports only reads: on a missing database it creates nothing.
	if err := os.MkdirAll(filepath.Join(c.dir, "reports-only"), 0o755); err != nil {
		t.Fatal(err)
	}
	reportsOnly := jobConfig(t, filepath.Join(c.dir, "reports-only"), "")
	body, err := os.ReadFile(reportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	body = []byte(strings.Replace(string(body), "reports-only/dashboard", "reports-only/new/dashboard", 1))
	if !strings.Contains(string(body), "reports-only/new/dashboard") {
		t.Fatalf("the job's report is not in a new folder:\n%s", body)
	}
	if err := os.WriteFile(reportsOnly, body, 0o644); err != nil {
		t.Fatal(err)
	}
	before = snapshot(t, c.dir)
	code, _, errOut = c.run("--config", reportsOnly, "run")
	if code != 1 || !strings.Contains(errOut, "no database at") {
		t.Errorf("reports-only run on no database: exit %d\n%s", code, errOut)
	}
	assertUnchanged(t, c.dir, before)

	if testing.Short() {
		t.Skip("writes a workbook")
	}
	nested := filepath.Join(c.dir, "out", "monthly", "dashboard-{date}.xlsx")
	if err := os.WriteFile(cfg, []byte(strings.Replace(string(job), report, nested, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := c.run("--config", cfg, "run")
	want := filepath.Join(c.dir, "out", "monthly", "dashboard-2026-11-27.xlsx")
	if code != 0 || strings.TrimSpace(out) != want {
		t.Errorf("run into a new folder: exit %d, stdout %q, want %s\n%s", code, out, want, errOut)
	}
}

// TestEmptyResultsWarn: a filter value the database does not hold, a
// range without data and a header-only file each say so on stderr, and
// exit 0.
func TestEmptyResultsWarn(t *testing.T) {
	c := newCLI(t)
	c.importFixtureA()
	cfg := fixtureA + "gevinst.yaml"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"metrics", "--service", "nosuch"}, `--service nosuch matches nothing; the services in the database: bh, xx`},
		{[]string{"benefits", "--org", "k9"}, `--org k9 matches nothing; the organisations in the database: k1`},
		{[]string{"costs", "--service", "nosuch"}, `--service nosuch matches nothing`},
		{[]string{"metrics", "--from", "2030-01"}, `no rows match --from 2030-01; the database holds data for 2024-01..2024-04`},
	} {
		code, out, errOut := c.run(append([]string{"--config", cfg}, tc.args...)...)
		if code != 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr lacks %q\nstdout: %s\nstderr: %s", tc.args, code, tc.want, out, errOut)
		}
	}
	// report and export write their (empty) tables, and warn.
	for _, args := range [][]string{
		{"export", "--format", "csv", "--org", "k9", "--out", filepath.Join(c.dir, "bi")},
		{"report", "--org", "k9", "--out", filepath.Join(c.dir, "k9.xlsx")},
	} {
		code, _, errOut := c.run(append([]string{"--config", cfg}, args...)...)
		if want := "--org k9 matches nothing; the organisations in the database: k1"; !strings.Contains(errOut, want) {
			t.Errorf("%s --org k9: exit %d, stderr lacks %q:\n%s", args[0], code, want, errOut)
		}
	}
	// A filter that matches prints no warning.
	if _, _, errOut := c.run("--config", cfg, "metrics", "--service", "bh"); strings.Contains(errOut, "WARN") {
		t.Errorf("warning for a filter that matches:\n%s", errOut)
	}

	header := filepath.Join(c.dir, "header-only.csv")
	if err := os.WriteFile(header, []byte("submission_id,org,service,channel,received_at,decided_at,case_id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := c.run("--config", cfg, "import", "submissions", header)
	if code != 0 || !strings.Contains(errOut, header+" has no data rows") {
		t.Errorf("header-only import: exit %d\n%s", code, errOut)
	}
}
