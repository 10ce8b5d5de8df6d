package queries

import (
	"context"
	"database/sql"
	"math"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// TestTQuantileTable checks TQuantile against the printed two-sided 95 %
// (p = 0.975) and 99 % (p = 0.995) critical values of Student's t (e.g.
// NIST/SEMATECH e-Handbook, table 1.3.6.7.2), given to three decimals.
func TestTQuantileTable(t *testing.T) {
	cases := []struct {
		p, df, want float64
	}{
		{0.975, 1, 12.706}, {0.975, 2, 4.303}, {0.975, 3, 3.182}, {0.975, 4, 2.776},
		{0.975, 5, 2.571}, {0.975, 9, 2.262}, {0.975, 10, 2.228}, {0.975, 20, 2.086},
		{0.975, 29, 2.045}, {0.975, 30, 2.042}, {0.975, 60, 2.000}, {0.975, 100, 1.984},
		{0.975, 1e7, 1.960}, // the normal limit
		{0.995, 1, 63.657}, {0.995, 10, 3.169}, {0.95, 10, 1.812}, {0.9, 5, 1.476},
		{0.025, 10, -2.228}, {0.5, 7, 0},
	}
	for _, c := range cases {
		got := TQuantile(c.p, c.df)
		if math.Abs(got-c.want) > 0.0005 {
			t.Errorf("TQuantile(%v, %v) = %.5f, want %.3f", c.p, c.df, got, c.want)
		}
	}
	// df = 1 is the Cauchy distribution: the quantile is tan(π(p − ½)) exactly.
	if got, want := TQuantile(0.975, 1), math.Tan(math.Pi*0.475); math.Abs(got-want) > 1e-9 {
		t.Errorf("TQuantile(0.975, 1) = %v, want tan(0.475π) = %v", got, want)
	}
	// df = 2 has the closed form t = (2p − 1)·√(2 / (4p(1 − p))).
	p := 0.975
	if got, want := TQuantile(p, 2), (2*p-1)*math.Sqrt(2/(4*p*(1-p))); math.Abs(got-want) > 1e-9 {
		t.Errorf("TQuantile(0.975, 2) = %v, want %v", got, want)
	}
	for _, bad := range [][2]float64{{0, 5}, {1, 5}, {0.5, 0}, {math.NaN(), 3}} {
		if got := TQuantile(bad[0], bad[1]); !math.IsNaN(got) {
			t.Errorf("TQuantile(%v, %v) = %v, want NaN", bad[0], bad[1], got)
		}
	}
}

// gevinst_se (session.sql) is the standard error of the mean, s/√n with the
// sample standard deviation, checked against Go's two-pass computation;
// NULL below two values, 0 for equal values, and the same bits however
// DuckDB splits the work.
func TestStandardErrorMacro(t *testing.T) {
	d := openTest(t, config.Config{})
	ctx := context.Background()
	se := func(q string) sql.NullFloat64 {
		t.Helper()
		var v sql.NullFloat64
		if err := d.conn.QueryRowContext(ctx, `SELECT gevinst_se(count(x), fsum(x), fsum(x * x)) FROM (`+q+`) t(x)`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	want := func(xs []float64) float64 {
		var m float64
		for _, x := range xs {
			m += x
		}
		m /= float64(len(xs))
		var ss float64
		for _, x := range xs {
			ss += (x - m) * (x - m)
		}
		return math.Sqrt(ss/float64(len(xs)-1)) / math.Sqrt(float64(len(xs)))
	}
	xs := []float64{12, 30, 45.5, 7.25, 60, 1440, 0.5}
	q := "VALUES (12.0), (30.0), (45.5), (7.25), (60.0), (1440.0), (0.5)"
	if got := se(q); !got.Valid || math.Abs(got.Float64-want(xs)) > 1e-12*want(xs) {
		t.Errorf("se %v, want %v", got, want(xs))
	}
	if got := se("VALUES (5.0)"); got.Valid {
		t.Errorf("one value: se %v, want NULL", got)
	}
	if got := se("SELECT 20.0 / 3 FROM range(1000)"); !got.Valid || got.Float64 != 0 {
		t.Errorf("equal values: se %v, want 0", got)
	}
	// Millions of values from a table, summed in parallel: the same result
	// to within 1e-14 relative, run to run (stddev_samp moved by about that
	// much; the printed six decimals need far less).
	if _, err := d.conn.ExecContext(ctx, `CREATE TEMP TABLE se_values AS
		SELECT (hash(i) % 14400) / 10.0 + 1 / 3 AS x FROM range(3000000) r(i)`); err != nil {
		t.Fatal(err)
	}
	first := se("SELECT x FROM se_values")
	for range 3 {
		if again := se("SELECT x FROM se_values"); !again.Valid || math.Abs(again.Float64-first.Float64) > 1e-14*first.Float64 {
			t.Fatalf("se %v then %v: not reproducible", first, again)
		}
	}
}
