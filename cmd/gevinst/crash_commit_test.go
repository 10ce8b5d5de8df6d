package main

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gevinst/gevinst/pipelines/bench"
)

// TestCrashInCommit kills `gevinst import` with SIGKILL in the few
// milliseconds of DuckDB's commit, timed off the appearance of the
// database's WAL file (issue 18). The files are big enough for DuckDB to
// write their rows to the database file before the commit (optimistic
// writes, from one 122,880-row group) and to log so many row groups that
// the WAL reaches the disk before its commit marker; the WAL replay
// re-attaches those rows even without the marker, so a killed import
// left its rows without their batch. Three files: a time
// file without registration_id (the re-run doubled every minute), a keyed
// time file and a submissions file that replace rows of the database.
//
// After each kill a reader (`gevinst batches`) opens the database; the
// content must then be exactly the state before the file or after it
// (rows, values, rejects, batches); replaced rows are back when the
// replacement was rolled back. The re-run must leave exactly what one
// clean run leaves, with the same bookkeeping (rows_loaded,
// rows_replaced), and a third run must change nothing.
// GEVINST_STRESS=1 uses bigger files and more kill points.
func TestCrashInCommit(t *testing.T) {
	skipProcessTests(t)
	dir := t.TempDir()
	// Below about 500 k rows DuckDB's WAL buffer holds the row-group
	// entries until the commit marker joins them, and no kill lands
	// between the two (measured with duckdb-go v2.10506.0).
	// The commit's window opens about 1 ms after the WAL appears and
	// lasts a few ms (longer on a busy machine).
	n := int64(600_000)
	ms := time.Millisecond
	delays := map[string][]time.Duration{
		"time-without-ids": {1 * ms, 2 * ms}, "time-keyed": {2 * ms}, "submissions": {2 * ms},
	}
	if stress() {
		n = 900_000
		var all []time.Duration
		for d := 0; d <= 15; d++ {
			all = append(all, time.Duration(d)*ms)
		}
		for k := range delays {
			delays[k] = all
		}
	}

	// The database before: submissions the big submissions file partly
	// replaces (same ids, another seed: about half share their org, so
	// their key) and keyed time rows the keyed time file partly replaces.
	subs0, err := bench.WriteSubmissions(filepath.Join(dir, "subs0.csv"),
		bench.Shape{Submissions: n / 5, Seed: 2, IDPrefix: "big-"})
	if err != nil {
		t.Fatal(err)
	}
	time0, err := bench.WriteTime(filepath.Join(dir, "time0.csv"),
		bench.Shape{Submissions: n / 5, TimeRows: n / 10, Seed: 3, IDPrefix: "big-"})
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, "base.duckdb")
	for _, f := range []struct{ kind, path string }{{"submissions", subs0.Path}, {"time", time0.Path}} {
		if r := runGevinst(t, dir, "--db", base, "import", f.kind, f.path); r.code != 0 {
			t.Fatalf("import %s: exit %d: %s", f.path, r.code, r.stderr)
		}
	}
	before := readState(t, base)

	shape := bench.Shape{Submissions: n, TimeRows: n, BadShare: 0.002, IDPrefix: "big-"}
	subs, err := bench.WriteSubmissions(filepath.Join(dir, "big submissions.csv"), shape)
	if err != nil {
		t.Fatal(err)
	}
	keyed, err := bench.WriteTime(filepath.Join(dir, "big time.csv"), shape)
	if err != nil {
		t.Fatal(err)
	}
	noIDs := filepath.Join(dir, "big time without ids.csv")
	dropFirstColumn(t, keyed.Path, noIDs)

	jobs := []struct {
		name, kind, file string
		// replaces is true when the file's keys meet rows of the database.
		replaces bool
	}{
		{"time-without-ids", "time", noIDs, false},
		{"time-keyed", "time", keyed.Path, true},
		{"submissions", "submissions", subs.Path, true},
	}
	rolledBack := 0
	for _, j := range jobs {
		t.Run(j.name, func(t *testing.T) {
			args := func(db string) []string { return []string{"--db", db, "--quiet", "import", j.kind, j.file} }
			calib := filepath.Join(dir, j.name+"-calib.duckdb")
			copyFile(t, base, calib)
			if r := runGevinst(t, dir, args(calib)...); r.code != 0 {
				t.Fatalf("calibration: exit %d: %s", r.code, r.stderr)
			}
			after := readState(t, calib)
			if after == before {
				t.Fatal("the file changed nothing")
			}
			last := after.lastBatch
			if last.rowsLoaded < 122_880 {
				t.Fatalf("%d rows loaded: too few for DuckDB's optimistic writes", last.rowsLoaded)
			}
			if j.replaces != (last.rowsReplaced > 0) {
				t.Fatalf("rows_replaced %d after one clean run", last.rowsReplaced)
			}
			if j.replaces {
				// Independent of gevinst's bookkeeping: the database's keys
				// the file holds, counted by DuckDB in the file itself.
				if want := keysMet(t, base, j.kind, j.file); last.rowsReplaced != want {
					t.Fatalf("rows_replaced %d, but the file holds %d keys of the database", last.rowsReplaced, want)
				}
			}

			for i, delay := range delays[j.name] {
				t.Run(fmt.Sprintf("kill-%02d-wal+%v", i, delay), func(t *testing.T) {
					db := filepath.Join(dir, fmt.Sprintf("%s-kill-%02d.duckdb", j.name, i))
					copyFile(t, base, db)
					sawWAL := killAfterWAL(t, dir, db, delay, args(db)...)

					// What gevinst shows after the kill, through a reader.
					r := runGevinst(t, dir, "--db", db, "batches")
					if r.code != 0 {
						t.Fatalf("batches after the kill: exit %d: %s", r.code, r.stderr)
					}
					msg := strings.Contains(r.stderr, "an interrupted import was rolled back")
					if msg {
						rolledBack++
						// No batches row names the file: the message says so.
						if !strings.Contains(r.stderr, "not known") {
							t.Errorf("the rollback message does not say the file is not known: %s", r.stderr)
						}
					}
					got := readState(t, db)
					switch got {
					case before:
						t.Logf("killed %v after the WAL appeared (seen: %v): before the file; rolled back: %v", delay, sawWAL, msg)
					case after:
						if msg {
							t.Errorf("state after the file, yet stderr says an import was rolled back: %s", r.stderr)
						}
						t.Logf("killed %v after the WAL appeared (seen: %v): after the file", delay, sawWAL)
					default:
						t.Fatalf("killed %v after the WAL appeared: the database is between states:\n got    %+v\n before %+v\n after  %+v",
							delay, got, before, after)
					}

					// The re-run completes the job exactly as one clean run.
					r = runGevinst(t, dir, args(db)...)
					if r.code != 0 {
						t.Fatalf("re-run: exit %d: %s", r.code, r.stderr)
					}
					if strings.Contains(r.stderr, "rolled back") {
						t.Errorf("the rollback is reported again by the re-run: %s", r.stderr)
					}
					if got := readState(t, db); got != after {
						t.Fatalf("after the re-run:\n got  %+v\n want %+v", got, after)
					}
					// And a third run changes nothing.
					r = runGevinst(t, dir, "--db", db, "import", j.kind, j.file)
					if r.code != 0 || !strings.Contains(r.stderr, "already imported") {
						t.Fatalf("third run: exit %d, stderr %q; want a no-op", r.code, r.stderr)
					}
					if got := readState(t, db); got != after {
						t.Fatalf("after the third run:\n got  %+v\n want %+v", got, after)
					}
				})
			}
		})
	}
	t.Logf("%d kills left an interrupted import to roll back", rolledBack)
}

// killAfterWAL starts gevinst with args on the database db and kills it
// with SIGKILL delay after db's WAL appears (at the commit of its first
// write), or when it has exited before that (sawWAL false).
func killAfterWAL(t *testing.T, dir, db string, delay time.Duration, args ...string) (sawWAL bool) {
	t.Helper()
	cmd, _, _ := gevinstCmd(t, dir, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sawWAL = waitForFile(db+".wal", cmd.Process.Pid)
	if sawWAL {
		time.Sleep(delay)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	return sawWAL
}

// waitForFile polls for path until it exists (true) or the process pid
// has exited (false).
func waitForFile(path string, pid int) bool {
	for {
		if _, err := os.Stat(path); err == nil {
			return true
		}
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil || strings.Contains(string(b), ") Z ") {
			return false
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// dropFirstColumn copies a CSV file without its first column (the
// generator's registration_id): SPEC §2.2 allows time rows without ids.
func dropFirstColumn(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(out, 1<<20)
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := sc.Text()
		_, rest, ok := strings.Cut(line, ",")
		if !ok {
			t.Fatalf("%s: a line without a comma: %q", from, line)
		}
		w.WriteString(rest)
		w.WriteByte('\n')
	}
	if err := errors.Join(sc.Err(), w.Flush(), out.Close()); err != nil {
		t.Fatal(err)
	}
}

// batchFigures is a batch's bookkeeping, without its id and clock times.
type batchFigures struct {
	kind, file                                       string
	rowsRead, rowsLoaded, rowsRejected, rowsReplaced int64
}

// dbState is what a database holds, as comparable values: per table the
// row count and a sum of row hashes over every column but batch_id (so
// a replaced row that is back counts as itself), the batches' figures,
// and the rows whose batch has no batches row.
type dbState struct {
	batches                   int64
	submissions, time, reject string
	minutes                   float64
	orphans                   int64
	lastBatch                 batchFigures
	// booksOff is Σ rows_loaded − Σ rows_replaced over the batches less
	// the rows the tables hold: 0 when the books agree.
	booksOff int64
}

// readState opens the database file (replaying its WAL, as any open does)
// and reads its dbState.
func readState(t *testing.T, path string) dbState {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer db.Close()
	var s dbState
	if err := db.QueryRow(`SELECT
		(SELECT count(*) FROM batches),
		(SELECT count(*) || ' rows, hash ' || coalesce(sum(hash(org, submission_id, service, channel, received_at,
			received_time_known, decided_at, case_id)::HUGEINT), 0) FROM submissions),
		(SELECT count(*) || ' rows, hash ' || coalesce(sum(hash(org, registration_id, employee, role, work_date, minutes,
			case_id, service, channel, activity)::HUGEINT), 0) FROM time_registrations),
		(SELECT coalesce(sum(minutes), 0) FROM time_registrations),
		(SELECT count(*) || ' rows, hash ' || coalesce(sum(hash(line, column_name, raw_value, reason)::HUGEINT), 0) FROM rejects),
		(SELECT count(*) FROM (
			SELECT batch_id FROM submissions UNION ALL SELECT batch_id FROM time_registrations
			UNION ALL SELECT batch_id FROM rejects UNION ALL SELECT batch_id FROM volumes)
		 WHERE batch_id NOT IN (SELECT batch_id FROM batches)),
		(SELECT sum(rows_loaded - rows_replaced) FROM batches WHERE kind IN ('submissions', 'time'))
			- (SELECT count(*) FROM submissions) - (SELECT count(*) FROM time_registrations)`).
		Scan(&s.batches, &s.submissions, &s.time, &s.minutes, &s.reject, &s.orphans, &s.booksOff); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if err := db.QueryRow(`SELECT kind, file_name, rows_read, rows_loaded, rows_rejected, rows_replaced
		FROM batches ORDER BY batch_id DESC LIMIT 1`).
		Scan(&s.lastBatch.kind, &s.lastBatch.file, &s.lastBatch.rowsRead, &s.lastBatch.rowsLoaded,
			&s.lastBatch.rowsRejected, &s.lastBatch.rowsReplaced); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return s
}

// keysMet counts the rows of the database at path whose key the file
// holds: the rows a clean import of the file replaces (SPEC §2.1, §2.2).
func keysMet(t *testing.T, path, kind, file string) int64 {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A rejected row replaces nothing: only rows whose values read.
	q := `SELECT count(*) FROM submissions SEMI JOIN (
			SELECT org, submission_id FROM read_csv(?, all_varchar = true)
			WHERE try_cast(received_at AS TIMESTAMP) IS NOT NULL) USING (org, submission_id)`
	if kind == "time" {
		q = `SELECT count(*) FROM time_registrations SEMI JOIN (
			SELECT org, registration_id FROM read_csv(?, all_varchar = true)
			WHERE try_cast(minutes AS DOUBLE) <= 1440) USING (org, registration_id)`
	}
	var n int64
	if err := db.QueryRow(q, file).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
