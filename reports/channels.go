package reports

import (
	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// channels draws the month × channel table (all organisations and services
// combined), a stacked column chart of volume per channel and a line chart
// of digital and target-channel share.
func (b *book) channels() {
	sh := b.L("sheet.channels")
	b.heading(sh, b.L("channels.title"))
	chans := b.channelList()
	months := b.months()

	const hr = 4
	head := []string{b.L("col.month")}
	for _, c := range chans {
		head = append(head, b.channelName(c))
	}
	head = append(head, b.L("col.total"), b.L("col.digital"), b.L("col.target"))
	b.headers(sh, 1, hr, head)
	w := []float64{11}
	for range chans {
		w = append(w, 14)
	}
	b.widths(sh, append(w, 13, 13, 15)...)
	if b.err == nil {
		b.try(b.f.SetRowHeight(sh, hr, 32))
	}

	byMonth := b.mixBy(func(m model.MixRow) string { return m.Period })
	totalCol := len(chans) + 2
	for i, p := range months {
		r := hr + 1 + i
		m := byMonth[p]
		if m == nil {
			m = &mix{}
		}
		b.str(sh, 1, r, p, 0)
		// SPEC §8: a count of fewer than min_cell submissions is hidden,
		// and so are the shares of a month with fewer in total. A hidden count would follow from the total less the others, or
		// from the digital share: they go too.
		anySmall := false
		for j, c := range chans {
			if b.count(sh, 2+j, r, m.ByChannel[c], b.st.integer) {
				anySmall = true
				b.suppress(sh, cell(2+j, r), b.Lf("what.channelMonth", p, b.channelName(c)), b.whySmall(m.ByChannel[c], 0))
			}
		}
		if anySmall || b.isSmall(m.Submissions, 0) {
			b.hideNum(sh, totalCol, r, 0, b.st.integer, true)
			b.ratio(sh, totalCol+1, r, m.digital(b.in.Baseline), b.st.share, true)
			b.ratio(sh, totalCol+2, r, m.target(b.in.Target), b.st.share, true)
			why := b.L("why.derived")
			if b.isSmall(m.Submissions, 0) {
				why = b.whySmall(m.Submissions, 0)
			}
			b.suppress(sh, cell(totalCol, r)+":"+cell(totalCol+2, r), b.Lf("what.monthTotal", p), why)
			continue
		}
		b.int(sh, totalCol, r, m.Submissions, b.st.integer)
		b.null(sh, totalCol+1, r, m.digital(b.in.Baseline), b.st.share)
		b.null(sh, totalCol+2, r, m.target(b.in.Target), b.st.share)
	}
	last := hr + len(months)
	b.table(sh, "tblChannels", 1, hr, totalCol+2, last)
	b.freeze(sh, hr)

	if len(months) > 0 {
		cats := ref(sh, 1, hr+1, 1, last)
		var vol []excelize.ChartSeries
		for j := range chans {
			s := series(ref(sh, 2+j, hr, 2+j, hr), cats, ref(sh, 2+j, hr+1, 2+j, last))
			s.Fill = fill(j)
			vol = append(vol, s)
		}
		chartCol := totalCol + 4
		b.chart(sh, chartCol, hr, chartSpec{
			typ: excelize.ColStacked, title: b.L("chart.volume"), xTitle: b.L("axis.month"), xSkip: monthSkip(len(b.months())), yTitle: b.L("axis.subs"), yFmt: "#,##0",
			series: vol, width: 620, height: 330,
		})
		b.chart(sh, chartCol, hr+18, chartSpec{
			typ: excelize.Line, title: b.L("chart.share"), xTitle: b.L("axis.month"), xSkip: monthSkip(len(b.months())), yTitle: b.L("axis.share"), yFmt: "0%",
			series: []excelize.ChartSeries{
				lineSeries(ref(sh, totalCol+1, hr, totalCol+1, hr), cats, ref(sh, totalCol+1, hr+1, totalCol+1, last), palette[0]),
				lineSeries(ref(sh, totalCol+2, hr, totalCol+2, hr), cats, ref(sh, totalCol+2, hr+1, totalCol+2, last), palette[2]),
			},
			width: 620, height: 330,
		})
	}
	b.page(sh)
}
