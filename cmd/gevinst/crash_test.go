package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gevinst/gevinst/pipelines/bench"
)

// TestCrashSafety kills `gevinst import` with SIGKILL at points spread over
// its run and checks SPEC §9: after each kill the database holds the state
// before the file or after it, never between; re-running the same command
// then completes with exact counts, and a second re-run is a no-op.
// The database already holds an earlier batch, so "before" is not empty.
// GEVINST_STRESS=1 (make stress) uses bigger files, both kinds and more
// kill points.
func TestCrashSafety(t *testing.T) {
	skipProcessTests(t)
	dir := t.TempDir()
	type job struct {
		kind string
		rows int64
		bad  int64
		file string
	}
	n := int64(300_000)
	fractions := []float64{0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.97}
	kinds := []string{"submissions"}
	if stress() {
		n = 1_500_000
		fractions = nil
		for i := 1; i <= 16; i++ {
			fractions = append(fractions, float64(i)/16+0.013*float64(i%3))
		}
		kinds = []string{"submissions", "time"}
	}
	// The earlier batch: a small clean file.
	first, err := bench.WriteSubmissions(filepath.Join(dir, "first.csv"), bench.Shape{Submissions: 500, IDPrefix: "first-"})
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, "base.duckdb")
	if r := runGevinst(t, dir, "--db", base, "import", "submissions", first.Path); r.code != 0 {
		t.Fatalf("first import: exit %d: %s", r.code, r.stderr)
	}
	before := dbCounts(t, base)
	if before.batches != 1 || before.submissions != 500 {
		t.Fatalf("before: %+v", before)
	}

	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			shape := bench.Shape{Submissions: n, TimeRows: 2 * n, BadShare: 0.002, IDPrefix: "big-"}
			j := job{kind: kind, file: filepath.Join(dir, kind+" big file.csv")}
			g, err := bench.WriteSubmissions(j.file, shape)
			if kind == "time" {
				g, err = bench.WriteTime(j.file, shape)
			}
			if err != nil {
				t.Fatal(err)
			}
			j.rows, j.bad = g.Rows, g.Bad
			args := func(db string) []string { return []string{"--db", db, "--quiet", "import", kind, j.file} }

			// Calibrate: one uninterrupted run gives the duration and the
			// "after" state, checked against what the generator wrote.
			calib := filepath.Join(dir, kind+"-calib.duckdb")
			copyFile(t, base, calib)
			r := runGevinst(t, dir, args(calib)...)
			if r.code != 0 {
				t.Fatalf("calibration: exit %d: %s", r.code, r.stderr)
			}
			after := dbCounts(t, calib)
			want := before
			want.batches++
			want.rejects += j.bad
			if kind == "time" {
				want.timeRows += j.rows - j.bad
			} else {
				want.submissions += j.rows - j.bad
			}
			if after != want {
				t.Fatalf("after one clean run: %+v, want %+v", after, want)
			}
			full := r.elapsed
			t.Logf("%s: %d rows (%d bad) import in %v", kind, j.rows, j.bad, full)

			for i, f := range fractions {
				at := time.Duration(f * float64(full))
				t.Run(fmt.Sprintf("kill-%02d-at-%s", i, at.Round(10*time.Millisecond)), func(t *testing.T) {
					db := filepath.Join(dir, fmt.Sprintf("%s-kill-%02d.duckdb", kind, i))
					copyFile(t, base, db)
					cmd, _, _ := gevinstCmd(t, dir, args(db)...)
					if err := cmd.Start(); err != nil {
						t.Fatal(err)
					}
					time.Sleep(at)
					killErr := cmd.Process.Signal(syscall.SIGKILL)
					cmd.Wait()
					// As gevinst shows it: its open rolls back a kill in the
					// commit (TestCrashInCommit).
					if r := runGevinst(t, dir, "--db", db, "batches"); r.code != 0 {
						t.Fatalf("batches after the kill: exit %d: %s", r.code, r.stderr)
					}
					got := dbCounts(t, db)
					switch got {
					case before:
						t.Logf("killed at %v: state before the file", at)
					case after:
						if killErr == nil {
							t.Logf("killed at %v, after the commit: state after the file", at)
						} else {
							t.Logf("at %v it had already exited: state after the file", at)
						}
					default:
						t.Fatalf("killed at %v: the database is between states: %+v (before %+v, after %+v)", at, got, before, after)
					}
					// Re-running completes the job exactly.
					r := runGevinst(t, dir, args(db)...)
					if r.code != 0 {
						t.Fatalf("re-run: exit %d: %s", r.code, r.stderr)
					}
					if got := dbCounts(t, db); got != after {
						t.Fatalf("after the re-run: %+v, want %+v", got, after)
					}
					// And again: the same file is a no-op.
					r = runGevinst(t, dir, "--db", db, "import", kind, j.file)
					if r.code != 0 || !strings.Contains(r.stderr, "already imported") {
						t.Fatalf("second re-run: exit %d, stderr %q; want a no-op", r.code, r.stderr)
					}
					if got := dbCounts(t, db); got != after {
						t.Fatalf("after the second re-run: %+v, want %+v", got, after)
					}
				})
			}
		})
	}
}
