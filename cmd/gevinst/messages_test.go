package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gevinst/gevinst/pipelines/bench"
)

// writeRefusable writes a submissions file of good rows and bad rows
// (unknown channels), the bad ones first, and returns its path.
func writeRefusable(t *testing.T, dir string, good, bad int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("submission_id,org,service,channel,received_at\n")
	for i := range bad {
		fmt.Fprintf(&b, "x%d,k1,bh,fax%d,2024-01-10 09:00:00\n", i, i)
	}
	for i := range good {
		fmt.Fprintf(&b, "g%d,k1,bh,paper,2024-01-10 09:00:00\n", i)
	}
	path := filepath.Join(dir, fmt.Sprintf("refusable-%d-%d.csv", good, bad))
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRefusedFileSummary: a refused file's summary says "refused" with
// the count of rejected rows and the first 20 reasons (SPEC §9), each
// error once, also under --quiet.
func TestRefusedFileSummary(t *testing.T) {
	c := newCLI(t)
	cfg := fixtureA + "gevinst.yaml"
	path := writeRefusable(t, c.dir, 10, 30)
	for _, quiet := range []bool{false, true} {
		t.Run(fmt.Sprintf("quiet=%v", quiet), func(t *testing.T) {
			args := []string{"--config", cfg, "import", "submissions", path}
			if quiet {
				args = append([]string{"--quiet"}, args...)
			}
			code, out, errOut := c.run(args...)
			if code != exitFailure || out != "" {
				t.Fatalf("exit %d, want 1; stdout %q", code, out)
			}
			lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
			want := path + ": refused: 30 of 40 rows rejected (75.0 %), more than import.max_reject_share 5.0 %; nothing was imported"
			if lines[0] != want {
				t.Errorf("first line\n%s\nwant\n%s", lines[0], want)
			}
			var reasons []string
			for _, l := range lines[1:] {
				if strings.HasPrefix(l, "  "+path+":") {
					reasons = append(reasons, l)
				}
			}
			if len(reasons) != 20 {
				t.Errorf("%d reasons printed, want the first 20:\n%s", len(reasons), errOut)
			} else if reasons[0] != "  "+path+":2: channel: channel 'fax0' is not a configured channel (expected one of: paper, eform, integrated; or add it to channels.list)" ||
				!strings.Contains(reasons[19], ":21: channel: channel 'fax19'") {
				t.Errorf("reasons not the first 20 in line order:\n%s", strings.Join(reasons, "\n"))
			}
			if !strings.Contains(errOut, "(the first 20 reasons; gevinst validate lists every one)") {
				t.Errorf("no note that only the first 20 are shown:\n%s", errOut)
			}
			last := lines[len(lines)-1]
			if last != "gevinst: 1 of 1 files not imported (the reasons are above): "+path {
				t.Errorf("last line %q", last)
			}
			if n := strings.Count(errOut, "max_reject_share"); n != 1 {
				t.Errorf("the refusal is said %d times, want once:\n%s", n, errOut)
			}
			if len(lines) != 23 {
				t.Errorf("%d lines, want summary + 20 reasons + note + final error:\n%s", len(lines), errOut)
			}
		})
	}
	// validate lists every reason of a file import would refuse, on stdout.
	code, out, _ := c.run("--config", cfg, "validate", "submissions", path)
	if code != exitFailure || !strings.HasPrefix(out, path+": would be refused: 30 of 40 rows rejected") || strings.Count(out, "is not a configured channel") != 30 {
		t.Errorf("validate: exit %d\n%s", code, out)
	}
}

// TestEachErrorPrintedOnce: a file that cannot be imported is explained
// once, beside the files that were imported, and the final error names it.
func TestEachErrorPrintedOnce(t *testing.T) {
	c := newCLI(t)
	noColumn := filepath.Join(c.dir, "nocol.csv")
	if err := os.WriteFile(noColumn, []byte("submission_id,service,channel\nx,bh,paper\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := fixtureA + "submissions.csv"
	code, _, errOut := c.run("--config", fixtureA+"gevinst.yaml", "--quiet", "import", "submissions", noColumn, good)
	if code != exitFailure {
		t.Errorf("exit %d, want 1", code)
	}
	if n := strings.Count(errOut, "missing required column(s) [received_at]"); n != 1 {
		t.Errorf("the missing column is said %d times, want once:\n%s", n, errOut)
	}
	want := noColumn + ": not imported: "
	if !strings.HasPrefix(errOut, want) || !strings.HasSuffix(errOut, "\ngevinst: 1 of 2 files not imported (the reasons are above): "+noColumn+"\n") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if strings.Contains(errOut, "level=") {
		t.Errorf("the failure was logged as well:\n%s", errOut)
	}
}

// TestInterruptedBeforeStart: a command whose context is already
// cancelled exits 130 with one line.
func TestInterruptedBeforeStart(t *testing.T) {
	c := newCLI(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{
		{"import", "submissions", fixtureA + "submissions.csv"},
		{"metrics"},
	} {
		var out, errOut strings.Builder
		full := append([]string{"--config", fixtureA + "gevinst.yaml", "--db", filepath.Join(c.dir, "i.duckdb")}, args...)
		code := run(ctx, full, &out, &errOut)
		if code != exitInterrupted || strings.Count(errOut.String(), "\n") != 1 || !strings.HasPrefix(errOut.String(), "gevinst: interrupted") {
			t.Errorf("%v: exit %d, stderr %q; want 130 and one line", args, code, errOut.String())
		}
	}
}

// TestInterruptedImport sends SIGINT (Ctrl-C) to gevinst importing a large
// file at points through its run: one line on stderr, exit 130, and the
// database as before.
func TestInterruptedImport(t *testing.T) {
	skipProcessTests(t)
	dir := t.TempDir()
	first, err := bench.WriteSubmissions(filepath.Join(dir, "first.csv"), bench.Shape{Submissions: 500, IDPrefix: "first-"})
	if err != nil {
		t.Fatal(err)
	}
	big, err := bench.WriteSubmissions(filepath.Join(dir, "big file.csv"), bench.Shape{Submissions: 300_000, BadShare: 0.002, IDPrefix: "big-"})
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, "base.duckdb")
	if r := runGevinst(t, dir, "--db", base, "import", "submissions", first.Path); r.code != 0 {
		t.Fatalf("first import: exit %d: %s", r.code, r.stderr)
	}
	before := dbCounts(t, base)

	calib := filepath.Join(dir, "calib.duckdb")
	copyFile(t, base, calib)
	r := runGevinst(t, dir, "--db", calib, "import", "submissions", big.Path)
	if r.code != 0 {
		t.Fatalf("calibration: exit %d: %s", r.code, r.stderr)
	}
	full := r.elapsed
	interrupted := 0
	for i, f := range []float64{0.25, 0.5, 0.75} {
		at := time.Duration(f * float64(full))
		t.Run(fmt.Sprintf("sigint-at-%s", at.Round(10*time.Millisecond)), func(t *testing.T) {
			db := filepath.Join(dir, fmt.Sprintf("int-%d.duckdb", i))
			copyFile(t, base, db)
			cmd, out, errOut := gevinstCmd(t, dir, "--db", db, "import", "submissions", big.Path)
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(at)
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			r := finished(t, cmd, cmd.Wait(), out, errOut, time.Since(start))
			if r.code == 0 {
				t.Logf("at %v the import had already finished", at)
				return
			}
			interrupted++
			want := "gevinst: interrupted: " + big.Path + " not imported, database unchanged\n"
			if r.code != exitInterrupted || r.stderr != want || r.stdout != "" {
				t.Errorf("exit %d\nstderr %q\nwant exit 130 and %q", r.code, r.stderr, want)
			}
			if got := dbCounts(t, db); got != before {
				t.Errorf("database after the interrupt: %+v, want as before %+v", got, before)
			}
		})
	}
	if interrupted == 0 {
		t.Fatal("no run was interrupted: every import finished before its SIGINT")
	}
}

// TestLogFormatJSON: with --log-format json everything on stderr is JSON
// lines — per-file summaries, reject reasons, warnings, usage and config
// errors, a failing command's error, an interrupt — and says what the
// text would.
func TestLogFormatJSON(t *testing.T) {
	c := newCLI(t)
	cfg := fixtureA + "gevinst.yaml"
	refused := writeRefusable(t, c.dir, 10, 3)
	type jsonRun struct {
		name string
		args []string
		env  string
		code int
		// want are messages (msg) that must be among the lines, in order.
		want []string
	}
	runs := []jsonRun{
		{"import with a refused file", []string{"--log-format", "json", "--config", cfg, "import", "submissions", fixtureA + "submissions.csv", refused, filepath.Join(c.dir, "nope.csv")},
			"", 1, []string{"loaded", "refused", "rejected", "rejected", "rejected", "not imported", "2 of 3 files not imported (the reasons are above): " + refused + ", " + filepath.Join(c.dir, "nope.csv")}},
		{"import time", []string{"--log-format=json", "--config", cfg, "import", "time", fixtureA + "time.csv"}, "", 0, []string{"loaded"}},
		{"already imported", []string{"--log-format", "json", "--config", cfg, "import", "submissions", fixtureA + "submissions.csv"}, "", 0, []string{"already imported"}},
		{"usage error after the flag", []string{"--log-format", "json", "metrics", "--bogus"}, "", 2, []string{"unknown flag: --bogus"}},
		{"usage error before the flag", []string{"metrics", "--bogus", "--log-format", "json"}, "", 2, []string{"unknown flag: --bogus"}},
		{"usage error from the environment", []string{"frobnicate"}, "json", 2, []string{`unknown command "frobnicate" for "gevinst"`}},
		{"bad value", []string{"--log-format", "json", "metrics", "--by", "week"}, "", 2, nil},
		{"missing config", []string{"--log-format", "json", "--config", "/nonexistent/gevinst.yaml", "metrics"}, "", 2, nil},
		{"report needs --out", []string{"--log-format", "json", "--config", cfg, "report"}, "", 2, nil},
		{"failing command", []string{"--log-format", "json", "--config", cfg, "verify", filepath.Join(c.dir, "nope.xlsx")}, "", 1, nil},
		{"warning", []string{"--log-format", "json", "--config", cfg, "rejects", "--batch", "99"}, "", 0, []string{"no such batch; gevinst batches lists the imported ones"}},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			if r.env != "" {
				t.Setenv("GEVINST_LOG_FORMAT", r.env)
			}
			code, _, errOut := c.run(r.args...)
			if code != r.code {
				t.Errorf("exit %d, want %d\n%s", code, r.code, errOut)
			}
			msgs := jsonLines(t, errOut)
			if len(msgs) == 0 {
				t.Fatal("nothing on stderr")
			}
			if code != 0 && msgs[len(msgs)-1].Exit != code {
				t.Errorf("last line %+v: want the error with exit %d", msgs[len(msgs)-1], code)
			}
			var got []string
			for _, m := range msgs {
				got = append(got, m.Msg)
			}
			if r.want != nil && !inOrder(got, r.want) {
				t.Errorf("messages %q, want %q among them in order", got, r.want)
			}
		})
	}

	t.Run("reasons and counts", func(t *testing.T) {
		t.Setenv("GEVINST_IMPORT_MAX_REJECT_SHARE", "0.01")
		_, _, errOut := c.run("--log-format", "json", "--config", cfg, "import", "submissions", refused)
		var rejected []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(errOut), "\n") {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("%q: %v", l, err)
			}
			switch m["msg"] {
			case "refused":
				if m["rows_read"] != 13.0 || m["rows_rejected"] != 3.0 || m["file"] != refused {
					t.Errorf("refused: %v", m)
				}
			case "rejected":
				rejected = append(rejected, m)
			}
		}
		if len(rejected) != 3 || rejected[0]["line"] != 2.0 || rejected[0]["column"] != "channel" || rejected[0]["value"] != "fax0" ||
			!strings.HasPrefix(rejected[0]["reason"].(string), "channel 'fax0' is not a configured channel") {
			t.Errorf("rejected: %v", rejected)
		}
	})

	t.Run("interrupted", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var out, errOut strings.Builder
		code := run(ctx, []string{"--log-format", "json", "--db", filepath.Join(c.dir, "test.duckdb"), "metrics"}, &out, &errOut)
		msgs := jsonLines(t, errOut.String())
		if code != exitInterrupted || len(msgs) != 1 || msgs[0].Exit != exitInterrupted || msgs[0].Msg != "interrupted" {
			t.Errorf("exit %d, %+v", code, msgs)
		}
	})
}

// logLine is what every JSON line on stderr has.
type logLine struct {
	Time  string `json:"time"`
	Level string `json:"level"`
	Msg   string `json:"msg"`
	Exit  int    `json:"exit"`
}

// jsonLines decodes every line of stderr as one JSON object, failing the
// test on a line that is not one.
func jsonLines(t *testing.T, stderr string) []logLine {
	t.Helper()
	var out []logLine
	for _, l := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if l == "" && stderr == "" {
			break
		}
		var m logLine
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Errorf("stderr line is not JSON: %q: %v", l, err)
			continue
		}
		if m.Time == "" || m.Level == "" || m.Msg == "" {
			t.Errorf("stderr line lacks time, level or msg: %q", l)
		}
		out = append(out, m)
	}
	return out
}

// inOrder reports whether want occurs in got as a subsequence.
func inOrder(got, want []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}
