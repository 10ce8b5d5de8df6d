package queries

import (
	"math"
	"testing"
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
