package reports

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// summary draws the one-page view for the chief executive: KPI tiles for
// the last 12 months with the whole range beneath, a small per-service table and two trend charts.
func (b *book) summary() {
	sh := b.L("sheet.summary")
	b.heading(sh, b.L("app.title"))
	b.widths(sh, 30, 14, 14, 14, 14, 14, 14, 14, 14, 14)

	// One sentence of verdict, then the KPI tiles: the last 12 months
	// first, the whole range second.
	b.str(sh, 1, 3, b.verdict(), b.verdictStyle())
	b.merge(sh, 1, 3, summaryCols, 3)
	b.rowHeight(sh, 3, 2)
	top := 4
	if len(b.in.ExampleParts) > 0 {
		// Figures built on the example's made-up values say so first.
		b.str(sh, 1, top, b.Lf("summary.example", strings.Join(b.in.ExampleParts, ", ")), b.exampleStyle())
		b.merge(sh, 1, top, summaryCols, top)
		b.rowHeight(sh, top, 2)
		top++
	}
	last := b.drawTiles(sh, top)
	wf, wt, n := b.window12()
	b.str(sh, 1, last+1, b.L("summary.note"), b.st.subtitle)
	// The evidence level of the savings figures (issue 17): the baseline
	// design's level 2 unless stronger designs reach higher for every
	// organisation and service (docs/method.md).
	b.str(sh, 1, last+2, b.evidenceText(), b.st.note)
	b.merge(sh, 1, last+2, summaryCols, last+2)

	// Per-service table.
	r := last + 3
	b.str(sh, 1, r, b.L("summary.services")+" – "+strings.ToLower(b.Lf("tile.rowLast", n, wf, wt)), b.st.section)
	r++
	b.headers(sh, 1, r, []string{b.L("col.service"), b.L("col.submissions"), b.L("col.digital"), b.L("col.target"), b.L("col.hours"), b.L("col.rag"), b.L("col.weakest")})
	b.merge(sh, 7, r, summaryCols, r)
	b.rowHeight(sh, r, 2)
	rag := b.serviceRAG()
	weakest := b.weakestEntry()
	// The service table shows the same 12 months as the tiles (rows
	// outside them go to the unused key "").
	mixes := b.mixBy(func(m model.MixRow) string { return b.key12(m.Period, m.Service) })
	bens := b.benefitsBy(func(x model.BenefitRow) string { return b.key12(x.Period, x.Service) })
	for _, svc := range b.services() {
		r++
		m := mixes[svc]
		if m == nil {
			m = &mix{}
		}
		// SPEC §8, the rule of every sheet: the service's submissions over
		// the window, and the employees behind its minutes (a lower bound
		// over organisations, leastEmployees).
		emp := b.leastEmployees(b.windowPeriod(), func(s string) bool { return s == svc })
		hidden := b.isSmall(m.Submissions, emp)
		b.str(sh, 1, r, b.serviceName(svc), 0)
		b.hideNum(sh, 2, r, float64(m.Submissions), b.st.integer, hidden && m.Submissions > 0)
		b.ratio(sh, 3, r, m.digital(b.in.Baseline), b.st.share, hidden)
		b.ratio(sh, 4, r, m.target(b.in.Target), b.st.share, hidden)
		var h model.Null
		if s := bens[svc]; s != nil {
			h = s.Hours.Null
		}
		b.ratio(sh, 5, r, h, b.st.integer, hidden)
		if hidden {
			b.suppress(sh, cell(2, r)+":"+cell(5, r), b.Lf("what.service", b.serviceName(svc)), b.whySmall(m.Submissions, emp))
		}
		if st, ok := rag[svc]; ok {
			b.ragText(sh, 6, r, st)
			if w := weakest[svc]; w.RAG != "green" {
				b.str(sh, 7, r, w.Org+": "+b.indicatorName(w.Indicator), 0)
				b.merge(sh, 7, r, summaryCols, r)
			}
		} else {
			b.str(sh, 6, r, b.L("rag.none"), b.st.subtitle)
		}
	}

	// Charts, side by side, drawn from the visible monthly table below them.
	chartRow := r + 2
	dataRow := chartRow + 19
	// The printed summary is one page: the tiles, the service table and
	// the charts; the data behind the charts stays below, off the page.
	b.printArea(sh, 1, 1, summaryCols, dataRow-1)
	months := b.months()
	b.str(sh, 1, dataRow, b.L("summary.figdata"), b.st.section)
	hr := dataRow + 1
	// Savings as a line: rolling 12 months once the range holds 12
	// months, cumulative from the start of the range before that.
	rolling := len(months) >= 12
	lineHeader, lineTitle := b.L("col.cumulative"), b.L("chart.cumulative")
	if rolling {
		lineHeader, lineTitle = b.L("col.rolling12"), b.L("chart.rolling")
	}
	b.headers(sh, 1, hr, []string{b.L("col.month"), b.L("col.digital"), b.L("col.target"), b.L("col.hours"), lineHeader})
	byMonth := b.mixBy(func(m model.MixRow) string { return m.Period })
	benMonth := b.benefitsBy(func(x model.BenefitRow) string { return x.Period })
	hiddenHours := make([]bool, len(months))
	for i, p := range months {
		row := hr + 1 + i
		b.str(sh, 1, row, p, 0)
		m := byMonth[p]
		if m == nil {
			m = &mix{}
		}
		// SPEC §8 as on Channels: a month with a small channel count or a
		// small total shows no shares (they would give the count away), a
		// month of few submissions or employees no hours. The chart draws
		// the marker as a gap; the rolling line sums every month.
		anySmall := b.isSmall(m.Submissions, 0)
		for _, n := range m.ByChannel {
			anySmall = anySmall || b.isSmall(n, 0)
		}
		b.ratio(sh, 2, row, m.digital(b.in.Baseline), b.st.share, anySmall)
		b.ratio(sh, 3, row, m.target(b.in.Target), b.st.share, anySmall)
		if anySmall && m.Submissions > 0 {
			why := b.L("why.derived")
			if b.isSmall(m.Submissions, 0) {
				why = b.whySmall(m.Submissions, 0)
			}
			b.suppress(sh, cell(2, row)+":"+cell(3, row), b.Lf("what.monthTotal", p), why)
		}
		var h model.Null
		if s := benMonth[p]; s != nil {
			h = s.Hours.Null
		}
		emp := b.leastEmployees(p, func(string) bool { return true })
		hideH := b.isSmall(m.Submissions, emp) && h.Valid
		b.ratio(sh, 4, row, h, b.st.integer, hideH)
		if hideH {
			hiddenHours[i] = true
			b.suppress(sh, cell(4, row), b.Lf("what.monthHours", p), b.whySmall(m.Submissions, emp))
		}
		// A line value over a hidden month would give it away by
		// difference: hidden too.
		line := savingsLine(months, i, benMonth, rolling)
		hideLine := false
		for j := lineFrom(i, rolling); j <= i && line.Valid; j++ {
			hideLine = hideLine || hiddenHours[j]
		}
		b.ratio(sh, 5, row, line, b.st.integer, hideLine)
		if hideLine {
			b.suppress(sh, cell(5, row), b.Lf("what.monthLine", p), b.L("why.difference"))
		}
	}
	if n := len(months); n > 0 {
		first, last := hr+1, hr+n
		cats := ref(sh, 1, first, 1, last)
		b.chart(sh, 1, chartRow, chartSpec{
			typ: excelize.Line, title: b.L("chart.mix"), xTitle: b.L("axis.month"), xSkip: monthSkip(len(b.months())), yTitle: b.L("axis.share"), yFmt: "0%",
			series: []excelize.ChartSeries{
				lineSeries(ref(sh, 2, hr, 2, hr), cats, ref(sh, 2, first, 2, last), palette[0]),
				lineSeries(ref(sh, 3, hr, 3, hr), cats, ref(sh, 3, first, 3, last), palette[2]),
			},
			width: 510, height: 330,
		})
		b.chart(sh, 5, chartRow, chartSpec{
			typ: excelize.Line, title: lineTitle, xTitle: b.L("axis.month"), xSkip: monthSkip(len(b.months())), yTitle: b.L("axis.hours"), yFmt: "#,##0",
			series: []excelize.ChartSeries{lineSeries(ref(sh, 5, hr, 5, hr), cats, ref(sh, 5, first, 5, last), palette[0])},
			width:  540, height: 330,
		})
	}
	b.page(sh)
}

// key12 is key for a period in the run-rate window, "" otherwise.
func (b *book) key12(period, key string) string {
	if !b.in12(period) {
		return ""
	}
	return key
}

// savingsLine is the value of the Summary's savings line at month i: the
// hours saved over the 12 months ending with it (null before the range
// holds 12 months), or, when not rolling, the hours saved from the start
// of the range. Months with no computable saving count nothing.
func savingsLine(months []string, i int, ben map[string]*benefitSum, rolling bool) model.Null {
	if rolling && i < 11 {
		return model.Null{}
	}
	from := lineFrom(i, rolling)
	var s sumNull
	for _, p := range months[from : i+1] {
		if x := ben[p]; x != nil {
			s.add(x.Hours.Null)
		}
	}
	return s.Null
}

// lineFrom is the first month index the savings line at month i sums.
func lineFrom(i int, rolling bool) int {
	if rolling {
		return max(i-11, 0)
	}
	return 0
}

// verdictStyle is the Summary's verdict: bold, wrapped across the page.
func (b *book) verdictStyle() int {
	return b.cachedStyle("verdict", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F3864"},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}
	})
}

// exampleStyle is the Summary's warning that the assumptions are the
// example's: bold dark red, wrapped across the page.
func (b *book) exampleStyle() int {
	return b.cachedStyle("example", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Bold: true, Size: 11, Color: "C00000"},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}
	})
}

// summaryCols is the width of the printed Summary: one column per tile.
const summaryCols = 10

// netBenefit is the net benefit to date over all organisations: the sum
// of each organisation's all-services appraisal row (value saved minus the
// costs of the change paid and accrued), null when none is computable.
func (b *book) netBenefit() model.Null {
	return b.changeSum(func(x model.ChangeRow) model.Null { return x.NetBenefitToDate })
}

// suppress records a suppressed group of cells for the data quality sheet.
func (b *book) suppress(sheet, cells, what, why string) {
	b.suppressed = append(b.suppressed, suppression{Sheet: sheet, Cells: cells, What: what, Why: why})
}
