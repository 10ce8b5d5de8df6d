// Package tdist is Student's t distribution in plain Go: the quantile
// behind every 95 % t-interval of gevinst (the savings' intervals in
// queries, the evaluation designs' in pipelines/evaluate). It imports
// nothing of the project, so a package that must not link DuckDB can use it.
package tdist

import "math"

// Quantile returns the p-quantile of Student's t distribution with df
// degrees of freedom (df ≥ 1, 0 < p < 1), e.g. Quantile(0.975, 9) =
// 2.262. It inverts the distribution function, written with the
// regularised incomplete beta function, by bisection to full float64
// precision; it returns NaN for arguments outside the domain.
func Quantile(p float64, df float64) float64 {
	if !(p > 0 && p < 1) || !(df > 0) {
		return math.NaN()
	}
	if p == 0.5 {
		return 0
	}
	if p < 0.5 {
		return -Quantile(1-p, df)
	}
	// P(T ≤ t) for t ≥ 0 is 1 − I_x(df/2, 1/2)/2 with x = df/(df + t²).
	cdf := func(t float64) float64 { return 1 - 0.5*regIncBeta(df/(df+t*t), df/2, 0.5) }
	lo, hi := 0.0, 1.0
	for cdf(hi) < p {
		lo, hi = hi, hi*2
		if hi > 1e300 {
			return math.Inf(1)
		}
	}
	for range 200 {
		mid := (lo + hi) / 2
		if mid == lo || mid == hi {
			break
		}
		if cdf(mid) < p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// regIncBeta is the regularised incomplete beta function I_x(a, b)
// (Numerical Recipes §6.4: the continued fraction, used on the side of x
// where it converges fast).
func regIncBeta(x, a, b float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	front := math.Exp(lab - la - lb + a*math.Log(x) + b*math.Log(1-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(x, a, b) / a
	}
	return 1 - front*betaCF(1-x, b, a)/b
}

// betaCF evaluates the continued fraction of the incomplete beta function
// by the modified Lentz method.
func betaCF(x, a, b float64) float64 {
	const tiny = 1e-300
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1-qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 1000; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-16 {
			break
		}
	}
	return h
}
