package reports

import (
	"github.com/xuri/excelize/v2"
	"strconv"
)

// itposmoDims are the label keys of Heeks's seven ITPOSMO dimensions, in
// the order of model.RiskRow.Scores.
var itposmoDims = []string{"dim.information", "dim.technology", "dim.processes", "dim.objectives",
	"dim.staffing", "dim.management", "dim.time"}

// risk draws the ITPOSMO design–reality gap assessments (SPEC §7 sheet 7),
// only when configured: the seven scores, total, band and change from the
// previous assessment of the same scope, the rating bands, and a chart of
// the totals over time.
func (b *book) risk() {
	if !b.hasRisk() {
		return
	}
	sh := b.L("sheet.risk")
	b.heading(sh, b.L("risk.title"))
	b.str(sh, 1, 3, b.L("risk.note"), b.st.subtitle)
	w := []float64{12, 20}
	for range itposmoDims {
		w = append(w, 12)
	}
	b.widths(sh, append(w, 10, 18, 12, 20, 40)...)
	const hr = 5
	head := []string{b.L("col.date"), b.L("col.scope")}
	for _, d := range itposmoDims {
		head = append(head, b.L(d))
	}
	head = append(head, b.L("col.totalScore"), b.L("col.band"), b.L("col.change"), b.L("col.assessor"), b.L("col.note"))
	b.headers(sh, 1, hr, head)
	b.rowHeight(sh, hr, 3)
	r := hr
	for _, x := range b.in.Risk {
		r++
		b.date(sh, 1, r, x.Date)
		b.str(sh, 2, r, x.Scope, b.st.indent)
		for i, s := range x.Scores {
			b.int(sh, 3+i, r, s, b.st.integer)
		}
		c := 3 + len(x.Scores)
		b.int(sh, c, r, x.Total, b.st.label)
		b.str(sh, c+1, r, b.bandName(x.Band), b.st.rag[bandRAG(x.Total)])
		if x.ChangeFromPrevious.Valid {
			b.int(sh, c+2, r, x.ChangeFromPrevious.Int64, b.st.integer)
		}
		b.str(sh, c+3, r, x.Assessor, b.st.indent)
		b.str(sh, c+4, r, x.Note, b.st.wrap)
	}
	last := r
	ncol := len(head)
	b.table(sh, "tblRisk", 1, hr, ncol, last)
	b.freeze(sh, hr)

	// The bands.
	r += 2
	b.str(sh, 1, r, b.L("risk.bands"), b.st.section)
	r++
	b.headers(sh, 1, r, []string{b.L("col.totalScore"), b.L("col.band")})
	lo := 0
	for _, band := range b.in.Assumptions.Bands {
		r++
		b.str(sh, 1, r, strconv.Itoa(lo)+"–"+strconv.Itoa(band.Max), 0)
		b.str(sh, 2, r, b.bandName(band.Label), b.st.rag[bandRAG(int64(band.Max))])
		lo = band.Max + 1
	}

	// Totals over time: dates down, one column per scope, so each scope
	// is one series of the chart.
	r += 2
	b.str(sh, 1, r, b.L("risk.chartData"), b.st.section)
	r++
	dh := r
	var scopes []string
	seen := map[string]bool{}
	totals := map[[2]string]int64{}
	dset := map[string]bool{}
	for _, x := range b.in.Risk {
		if !seen[x.Scope] {
			seen[x.Scope] = true
			scopes = append(scopes, x.Scope)
		}
		dset[x.Date] = true
		totals[[2]string{x.Date, x.Scope}] = x.Total
	}
	dates := sortedKeys(dset)
	b.headers(sh, 1, dh, append([]string{b.L("col.date")}, scopes...))
	for i, d := range dates {
		b.str(sh, 1, dh+1+i, d, 0) // text: the chart's categories
		for j, sc := range scopes {
			if v, ok := totals[[2]string{d, sc}]; ok {
				b.int(sh, 2+j, dh+1+i, v, b.st.integer)
			}
		}
	}
	dl := dh + len(dates)
	var ser []excelize.ChartSeries
	for j := range scopes {
		s := series(ref(sh, 2+j, dh, 2+j, dh), ref(sh, 1, dh+1, 1, dl), ref(sh, 2+j, dh+1, 2+j, dl))
		s.Fill = fill(j)
		ser = append(ser, s)
	}
	b.chart(sh, 3+len(scopes)+1, dh, chartSpec{typ: excelize.Col, title: b.L("chart.risk"), xTitle: b.L("axis.assessment"),
		yTitle: b.L("axis.gap"), yFmt: "0", series: ser, width: 620, height: 300})
	b.page(sh)
}

// bandRAG colours an ITPOSMO total by Heeks's default bands: up to 28
// (may succeed) green, up to 42 (may fail) amber, above red.
func bandRAG(total int64) string {
	switch {
	case total <= 28:
		return "green"
	case total <= 42:
		return "amber"
	}
	return "red"
}

// bandName translates the default band labels; configured ones are shown
// as given.
func (b *book) bandName(label string) string {
	key := "band." + label
	if _, ok := labels[key]; ok {
		return b.L(key)
	}
	return label
}
