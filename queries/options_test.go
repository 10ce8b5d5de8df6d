package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/engine"
)

// TestImportRequestExported: ImportRequest is the callers' contract; the
// package's own switches (the tests' staged path, a second load's typing)
// are importOptions, not hidden fields of it.
func TestImportRequestExported(t *testing.T) {
	rt := reflect.TypeFor[ImportRequest]()
	for i := range rt.NumField() {
		if f := rt.Field(i); !f.IsExported() {
			t.Errorf("ImportRequest has the unexported field %s; put it in importOptions", f.Name)
		}
	}
}

// TestRetype: a time file whose first records (the sample) have clean
// employee texts and a later one not: the first load is rolled back
// (nothing committed, the hook not run) and Import loads the file again
// typed as the whole file allows (employee not clean), every row, in the
// one transaction that reaches BeforeCommit.
func TestRetype(t *testing.T) {
	var b strings.Builder
	b.WriteString("employee,role,work_date,minutes\n")
	for i := range 40 {
		emp := fmt.Sprintf("E%d", i)
		if i == 30 {
			emp = " E30 " // not clean: trimmed on the second load
		}
		fmt.Fprintf(&b, "%s,clerk,2024-03-%02d,%d\n", emp, 1+i%28, 10+i)
	}
	path := writeFile(t, "time.csv", b.String())
	req := ImportRequest{Kind: KindTime, Path: path, Name: "time.csv", SHA256: fileSum(t, path),
		MaxRejectShare: 1, Now: fixedNow, Lines: lineMap(t, path)}
	d := openTest(t, config.Config{})
	d.eng.Tune.SampleRows = 10
	var calls []string
	opts := importOptions{BeforeCommit: func(ctx context.Context, tx *sql.Tx, b engine.Batch) error {
		kind, batchID := b.Kind, b.ID
		var employee, role bool
		var rows, batches int64
		if err := tx.QueryRowContext(ctx, `SELECT getvariable('clean_employee'), getvariable('clean_role'),
			(SELECT count(*) FROM time_registrations WHERE batch_id = $1), (SELECT count(*) FROM batches)`, batchID).
			Scan(&employee, &role, &rows, &batches); err != nil {
			return err
		}
		calls = append(calls, fmt.Sprintf("%s batch %d: clean employee %v role %v, %d rows, %d batches", kind, batchID, employee, role, rows, batches))
		return nil
	}}
	res, err := d.importWith(context.Background(), req, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"time batch 1: clean employee false role true, 40 rows, 0 batches"}
	if !slices.Equal(calls, want) {
		t.Errorf("BeforeCommit calls %q, want %q", calls, want)
	}
	if res.RowsLoaded != 40 || res.RowsRejected != 0 || res.BatchID != 1 {
		t.Errorf("batch %d: loaded %d, rejected %d; want batch 1, 40, 0", res.BatchID, res.RowsLoaded, res.RowsRejected)
	}
	if n := dump(t, d, `SELECT count(*) FROM time_registrations WHERE employee = '`+Pseudonym(testKey, "E30")+`'`); strings.TrimSpace(n) != "1" {
		t.Errorf("E30 (written \" E30 \") has %s rows, want 1", n)
	}
}

// TestBeforeCommitError: an error from the hook rolls the whole file
// back: no rows, no batch, and the error is Import's.
func TestBeforeCommitError(t *testing.T) {
	path := writeFile(t, "s.csv", "submission_id,service,channel,received_at\nA1,byggesak,paper,2024-01-02 10:00\n")
	d := openTest(t, config.Config{})
	hookErr := errors.New("figures refresh failed")
	_, err := d.importWith(context.Background(), ImportRequest{Kind: KindSubmissions, Path: path, Name: "s.csv",
		SHA256: fileSum(t, path), MaxRejectShare: 1, Now: fixedNow, Lines: lineMap(t, path)},
		importOptions{BeforeCommit: func(ctx context.Context, tx *sql.Tx, _ engine.Batch) error {
			var n int64
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM submissions`).Scan(&n); err != nil || n != 1 {
				t.Errorf("inside the hook: %d submissions (%v), want the file's 1", n, err)
			}
			return hookErr
		}})
	if !errors.Is(err, hookErr) {
		t.Fatalf("import: %v, want the hook's error", err)
	}
	if got := dump(t, d, `SELECT (SELECT count(*) FROM submissions), (SELECT count(*) FROM batches)`); got != "0 0\n" {
		t.Errorf("after the hook's error: rows and batches %q, want none", got)
	}
}

// TestBeforeCommitOnlyOnCommit: the hook runs once for a file that is
// committed, and not for a dry run or a file already loaded (skipped).
func TestBeforeCommitOnlyOnCommit(t *testing.T) {
	path := writeFile(t, "s.csv", "submission_id,service,channel,received_at\nA1,byggesak,paper,2024-01-02 10:00\n")
	d := openTest(t, config.Config{})
	var kinds []Kind
	opts := importOptions{BeforeCommit: func(_ context.Context, _ *sql.Tx, b engine.Batch) error {
		kind := b.Kind
		kinds = append(kinds, kind)
		return nil
	}}
	for _, dry := range []bool{true, false, false} { // a dry run, the import, the same file again
		res, err := d.importWith(context.Background(), ImportRequest{Kind: KindSubmissions, Path: path, Name: "s.csv",
			SHA256: fileSum(t, path), MaxRejectShare: 1, Now: fixedNow, Lines: lineMap(t, path), DryRun: dry}, opts)
		if err != nil {
			t.Fatal(err)
		}
		if dry && res.RowsLoaded != 1 {
			t.Errorf("dry run: %d rows would load, want 1", res.RowsLoaded)
		}
	}
	if !slices.Equal(kinds, []Kind{KindSubmissions}) {
		t.Errorf("BeforeCommit ran for %v, want once for the committed file", kinds)
	}
}
