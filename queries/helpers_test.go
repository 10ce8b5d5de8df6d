package queries

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

// testKey is the pseudonym key of the tests.
var testKey = []byte("0123456789abcdef0123456789abcdef")

// openTest opens an in-memory database with cfg (defaults applied) and
// fails the test on error.
func openTest(t *testing.T, cfg config.Config) *DB {
	t.Helper()
	return openTestAt(t, "", cfg)
}

// openTestAt is openTest for the database file at path ("" in memory).
func openTestAt(t *testing.T, path string, cfg config.Config) *DB {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	d, err := Open(context.Background(), path, &cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.SetPseudonymKey(context.Background(), testKey); err != nil {
		t.Fatal(err)
	}
	return d
}

// importTest imports one file and fails the test on error.
func importTest(t *testing.T, d *DB, kind Kind, path string) ImportResult {
	t.Helper()
	res, err := d.Import(context.Background(), ImportRequest{
		Kind: kind, Path: path, Name: filepath.Base(path), SHA256: fileSum(t, path),
		MaxRejectShare: 1, Now: fixedNow, Lines: lineMap(t, path),
	})
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return res
}

// lineMap scans a file as the pipeline's first pass does (LineScanner).
func lineMap(t *testing.T, path string) LineMap {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s LineScanner
	s.Add(b)
	return s.Map()
}

// tableOf is the table each kind loads into.
var tableOf = map[Kind]string{KindSubmissions: "submissions", KindTime: "time_registrations", KindVolumes: "volumes"}

// normName is how the engine compares column names: lower case, blanks
// as one underscore.
func normName(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), "_") }

func fixedNow() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) }

func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// writeFile writes text into a new file in the test's temp dir.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// near compares floats to 1e-9 relative tolerance (the SQL and the hand
// arithmetic may sum in different orders).
func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// wantNull checks an expected value; math.NaN() means "expect null".
func wantNull(t *testing.T, what string, got model.Null, want float64) {
	t.Helper()
	switch {
	case math.IsNaN(want) && got.Valid:
		t.Errorf("%s = %v, want null", what, got.Float64)
	case !math.IsNaN(want) && !got.Valid:
		t.Errorf("%s = null, want %v", what, want)
	case !math.IsNaN(want) && !near(got.Float64, want):
		t.Errorf("%s = %v, want %v", what, got.Float64, want)
	}
}

func month(s string) time.Time {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		panic(err)
	}
	return t
}

// tablesWithColumn lists the database's tables (not the temp ones) that
// have a column called column, but except, in name order.
func tablesWithColumn(t *testing.T, d *DB, column, except string) []string {
	t.Helper()
	rows, err := d.conn.QueryContext(context.Background(), `SELECT table_name FROM duckdb_columns()
		WHERE column_name = ? AND table_name <> ? AND database_name <> 'temp' ORDER BY 1`, column, except)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	return tables
}
