package reports

import (
	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// summary draws the one-page view for the chief executive: KPI tiles for
// the last 12 months with the whole range beneath, a small per-service table and two trend charts.
func (b *book) summary() {
	sh := b.L("sheet.summary")
	b.heading(sh, b.L("app.title"))
	b.widths(sh, 26, 15, 15, 15, 15, 15, 15, 15, 15)

	// KPI tiles: the last 12 months first, the whole range second.
	wf, wt, n := b.window12()
	b.str(sh, 1, 3, b.Lf("summary.window", n, wf, wt), b.st.subtitle)
	last := b.drawTiles(sh, 4)
	b.str(sh, 1, last+1, b.L("summary.note"), b.st.subtitle)

	// Per-service table.
	r := last + 3
	b.str(sh, 1, r, b.L("summary.services"), b.st.section)
	r++
	b.headers(sh, 1, r, []string{b.L("col.service"), b.L("col.submissions"), b.L("col.digital"), b.L("col.target"), b.L("col.hours"), b.L("col.rag")})
	b.rowHeight(sh, r, 2)
	rag := b.serviceRAG()
	mixes := b.mixBy(func(m model.MixRow) string { return m.Service })
	bens := b.benefitsBy(func(x model.BenefitRow) string { return x.Service })
	for _, svc := range b.services() {
		r++
		m := mixes[svc]
		if m == nil {
			m = &mix{}
		}
		hidden := b.minCell() > 0 && m.Submissions > 0 && m.Submissions < int64(b.minCell())
		b.str(sh, 1, r, b.serviceName(svc), 0)
		b.int(sh, 2, r, m.Submissions, b.st.integer)
		b.ratio(sh, 3, r, m.digital(b.in.Baseline), b.st.share, hidden)
		b.ratio(sh, 4, r, m.target(b.in.Target), b.st.share, hidden)
		if hidden {
			b.suppress(sh, cell(3, r)+":"+cell(4, r), b.Lf("what.service", b.serviceName(svc)), b.Lf("why.subs", b.minCell(), m.Submissions))
		}
		var h model.Null
		if s := bens[svc]; s != nil {
			h = s.Hours.Null
		}
		b.null(sh, 5, r, h, b.st.integer)
		if st, ok := rag[svc]; ok {
			b.ragText(sh, 6, r, st)
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
	b.headers(sh, 1, hr, []string{b.L("col.month"), b.L("col.digital"), b.L("col.target"), b.L("col.hours")})
	byMonth := b.mixBy(func(m model.MixRow) string { return m.Period })
	benMonth := b.benefitsBy(func(x model.BenefitRow) string { return x.Period })
	for i, p := range months {
		row := hr + 1 + i
		b.str(sh, 1, row, p, 0)
		m := byMonth[p]
		if m == nil {
			m = &mix{}
		}
		b.null(sh, 2, row, m.digital(b.in.Baseline), b.st.share)
		b.null(sh, 3, row, m.target(b.in.Target), b.st.share)
		var h model.Null
		if s := benMonth[p]; s != nil {
			h = s.Hours.Null
		}
		b.null(sh, 4, row, h, b.st.integer)
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
			width: 455, height: 330,
		})
		hours := series(ref(sh, 4, hr, 4, hr), cats, ref(sh, 4, first, 4, last))
		hours.Fill = fill(0)
		b.chart(sh, 4, chartRow, chartSpec{
			typ: excelize.Col, title: b.L("chart.hours"), xTitle: b.L("axis.month"), xSkip: monthSkip(len(b.months())), yTitle: b.L("axis.hours"), yFmt: "#,##0",
			series: []excelize.ChartSeries{hours},
			width:  620, height: 330,
		})
	}
	b.page(sh)
}

// summaryCols is the width of the printed Summary: one column per tile.
const summaryCols = 9

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
