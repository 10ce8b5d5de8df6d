package reports

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
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
		b.rowHeight(sh, r, max(lines(text, 130), lines(term, 40)))
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
		{"lead_time_median_working_days, lead_time_p90_working_days", "m.lead_working"},
		{"touch_time_share", "m.touch_time"},
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
	line(b.L("m.baselineTerm"), b.Lf("m.baseline", b.in.MinSubmissions))
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

	// The designs of `gevinst evaluate` and the Evaluation sheet (issue 17).
	section("m.evaluation")
	b.headers(sh, 1, r, []string{b.L("col.term"), b.L("col.explanation")})
	for _, t := range []struct{ term, key string }{
		{b.L("design.baseline"), "m.designBaseline"},
		{b.L("design.its"), "m.designITS"},
		{b.L("design.did"), "m.designDiD"},
		{b.L("col.placebo"), "m.placebo"},
		{b.L("col.level"), "m.level"},
		{b.L("m.headlineTerm"), "m.headline"},
	} {
		line(t.term, b.L(t.key))
	}

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
		b.rowHeight(sh, r, lines(b.L(key), 40))
		set(2, r)
	}
	text := func(s string) func(c, r int) {
		return func(c, r int) { b.str(sh, c, r, s, b.st.wrap) }
	}
	mono := func(s string) func(c, r int) {
		return func(c, r int) { b.str(sh, c, r, s, b.st.mono) }
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
			b.rowHeight(sh, r, lines(b.L(key)+": "+name(k), 40))
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
		b.rowHeight(sh, r, lines(b.L("a.cost")+": "+it.Name, 40))
		b.str(sh, 2, r, b.Lf("a.costItem", org, svc, b.costKind(it.Kind), it.Date, formatAmount(it.Amount), b.in.Currency), b.st.wrap)
	}
	for _, band := range as.Bands {
		value("a.band", text(b.Lf("a.bandItem", band.Max, b.bandName(band.Label))))
	}

	section("m.versions")
	value("v.product", text(b.in.Version))
	value("v.query", text(b.in.QueryVersion))
	value("v.configSHA", mono(b.in.ConfigSHA256))
	value("v.assumptionsSHA", mono(b.in.AssumptionsSHA256))
	file := b.in.AssumptionsFile
	if file == "" {
		file = b.L("a.notSet")
	}
	value("v.assumptionsFile", text(file))
	value("v.generated", text(b.osloTime().Format("2006-01-02 15:04:05 MST (-07:00)")+", Europe/Oslo"))

	// The config as a table: one row per section or list item, its
	// settings inline, so it fits on a page or two.
	section("m.config")
	rows, err := configRows(b.in.ConfigYAML)
	b.try(err)
	if len(rows) == 0 {
		r++
		b.str(sh, 1, r, b.L("m.noConfig"), b.st.subtitle)
	} else {
		b.headers(sh, 1, r, []string{b.L("col.key"), b.L("col.value")})
		for _, x := range rows {
			r++
			b.str(sh, 1, r, x.key, b.st.monoTop)
			b.str(sh, 2, r, x.value, b.st.monoWrap)
			// Mono 9 pt: 12 points a line.
			if n := max(lines(x.value, 130), lines(x.key, 46)); b.err == nil {
				b.try(b.f.SetRowHeight(sh, r, float64(n)*12+1))
			}
		}
	}
	// SPEC §7 via issue 19: the Method sheet prints on three pages at most.
	b.maxPages[sh] = 3
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

// configRow is one row of the config table on the Method sheet.
type configRow struct{ key, value string }

// configRows lays out the config YAML as a table: top-level settings one
// a row; a section one row with its settings inline ("key: value; …");
// every entry of a keyed collection (services, sources) and every item of
// a list (register, costs) a row of its own. Empty settings are left out.
func configRows(text string) ([]configRow, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, fmt.Errorf("config for the Method sheet: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("config for the Method sheet: expected a mapping at the top, got %s", kindName(root))
	}
	var out []configRow
	var walk func(key string, n *yaml.Node)
	walk = func(key string, n *yaml.Node) {
		switch {
		case n.Kind == yaml.SequenceNode && !flatNode(n):
			// A list of short flat items (rating bands) fits on one row.
			var short []string
			for _, c := range n.Content {
				if t := inlineNode(c); flatNode(c) && utf8.RuneCountInString(t) <= 40 {
					short = append(short, t)
				}
			}
			if len(short) == len(n.Content) {
				out = append(out, configRow{key, strings.Join(short, ", ")})
				return
			}
			for i, c := range n.Content {
				walk(key+"["+strconv.Itoa(i+1)+"]", c)
			}
		case n.Kind == yaml.MappingNode:
			collection := true
			for i := 1; i < len(n.Content); i += 2 {
				if n.Content[i].Kind != yaml.MappingNode {
					collection = false
				}
			}
			var inline []string
			var nested [][2]*yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if !collection && flatNode(v) {
					if t := inlineNode(v); t != "" {
						inline = append(inline, k.Value+": "+t)
					}
					continue
				}
				nested = append(nested, [2]*yaml.Node{k, v})
			}
			if len(inline) > 0 {
				out = append(out, configRow{key, strings.Join(inline, "; ")})
			}
			for _, kv := range nested {
				walk(key+"."+kv[0].Value, kv[1])
			}
		default:
			if t := inlineNode(n); t != "" {
				out = append(out, configRow{key, t})
			}
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		walk(root.Content[i].Value, root.Content[i+1])
	}
	return out, nil
}

// flatNode reports whether n is a scalar, or a list or mapping of scalars
// only (written inline).
func flatNode(n *yaml.Node) bool {
	switch n.Kind {
	case yaml.ScalarNode:
		return true
	case yaml.SequenceNode, yaml.MappingNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return false
			}
		}
		return true
	case yaml.AliasNode:
		return n.Alias != nil && flatNode(n.Alias)
	}
	return false
}

// inlineNode writes a flat node on one line: "v", "[a, b]", "{k: v, …}";
// empty values and collections give "".
func inlineNode(n *yaml.Node) string {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return inlineNode(n.Alias)
	}
	var parts []string
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || n.Value == "" {
			return ""
		}
		return n.Value
	case yaml.SequenceNode:
		for _, c := range n.Content {
			parts = append(parts, c.Value)
		}
		if len(parts) == 0 {
			return ""
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if v := inlineNode(n.Content[i+1]); v != "" {
				parts = append(parts, n.Content[i].Value+": "+v)
			}
		}
		if len(parts) == 0 {
			return ""
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return ""
}

// kindName names a YAML node kind for an error message.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a value"
	}
	return "a document"
}
