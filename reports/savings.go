package reports

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// savings draws the finance view (SPEC §7 sheet 4): the appraisal of the
// costs of the change (net benefit, payback, NPV), the savings per
// organisation and service over the range with B and its confidence
// interval, and the monthly detail (counterfactual, actual, saved hours,
// FTE and money, cash-releasing vs capacity freed, potential). The totals
// are SUM/SUBTOTAL formulas over the numbers written above them, so a
// finance officer can check them in the workbook.
func (b *book) savings() {
	sh := b.L("sheet.savings")
	b.heading(sh, b.L("savings.title"))
	b.str(sh, 1, 3, b.Lf("savings.note", b.minCell()), b.st.subtitle)
	b.widths(sh, 12, 28, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 34)
	b.freeze(sh, 2)
	r := b.appraisal(sh, 5)
	r = b.savingsByService(sh, r+3)
	r = b.savingsByYear(sh, r+3)
	r = b.channelCosts(sh, r+3)
	b.savingsMonthly(sh, r+3)
	b.page(sh)
}

// appraisal draws the Change rows from row r, two appraisals side by side
// (economic: all value; cash: cash-releasing only), and returns the last
// row. The first table holds the services and each organisation's
// organisation-wide costs, so a column sum counts every cost once; the
// organisations' totals follow in a table of their own.
func (b *book) appraisal(sh string, r int) int {
	b.str(sh, 1, r, b.L("savings.appraisalTwo"), b.st.section)
	r++
	rate, horizon := b.in.Assumptions.DiscountRate, int64(b.in.Assumptions.HorizonYears)
	if len(b.in.Change) > 0 {
		rate, horizon = b.in.Change[0].DiscountRate, b.in.Change[0].HorizonYears
	}
	b.str(sh, 1, r, b.Lf("savings.appraisalBoth", horizon, b.percent(rate)), b.st.subtitle)
	r++
	var parts, totals []model.ChangeRow
	for _, x := range b.in.Change {
		if x.Service == "*" {
			totals = append(totals, x)
		} else {
			parts = append(parts, x)
		}
	}
	r = b.appraisalTable(sh, r, "tblAppraisal", parts)
	if len(totals) > 0 {
		r += 2
		b.str(sh, 1, r, b.L("savings.appraisalTotals"), b.st.section)
		r++
		r = b.appraisalTable(sh, r, "tblAppraisalTotal", totals)
	}
	return r
}

// appraisalTable draws rows as an appraisal table whose group header is
// row r, and returns its last row.
func (b *book) appraisalTable(sh string, r int, name string, rows []model.ChangeRow) int {
	cur := b.in.Currency
	b.str(sh, 5, r, b.L("savings.economic"), b.groupStyle("E2EFDA"))
	b.str(sh, 11, r, b.L("savings.cash"), b.groupStyle("FCE4D6"))
	b.merge(sh, 5, r, 10, r)
	b.merge(sh, 11, r, 16, r)
	hr := r + 1
	b.headers(sh, 1, hr, []string{b.L("col.org"), b.L("col.service"),
		b.Lf("col.oneOff", cur), b.Lf("col.running", cur),
		b.Lf("col.valueToDate", cur), b.Lf("col.runRate", cur), b.Lf("col.netAnnual", cur),
		b.Lf("col.netToDate", cur), b.L("col.payback"), b.Lf("col.npv", cur),
		b.Lf("col.cashToDate", cur), b.Lf("col.cashRunRate", cur), b.Lf("col.cashNetAnnual", cur),
		b.Lf("col.cashNetToDate", cur), b.L("col.cashPayback"), b.Lf("col.cashNpv", cur)})
	b.rowHeight(sh, hr, 4)
	r = hr
	if len(rows) == 0 {
		r++
		b.str(sh, 1, r, b.L("savings.noChange"), 0)
	}
	for _, x := range rows {
		r++
		b.str(sh, 1, r, x.Org, 0)
		svc, st := b.serviceName(x.Service), 0
		switch x.Service {
		case "*":
			svc, st = b.L("all.servicesCosts"), b.st.label
		case "":
			svc = b.L("org.wideCosts")
		}
		b.str(sh, 2, r, svc, st)
		b.num(sh, 3, r, x.OneOffCost, b.money())
		b.num(sh, 4, r, x.RunningCostPerYear, b.money())
		b.null(sh, 5, r, x.ValueSavedToDate, b.money())
		b.null(sh, 6, r, x.BenefitRunRate, b.money())
		b.null(sh, 7, r, x.NetAnnualBenefit, b.money())
		b.null(sh, 8, r, x.NetBenefitToDate, b.money())
		b.month(sh, 9, r, x.PaybackMonth)
		b.null(sh, 10, r, x.NPV, b.money())
		b.null(sh, 11, r, x.CashSavedToDate, b.money())
		b.null(sh, 12, r, x.CashRunRate, b.money())
		b.null(sh, 13, r, x.CashNetAnnualBenefit, b.money())
		b.null(sh, 14, r, x.CashNetBenefitToDate, b.money())
		b.month(sh, 15, r, x.CashPaybackMonth)
		b.null(sh, 16, r, x.CashNPV, b.money())
	}
	return b.endTable(sh, name, hr, 16, r)
}

// month writes a YYYY-MM month as a date (its first day) formatted
// yyyy-mm; an empty or malformed month leaves the cell empty.
func (b *book) month(sh string, c, r int, m string) {
	st := b.cachedStyle("month", func() *excelize.Style {
		f := "yyyy-mm"
		return &excelize.Style{CustomNumFmt: &f, Alignment: &excelize.Alignment{Horizontal: "right"}}
	})
	y, mo, ok := parseMonth(m)
	if !ok || b.err != nil {
		b.setStyle(sh, c, r, st)
		return
	}
	b.try(b.f.SetCellValue(sh, cell(c, r), time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)))
	b.setStyle(sh, c, r, st)
}

// money is the Savings sheet's money format: whole numbers, the currency
// named in every header, so the wide tables stay legible in print.
func (b *book) money() int {
	return b.cachedStyle("money-plain", func() *excelize.Style {
		f := "#,##0"
		return &excelize.Style{CustomNumFmt: &f}
	})
}

// totMoney is money on a totals row.
func (b *book) totMoney() int {
	return b.cachedStyle("money-plain-total", func() *excelize.Style {
		f := "#,##0"
		return &excelize.Style{CustomNumFmt: &f, Font: &excelize.Font{Bold: true},
			Border: []excelize.Border{{Type: "top", Color: "8EA9C1", Style: 1}}}
	})
}

// groupStyle is a bold, centred group header over several columns with
// background colour fill.
func (b *book) groupStyle(fill string) int {
	return b.cachedStyle("group|"+fill, func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}
	})
}

// percent formats a rate as a percentage with one decimal in the
// workbook's language (4 %, 3,5 %).
func (b *book) percent(rate float64) string {
	s := strconv.FormatFloat(math.Round(rate*1000)/10, 'f', -1, 64)
	if b.lang == "nb" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s + " %"
}

// merge merges the cells (c1,r1):(c2,r2).
func (b *book) merge(sh string, c1, r1, c2, r2 int) {
	if b.err == nil {
		b.try(b.f.MergeCell(sh, cell(c1, r1), cell(c2, r2)))
	}
}

// serviceTotals is the benefit columns of one (org, service) summed over
// the months in range.
type serviceTotals struct {
	org, service string
	savingsSums
	potential sumNull
	// baseline is B with its interval and n, and Bc: one value per (org,
	// service).
	baseline, ciLow, ciHigh, bc model.Null
	ciN                         model.NullInt
	smallN                      bool
	// basis is where B comes from (queries/benefits.sql's sentence).
	basis string
}

// savingsByService draws the (org, service) totals over the range from
// row r and returns the last row (the totals row).
func (b *book) savingsByService(sh string, r int) int {
	b.str(sh, 1, r, b.L("savings.byService"), b.st.section)
	r++
	hr := r
	cur := b.in.Currency
	b.headers(sh, 1, hr, []string{b.L("col.org"), b.L("col.service"), b.L("col.submissions"),
		b.L("col.baselineB"), b.L("col.ciLow"), b.L("col.ciHigh"), b.L("col.ciN"), b.L("col.smallN"),
		b.Lf("col.bc", cur), b.L("col.cfHours"), b.L("col.actualHours"), b.L("col.hours"),
		b.L("col.hoursCILow"), b.L("col.hoursCIHigh"), b.L("col.fte"),
		b.Lf("col.cfCost", cur), b.Lf("col.actualCost", cur), b.Lf("col.valueSaved", cur),
		b.Lf("col.valueCILow", cur), b.Lf("col.valueCIHigh", cur),
		b.Lf("col.cash", cur), b.Lf("col.capacity", cur), b.L("col.potentialHours"), b.L("col.basis")})
	b.rowHeight(sh, hr, 4)
	type key struct{ org, svc string }
	acc := map[key]*serviceTotals{}
	var keys []key
	for _, x := range b.in.Benefits {
		if !b.inRange(x.Period) {
			continue
		}
		k := key{x.Org, x.Service}
		t := acc[k]
		if t == nil {
			t = &serviceTotals{org: x.Org, service: x.Service}
			acc[k] = t
			keys = append(keys, k)
		}
		t.savingsSums.add(x)
		t.potential.add(div60(x.PotentialMinutes))
		t.baseline, t.ciLow, t.ciHigh, t.ciN, t.bc = x.BaselineMinutes, x.BaselineCILow, x.BaselineCIHigh, x.CIN, x.BaselineCost
		t.smallN = x.CISmallN.Valid && x.CISmallN.Bool
		t.basis = x.BaselineBasis
	}
	sort.SliceStable(keys, func(i, j int) bool {
		if keys[i].org != keys[j].org {
			return keys[i].org < keys[j].org
		}
		return b.serviceName(keys[i].svc) < b.serviceName(keys[j].svc)
	})
	first := hr + 1
	for _, k := range keys {
		t := acc[k]
		r++
		// SPEC §8: the one rule, on the range's benefits cell.
		emp := b.employees(t.org, t.service, "", b.rangePeriod())
		hidden := b.isSmall(t.subs, emp)
		b.str(sh, 1, r, t.org, 0)
		b.str(sh, 2, r, b.serviceName(t.service), 0)
		b.hideNum(sh, 3, r, float64(t.subs), b.st.integer, hidden && t.subs > 0)
		b.ratio(sh, 4, r, t.baseline, b.st.minutes, hidden)
		b.ratio(sh, 5, r, t.ciLow, b.st.minutes, hidden)
		b.ratio(sh, 6, r, t.ciHigh, b.st.minutes, hidden)
		if t.ciN.Valid {
			b.hideNum(sh, 7, r, float64(t.ciN.Int64), b.st.integer, hidden)
			if t.smallN {
				b.str(sh, 8, r, b.L("flag.smallN"), b.st.suppressed)
			}
		}
		// Where B comes from, in the workbook's language (never hidden:
		// it names the rule and the basis' own count, not this cell's).
		basis := b.basisText(t.basis)
		b.str(sh, 24, r, basis, b.st.wrap)
		b.rowHeight(sh, r, lines(basis, 38))
		b.ratio(sh, 9, r, t.bc, b.money(), hidden)
		hlo, hhi := t.hoursCI.bounds()
		vlo, vhi := t.valueCI.bounds()
		vals := []model.Null{t.counterfactual.Null, t.actual.Null, t.hours.Null, hlo, hhi, t.fte.Null,
			t.cfCost.Null, t.actualCost.Null, t.value.Null, vlo, vhi, t.cash.Null, t.capacity.Null, t.potential.Null}
		sts := []int{b.st.hours, b.st.hours, b.st.hours, b.st.hours, b.st.hours, b.st.fte,
			b.money(), b.money(), b.money(), b.money(), b.money(), b.money(), b.money(), b.st.hours}
		for i, v := range vals {
			b.ratio(sh, 10+i, r, v, sts[i], hidden)
		}
		if hidden {
			b.suppress(sh, cell(3, r)+":"+cell(23, r), b.Lf("what.savings", t.org, b.serviceName(t.service)), b.whySmall(t.subs, emp))
		}
	}
	last := r
	b.table(sh, "tblSavingsByService", 1, hr, 24, max(last, hr+1))
	if last == hr {
		last = hr + 1
	}
	// Totals: SUM over the numbers written above (text such as "<5" is
	// not counted, and the note says so). B, its interval, n and Bc are
	// per service and not summed; nor are the intervals of the savings,
	// which do not add across services (see savingsByYear).
	r = last + 1
	b.str(sh, 1, r, b.L("col.total"), b.st.totLabel)
	b.setStyle(sh, 2, r, b.st.totLabel)
	styles := map[int]int{3: b.st.totInt, 10: b.st.totHours, 11: b.st.totHours, 12: b.st.totHours, 15: b.st.totFTE,
		16: b.totMoney(), 17: b.totMoney(), 18: b.totMoney(), 21: b.totMoney(), 22: b.totMoney(), 23: b.st.totHours}
	for c := 3; c <= 23; c++ {
		st, ok := styles[c]
		if !ok {
			b.setStyle(sh, c, r, b.st.totLabel)
			continue
		}
		b.sumFormula(sh, c, r, first, last, "SUM", st)
	}
	return r
}

// channelCosts draws the cost per submission per channel (GOV.UK cost per
// transaction: the channel's staff cost and channel unit costs ÷ its
// submissions) per (org, service) over the range from row r, and returns
// the last row.
func (b *book) channelCosts(sh string, r int) int {
	b.str(sh, 1, r, b.L("savings.channelCosts"), b.st.section)
	r++
	b.str(sh, 1, r, b.L("savings.channelCostsNote"), b.st.subtitle)
	r++
	hr := r
	cur := b.in.Currency
	b.headers(sh, 1, hr, []string{b.L("col.org"), b.L("col.service"), b.L("col.channel"), b.L("col.submissions"),
		b.Lf("col.staffCost", cur), b.Lf("col.unitCost", cur), b.Lf("col.channelCost", cur), b.Lf("col.totalCost", cur),
		b.Lf("col.costPerSub", cur)})
	b.rowHeight(sh, hr, 4)
	rows := append([]model.MetricRow(nil), b.in.Overall...)
	order := map[string]int{}
	for i, c := range b.channelList() {
		order[c] = i
	}
	sort.SliceStable(rows, func(i, j int) bool {
		x, y := rows[i], rows[j]
		if x.Org != y.Org {
			return x.Org < y.Org
		}
		if sx, sy := b.serviceName(x.Service), b.serviceName(y.Service); sx != sy {
			return sx < sy
		}
		return order[x.Channel] < order[y.Channel]
	})
	r = hr
	for _, x := range rows {
		if x.Submissions == 0 {
			continue // pooled minutes with no submission: no unit cost
		}
		r++
		emp := b.employees(x.Org, x.Service, x.Channel, x.Period)
		hidden := b.isSmall(x.Submissions, emp)
		unit := b.in.Assumptions.ChannelUnitCosts[x.Channel]
		channel := float64(x.Submissions) * unit
		b.str(sh, 1, r, x.Org, 0)
		b.str(sh, 2, r, b.serviceName(x.Service), 0)
		b.str(sh, 3, r, b.channelName(x.Channel), 0)
		b.hideNum(sh, 4, r, float64(x.Submissions), b.st.integer, hidden)
		b.ratio(sh, 5, r, x.StaffCost, b.money(), hidden)
		b.num(sh, 6, r, unit, b.money())
		b.ratio(sh, 7, r, model.Some(channel), b.money(), hidden)
		total := model.Null{}
		if x.StaffCost.Valid {
			total = model.Some(x.StaffCost.Float64 + channel)
		}
		b.ratio(sh, 8, r, total, b.money(), hidden)
		b.ratio(sh, 9, r, x.CostPerSubmission, b.money(), hidden)
		if hidden {
			b.suppress(sh, cell(4, r)+":"+cell(9, r), b.Lf("what.channelCost", x.Org, b.serviceName(x.Service), b.channelName(x.Channel)), b.whySmall(x.Submissions, emp))
		}
	}
	return b.endTable(sh, "tblChannelCosts", hr, 9, r)
}

// yearTotals is the benefit columns of one (org, year).
type yearTotals struct{ savingsSums }

// savingsSums are the sums of the monthly benefits rows that the
// service and the year tables both show.
type savingsSums struct {
	subs                                      int64
	counterfactual, actual, hours, fte, value sumNull
	cfCost, actualCost, cash, capacity        sumNull
	hoursCI, valueCI                          ciSum
}

// add adds one monthly benefits row (minutes as hours).
func (t *savingsSums) add(x model.BenefitRow) {
	t.subs += x.Submissions
	t.counterfactual.add(div60(x.CounterfactualMinutes))
	t.actual.add(model.Some(x.ActualMinutes / 60))
	t.hours.add(x.HoursSaved)
	t.fte.add(x.FTESaved)
	t.value.add(x.ValueSaved)
	t.cfCost.add(x.CounterfactualCost)
	t.actualCost.add(x.ActualCost)
	t.cash.add(x.CashReleasing)
	t.capacity.add(x.CapacityFreed)
	t.hoursCI.add(x.Org, x.Service, x.HoursSaved, div60(x.MinutesSavedCILow), div60(x.MinutesSavedCIHigh))
	t.valueCI.add(x.Org, x.Service, x.ValueSaved, x.ValueSavedCILow, x.ValueSavedCIHigh)
}

// savingsByYear draws the totals per organisation and calendar year from
// row r, hours and money saved with their 95 % intervals, and returns the
// last row.
func (b *book) savingsByYear(sh string, r int) int {
	b.str(sh, 1, r, b.L("savings.byYear"), b.st.section)
	r++
	b.str(sh, 1, r, b.L("savings.byYearNote"), b.st.subtitle)
	r++
	hr := r
	cur := b.in.Currency
	b.headers(sh, 1, hr, []string{b.L("col.org"), b.L("col.year"), b.L("col.submissions"),
		b.L("col.cfHours"), b.L("col.actualHours"), b.L("col.hours"), b.L("col.hoursCILow"), b.L("col.hoursCIHigh"), b.L("col.fte"),
		b.Lf("col.cfCost", cur), b.Lf("col.actualCost", cur), b.Lf("col.valueSaved", cur),
		b.Lf("col.valueCILow", cur), b.Lf("col.valueCIHigh", cur), b.Lf("col.cash", cur), b.Lf("col.capacity", cur)})
	b.rowHeight(sh, hr, 4)
	type key struct{ org, year string }
	acc := map[key]*yearTotals{}
	var keys []key
	for _, x := range b.in.Benefits {
		if !b.inRange(x.Period) || len(x.Period) < 4 {
			continue
		}
		k := key{x.Org, x.Period[:4]}
		t := acc[k]
		if t == nil {
			t = &yearTotals{}
			acc[k] = t
			keys = append(keys, k)
		}
		t.add(x)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].org != keys[j].org {
			return keys[i].org < keys[j].org
		}
		return keys[i].year < keys[j].year
	})
	r = hr
	for _, k := range keys {
		t := acc[k]
		r++
		// SPEC §8: the year's submissions, and the employees behind its
		// minutes (the year grain of Input.Employees; a lower bound over
		// services).
		emp := b.leastEmployeesOrg(k.org, k.year)
		hidden := b.isSmall(t.subs, emp)
		b.str(sh, 1, r, k.org, 0)
		y, _ := strconv.Atoi(k.year)
		b.int(sh, 2, r, int64(y), 0)
		b.hideNum(sh, 3, r, float64(t.subs), b.st.integer, hidden && t.subs > 0)
		hlo, hhi := t.hoursCI.bounds()
		vlo, vhi := t.valueCI.bounds()
		vals := []model.Null{t.counterfactual.Null, t.actual.Null, t.hours.Null, hlo, hhi, t.fte.Null,
			t.cfCost.Null, t.actualCost.Null, t.value.Null, vlo, vhi, t.cash.Null, t.capacity.Null}
		sts := []int{b.st.hours, b.st.hours, b.st.hours, b.st.hours, b.st.hours, b.st.fte,
			b.money(), b.money(), b.money(), b.money(), b.money(), b.money(), b.money()}
		for i, v := range vals {
			b.ratio(sh, 4+i, r, v, sts[i], hidden)
		}
		if hidden {
			b.suppress(sh, cell(3, r)+":"+cell(16, r), b.Lf("what.savingsYear", k.org, k.year), b.whySmall(t.subs, emp))
		}
	}
	return b.endTable(sh, "tblSavingsByYear", hr, 16, r)
}

// sumFormula writes =FN(col first:last) at (c, r) with the sum of the
// numbers in that range as its cached value. fn is SUM, or SUBTOTAL(109,
// which sums only the rows a filter leaves visible.
func (b *book) sumFormula(sh string, c, r, first, last int, fn string, style int) {
	if b.err != nil {
		return
	}
	var total float64
	for row := first; row <= last; row++ {
		v, err := b.f.GetCellValue(sh, cell(c, row), excelizeRaw)
		if err != nil {
			b.try(err)
			return
		}
		if x, ok := parseNumber(v); ok {
			total += x
		}
	}
	rng := cell(c, first) + ":" + cell(c, last)
	f := "SUM(" + rng + ")"
	if fn == "SUBTOTAL" {
		f = "SUBTOTAL(109," + rng + ")"
	}
	b.formula(sh, c, r, f, total, style)
}

// savingsMonthly draws the benefit rows per (org, service, month) from row
// r, with a SUBTOTAL row above the header that follows the filters.
func (b *book) savingsMonthly(sh string, r int) {
	b.str(sh, 1, r, b.L("savings.monthly"), b.st.section)
	rows := make([]model.BenefitRow, 0, len(b.in.Benefits))
	for _, x := range b.in.Benefits {
		if b.inRange(x.Period) {
			rows = append(rows, x)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		x, y := rows[i], rows[j]
		if x.Org != y.Org {
			return x.Org < y.Org
		}
		if sx, sy := b.serviceName(x.Service), b.serviceName(y.Service); sx != sy {
			return sx < sy
		}
		return x.Period < y.Period
	})
	// Months where hours and money saved disagree in sign: explained once.
	opposite := 0
	for _, x := range rows {
		if !b.isSmall(x.Submissions, b.employees(x.Org, x.Service, "", x.Period)) && x.HoursSaved.Valid && x.ValueSaved.Valid && x.HoursSaved.Float64*x.ValueSaved.Float64 < 0 {
			opposite++
		}
	}
	if opposite > 0 {
		r++
		note := b.Lf("savings.signNote", opposite)
		if opposite == 1 {
			note = b.L("savings.signNote1")
		}
		b.str(sh, 1, r, note, b.st.subtitle)
	}
	r++
	totRow := r
	hr := r + 1
	cur := b.in.Currency
	b.headers(sh, 1, hr, []string{b.L("col.org"), b.L("col.service"), b.L("col.month"), b.L("col.submissions"),
		b.L("col.cfHours"), b.L("col.actualHours"), b.L("col.hours"), b.L("col.fte"),
		b.Lf("col.cfCost", cur), b.Lf("col.actualCost", cur),
		b.Lf("col.valueSaved", cur), b.Lf("col.cash", cur), b.Lf("col.capacity", cur), b.L("col.potentialHours")})
	b.rowHeight(sh, hr, 4)
	r = hr
	for _, x := range rows {
		r++
		// SPEC §8: a month's figures from fewer than MinCell submissions
		// are hidden (pooled minutes with no submission included).
		emp := b.employees(x.Org, x.Service, "", x.Period)
		hidden := b.isSmall(x.Submissions, emp)
		b.str(sh, 1, r, x.Org, 0)
		b.str(sh, 2, r, b.serviceName(x.Service), 0)
		b.str(sh, 3, r, x.Period, 0)
		b.hideNum(sh, 4, r, float64(x.Submissions), b.st.integer, hidden && x.Submissions > 0)
		vals := []model.Null{div60(x.CounterfactualMinutes), model.Some(x.ActualMinutes / 60), x.HoursSaved, x.FTESaved,
			x.CounterfactualCost, x.ActualCost, x.ValueSaved, x.CashReleasing, x.CapacityFreed, div60(x.PotentialMinutes)}
		sts := []int{b.st.hours, b.st.hours, b.st.hours, b.st.fte, b.money(), b.money(), b.money(), b.money(), b.money(), b.st.hours}
		for i, v := range vals {
			b.ratio(sh, 5+i, r, v, sts[i], hidden)
		}
		if hidden && anyValid(vals...) {
			b.suppress(sh, cell(4, r)+":"+cell(14, r), b.Lf("what.savingsMonth", x.Org, b.serviceName(x.Service), x.Period), b.whySmall(x.Submissions, emp))
		}
	}
	last := max(r, hr+1)
	b.table(sh, "tblSavingsMonthly", 1, hr, 14, last)
	b.str(sh, 1, totRow, b.L("savings.visibleTotal"), b.st.totLabel)
	for c, st := range map[int]int{4: b.st.totInt, 5: b.st.totHours, 6: b.st.totHours, 7: b.st.totHours, 8: b.st.totFTE,
		9: b.totMoney(), 10: b.totMoney(), 11: b.totMoney(), 12: b.totMoney(), 13: b.totMoney(), 14: b.st.totHours} {
		b.sumFormula(sh, c, totRow, hr+1, last, "SUBTOTAL", st)
	}
	b.rowHeight(sh, totRow, 1)
}

// div60 is minutes as hours; null stays null.
func div60(v model.Null) model.Null {
	if !v.Valid {
		return v
	}
	return model.Some(v.Float64 / 60)
}
