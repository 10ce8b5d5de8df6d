// Package evaluate estimates the effect of a channel change with three
// designs beside each other (SPEC §11): the baseline before-and-after
// design of SPEC §5, an interrupted time series (segmented regression with
// Newey–West errors) and a difference-in-differences against
// not-yet-treated organisations (moving-block bootstrap), each with a
// placebo and an evidence level. It is plain Go on the typed rows of
// package queries and does not link DuckDB.
package evaluate

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/gevinst/gevinst/queries/model"
	"github.com/gevinst/gevinst/queries/tdist"
)

// The designs, in the order their rows are written.
const (
	DesignBaseline = "baseline"
	DesignITS      = "its"
	DesignDiD      = "did"
)

// Designs lists every design in row order.
var Designs = []string{DesignBaseline, DesignITS, DesignDiD}

// MinMonths is the least number of months each side of a change (or of a
// placebo's fake change) that ITS and DiD need (SPEC §11).
const MinMonths = 12

// PlaceboLead is how many months before the real change the placebo's
// fake change lies.
const PlaceboLead = 12

// Month is a calendar month counted as year × 12 + month − 1, so that
// months subtract.
type Month int

// MonthOf returns the Month of t.
func MonthOf(t time.Time) Month { return Month(t.Year()*12 + int(t.Month()) - 1) }

// ParseMonth parses "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a month (expected YYYY-MM)", s)
	}
	return MonthOf(t), nil
}

// String formats the month as YYYY-MM.
func (m Month) String() string {
	return fmt.Sprintf("%04d-%02d", int(m)/12, int(m)%12+1)
}

// Point is one month of an (org, service): staff minutes and submissions
// over all channels, and the target channel's submissions.
type Point struct {
	Month       Month
	Minutes     float64
	Submissions float64
	Target      float64
}

// ratio is the month's minutes per submission; ok is false without
// submissions.
func (p Point) ratio() (float64, bool) {
	if p.Submissions <= 0 {
		return 0, false
	}
	return p.Minutes / p.Submissions, true
}

// Key names an (org, service).
type Key struct{ Org, Service string }

// Series is the monthly series of one (org, service), months ascending.
type Series struct {
	Key
	Points []Point
}

// SeriesFromMetrics sums monthly metrics rows (grain org, service,
// channel, month) over channels into one Series per (org, service),
// sorted by org and service. target is the target channel.
func SeriesFromMetrics(rows []model.MetricRow, target string) ([]Series, error) {
	idx := map[Key]map[Month]*Point{}
	var keys []Key
	for _, r := range rows {
		m, err := ParseMonth(r.Period)
		if err != nil {
			return nil, fmt.Errorf("metrics row %s/%s/%s: period %w", r.Org, r.Service, r.Channel, err)
		}
		k := Key{r.Org, r.Service}
		if idx[k] == nil {
			idx[k] = map[Month]*Point{}
			keys = append(keys, k)
		}
		p := idx[k][m]
		if p == nil {
			p = &Point{Month: m}
			idx[k][m] = p
		}
		p.Minutes += r.StaffMinutes
		p.Submissions += float64(r.Submissions)
		if r.Channel == target {
			p.Target += float64(r.Submissions)
		}
	}
	slices.SortFunc(keys, func(a, b Key) int {
		return strings.Compare(a.Org+"\x00"+a.Service, b.Org+"\x00"+b.Service)
	})
	out := make([]Series, 0, len(keys))
	for _, k := range keys {
		s := Series{Key: k}
		for _, p := range idx[k] {
			s.Points = append(s.Points, *p)
		}
		slices.SortFunc(s.Points, func(a, b Point) int { return int(a.Month - b.Month) })
		out = append(out, s)
	}
	return out, nil
}

// Baseline is the SPEC §5 baseline B of an (org, service), in minutes per
// submission, with its 95 % interval and where it came from.
type Baseline struct {
	B, Low, High model.Null
	Basis        string
}

// Options are the settings of Evaluate.
type Options struct {
	// Designs are the designs to write rows for (default: all).
	Designs []string
	// Org, if set, limits the rows to one organisation; the others still
	// serve as comparisons.
	Org string
	// From and To bound the months every design uses (zero: unbounded);
	// change months are detected over all months.
	From, To Month
	// MinCell is privacy.min_cell: the change month, where not configured,
	// is the first month the target channel has at least this many
	// submissions.
	MinCell int
	// Lag is the Newey–West lag (default 3 is the caller's).
	Lag int
	// Changes are the configured change months (go-live of the target
	// channel); they win over detection.
	Changes map[Key]Month
	// Baselines are the SPEC §5 baselines, for the baseline design.
	Baselines map[Key]Baseline
}

// ChangeMonth returns the change month of s: configured, else the first
// month whose target-channel submissions reach minCell. ok is false for
// an organisation that never changed.
func ChangeMonth(s Series, changes map[Key]Month, minCell int) (m Month, configured, ok bool) {
	if m, ok := changes[s.Key]; ok {
		return m, true, true
	}
	for _, p := range s.Points {
		if p.Target >= float64(minCell) {
			return p.Month, false, true
		}
	}
	return 0, false, false
}

// Evaluate returns one row per (org, service, design) of the series (SPEC
// §11), sorted by org, service and design order.
func Evaluate(series []Series, o Options) []model.EvaluationRow {
	designs := o.Designs
	if len(designs) == 0 {
		designs = Designs
	}
	type unit struct {
		s       Series
		window  []Point
		change  Month
		changed bool
		note    string
	}
	units := make([]unit, len(series))
	for i, s := range series {
		c, _, ok := ChangeMonth(s, o.Changes, o.MinCell)
		u := unit{s: s, change: c, changed: ok}
		for _, p := range s.Points {
			if (o.From == 0 || p.Month >= o.From) && (o.To == 0 || p.Month <= o.To) {
				u.window = append(u.window, p)
			}
		}
		if !ok {
			u.note = fmt.Sprintf("no change month: the target channel never had %d (privacy.min_cell) submissions in a month and changes: names no go-live", o.MinCell)
		}
		units[i] = u
	}
	var out []model.EvaluationRow
	for i, u := range units {
		if o.Org != "" && u.s.Org != o.Org {
			continue
		}
		for _, d := range Designs {
			if !slices.Contains(designs, d) {
				continue
			}
			r := model.EvaluationRow{Org: u.s.Org, Service: u.s.Service, Design: d, EvidenceLevel: 2}
			if !u.changed {
				r.Note = u.note
				out = append(out, r)
				continue
			}
			r.ChangeMonth = u.change.String()
			switch d {
			case DesignBaseline:
				baselineRow(&r, u.window, u.change, o.Baselines[u.s.Key])
			case DesignITS:
				itsRow(&r, u.window, u.change, o.Lag)
			case DesignDiD:
				var comps []comparison
				for j, v := range units {
					if j == i || v.s.Service != u.s.Service || (v.changed && v.change <= u.change) {
						continue
					}
					comps = append(comps, newComparison(v.s.Org, v.window, v.change, v.changed))
				}
				didRow(&r, u.window, comps, u.change, o.Lag)
			}
			out = append(out, r)
		}
	}
	return out
}

// baselineRow fills the baseline design: effect = Σ minutes ÷ Σ
// submissions over the post months − B; minutes saved = Σ post months
// (B × submissions − minutes), as the sum of `benefits` over those months.
func baselineRow(r *model.EvaluationRow, window []Point, c Month, b Baseline) {
	var minutes, subs float64
	for _, p := range window {
		if p.Month < c {
			r.PreMonths++
			continue
		}
		r.PostMonths++
		minutes += p.Minutes
		subs += p.Submissions
	}
	r.Note = "before-and-after design (level 2): it credits the change with any trend already under way"
	switch {
	case !b.B.Valid:
		basis := b.Basis
		if basis == "" {
			basis = "no data in the range"
		}
		r.Note = "baseline not computable (" + basis + "); " + r.Note
		return
	case subs == 0:
		r.Note = "no submissions from the change month on in the range; " + r.Note
		return
	}
	r.Effect = model.Some(minutes/subs - b.B.Float64)
	r.MinutesSaved = model.Some(b.B.Float64*subs - minutes)
	if b.Low.Valid && b.High.Valid {
		r.EffectCILow, r.EffectCIHigh = model.Some(minutes/subs-b.High.Float64), model.Some(minutes/subs-b.Low.Float64)
		r.MinutesSavedCILow, r.MinutesSavedCIHigh = model.Some(b.Low.Float64*subs-minutes), model.Some(b.High.Float64*subs-minutes)
	}
}

// itsResult is a segmented regression around a change month.
type itsResult struct {
	fit         Fit
	npre, npost int
	// saved is Σ post months (pre-trend prediction − actual) × submissions,
	// savedHalf the half-width of its 95 % interval.
	saved, savedHalf float64
}

// its fits y_t = b0 + b1 (t−c) + b2 post_t + b3 (t−c) post_t by OLS on the
// months with submissions (SPEC §11); b2 is the step at the change month.
func its(window []Point, c Month, lag int) (itsResult, string) {
	var x [][]float64
	var y []float64
	var res itsResult
	g := make([]float64, 4)
	var actual float64
	for _, p := range window {
		v, ok := p.ratio()
		if !ok {
			continue
		}
		dt := float64(p.Month - c)
		post := 0.0
		if p.Month >= c {
			post = 1
			res.npost++
			g[0] += p.Submissions
			g[1] += dt * p.Submissions
			actual += p.Minutes
		} else {
			res.npre++
		}
		x = append(x, []float64{1, dt, post, dt * post})
		y = append(y, v)
	}
	if res.npre < MinMonths || res.npost < MinMonths {
		return res, fmt.Sprintf("needs %d months with submissions before and %d from the change month %s on; has %d and %d",
			MinMonths, MinMonths, c, res.npre, res.npost)
	}
	fit, err := OLSNeweyWest(x, y, lag)
	if err != nil {
		return res, "regression failed: " + err.Error()
	}
	res.fit = fit
	// Minutes saved is linear in (b0, b1): Σ (b0 + b1 (t−c)) S_t − Σ M_t,
	// so its variance is g'Vg.
	res.saved = fit.Coef[0]*g[0] + fit.Coef[1]*g[1] - actual
	res.savedHalf = tdist.Quantile(0.975, float64(fit.DF)) * math.Sqrt(quadForm(g, fit.Cov))
	return res, ""
}

// before returns the points of window before month c.
func before(window []Point, c Month) []Point {
	var out []Point
	for _, p := range window {
		if p.Month < c {
			out = append(out, p)
		}
	}
	return out
}

func itsRow(r *model.EvaluationRow, window []Point, c Month, lag int) {
	res, note := its(window, c, lag)
	r.PreMonths, r.PostMonths = int64(res.npre), int64(res.npost)
	if note != "" {
		r.Note = note
		return
	}
	lo, hi := res.fit.CI(2)
	r.Effect, r.EffectCILow, r.EffectCIHigh = model.Some(res.fit.Coef[2]), model.Some(lo), model.Some(hi)
	r.MinutesSaved = model.Some(res.saved)
	r.MinutesSavedCILow, r.MinutesSavedCIHigh = model.Some(res.saved-res.savedHalf), model.Some(res.saved+res.savedHalf)
	fake := c - PlaceboLead
	pl, note := its(before(window, c), fake, lag)
	if note != "" {
		r.Note = "placebo at " + fake.String() + " not computable: " + note
		return
	}
	plo, phi := pl.fit.CI(2)
	r.Placebo, r.PlaceboCILow, r.PlaceboCIHigh = model.Some(pl.fit.Coef[2]), model.Some(plo), model.Some(phi)
	if plo > 0 || phi < 0 {
		r.Note = fmt.Sprintf("placebo at %s: its interval [%.2f, %.2f] excludes 0, so the series moves without the change", fake, plo, phi)
		return
	}
	r.EvidenceLevel = 3
	r.Note = "no comparison group (level 4 needs did); Newey–West intervals run narrow on few months"
}
