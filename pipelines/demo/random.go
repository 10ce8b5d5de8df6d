package demo

import (
	"math"
	"math/rand/v2"
)

// rnd adds the demo's distributions to a seeded generator.
type rnd struct{ *rand.Rand }

// newRnd returns the demo's fixed PCG stream.
func newRnd() rnd { return rnd{rand.New(rand.NewPCG(seedHi, seedLo))} }

// lognormal draws a skewed, positive value with the given mean.
func (r rnd) lognormal(mean, sigma float64) float64 {
	return math.Exp(math.Log(mean) - sigma*sigma/2 + sigma*r.NormFloat64())
}

// poisson draws a count with mean lambda (Knuth; the demo's daily means
// are small, well under 100).
func (r rnd) poisson(lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	limit := math.Exp(-lambda)
	k, p := 0, r.Float64()
	for p > limit {
		k++
		p *= r.Float64()
	}
	return k
}

// chance reports true with probability p.
func (r rnd) chance(p float64) bool { return r.Float64() < p }

// pick returns one element of s.
func pick[T any](r rnd, s []T) T { return s[r.IntN(len(s))] }

// logistic is the S-curve of uptake.
func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
