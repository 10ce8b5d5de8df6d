package reports

import (
	"math"
	"sort"
	"strconv"

	"github.com/gevinst/gevinst/queries/model"
)

// servicesSheet draws the benefits register (SPEC §7 sheet 5): per benefit
// the owner, indicator, baseline, target, the straight-line trajectory at
// the as-of date, the actual over the 12 months ending then, the
// achievement and the RAG status with its colour.
func (b *book) servicesSheet() {
	sh := b.L("sheet.services")
	b.heading(sh, b.L("services.title"))
	b.str(sh, 1, 3, b.L("services.note"), b.st.subtitle)
	b.widths(sh, 13, 24, 26, 16, 22, 24, 12, 12, 12, 12, 12, 12, 12, 13, 12, 12, 40)
	const hr = 5
	b.headers(sh, 1, hr, []string{b.L("col.org"), b.L("col.service"), b.L("col.indicator"), b.L("col.class"),
		b.L("col.owner"), b.L("col.dataSource"), b.L("col.baselineValue"), b.L("col.baselineDate"),
		b.L("col.targetValue"), b.L("col.targetDate"), b.L("col.asOf"), b.L("col.actual"),
		b.L("col.trajectory"), b.L("col.achievement"), b.L("col.rag"), b.L("col.measuredB"), b.L("col.note")})
	b.rowHeight(sh, hr, 3)
	measured := b.measuredB()
	subs := b.last12Submissions()
	r := hr
	if len(b.in.Register) == 0 {
		r++
		b.str(sh, 1, r, b.L("services.none"), 0)
	}
	for _, x := range b.in.Register {
		r++
		st := b.indicatorStyle(x.Indicator)
		n := subs[[2]string{x.Org, x.Service}]
		hidden := b.isSmall(n, 0)
		b.str(sh, 1, r, x.Org, 0)
		b.str(sh, 2, r, b.serviceName(x.Service), 0)
		b.str(sh, 3, r, b.indicatorName(x.Indicator), 0)
		b.str(sh, 4, r, b.className(x.Class), 0)
		b.str(sh, 5, r, x.Owner, 0)
		b.str(sh, 6, r, x.DataSource, 0)
		b.num(sh, 7, r, x.BaselineValue, st)
		b.date(sh, 8, r, x.BaselineDate)
		b.num(sh, 9, r, x.TargetValue, st)
		b.date(sh, 10, r, x.TargetDate)
		b.date(sh, 11, r, x.AsOf)
		b.ratio(sh, 12, r, x.Actual, st, hidden)
		b.num(sh, 13, r, x.Trajectory, st)
		b.ratio(sh, 14, r, x.Achievement, b.st.share, hidden)
		b.ragText(sh, 15, r, x.RAG)
		// The register's baseline of minutes per submission is a number
		// someone typed; the savings use the measured B. Say when they
		// differ, so a reader knows which "before" each figure stands on.
		if mb, ok := measured[[2]string{x.Org, x.Service}]; ok && x.Indicator == "minutes_per_submission" {
			b.num(sh, 16, r, mb.B, b.st.minutes)
			if math.Abs(mb.B-x.BaselineValue) >= 0.05 {
				note := b.Lf("services.baselineDiffers", formatOne(x.BaselineValue), formatOne(mb.B), mb.Basis)
				b.str(sh, 17, r, note, b.st.note)
				b.rowHeight(sh, r, lines(note, 48))
			}
		}
		if hidden && x.Actual.Valid {
			b.suppress(sh, cell(12, r)+":"+cell(14, r), b.Lf("what.register", x.Org, b.serviceName(x.Service), b.indicatorName(x.Indicator)), b.whySmall(n, 0))
		}
	}
	b.table(sh, "tblRegister", 1, hr, 17, max(r, hr+1))
	b.freeze(sh, hr)
	b.page(sh)
}

// measured is the baseline B the savings of an (org, service) stand on,
// and where it came from.
type measured struct {
	B     float64
	Basis string
}

// measuredB is B per (org, service) from the benefit rows (B is the same
// in every month of a service).
func (b *book) measuredB() map[[2]string]measured {
	out := map[[2]string]measured{}
	for _, x := range b.in.Benefits {
		k := [2]string{x.Org, x.Service}
		if _, ok := out[k]; !ok && x.BaselineMinutes.Valid {
			out[k] = measured{x.BaselineMinutes.Float64, b.basisText(x.BaselineBasis)}
		}
	}
	return out
}

// formatOne prints v with one decimal, for text.
func formatOne(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// last12Submissions sums the submissions per (org, service) over the 12
// months ending with the reporting range's last month: the window of the
// register's actuals.
func (b *book) last12Submissions() map[[2]string]int64 {
	out := map[[2]string]int64{}
	y, m, ok := parseMonth(b.in.To)
	if !ok {
		return out
	}
	m -= 11
	for m < 1 {
		y, m = y-1, m+12
	}
	from := formatMonth(y, m)
	for _, x := range b.in.Mix {
		if x.Period >= from && x.Period <= b.in.To {
			out[[2]string{x.Org, x.Service}] += x.Submissions
		}
	}
	return out
}

// indicatorStyle is the number format of a register indicator's values.
func (b *book) indicatorStyle(ind string) int {
	switch ind {
	case "digital_share", "target_share":
		return b.st.share
	case "minutes_per_submission":
		return b.st.minutes
	case "fte_saved_12m":
		return b.st.fte
	case "value_saved_12m", "cash_releasing_12m":
		return b.st.money
	}
	return b.st.hours
}

// indicatorName translates a register indicator; others are shown as given.
func (b *book) indicatorName(ind string) string {
	if _, ok := labels["ind."+ind]; ok {
		return b.L("ind." + ind)
	}
	return ind
}

// className translates a benefit class; others are shown as given.
func (b *book) className(c string) string {
	if _, ok := labels["class."+c]; ok {
		return b.L("class." + c)
	}
	return c
}

// ragRank orders statuses from worst to best.
var ragRank = map[string]int{"red": 0, "amber": 1, "green": 2, "no data": 3}

// serviceRAG is the worst RAG status of each service's register entries
// (over organisations), for the summary.
func (b *book) serviceRAG() map[string]string {
	out := map[string]string{}
	for _, x := range b.in.Register {
		cur, ok := out[x.Service]
		if !ok || ragRank[x.RAG] < ragRank[cur] {
			out[x.Service] = x.RAG
		}
	}
	return out
}

// orgList is the organisations of the comparison, sorted.
func (b *book) orgList() []string {
	set := map[string]bool{}
	for _, x := range b.in.Compare {
		set[x.Org] = true
	}
	out := sortedKeys(set)
	sort.Strings(out)
	return out
}

// compareRow finds the comparison row of (org, service).
func (b *book) compareRow(org, svc string) (model.CompareRow, bool) {
	for _, x := range b.in.Compare {
		if x.Org == org && x.Service == svc {
			return x, true
		}
	}
	return model.CompareRow{}, false
}
