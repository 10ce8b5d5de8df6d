package evaluate

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/gevinst/gevinst/queries/tdist"
)

// Fit is an ordinary least squares fit with a Newey–West covariance.
type Fit struct {
	// Coef are the coefficients, in the order of the design's columns.
	Coef []float64
	// Cov is the Newey–West covariance of Coef (SPEC §11: Bartlett
	// kernel, no prewhitening, scaled by n/(n−k)).
	Cov [][]float64
	// N is the number of observations, DF = N − k the residual degrees
	// of freedom of the t intervals.
	N, DF int
}

// SE returns the standard error of coefficient i.
func (f Fit) SE(i int) float64 { return math.Sqrt(f.Cov[i][i]) }

// CI returns the 95 % t interval (DF degrees of freedom) of coefficient i.
func (f Fit) CI(i int) (lo, hi float64) {
	h := tdist.Quantile(0.975, float64(f.DF)) * f.SE(i)
	return f.Coef[i] - h, f.Coef[i] + h
}

// errSingular is returned for a design whose columns are collinear.
var errSingular = errors.New("the regressors are collinear")

// OLSNeweyWest regresses y on the rows of x by ordinary least squares and
// returns the coefficients with the Newey–West (HAC) covariance
//
//	V = n/(n−k) · (X'X)⁻¹ S (X'X)⁻¹,
//	S = Σ_t u_t u_t' + Σ_{l=1..lag} (1 − l/(lag+1)) Σ_t (u_t u_{t−l}' + u_{t−l} u_t'),
//
// u_t = x_t e_t, lags counted in observations (SPEC §11). It is what
// statsmodels computes with cov_type="HAC", maxlags=lag, use_correction=True.
func OLSNeweyWest(x [][]float64, y []float64, lag int) (Fit, error) {
	n := len(y)
	if n == 0 || len(x) != n {
		return Fit{}, errors.New("no observations")
	}
	k := len(x[0])
	if n <= k {
		return Fit{}, errors.New("fewer observations than coefficients")
	}
	xtx := make([][]float64, k)
	xty := make([]float64, k)
	for i := range k {
		xtx[i] = make([]float64, k)
	}
	for t := range n {
		for i := range k {
			xty[i] += x[t][i] * y[t]
			for j := range k {
				xtx[i][j] += x[t][i] * x[t][j]
			}
		}
	}
	a, err := invert(xtx)
	if err != nil {
		return Fit{}, err
	}
	coef := mulVec(a, xty)
	u := make([][]float64, n)
	for t := range n {
		e := y[t]
		for i := range k {
			e -= x[t][i] * coef[i]
		}
		u[t] = make([]float64, k)
		for i := range k {
			u[t][i] = x[t][i] * e
		}
	}
	s := make([][]float64, k)
	for i := range k {
		s[i] = make([]float64, k)
	}
	for l := 0; l <= lag && l < n; l++ {
		w := 1 - float64(l)/float64(lag+1)
		for t := l; t < n; t++ {
			for i := range k {
				for j := range k {
					v := u[t][i] * u[t-l][j]
					if l > 0 {
						v += u[t-l][i] * u[t][j]
					}
					s[i][j] += w * v
				}
			}
		}
	}
	cov := mulMat(mulMat(a, s), a)
	scale := float64(n) / float64(n-k)
	for i := range k {
		for j := range k {
			cov[i][j] *= scale
		}
	}
	return Fit{Coef: coef, Cov: cov, N: n, DF: n - k}, nil
}

// quadForm returns g' V g.
func quadForm(g []float64, v [][]float64) float64 {
	var s float64
	for i := range g {
		for j := range g {
			s += g[i] * v[i][j] * g[j]
		}
	}
	return s
}

// invert inverts a square matrix by Gauss–Jordan elimination with
// partial pivoting.
func invert(m [][]float64) ([][]float64, error) {
	k := len(m)
	a := make([][]float64, k)
	var scale float64
	for i := range k {
		a[i] = make([]float64, 2*k)
		copy(a[i], m[i])
		a[i][k+i] = 1
		for _, v := range m[i] {
			scale = max(scale, math.Abs(v))
		}
	}
	for c := range k {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) <= 1e-12*scale {
			return nil, errSingular
		}
		a[c], a[p] = a[p], a[c]
		piv := a[c][c]
		for j := range 2 * k {
			a[c][j] /= piv
		}
		for r := range k {
			if r != c && a[r][c] != 0 {
				f := a[r][c]
				for j := range 2 * k {
					a[r][j] -= f * a[c][j]
				}
			}
		}
	}
	out := make([][]float64, k)
	for i := range k {
		out[i] = a[i][k:]
	}
	return out, nil
}

func mulMat(a, b [][]float64) [][]float64 {
	out := make([][]float64, len(a))
	for i := range a {
		out[i] = make([]float64, len(b[0]))
		for j := range b[0] {
			for l := range b {
				out[i][j] += a[i][l] * b[l][j]
			}
		}
	}
	return out
}

func mulVec(a [][]float64, v []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		for j := range v {
			out[i] += a[i][j] * v[j]
		}
	}
	return out
}

// Bootstrap settings (SPEC §11): moving blocks of 3 months, 999 draws,
// seed 1, percentile interval.
const (
	BlockLength = 3
	Draws       = 999
	Seed        = 1
)

// newRand returns the bootstrap's generator: math/rand/v2's PCG seeded
// (Seed, 0), fresh for each interval so that no estimate depends on
// which was computed before it.
func newRand() *rand.Rand { return rand.New(rand.NewPCG(Seed, 0)) }

// blockResample returns n indexes into a series of length n made of
// moving blocks of BlockLength consecutive indexes, each starting at a
// uniform position in [0, n−BlockLength], the last block cut to length.
func blockResample(r *rand.Rand, n int) []int {
	b := min(BlockLength, n)
	out := make([]int, 0, n)
	for len(out) < n {
		s := r.IntN(n - b + 1)
		for i := s; i < s+b && len(out) < n; i++ {
			out = append(out, i)
		}
	}
	return out
}

// percentile returns the 2.5 % and 97.5 % percentile interval of the
// draws: with B draws sorted, the values at ranks ⌈0.025(B+1)⌉ and
// ⌊0.975(B+1)⌋ (the 25th and 975th of 999). ok is false when fewer than
// 39 draws are finite.
func percentile(draws []float64) (lo, hi float64, ok bool) {
	d := slices.DeleteFunc(slices.Clone(draws), func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) })
	if len(d) < 39 {
		return 0, 0, false
	}
	slices.Sort(d)
	b := float64(len(d) + 1)
	return d[int(math.Ceil(0.025*b))-1], d[int(math.Floor(0.975*b))-1], true
}
