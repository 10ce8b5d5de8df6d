package reports

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// lines estimates how many lines s takes when wrapped at perLine
// characters.
func lines(s string, perLine int) int {
	return max(1, (utf8.RuneCountInString(s)+perLine-1)/perLine)
}

// method draws every formula in words (SPEC §3–§5), the assumptions
// register, the versions and the configuration used, so a funder can
// reproduce each figure.
func (b *book) method() {
	sh := b.L("sheet.method")
	b.heading(sh, b.L("method.title"))
	b.widths(sh, 42, 110)
	r := 3
	section := func(key string) {
		r += 2
		b.str(sh, 1, r, b.L(key), b.st.section)
		r++
	}
	line := func(term, text string) {
		r++
		b.str(sh, 1, r, term, b.st.bold)
		b.str(sh, 2, r, text, b.st.wrap)
		b.rowHeight(sh, r, max(lines(text, 115), lines(term, 38)))
	}

	section("m.attribution")
	b.headers(sh, 1, r, []string{b.L("col.term"), b.L("col.explanation")})
	for i, k := range []string{"m.rule1", "m.rule2", "m.rule3", "m.rule4"} {
		line(b.Lf("m.rule", i+1), b.L(k))
	}
	line(b.L("m.orphanTerm"), b.L("m.orphans"))

	section("m.metrics")
	b.headers(sh, 1, r, []string{b.L("col.term"), b.L("col.explanation")})
	line("period", b.L("m.periods"))
	for _, t := range []struct{ term, key string }{
		{"submissions", "m.submissions"},
		{"decided", "m.decided"},
		{"staff_minutes", "m.staff_minutes"},
		{"minutes_per_submission", "m.minutes_per_sub"},
		{"timed_submissions", "m.timed"},
		{"timed_coverage", "m.timed_coverage"},
		{"median_case_minutes, p90_case_minutes", "m.case_minutes"},
		{"lead_time_median_days, lead_time_p90_days", "m.lead_time"},
		{"after_hours_share", "m.after_hours"},
		{"staff_cost", "m.staff_cost"},
		{"cost_per_submission", "m.cost_per_sub"},
		{"digital_share", "m.digital_share"},
		{"target_share", "m.target_share"},
	} {
		line(t.term, b.L(t.key))
	}
	line(b.L("m.quantileTerm"), b.L("m.quantile"))

	section("m.benefits")
	b.headers(sh, 1, r, []string{b.L("col.term"), b.L("col.explanation")})
	line(b.L("m.baselineTerm"), b.Lf("m.baseline", b.in.MinSubmissions, b.in.MinSubmissions))
	for _, t := range []struct{ term, key string }{
		{"counterfactual_minutes", "m.counterfactual"},
		{"actual_minutes", "m.actual"},
		{"minutes_saved", "m.saved"},
		{"hours_saved", "m.hours_saved"},
		{"fte_saved", "m.fte_saved"},
		{"value_saved", "m.value_saved"},
		{"cash_releasing", "m.cash"},
		{"capacity_freed", "m.capacity"},
		{"potential_minutes", "m.potential"},
		{"*_ci_low, *_ci_high, ci_n, ci_small_n", "m.ci"},
		{"*_12m", "m.rolling12"},
		{"*_run_rate", "m.runRate"},
	} {
		line(t.term, b.L(t.key))
	}
	line("Σ", b.L("m.sums"))
	line(b.L("m.hoursTerm"), b.L("m.hours"))

	section("m.model")
	b.headers(sh, 1, r, []string{b.L("col.term"), b.L("col.explanation")})
	for _, t := range []struct{ term, key string }{
		{"actual (register)", "m.regActual"},
		{"trajectory", "m.trajectory"},
		{"achievement, RAG", "m.rag"},
		{"benefit_run_rate", "m.runRateChange"},
		{"net_annual_benefit", "m.netAnnual"},
		{"net_benefit_to_date", "m.netToDate"},
		{"payback_month", "m.payback"},
		{"npv", "m.npv"},
		{"ITPOSMO", "m.itposmo"},
		{"hours_saved_per_1000", "m.per1000"},
	} {
		line(t.term, b.L(t.key))
	}
	line(b.L("m.suppressionTerm"), b.Lf("m.suppression", b.minCell(), b.minCell(), b.minCell()))

	section("m.assumptions")
	b.headers(sh, 1, r, []string{b.L("col.assumption"), b.L("col.value")})
	value := func(key string, set func(c, r int)) {
		r++
		b.str(sh, 1, r, b.L(key), b.st.bold)
		set(2, r)
	}
	text := func(s string) func(c, r int) {
		return func(c, r int) { b.str(sh, c, r, s, b.st.wrap) }
	}
	names := make([]string, 0, len(b.in.Channels))
	for _, c := range b.in.Channels {
		names = append(names, c+" ("+b.channelName(c)+")")
	}
	value("a.channels", text(strings.Join(names, ", ")))
	value("a.baseline", text(b.in.Baseline))
	value("a.target", text(b.in.Target))
	value("a.hoursPerFTE", func(c, r int) { b.num(sh, c, r, b.in.HoursPerFTE, b.st.minutes) })
	value("a.minCell", func(c, r int) { b.int(sh, c, r, int64(b.in.MinCell), b.st.integer) })
	value("a.minSubs", func(c, r int) { b.int(sh, c, r, int64(b.in.MinSubmissions), b.st.integer) })
	value("a.currency", text(b.in.Currency))
	value("a.range", text(b.in.From+" – "+b.in.To))
	as := b.in.Assumptions
	value("a.discount", func(c, r int) { b.num(sh, c, r, as.DiscountRate, b.st.rate) })
	value("a.horizon", func(c, r int) { b.int(sh, c, r, int64(as.HorizonYears), b.st.integer) })
	keyed := func(key string, m map[string]float64, name func(string) string, style int) {
		if len(m) == 0 {
			value(key, text(b.L("a.notSet")))
			return
		}
		for _, k := range sortedKeys(m) {
			r++
			b.str(sh, 1, r, b.L(key)+": "+name(k), b.st.bold)
			b.num(sh, 2, r, m[k], style)
		}
	}
	plain := func(s string) string { return s }
	keyed("a.rate", as.HourlyRates, plain, b.st.money)
	keyed("a.unitCost", as.ChannelUnitCosts, b.channelName, b.st.money)
	keyed("a.cashShare", as.CashShares, b.serviceName, b.st.share)
	if len(as.BaselineWindows) == 0 {
		value("a.window", text(b.L("a.notSet")))
	}
	for _, k := range sortedKeys(as.BaselineWindows) {
		value("a.window", text(b.serviceName(k)+": "+as.BaselineWindows[k]))
	}
	for _, it := range as.CostItems {
		org, svc := it.Org, b.serviceName(it.Service)
		if it.Service == "" {
			svc = b.L("all.services")
		}
		r++
		b.str(sh, 1, r, b.L("a.cost")+": "+it.Name, b.st.bold)
		b.str(sh, 2, r, b.Lf("a.costItem", org, svc, b.costKind(it.Kind), it.Date, formatAmount(it.Amount), b.in.Currency), b.st.wrap)
	}
	for _, band := range as.Bands {
		value("a.band", text(b.Lf("a.bandItem", band.Max, b.bandName(band.Label))))
	}

	section("m.versions")
	value("v.product", text(b.in.Version))
	value("v.query", text(b.in.QueryVersion))
	value("v.generated", text(b.in.GeneratedAt.Format("2006-01-02 15:04:05 -07:00")))

	section("m.config")
	cfg := strings.TrimRight(strings.ReplaceAll(b.in.ConfigYAML, "\r\n", "\n"), "\n")
	if cfg == "" {
		r++
		b.str(sh, 1, r, b.L("m.noConfig"), b.st.subtitle)
	} else {
		for _, l := range strings.Split(cfg, "\n") {
			r++
			b.str(sh, 1, r, strings.ReplaceAll(l, "\t", "    "), b.st.mono)
		}
	}
	b.page(sh)
}

// costKind translates a cost kind (one_off, running).
func (b *book) costKind(k string) string {
	if _, ok := labels["kind."+k]; ok {
		return b.L("kind." + k)
	}
	return k
}

// formatAmount prints an amount with two decimals at most, for text.
func formatAmount(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
