package queries

import (
	"github.com/gevinst/gevinst/queries/model"
	"github.com/gevinst/gevinst/queries/tdist"
)

// ConfidenceLevel is the two-sided level of every interval gevinst
// reports (SPEC §5: 95 %).
const ConfidenceLevel = 0.95

// SmallN is the sample size below which an interval is flagged as resting
// on few observations (SPEC §5: a flag when n < 30).
const SmallN = 30

// TQuantile returns the p-quantile of Student's t distribution with df
// degrees of freedom (df ≥ 1, 0 < p < 1), e.g. TQuantile(0.975, 9) =
// 2.262; NaN for arguments outside the domain. It is tdist.Quantile.
func TQuantile(p float64, df float64) float64 { return tdist.Quantile(p, df) }

// tHalfWidth is the half-width of the 95 % t-interval of a mean whose
// standard error is se, from n observations: t(0.975, n−1) × se. It is
// null when se is null or n < 2 (one observation has no spread).
func tHalfWidth(se model.Null, n int64) model.Null {
	if !se.Valid || n < 2 {
		return model.Null{}
	}
	return model.Some(TQuantile(1-(1-ConfidenceLevel)/2, float64(n-1)) * se.Float64)
}

// interval returns [centre − scale×h, centre + scale×h], or two nulls
// when the centre or the half-width is null.
func interval(centre, h model.Null, scale float64) (lo, hi model.Null) {
	if !centre.Valid || !h.Valid {
		return model.Null{}, model.Null{}
	}
	return model.Some(centre.Float64 - scale*h.Float64), model.Some(centre.Float64 + scale*h.Float64)
}
