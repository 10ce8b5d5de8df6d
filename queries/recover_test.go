package queries

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// openFile opens (creating) a database file with the default config and
// the tests' pseudonym key, and fails the test on error.
func openFile(t *testing.T, path string) *DB {
	t.Helper()
	cfg := config.Default()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	d, err := Open(context.Background(), path, &cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.SetPseudonymKey(context.Background(), testKey); err != nil {
		t.Fatal(err)
	}
	return d
}

// tableSums is every row of the four batch tables as text, batch ids
// included, sorted: two equal tableSums are the same content.
func tableSums(t *testing.T, d *DB) string {
	t.Helper()
	var s string
	err := d.conn.QueryRowContext(context.Background(), `SELECT string_agg(r, chr(10) ORDER BY r) FROM (
		SELECT 's ' || s::VARCHAR AS r FROM submissions s
		UNION ALL SELECT 't ' || t::VARCHAR FROM time_registrations t
		UNION ALL SELECT 'v ' || v::VARCHAR FROM volumes v
		UNION ALL SELECT 'r ' || r::VARCHAR FROM rejects r
		UNION ALL SELECT 'b ' || batch_id || ' ' || file_name || ' ' || rows_loaded || ' ' || rows_replaced FROM batches)`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRecoverInterrupted puts the state a kill inside DuckDB's commit
// leaves (issue 18) into a database: rows of every batch table tagged
// with a batch id no batches row has, the id the sequence hands out next
// (the kill lost the sequence's step too). Reopening removes exactly
// those rows, says what it removed once, and leaves the committed rows
// as they were; the re-run of the import then books its replaced rows
// exactly, under the same batch id.
func TestRecoverInterrupted(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.duckdb")
	d := openFile(t, path)
	if got := d.Recovered(); got.Rows() != 0 || got.BatchIDs != nil {
		t.Fatalf("a new database: recovered %+v", got)
	}
	subs := writeFile(t, "s.csv", `submission_id,org,service,channel,received_at,case_id
a1,k1,s,paper,2024-01-10 10:00:00,A1
a2,k1,s,paper,2024-01-11 10:00:00,A2
a3,k1,s,integrated,2024-01-12 10:00:00,A3
`)
	importTest(t, d, KindSubmissions, subs)
	importTest(t, d, KindTime, writeFile(t, "t.csv", `registration_id,org,employee,role,work_date,minutes,case_id
r1,k1,e1,clerk,2024-01-10,60,A1
r2,k1,e2,clerk,2024-01-11,30,A2
`))
	if _, err := d.conn.ExecContext(ctx, `INSERT INTO volumes VALUES ('k1', 's', 'paper', DATE '2024-01-01', 40, 2)`); err != nil {
		t.Fatal(err)
	}
	committed := tableSums(t, d)

	// What the WAL replay re-attached: the killed import's rows, among
	// them new values for keys a1 and r1 (their replacement, whose
	// deletes were lost), a new key and a reject.
	const orphan = 3
	for _, q := range []string{
		`INSERT INTO submissions VALUES ('k1', 'a1', 's', 'eform', TIMESTAMP '2024-01-10 10:00:00', true, NULL, 'A1', 3),
			('k1', 'a9', 's', 'eform', TIMESTAMP '2024-02-01 09:00:00', true, NULL, NULL, 3)`,
		`INSERT INTO time_registrations VALUES ('k1', 'r1', 'x', 'clerk', DATE '2024-01-10', 45, 'A1', NULL, NULL, NULL, 3)`,
		`INSERT INTO volumes VALUES ('k1', 's', 'paper', DATE '2024-01-01', 41, 3)`,
		`INSERT INTO rejects VALUES (3, 4, 'received_at', '31.13.2008', 'not a date', 'not a date')`,
	} {
		if _, err := d.conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	d = openFile(t, path)
	want := Recovery{BatchIDs: []int64{orphan}, Submissions: 2, TimeRegistrations: 1, Volumes: 1, Rejects: 1}
	got := d.Recovered()
	if !slices.Equal(got.BatchIDs, want.BatchIDs) || got.Submissions != want.Submissions ||
		got.TimeRegistrations != want.TimeRegistrations || got.Volumes != want.Volumes ||
		got.Rejects != want.Rejects || got.Rows() != 5 {
		t.Errorf("recovered %+v, want %+v (5 rows)", got, want)
	}
	if after := tableSums(t, d); after != committed {
		t.Errorf("after the recovery the tables hold\n%s\nwant the committed rows\n%s", after, committed)
	}
	d.Close()

	// Said once: the next open finds nothing, and writes nothing.
	d = openFile(t, path)
	defer d.Close()
	if got := d.Recovered(); got.Rows() != 0 {
		t.Errorf("second open: recovered %+v again", got)
	}
	if _, err := os.Stat(path + ".wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an open with nothing to recover wrote a WAL (stat: %v)", err)
	}

	// The re-run takes the orphans' batch id and replaces the two
	// committed rows of its keys, nothing else.
	rerun := writeFile(t, "s2.csv", `submission_id,org,service,channel,received_at,case_id
a1,k1,s,eform,2024-01-10 10:00:00,A1
a2,k1,s,eform,2024-01-11 10:00:00,A2
a9,k1,s,eform,2024-02-01 09:00:00,
`)
	res := importTest(t, d, KindSubmissions, rerun)
	if res.BatchID != orphan || res.RowsLoaded != 3 || res.RowsReplaced != 2 {
		t.Errorf("re-run: batch %d, %d loaded, %d replaced; want batch %d, 3 loaded, 2 replaced",
			res.BatchID, res.RowsLoaded, res.RowsReplaced, orphan)
	}
	var n int64
	if err := d.conn.QueryRowContext(ctx, `SELECT count(*) FROM submissions`).Scan(&n); err != nil || n != 4 {
		t.Errorf("%d submissions after the re-run (%v), want 4", n, err)
	}
}

// TestRecoverCoversEveryTable: every table with a batch_id column but
// batches is counted and cleaned by the recovery's SQL, so a table added
// later cannot keep a killed import's rows.
func TestRecoverCoversEveryTable(t *testing.T) {
	d := openTest(t, config.Config{})
	tables := tablesWithColumn(t, d, "batch_id", "batches")
	if len(tables) < 4 {
		t.Fatalf("tables with batch_id: %v", tables)
	}
	for _, f := range []sqlFile{"recover_count.sql", "recover_delete.sql"} {
		text := mustSQL(f)
		for _, tbl := range tables {
			if !strings.Contains(text, "FROM "+tbl+" WHERE batch_id > getvariable('recover_after')") {
				t.Errorf("%s does not cover table %s", f, tbl)
			}
		}
	}
}
