package main

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gevinst/gevinst/pipelines/bench"
)

// TestCrashInMonthlyImport kills `gevinst import` of one more month while
// it commits, or checkpoints at its close, into a database whose figures
// are kept: the import then updates the kept figures in the same
// transaction as its rows (queries/figures.go, keepFigures; most rows in
// place: MERGE INTO, UPDATE). TestCrashInCommit kills first imports,
// which keep no figures.
//
// After each kill a reader must show exactly what it showed before the
// file or what one clean import shows after it: the tables (readState)
// and the figures, `metrics` by month (the kept month cells and
// fig_sub_month) and over all months (their sums added up, quantiles from
// the kept buckets). The re-run
// must then leave what the clean import leaves.
func TestCrashInMonthlyImport(t *testing.T) {
	skipProcessTests(t)
	dir := t.TempDir()
	full := bench.Shape{Submissions: 20_000, TimeRows: 60_000, Seed: 4}
	month := full.Month(1_500, 4_500)
	base := filepath.Join(dir, "base.duckdb")
	var files []string
	for _, f := range []struct {
		kind, name string
		shape      bench.Shape
	}{
		{"submissions", "subs.csv", full}, {"time", "time.csv", full},
		{"submissions", "month subs.csv", month}, {"time", "month time.csv", month},
	} {
		write := bench.WriteSubmissions
		if f.kind == "time" {
			write = bench.WriteTime
		}
		g, err := write(filepath.Join(dir, f.name), f.shape)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, g.Path)
	}
	for i, kind := range []string{"submissions", "time"} {
		if r := runGevinst(t, dir, "--db", base, "--quiet", "import", kind, files[i]); r.code != 0 {
			t.Fatalf("import %s: exit %d: %s", files[i], r.code, r.stderr)
		}
	}
	// A reader builds the kept figures; the monthly imports then keep them.
	figs := func(db string) string {
		t.Helper()
		var b strings.Builder
		for _, by := range [][]string{{"--by", "month"}, {"--by", "year"}} {
			r := runGevinst(t, dir, append([]string{"--db", db, "metrics", "--format", "csv"}, by...)...)
			if r.code != 0 {
				t.Fatalf("metrics %v: exit %d: %s", by, r.code, r.stderr)
			}
			b.WriteString(r.stdout)
		}
		return b.String()
	}
	state := func(db string) string {
		return fmt.Sprintf("%+v\n%s", readState(t, db), figs(db))
	}
	state(base)

	// The commit's window opens about 1 ms after the WAL appears; the
	// checkpoint at the close follows it.
	ms := time.Millisecond
	delays := []time.Duration{0, ms / 2, 1 * ms, 3 * ms / 2, 2 * ms, 4 * ms, 10 * ms, 30 * ms}
	if stress() {
		// Dense where the commit is (the first few ms), then through the
		// checkpoint.
		delays = nil
		for d := range 17 {
			delays = append(delays, time.Duration(d)*ms/4)
		}
		for d := 5; d <= 80; d += 5 {
			delays = append(delays, time.Duration(d)*ms)
		}
	}
	before := base
	for i, kind := range []string{"submissions", "time"} {
		file := files[2+i]
		args := func(db string) []string { return []string{"--db", db, "--quiet", "import", kind, file} }
		t.Run(kind, func(t *testing.T) {
			clean := filepath.Join(dir, kind+"-clean.duckdb")
			copyFile(t, before, clean)
			if r := runGevinst(t, dir, args(clean)...); r.code != 0 {
				t.Fatalf("clean import: exit %d: %s", r.code, r.stderr)
			}
			// The import kept the figures itself: they include its batch.
			if kept, last := keptUpTo(t, clean); kept != last {
				t.Fatalf("after the import the kept figures include batch %d, the last is %d: the kill would not land in their update", kept, last)
			}
			wantBefore, wantAfter := state(before), state(clean)
			if wantBefore == wantAfter {
				t.Fatal("the month changed nothing")
			}
			landed := map[string]int{}
			for j, delay := range delays {
				db := filepath.Join(dir, fmt.Sprintf("%s-kill-%02d.duckdb", kind, j))
				copyFile(t, before, db)
				sawWAL := killAfterWAL(t, dir, db, delay, args(db)...)
				switch got := state(db); got {
				case wantBefore:
					landed["before"]++
				case wantAfter:
					landed["after"]++
				default:
					t.Fatalf("killed %v after the WAL appeared (seen: %v): a reader shows neither the state before the file nor after it:\n got    %s\n before %s\n after  %s",
						delay, sawWAL, got, wantBefore, wantAfter)
				}
				if r := runGevinst(t, dir, args(db)...); r.code != 0 {
					t.Fatalf("re-run after the kill at %v: exit %d: %s", delay, r.code, r.stderr)
				}
				if got := state(db); got != wantAfter {
					t.Fatalf("after the kill at %v and a re-run:\n got  %s\n want %s", delay, got, wantAfter)
				}
			}
			t.Logf("%d kills: %v", len(delays), landed)
		})
		before = filepath.Join(dir, kind+"-clean.duckdb")
	}
}

// keptUpTo reads the highest batch the kept figures include and the
// highest batch loaded.
func keptUpTo(t *testing.T, path string) (kept, last int64) {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT (SELECT coalesce(max(upto_batch), -1) FROM figures_state),
		(SELECT max(batch_id) FROM batches)`).Scan(&kept, &last); err != nil {
		t.Fatal(err)
	}
	return kept, last
}
