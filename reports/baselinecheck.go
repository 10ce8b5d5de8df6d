package reports

import (
	"sort"
	"strings"

	"github.com/gevinst/gevinst/queries/model"
)

// noBeforeServices lists "org / service" for every service whose B is not
// a measured "before" (no baseline window: the baseline channel over a
// range), in display order.
func (b *book) noBeforeServices() []string {
	seen := map[[2]string]bool{}
	var out []string
	for _, x := range b.in.Benefits {
		k := [2]string{x.Org, x.Service}
		if seen[k] {
			continue
		}
		seen[k] = true
		if noMeasuredBefore(x.BaselineBasis) {
			out = append(out, x.Org+" / "+b.serviceName(x.Service))
		}
	}
	sort.Strings(out)
	return out
}

// noBeforeWarning is the warning of services without a measured before,
// or "" when every service has one.
func (b *book) noBeforeWarning() string {
	list := b.noBeforeServices()
	if len(list) == 0 {
		return ""
	}
	return b.Lf("warn.noBefore", strings.Join(list, ", "))
}

// preDigital is the savings of one (org, service) in the months before
// its first submission on any channel other than the baseline channel:
// both B and the actual minutes then come from the same channel, so the
// "savings" should be near zero; an interval that excludes zero says the
// baseline is not like for like.
type preDigital struct {
	Org, Service, From, To string
	Months                 int
	Submissions            int64
	Employees              int64
	Hours, Low, High       sumNull
	Basis                  string
	// NoDigital: no other channel at all in the reporting range.
	NoDigital bool
}

// preDigitalChecks computes the check for every (org, service) with at
// least one month before its first digital submission.
func (b *book) preDigitalChecks() []preDigital {
	first := map[[2]string]string{}
	for _, m := range b.in.Mix {
		if !b.inRange(m.Period) {
			continue
		}
		k := [2]string{m.Org, m.Service}
		for ch, n := range m.ByChannel {
			if ch != b.in.Baseline && n > 0 {
				if f, ok := first[k]; !ok || m.Period < f {
					first[k] = m.Period
				}
			}
		}
	}
	byKey := map[[2]string]*preDigital{}
	var keys [][2]string
	for _, x := range b.in.Benefits {
		k := [2]string{x.Org, x.Service}
		f, ok := first[k]
		if !b.inRange(x.Period) || (ok && x.Period >= f) {
			continue
		}
		p := byKey[k]
		if p == nil {
			p = &preDigital{Org: x.Org, Service: x.Service, From: x.Period, To: x.Period, Basis: x.BaselineBasis, NoDigital: !ok}
			byKey[k] = p
			keys = append(keys, k)
		}
		p.From, p.To = min(p.From, x.Period), max(p.To, x.Period)
		p.Months++
		p.Submissions += x.Submissions
		p.Employees = max(p.Employees, b.employees(x.Org, x.Service, "", x.Period))
		p.Hours.add(x.HoursSaved)
		if x.MinutesSavedCILow.Valid && x.MinutesSavedCIHigh.Valid {
			p.Low.add(nullHours(x.MinutesSavedCILow.Float64))
			p.High.add(nullHours(x.MinutesSavedCIHigh.Float64))
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return b.serviceName(keys[i][1]) < b.serviceName(keys[j][1])
	})
	out := make([]preDigital, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	return out
}

// nullHours is minutes as hours.
func nullHours(minutes float64) model.Null { return model.Some(minutes / 60) }

// preDigitalSection draws the check on the data quality sheet from row r
// and returns the last row used.
func (b *book) preDigitalSection(sh string, r int) int {
	b.str(sh, 1, r, b.L("quality.preDigital"), b.st.section)
	r++
	b.str(sh, 1, r, b.L("quality.preDigitalNote"), b.st.subtitle)
	r++
	hr := r
	// The verdict sits in the sheet's wide third column, the evidence after.
	b.headers(sh, 1, hr, []string{b.L("col.org"), b.L("col.service"), b.L("col.result"), b.L("col.from"), b.L("col.to"),
		b.L("col.months"), b.L("col.submissions"), b.L("col.hours"), b.L("col.ciLowHours"), b.L("col.ciHighHours")})
	b.rowHeight(sh, hr, 2)
	checks := b.preDigitalChecks()
	if len(checks) == 0 {
		r++
		b.str(sh, 1, r, b.L("none"), 0)
	}
	for _, p := range checks {
		r++
		name := b.serviceName(p.Service)
		b.str(sh, 1, r, p.Org, 0)
		b.str(sh, 2, r, name, 0)
		b.str(sh, 4, r, p.From, 0)
		b.str(sh, 5, r, p.To, 0)
		b.int(sh, 6, r, int64(p.Months), b.st.integer)
		hidden := b.isSmall(p.Submissions, p.Employees)
		b.hideNum(sh, 7, r, float64(p.Submissions), b.st.integer, hidden)
		b.ratio(sh, 8, r, p.Hours.Null, b.st.hours, hidden)
		b.ratio(sh, 9, r, p.Low.Null, b.st.hours, hidden)
		b.ratio(sh, 10, r, p.High.Null, b.st.hours, hidden)
		if hidden {
			b.suppress(sh, cell(7, r)+":"+cell(10, r), b.Lf("what.preDigital", p.Org, name), b.whySmall(p.Submissions, p.Employees))
			continue
		}
		switch {
		case !p.Low.Valid || !p.High.Valid:
			b.str(sh, 3, r, b.L("check.noInterval"), b.st.rag["no data"])
		case p.Low.Float64 <= 0 && p.High.Float64 >= 0:
			b.str(sh, 3, r, b.L("check.zero"), b.st.rag["green"])
		default:
			b.str(sh, 3, r, b.L("check.notZero"), b.st.rag["red"])
		}
	}
	return b.endTable(sh, "tblPreDigital", hr, 10, r)
}

// warning writes text as a visible warning across columns 1..cols of
// row r (merged, wrapped, amber).
func (b *book) warning(sh string, r, cols int, text string) {
	b.str(sh, 1, r, text, b.st.warning)
	if b.err == nil && cols > 1 {
		b.try(b.f.MergeCell(sh, cell(1, r), cell(cols, r)))
	}
	b.rowHeight(sh, r, lines(text, 150))
}
