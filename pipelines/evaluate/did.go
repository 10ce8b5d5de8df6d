package evaluate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gevinst/gevinst/queries/model"
)

// comparison is an organisation that changed the same service later than
// the treated one, or never.
type comparison struct {
	org string
	// change is its own change month; never is true when it has none.
	change Month
	never  bool
	y      map[Month]float64
}

func newComparison(org string, window []Point, change Month, changed bool) comparison {
	c := comparison{org: org, change: change, never: !changed, y: map[Month]float64{}}
	for _, p := range window {
		if v, ok := p.ratio(); ok {
			c.y[p.Month] = v
		}
	}
	return c
}

// untreated reports whether the comparison is still before its own
// change in month t.
func (c comparison) untreated(t Month) bool { return c.never || t < c.change }

// didPanel is the data of one difference-in-differences: the treated
// organisation's pre and post months (each with at least one comparison
// observed) and the comparisons.
type didPanel struct {
	pre, post []Point
	yi        map[Month]float64
	comps     []comparison
}

// newDiDPanel keeps the treated months before c, and from c up to (not
// including) end when end > c, that have submissions and a comparison
// not yet changed; comparisons without a pre month are dropped.
func newDiDPanel(window []Point, comps []comparison, c, end Month) didPanel {
	d := didPanel{yi: map[Month]float64{}}
	var pre []Point
	for _, p := range window {
		if v, ok := p.ratio(); ok && (end <= c || p.Month < end) {
			d.yi[p.Month] = v
			if p.Month < c {
				pre = append(pre, p)
			}
		}
	}
	for _, cm := range comps {
		for _, p := range pre {
			if _, ok := cm.y[p.Month]; ok {
				d.comps = append(d.comps, cm)
				break
			}
		}
	}
	observed := func(t Month) bool {
		for _, cm := range d.comps {
			if _, ok := cm.y[t]; ok && cm.untreated(t) {
				return true
			}
		}
		return false
	}
	for _, p := range window {
		if _, ok := d.yi[p.Month]; !ok || !observed(p.Month) {
			continue
		}
		if p.Month < c {
			d.pre = append(d.pre, p)
		} else {
			d.post = append(d.post, p)
		}
	}
	return d
}

// estimate returns the DiD effect and minutes saved from the pre months
// pre[i] for i in preSel and the post months post[i] for i in postSel
// (SPEC §11): d(t) = (y_i(t) − ȳ_i) − mean over comparisons untreated at t
// of (y_j(t) − ȳ_j), means over the selected pre months; effect = mean d;
// minutes saved = −Σ d(t) × submissions.
func (d didPanel) estimate(preSel, postSel []int) (effect, saved float64, ok bool) {
	mi := 0.0
	for _, k := range preSel {
		mi += d.yi[d.pre[k].Month]
	}
	mi /= float64(len(preSel))
	mj := make([]float64, len(d.comps))
	nj := make([]int, len(d.comps))
	for j, cm := range d.comps {
		for _, k := range preSel {
			if v, ok := cm.y[d.pre[k].Month]; ok {
				mj[j] += v
				nj[j]++
			}
		}
		if nj[j] > 0 {
			mj[j] /= float64(nj[j])
		}
	}
	var sum float64
	var n int
	for _, k := range postSel {
		p := d.post[k]
		dt, ok := d.gap(p.Month, mi, mj, nj)
		if !ok {
			continue
		}
		sum += dt
		saved -= dt * p.Submissions
		n++
	}
	if n == 0 {
		return 0, 0, false
	}
	return sum / float64(n), saved, true
}

// gap is d(t) given the pre means.
func (d didPanel) gap(t Month, mi float64, mj []float64, nj []int) (float64, bool) {
	var cs float64
	var cn int
	for j, cm := range d.comps {
		if v, ok := cm.y[t]; ok && nj[j] > 0 && cm.untreated(t) {
			cs += v - mj[j]
			cn++
		}
	}
	if cn == 0 {
		return 0, false
	}
	return d.yi[t] - mi - cs/float64(cn), true
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// didResult is a DiD estimate with its bootstrap intervals.
type didResult struct {
	effect, lo, hi, saved, savedLo, savedHi float64
	// slope is the trend of d over the pre months, with its interval.
	slope, slopeLo, slopeHi float64
	npre, npost             int
	comps                   []string
}

// did estimates the effect of the change at c, on months before end
// (when end > c), with a moving-block bootstrap over months: pre and
// post months are resampled separately, each in blocks of BlockLength.
func did(window []Point, comps []comparison, c, end Month, lag int) (didResult, string) {
	var res didResult
	if len(comps) == 0 {
		return res, "no comparison: no other organisation changed this service later or never"
	}
	d := newDiDPanel(window, comps, c, end)
	res.npre, res.npost = len(d.pre), len(d.post)
	for _, cm := range d.comps {
		res.comps = append(res.comps, cm.org)
	}
	slices.Sort(res.comps)
	if res.npre < MinMonths || res.npost < MinMonths {
		return res, fmt.Sprintf("needs %d months before and %d from the change month %s on with a comparison not yet changed; has %d and %d",
			MinMonths, MinMonths, c, res.npre, res.npost)
	}
	pre, post := seq(res.npre), seq(res.npost)
	var ok bool
	res.effect, res.saved, ok = d.estimate(pre, post)
	if !ok {
		return res, "no post month with a comparison"
	}
	r := newRand()
	effects := make([]float64, 0, Draws)
	saved := make([]float64, 0, Draws)
	for range Draws {
		e, s, ok := d.estimate(blockResample(r, res.npre), blockResample(r, res.npost))
		if ok {
			effects = append(effects, e)
			saved = append(saved, s)
		}
	}
	lo, hi, ok1 := percentile(effects)
	slo, shi, ok2 := percentile(saved)
	if !ok1 || !ok2 {
		return res, "bootstrap failed: too few usable draws"
	}
	res.lo, res.hi, res.savedLo, res.savedHi = lo, hi, slo, shi
	// Parallel trends: OLS of d on months over the pre months.
	mi, mj, nj := d.preMeans()
	var x [][]float64
	var y []float64
	for _, p := range d.pre {
		if g, ok := d.gap(p.Month, mi, mj, nj); ok {
			x = append(x, []float64{1, float64(p.Month - c)})
			y = append(y, g)
		}
	}
	fit, err := OLSNeweyWest(x, y, lag)
	if err != nil {
		return res, "pre-trend regression failed: " + err.Error()
	}
	res.slope = fit.Coef[1]
	res.slopeLo, res.slopeHi = fit.CI(1)
	return res, ""
}

// preMeans are the treated and comparison means over all pre months.
func (d didPanel) preMeans() (float64, []float64, []int) {
	mi := 0.0
	for _, p := range d.pre {
		mi += d.yi[p.Month]
	}
	mi /= float64(len(d.pre))
	mj := make([]float64, len(d.comps))
	nj := make([]int, len(d.comps))
	for j, cm := range d.comps {
		for _, p := range d.pre {
			if v, ok := cm.y[p.Month]; ok {
				mj[j] += v
				nj[j]++
			}
		}
		if nj[j] > 0 {
			mj[j] /= float64(nj[j])
		}
	}
	return mi, mj, nj
}

func didRow(r *model.EvaluationRow, window []Point, comps []comparison, c Month, lag int) {
	res, note := did(window, comps, c, 0, lag)
	r.PreMonths, r.PostMonths = int64(res.npre), int64(res.npost)
	r.Comparison = strings.Join(res.comps, ",")
	if note != "" {
		r.Note = note
		return
	}
	r.Effect, r.EffectCILow, r.EffectCIHigh = model.Some(res.effect), model.Some(res.lo), model.Some(res.hi)
	r.MinutesSaved, r.MinutesSavedCILow, r.MinutesSavedCIHigh = model.Some(res.saved), model.Some(res.savedLo), model.Some(res.savedHi)
	var notes []string
	fake := c - PlaceboLead
	pl, pnote := did(before(window, c), comps, fake, c, lag)
	if pnote != "" {
		notes = append(notes, "placebo at "+fake.String()+" not computable: "+pnote)
	} else {
		r.Placebo, r.PlaceboCILow, r.PlaceboCIHigh = model.Some(pl.effect), model.Some(pl.lo), model.Some(pl.hi)
		if pl.lo > 0 || pl.hi < 0 {
			notes = append(notes, fmt.Sprintf("placebo at %s: its interval [%.2f, %.2f] excludes 0", fake, pl.lo, pl.hi))
		}
	}
	if res.slopeLo > 0 || res.slopeHi < 0 {
		notes = append(notes, fmt.Sprintf("pre-change trends differ: the slope of the gap, %.3f minutes per month, has the interval [%.3f, %.3f], which excludes 0 (level 2)",
			res.slope, res.slopeLo, res.slopeHi))
	} else {
		r.EvidenceLevel = 4
		notes = append(notes, "not randomised (level 4 at most)")
	}
	r.Note = strings.Join(notes, "; ")
}
