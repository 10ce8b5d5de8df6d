package queries

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// importPeriod imports a time file through source src with replace-period
// on, by the fast path or the staged one.
func importPeriod(t *testing.T, d *DB, src, path string, staged bool) ImportResult {
	t.Helper()
	res, err := d.importWith(context.Background(), ImportRequest{
		Kind: KindTime, Path: path, Name: filepath.Base(path), SHA256: fileSum(t, path),
		Source: src, ReplacePeriod: true, MaxRejectShare: 1, Now: fixedNow, Lines: lineMap(t, path),
	}, importOptions{Staged: staged})
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return res
}

// minutesByOrg is the stored minutes per org, "org=minutes" sorted by org.
func minutesByOrg(t *testing.T, d *DB) string {
	t.Helper()
	var s string
	if err := d.conn.QueryRowContext(context.Background(),
		`SELECT string_agg(org || '=' || m, ' ' ORDER BY org) FROM (SELECT org, sum(minutes)::BIGINT AS m FROM time_registrations GROUP BY org)`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// A source that delivers one file per organisation: the second org's file
// must not delete the first org's rows of the same days, and a later file
// of an org replaces only that org's rows in the file's date range.
func TestReplacePeriodKeepsOtherOrgs(t *testing.T) {
	for _, staged := range []bool{false, true} {
		d := openTest(t, config.Config{})
		head := "org,employee,role,work_date,minutes\n"
		importPeriod(t, d, "tk", writeFile(t, "a1.csv", head+
			"a,e1,clerk,2024-01-02,10\n"+
			"a,e1,clerk,2024-01-03,20\n"+
			"a,e1,clerk,2024-01-09,40\n"), staged)
		res := importPeriod(t, d, "tk", writeFile(t, "b1.csv", head+
			"b,e2,clerk,2024-01-02,100\n"+
			"b,e2,clerk,2024-01-05,200\n"), staged)
		if res.RowsReplaced != 0 {
			t.Errorf("staged %v: org b's file replaced %d rows of org a", staged, res.RowsReplaced)
		}
		if got, want := minutesByOrg(t, d), "a=70 b=300"; got != want {
			t.Errorf("staged %v: after the second org's file: %s, want %s", staged, got, want)
		}
		// a's corrected export of 2–3 January: a's rows of those days go,
		// a's 9 January and b's rows stay.
		res = importPeriod(t, d, "tk", writeFile(t, "a2.csv", head+
			"a,e1,clerk,2024-01-02,15\n"+
			"a,e1,clerk,2024-01-03,25\n"), staged)
		if res.RowsReplaced != 2 {
			t.Errorf("staged %v: a's second file replaced %d rows, want 2", staged, res.RowsReplaced)
		}
		if got, want := minutesByOrg(t, d), "a=80 b=300"; got != want {
			t.Errorf("staged %v: after a's second file: %s, want %s", staged, got, want)
		}
	}
}

// The date range is the file's, applied to every org the file holds: an
// org whose rows in a shared export start later loses its earlier rows of
// the export's period too (decisions.md, "replace-period per org").
func TestReplacePeriodRangeIsTheFiles(t *testing.T) {
	d := openTest(t, config.Config{})
	head := "org,employee,role,work_date,minutes\n"
	importPeriod(t, d, "tk", writeFile(t, "w1.csv", head+
		"a,e1,clerk,2024-01-02,10\n"+
		"b,e2,clerk,2024-01-02,100\n"+
		"c,e3,clerk,2024-01-02,1000\n"), false)
	// The corrected export of 2–5 January: b's 2 January registration was
	// withdrawn; c is not in it.
	res := importPeriod(t, d, "tk", writeFile(t, "w2.csv", head+
		"a,e1,clerk,2024-01-02,11\n"+
		"b,e2,clerk,2024-01-05,5\n"), false)
	if res.RowsReplaced != 2 {
		t.Errorf("replaced %d rows, want 2 (a's and b's of 2 January)", res.RowsReplaced)
	}
	if got, want := minutesByOrg(t, d), "a=11 b=5 c=1000"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
