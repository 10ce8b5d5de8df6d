package main

// Tests that run the gevinst binary as a child process: what only a real
// process shows — a SIGKILL in the middle of an import (SPEC §9), two
// processes on one database (SPEC §6), memory bounds on hostile input
// (SPEC §8). The binary is built once per test run.

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// gevinstBinary builds gevinst once per test run into a temporary
// directory and returns its path.
func gevinstBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "gevinst-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "gevinst")
		args := []string{"build", "-o", binPath}
		// The same build tags as this test binary (make test: duckdb_arrow).
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "-tags" && s.Value != "" {
					args = append(args, "-tags", s.Value)
				}
			}
		}
		out, err := exec.Command("go", append(args, ".")...).CombinedOutput()
		if err != nil {
			binErr = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// result is a finished gevinst process.
type result struct {
	code           int
	stdout, stderr string
	maxRSSKiB      int64 // sampled VmHWM: see watchPeakRSS
	elapsed        time.Duration
}

// gevinstCmd prepares gevinst with args in dir, with a pseudonym key in
// the environment.
func gevinstCmd(t *testing.T, dir string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(gevinstBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GEVINST_PSEUDONYM_KEY=process-test-key-0123456789")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	return cmd, &out, &errOut
}

// runGevinst runs gevinst to the end.
func runGevinst(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd, out, errOut := gevinstCmd(t, dir, args...)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	peak := watchPeakRSS(cmd.Process.Pid)
	err := cmd.Wait()
	r := finished(t, cmd, err, out, errOut, time.Since(start))
	r.maxRSSKiB = peak()
	return r
}

// watchPeakRSS samples the process's VmHWM (its resident high-water mark)
// every 2 ms until it exits and returns a func giving the highest value.
// The kernel's ru_maxrss is no use here: a child started from this (big)
// test process inherits the test's own high-water mark at exec.
func watchPeakRSS(pid int) func() int64 {
	var peak atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		path := fmt.Sprintf("/proc/%d/status", pid)
		for {
			b, err := os.ReadFile(path)
			if err != nil {
				return // exited
			}
			s := string(b)
			// Only after exec: before it, the child still shares the test's memory.
			if strings.Contains(s, "Name:\tgevinst\n") {
				if i := strings.Index(s, "VmHWM:"); i >= 0 {
					var kib int64
					fmt.Sscanf(s[i+len("VmHWM:"):], "%d", &kib)
					if kib > peak.Load() {
						peak.Store(kib)
					}
				}
			}
			if strings.Contains(s, "State:\tZ") {
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return func() int64 {
		<-done
		return peak.Load()
	}
}

func finished(t *testing.T, cmd *exec.Cmd, err error, out, errOut *bytes.Buffer, d time.Duration) result {
	t.Helper()
	r := result{stdout: out.String(), stderr: errOut.String(), elapsed: d}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	default:
		t.Fatalf("gevinst %v: %v", cmd.Args[1:], err)
	}
	return r
}

// counts are the row counts that must move together in one import.
type counts struct{ batches, submissions, timeRows, rejects int64 }

// dbCounts opens the database file (replaying its WAL, as the next
// gevinst would) and counts; a database that does not exist yet counts 0.
func dbCounts(t *testing.T, path string) counts {
	t.Helper()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return counts{}
	}
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatalf("open %s after the kill: %v", path, err)
	}
	defer db.Close()
	var has int
	if err := db.QueryRow(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'rejects'`).Scan(&has); err != nil {
		t.Fatal(err)
	}
	if has == 0 {
		return counts{} // killed before the schema was committed
	}
	var c counts
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM batches), (SELECT count(*) FROM submissions),
		(SELECT count(*) FROM time_registrations), (SELECT count(*) FROM rejects)`).
		Scan(&c.batches, &c.submissions, &c.timeRows, &c.rejects); err != nil {
		t.Fatalf("count rows in %s: %v", path, err)
	}
	// The batches' own figures must agree with the tables.
	var loaded, rejected sql.NullInt64
	if err := db.QueryRow(`SELECT sum(rows_loaded), sum(rows_rejected) FROM batches`).Scan(&loaded, &rejected); err != nil {
		t.Fatal(err)
	}
	if loaded.Int64 != c.submissions+c.timeRows {
		t.Errorf("batches say %d rows loaded, the tables hold %d", loaded.Int64, c.submissions+c.timeRows)
	}
	return c
}

// copyFile copies a database file (closed cleanly, so without a WAL).
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(from + ".wal"); err == nil {
		t.Fatalf("%s has a WAL: not closed cleanly", from)
	}
}

// stress is true under `make stress` (GEVINST_STRESS=1): bigger files,
// more kill points.
func stress() bool { return os.Getenv("GEVINST_STRESS") != "" }

// skipProcessTests skips the child-process tests under -short.
func skipProcessTests(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the gevinst binary (not with -short)")
	}
	if runtime.GOOS != "linux" {
		t.Skip("needs Linux (SIGKILL, rusage)")
	}
}
