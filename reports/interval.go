package reports

import (
	"math"

	"github.com/gevinst/gevinst/queries/model"
)

// ciSum sums a saved figure (hours or money) with its 95 % interval over
// benefit rows. Within one (org, service) every month's interval comes
// from the same baseline B, so the bounds add; across (org, service)
// the baselines are independent estimates, so the half-widths add in
// quadrature: √Σ h². The interval is null when a present figure lacks its
// interval (B from fewer than 2 timed submissions).
type ciSum struct {
	by     map[[2]string]*[3]float64 // centre, low, high
	broken bool
}

func (s *ciSum) add(org, svc string, v, lo, hi model.Null) {
	if !v.Valid {
		return
	}
	if !lo.Valid || !hi.Valid {
		s.broken = true
		return
	}
	if s.by == nil {
		s.by = map[[2]string]*[3]float64{}
	}
	k := [2]string{org, svc}
	if s.by[k] == nil {
		s.by[k] = &[3]float64{}
	}
	s.by[k][0] += v.Float64
	s.by[k][1] += lo.Float64
	s.by[k][2] += hi.Float64
}

// bounds returns the interval of the sum.
func (s ciSum) bounds() (lo, hi model.Null) {
	if s.broken || len(s.by) == 0 {
		return model.Null{}, model.Null{}
	}
	var centre, h2 float64
	for _, x := range s.by {
		centre += x[0]
		h := (x[2] - x[1]) / 2
		h2 += h * h
	}
	h := math.Sqrt(h2)
	return model.Some(centre - h), model.Some(centre + h)
}

// savedCI returns the 95 % intervals of hours and money saved over the
// benefit rows whose period passes in.
func (b *book) savedCI(in func(period string) bool) (hours, value [2]model.Null) {
	var h, v ciSum
	for _, r := range b.in.Benefits {
		if !in(r.Period) {
			continue
		}
		h.add(r.Org, r.Service, r.HoursSaved, div60(r.MinutesSavedCILow), div60(r.MinutesSavedCIHigh))
		v.add(r.Org, r.Service, r.ValueSaved, r.ValueSavedCILow, r.ValueSavedCIHigh)
	}
	hours[0], hours[1] = h.bounds()
	value[0], value[1] = v.bounds()
	return hours, value
}
