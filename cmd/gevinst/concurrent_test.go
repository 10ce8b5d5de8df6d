package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gevinst/gevinst/pipelines/bench"
)

// TestConcurrentRuns runs two gevinst processes on one database (SPEC §6:
// DuckDB lets one process open the file). The second fails at once with exit
// 1 and a message that names the first's PID and --wait; with --wait it
// waits and then does its work; with a short --wait-timeout it gives up.
// Nothing is lost or corrupted.
func TestConcurrentRuns(t *testing.T) {
	skipProcessTests(t)
	dir := t.TempDir()
	n := int64(250_000)
	if stress() {
		n = 2_000_000
	}
	big, err := bench.WriteSubmissions(filepath.Join(dir, "big.csv"), bench.Shape{Submissions: n, IDPrefix: "big-"})
	if err != nil {
		t.Fatal(err)
	}
	small, err := bench.WriteSubmissions(filepath.Join(dir, "small.csv"), bench.Shape{Submissions: 1000, IDPrefix: "small-"})
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "shared.duckdb")
	// Create the database first: a process that opens the file while
	// another is still writing its header sees "not a valid DuckDB
	// database file", a different race from the one tested here.
	// batches no longer creates it (SPEC §6): import a header-only file.
	head, err := os.ReadFile(small.Path)
	if err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.csv")
	if err := os.WriteFile(empty, head[:bytes.IndexByte(head, '\n')+1], 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runGevinst(t, dir, "--db", db, "import", "submissions", empty); r.code != 0 {
		t.Fatalf("create the database: exit %d: %s", r.code, r.stderr)
	}

	// A: a long import. --wait, so that A waits rather than fails should a
	// probe below open the database first.
	a, _, aErr := gevinstCmd(t, dir, "--db", db, "--wait", "import", "submissions", big.Path)
	if err := a.Start(); err != nil {
		t.Fatal(err)
	}
	aDone := make(chan error, 1)
	go func() { aDone <- a.Wait() }()

	// B without --wait: poll until A holds the lock, then B must fail fast.
	var b result
	for deadline := time.Now().Add(30 * time.Second); ; {
		b = runGevinst(t, dir, "--db", db, "batches")
		if b.code != 0 {
			break
		}
		select {
		case err := <-aDone:
			t.Fatalf("A finished (%v) before a second process ever saw the database in use; make the file bigger", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the database never appeared in use")
		}
		time.Sleep(20 * time.Millisecond)
	}
	wantMsg := fmt.Sprintf("is in use by another gevinst process (PID %d); wait for it to finish or use --wait", a.Process.Pid)
	if b.code != exitFailure || !strings.Contains(b.stderr, wantMsg) || !strings.Contains(b.stderr, db) {
		t.Errorf("second process: exit %d, stderr %q; want exit 1 and %q", b.code, b.stderr, wantMsg)
	}
	// Fast: B failed at its first attempt, it never entered the wait.
	if strings.Contains(b.stderr, "waiting") {
		t.Errorf("second process without --wait waited: %q", b.stderr)
	}

	// D: --wait with a timeout shorter than A's run gives up, exit 1.
	d := runGevinst(t, dir, "--db", db, "--wait", "--wait-timeout", "300ms", "batches")
	if d.code != exitFailure || !strings.Contains(d.stderr, "after --wait-timeout 300ms") {
		t.Errorf("--wait-timeout 300ms: exit %d, stderr %q", d.code, d.stderr)
	}

	// C: --wait imports the small file once A is done.
	c, _, cErr := gevinstCmd(t, dir, "--db", db, "--wait", "import", "submissions", small.Path)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	aRunning := true
	select {
	case err := <-aDone:
		aDone <- err
		aRunning = false
	default:
	}
	if err := <-aDone; err != nil {
		t.Fatalf("A: %v\n%s", err, aErr)
	}
	if err := c.Wait(); err != nil {
		t.Fatalf("C (--wait): %v\n%s", err, cErr)
	}
	if aRunning && !strings.Contains(cErr.String(), "the database is in use; waiting") {
		t.Errorf("C started while A ran but did not say it waited: %q", cErr)
	}

	// Nothing lost, nothing doubled, and the database still answers.
	got := dbCounts(t, db)
	want := counts{batches: 3, submissions: n + 1000} // empty.csv is a batch too
	if got != want {
		t.Errorf("after both imports: %+v, want %+v", got, want)
	}
	if r := runGevinst(t, dir, "--db", db, "metrics", "--by", "year", "--format", "csv"); r.code != 0 || strings.Count(r.stdout, "\n") < 2 {
		t.Errorf("metrics after the concurrent runs: exit %d, %q", r.code, r.stderr)
	}
}
