package reports

import (
	"fmt"
	"sort"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// handlingWidths are the column widths of the handling-time table by
// column name; other columns are 13 wide.
var handlingWidths = map[string]float64{"org": 14, "service": 24, "channel": 18, "staff_minutes": 14, "ci_n": 10, "ci_small_n": 12}

// handling draws the handling-time table (Input.Overall, SPEC §4) and "the
// road to a simpler everyday": per service, minutes per submission by
// activity for each channel as a stacked column chart. The table's
// columns are model.MetricSchema's labelled ones, in schema order.
func (b *book) handling() {
	sh := b.L("sheet.handling")
	cols := model.MetricSchema.Labelled()
	b.heading(sh, b.L("handling.title"))
	b.str(sh, 1, 3, b.Lf("suppress.note", b.minCell(), b.minCell(), b.minCell()), b.st.subtitle)
	widths := make([]float64, len(cols))
	heads := make([]string, len(cols))
	// The small-cell note covers the suppressible figures; the small-n
	// flag is not a figure and stays.
	first, last := 0, 0
	for i, c := range cols {
		widths[i], heads[i] = 13, b.L(c.Label)
		if w, ok := handlingWidths[c.Name]; ok {
			widths[i] = w
		}
		if c.Suppressible && c.Kind != model.Flag {
			if first == 0 {
				first = i + 1
			}
			last = i + 1
		}
	}
	b.widths(sh, widths...)

	hr := 4
	// A service without a measured before is said at the top (issue 19).
	if w := b.noBeforeWarning(); w != "" {
		b.warning(sh, hr, len(cols), w)
		hr++
	}
	b.headers(sh, 1, hr, heads)
	if b.err == nil {
		b.try(b.f.SetRowHeight(sh, hr, 62))
	}
	rows := append([]model.MetricRow(nil), b.in.Overall...)
	rank := b.channelRank()
	sort.SliceStable(rows, func(i, j int) bool {
		x, y := rows[i], rows[j]
		if x.Org != y.Org {
			return x.Org < y.Org
		}
		if sx, sy := b.serviceName(x.Service), b.serviceName(y.Service); sx != sy {
			return sx < sy
		}
		return rank[x.Channel] < rank[y.Channel]
	})
	r := hr
	for _, m := range rows {
		r++
		// SPEC §8: every figure of a cell from fewer than MinCell
		// submissions, or with minutes of fewer than MinCell employees,
		// is hidden (model.Small).
		emp := b.employees(m.Org, m.Service, m.Channel, m.Period)
		hidden := b.isSmall(m.Submissions, emp)
		for i, c := range cols {
			b.handlingCell(sh, i+1, r, c, m, hidden)
		}
		if hidden && first > 0 {
			b.suppress(sh, cell(first, r)+":"+cell(last, r),
				b.Lf("what.handling", m.Org, b.serviceName(m.Service), b.channelName(m.Channel)),
				b.whySmall(m.Submissions, emp))
		}
	}
	b.table(sh, "tblHandling", 1, hr, len(cols), r)
	b.freeze(sh, hr)
	if r == hr {
		r++ // the table's empty row
	}
	b.road(sh, r+3)
	b.page(sh)
}

// handlingCell writes column c of metrics row m at (col, r) by the
// column's kind and unit; hidden figures show the small-cell mark.
func (b *book) handlingCell(sh string, col, r int, c model.Column[model.MetricRow], m model.MetricRow, hidden bool) {
	// §5: a cell with no submissions has no interval: its n and the
	// small-n flag stay empty.
	if (c.Name == "ci_n" || c.Kind == model.Flag) && m.Submissions == 0 {
		return
	}
	switch v := c.Get(m).(type) {
	case string:
		switch c.Name {
		case "service":
			v = b.serviceName(v)
		case "channel":
			v = b.channelName(v)
		}
		b.str(sh, col, r, v, 0)
	case bool:
		if v {
			b.str(sh, col, r, b.L("flag.smallN"), b.st.suppressed)
		}
	case int64:
		b.hideNum(sh, col, r, float64(v), b.unitStyle(c), hidden)
	case float64:
		b.hideNum(sh, col, r, v, b.unitStyle(c), hidden)
	case model.Null:
		b.ratio(sh, col, r, v, b.unitStyle(c), hidden)
	default:
		if b.err == nil {
			b.err = fmt.Errorf("%w: handling column %s: no cell for %T", ErrReport, c.Name, v)
		}
	}
}

// unitStyle is the number style of a column's unit.
func (b *book) unitStyle(c model.Column[model.MetricRow]) int {
	switch c.Unit {
	case model.UnitMinutes:
		return b.st.minutes
	case model.UnitShare:
		return b.st.share
	case model.UnitDays:
		return b.st.days
	case model.UnitCount:
		return b.st.integer
	case model.UnitMoney:
		return b.st.money
	}
	if b.err == nil {
		b.err = fmt.Errorf("%w: column %s: no number style for unit %q", ErrReport, c.Name, c.Unit)
	}
	return 0
}

func anyValid(vs ...model.Null) bool {
	for _, v := range vs {
		if v.Valid {
			return true
		}
	}
	return false
}

// channelRank maps channel codes to their display position.
func (b *book) channelRank() map[string]int {
	rank := map[string]int{}
	for i, c := range b.channelList() {
		rank[c] = i
	}
	return rank
}

// activityColor keeps an activity's colour the same in every chart, with
// re-keying in red so its disappearance is visible.
var activityColor = map[string]string{
	"reception": "4472C4", "scanning": "70AD47", "rekeying": "C00000",
	"casework": "FFC000", "followup": "ED7D31", "archiving": "7F7F7F", "reply": "5B9BD5", "": "BFBFBF",
}

// road draws "the road to a simpler everyday" from row r: for each service
// a table of minutes per submission (activity × channel) and a stacked
// column chart that reads it. Minutes are summed over organisations and
// roles, divided by the channel's submissions summed over organisations.
func (b *book) road(sh string, r int) {
	// The road starts on a new page, two services per page, so no chart
	// is cut by a page break.
	b.pageBreak(sh, r)
	b.str(sh, 1, r, b.L("road.title"), b.st.title)
	b.str(sh, 1, r+1, b.L("road.subtitle"), b.st.subtitle)
	r += 3
	chans := b.channelList()

	type key struct{ svc, ch string }
	subs := map[key]int64{}
	for _, m := range b.in.Overall {
		subs[key{m.Service, m.Channel}] += m.Submissions
	}
	type akey struct{ svc, ch, act string }
	type orgKey struct {
		akey
		org string
	}
	minutes := map[akey]float64{}
	// Distinct employees are not additive: within an organisation the
	// largest count over roles is a lower bound; organisations have
	// different employees, so their bounds add up.
	empOrg := map[orgKey]int64{}
	acts := map[string]map[string]bool{}
	for _, a := range b.in.Activities {
		k := akey{a.Service, a.Channel, a.Activity}
		minutes[k] += a.StaffMinutes
		ok := orgKey{k, a.Org}
		empOrg[ok] = max(empOrg[ok], a.Employees)
		if acts[a.Service] == nil {
			acts[a.Service] = map[string]bool{}
		}
		acts[a.Service][a.Activity] = true
	}
	emp := map[akey]int64{}
	for k, n := range empOrg {
		emp[k.akey] += n
	}

	if len(b.in.Activities) == 0 {
		b.str(sh, 1, r, b.L("road.none"), 0)
		return
	}
	drawn := 0
	for _, svc := range b.services() {
		if len(acts[svc]) == 0 {
			continue
		}
		if drawn > 0 && drawn%2 == 0 {
			b.pageBreak(sh, r)
		}
		drawn++
		name := b.serviceName(svc)
		b.str(sh, 1, r, name, b.st.section)
		hr := r + 1
		head := []string{b.L("col.activity")}
		for _, c := range chans {
			head = append(head, b.channelName(c))
		}
		b.headers(sh, 1, hr, head)
		if b.err == nil {
			b.try(b.f.SetRowHeight(sh, hr, 32))
		}
		codes := activityOrder(sortedKeys(acts[svc]))
		var ser []excelize.ChartSeries
		for i, act := range codes {
			row := hr + 1 + i
			b.str(sh, 1, row, b.activityName(act), b.st.label)
			for j, ch := range chans {
				c := 2 + j
				n := subs[key{svc, ch}]
				if n == 0 {
					b.setStyle(sh, c, row, b.st.minutes)
					continue
				}
				k := akey{svc, ch, act}
				v := minutes[k] / float64(n)
				// SPEC §8: fewer than MinCell submissions, or minutes from
				// fewer than MinCell employees, are hidden; the chart then
				// reads text, which it draws as no segment.
				var e int64
				if minutes[k] > 0 {
					e = emp[k]
				}
				if b.isSmall(n, e) {
					b.str(sh, c, row, b.small(), b.st.suppressed)
					b.suppress(sh, cell(c, row), b.Lf("what.road", name, b.channelName(ch), b.activityName(act)), b.whySmall(n, e))
					continue
				}
				b.num(sh, c, row, v, b.st.minutes)
			}
			s := series(ref(sh, 1, row, 1, row), ref(sh, 2, hr, 1+len(chans), hr), ref(sh, 2, row, 1+len(chans), row))
			color, ok := activityColor[act]
			if !ok {
				color = palette[(i+4)%len(palette)]
			}
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
			ser = append(ser, s)
		}
		b.chart(sh, len(chans)+3, r, chartSpec{
			typ: excelize.ColStacked, title: b.Lf("road.chart", name),
			xTitle: b.L("axis.channel"), yTitle: b.L("axis.minutes"), yFmt: "#,##0",
			series: ser, width: 560, height: 340,
		})
		r += max(len(codes)+3, 19)
	}
}
