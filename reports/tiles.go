package reports

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// The Summary's KPI tiles lead with the run-rate: the last (up to) 12
// months of the reporting range, ending with its last month (SPEC §7).
// Beneath: its 95 % interval, its register target and the whole range.

// runWindow is the run-rate window: its first and last month and how
// many months it holds.
type runWindow struct {
	from, to string
	n        int
}

// window12 returns the run-rate window: the first and last of the last
// (up to) 12 months of the reporting range, and how many months it holds.
func (b *book) window12() (from, to string, n int) {
	if b.win12 == nil {
		w := runWindow{}
		if ms := b.months(); len(ms) > 0 {
			i := max(len(ms)-12, 0)
			w = runWindow{ms[i], ms[len(ms)-1], len(ms) - i}
		}
		b.win12 = &w
	}
	return b.win12.from, b.win12.to, b.win12.n
}

// in12 reports whether period p lies in the run-rate window.
func (b *book) in12(p string) bool {
	from, to, n := b.window12()
	return n > 0 && b.inRange(p) && p >= from && p <= to
}

// tileFigures are the Summary's KPI figures over one set of months.
type tileFigures struct {
	Submissions                       model.Null
	Digital, Target                   model.Null
	Hours, FTE, Value, Cash, Capacity sumNull
}

// figures sums the Mix and Benefit rows whose period passes in: counts and
// money summed, shares from summed counts (SPEC §4).
func (b *book) figures(in func(period string) bool) tileFigures {
	m := mix{ByChannel: map[string]int64{}}
	for _, r := range b.in.Mix {
		if in(r.Period) {
			m.add(r)
		}
	}
	t := tileFigures{Submissions: model.Some(float64(m.Submissions)),
		Digital: m.digital(b.in.Baseline), Target: m.target(b.in.Target)}
	for _, r := range b.in.Benefits {
		if in(r.Period) {
			t.Hours.add(r.HoursSaved)
			t.FTE.add(r.FTESaved)
			t.Value.add(r.ValueSaved)
			t.Cash.add(r.CashReleasing)
			t.Capacity.add(r.CapacityFreed)
		}
	}
	return t
}

// kpiTile is one Summary tile: the run-rate figure, the whole-range
// figure and the register indicator that sets its target ("" for none).
type kpiTile struct {
	key, label  string
	last, whole model.Null
	format      string
	indicator   string
	// note replaces the target line when set (the net benefit tiles show
	// the payback months there).
	note string
	// ci is the 95 % interval of the run-rate figure (hours and money
	// saved), shown beneath it.
	ci [2]model.Null
}

// tiles returns the Summary's KPI tiles, in display order.
func (b *book) tiles() []kpiTile {
	last := b.figures(b.in12)
	whole := b.figures(b.inRange)
	hoursCI, valueCI := b.savedCI(b.in12)
	// Money tiles name the currency in the label, so the figure fits.
	money := "#,##0"
	cur := " (" + b.in.Currency + ")"
	return []kpiTile{
		{key: "submissions", label: b.L("kpi.submissions"), last: last.Submissions, whole: whole.Submissions, format: "#,##0"},
		{key: "digital_share", label: b.L("kpi.digital"), last: last.Digital, whole: whole.Digital, format: "0.0%", indicator: "digital_share"},
		{key: "target_share", label: b.Lf("kpi.target", b.channelName(b.in.Target)), last: last.Target, whole: whole.Target, format: "0.0%", indicator: "target_share"},
		{key: "hours_saved", label: b.L("kpi.hours"), last: last.Hours.Null, whole: whole.Hours.Null, format: "#,##0", indicator: "hours_saved_12m", ci: hoursCI},
		{key: "fte_saved", label: b.L("kpi.fte"), last: last.FTE.Null, whole: whole.FTE.Null, format: "#,##0.00", indicator: "fte_saved_12m"},
		{key: "value_saved", label: b.L("kpi.value") + cur, last: last.Value.Null, whole: whole.Value.Null, format: money, indicator: "value_saved_12m", ci: valueCI},
		{key: "cash_releasing", label: b.L("kpi.cash") + cur, last: last.Cash.Null, whole: whole.Cash.Null, format: money, indicator: "cash_releasing_12m"},
		{key: "net_benefit_economic", label: b.L("kpi.netEconomic") + cur, last: b.changeSum(func(x model.ChangeRow) model.Null { return x.NetAnnualBenefit }),
			whole: b.changeSum(func(x model.ChangeRow) model.Null { return x.NetBenefitToDate }), format: money,
			note: b.paybacks(func(x model.ChangeRow) string { return x.PaybackMonth })},
		{key: "net_benefit_cash", label: b.L("kpi.netCash") + cur, last: b.changeSum(func(x model.ChangeRow) model.Null { return x.CashNetAnnualBenefit }),
			whole: b.changeSum(func(x model.ChangeRow) model.Null { return x.CashNetBenefitToDate }), format: money,
			note: b.paybacks(func(x model.ChangeRow) string { return x.CashPaybackMonth })},
	}
}

// tileTarget summarises the register entries of indicator: how many are
// on or ahead of their trajectory, and the worst status among them; ok is
// false when no entry has that indicator.
func (b *book) tileTarget(indicator string) (onTrack, total int, worst string, ok bool) {
	if indicator == "" {
		return 0, 0, "", false
	}
	for _, x := range b.in.Register {
		if x.Indicator != indicator {
			continue
		}
		total++
		if x.RAG == "green" {
			onTrack++
		}
		if worst == "" || ragRank[x.RAG] < ragRank[worst] {
			worst = x.RAG
		}
	}
	return onTrack, total, worst, total > 0
}

// drawTiles writes the tiles from row r: label, run-rate figure, target
// and RAG, and the whole range on the second line. It returns the last
// row used.
func (b *book) drawTiles(sh string, r int) int {
	labelRow, valueRow, ciRow, targetRow, wholeRow := r, r+1, r+2, r+3, r+4
	// Column 1 names the rows; the tiles follow from column 2.
	wf, wt, n := b.window12()
	for row, text := range map[int]string{valueRow: b.Lf("tile.rowLast", n, wf, wt), ciRow: b.L("tile.rowCI"),
		targetRow: b.L("tile.rowTarget"), wholeRow: b.Lf("tile.rowWhole", b.in.From, b.in.To)} {
		b.str(sh, 1, row, text, b.rowLabelStyle())
	}
	for i, t := range b.tiles() {
		c := i + 2
		b.str(sh, c, labelRow, t.label, b.st.kpiLabel)
		// A figure that is not computable leaves the tile empty (the
		// note beneath the tiles says so): no dash in a numeric cell.
		b.null(sh, c, valueRow, t.last, b.kpiStyle(t.format))
		if t.ci[0].Valid {
			b.str(sh, c, ciRow, b.Lf("tile.ciRange", b.grouped(t.ci[0].Float64), b.grouped(t.ci[1].Float64)), b.tileText())
		} else {
			b.str(sh, c, ciRow, "", b.tileText())
		}
		if t.note != "" {
			b.str(sh, c, targetRow, t.note, b.tileText())
		} else if on, n, worst, ok := b.tileTarget(t.indicator); ok {
			st, found := b.st.rag[worst]
			if !found {
				st = b.st.rag["no data"]
			}
			b.str(sh, c, targetRow, b.Lf("tile.onTrack", on, n), st)
		} else {
			b.str(sh, c, targetRow, b.L("tile.noTarget"), b.tileText())
		}
		if t.whole.Valid {
			b.num(sh, c, wholeRow, t.whole.Float64, b.lineStyle("", t.format))
		} else {
			b.str(sh, c, wholeRow, "", b.lineStyle("", "@"))
		}
	}
	if b.err == nil {
		b.try(b.f.SetRowHeight(sh, labelRow, 40))
		b.try(b.f.SetRowHeight(sh, valueRow, 30))
		b.try(b.f.SetRowHeight(sh, ciRow, 24))
		b.try(b.f.SetRowHeight(sh, targetRow, 26))
		b.try(b.f.SetRowHeight(sh, wholeRow, 16))
	}
	return wholeRow
}

// rowLabelStyle names a row of the tiles in column 1.
func (b *book) rowLabelStyle() int {
	return b.cachedStyle("tile-row", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Size: 9, Color: "404040", Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center", WrapText: true}}
	})
}

// kpiStyle returns the large tile style with number format numFmt.
func (b *book) kpiStyle(numFmt string) int {
	return b.cachedStyle("kpi|"+numFmt, func() *excelize.Style {
		return &excelize.Style{
			Border:       tileBorder("left", "right"),
			Fill:         tileFill,
			Font:         &excelize.Font{Bold: true, Size: 16, Color: "1F3864"},
			Alignment:    &excelize.Alignment{Horizontal: "center", Vertical: "center"},
			CustomNumFmt: &numFmt,
		}
	})
}

// lineStyle returns the small tile-line style whose number format shows
// prefix before the number, so the figure stays a number.
func (b *book) lineStyle(prefix, numFmt string) int {
	f := numFmt
	if prefix != "" {
		f = `"` + strings.ReplaceAll(prefix, `"`, "") + `"` + numFmt
	}
	return b.cachedStyle("line|"+f, func() *excelize.Style {
		return &excelize.Style{
			Border:       tileBorder("left", "right", "bottom"),
			Fill:         tileFill,
			Font:         &excelize.Font{Size: 9, Color: "404040"},
			Alignment:    &excelize.Alignment{Horizontal: "center", Vertical: "center"},
			CustomNumFmt: &f,
		}
	})
}

// tileText is the small tile-line style for text.
func (b *book) tileText() int {
	return b.cachedStyle("line-text", func() *excelize.Style {
		return &excelize.Style{
			Border:    tileBorder("left", "right"),
			Fill:      tileFill,
			Font:      &excelize.Font{Size: 9, Color: "595959"},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		}
	})
}

// cachedStyle creates a style once per key.
func (b *book) cachedStyle(key string, mk func() *excelize.Style) int {
	if b.styleCache == nil {
		b.styleCache = map[string]int{}
	}
	if id, ok := b.styleCache[key]; ok {
		return id
	}
	id := b.style(mk())
	b.styleCache[key] = id
	return id
}

// tileFill is the background of the Summary tiles.
var tileFill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F3F6FA"}}

// tileBorder draws the tile's outline on the given sides.
func tileBorder(sides ...string) []excelize.Border {
	var out []excelize.Border
	for _, s := range sides {
		out = append(out, excelize.Border{Type: s, Color: "8EA9C1", Style: 1})
	}
	return out
}

// changeSum sums field over each organisation's all-services appraisal
// row (Service "*"): the organisations' totals, each computed once.
func (b *book) changeSum(field func(model.ChangeRow) model.Null) model.Null {
	var s sumNull
	for _, x := range b.in.Change {
		if x.Service == "*" {
			s.add(field(x))
		}
	}
	return s.Null
}

// paybacks lists each organisation's payback month from its total
// appraisal row, "org YYYY-MM" ("org –" when none), for a tile line.
func (b *book) paybacks(month func(model.ChangeRow) string) string {
	var parts []string
	for _, x := range b.in.Change {
		if x.Service != "*" {
			continue
		}
		m := month(x)
		if m == "" {
			m = "–"
		}
		parts = append(parts, x.Org+" "+m)
	}
	if len(parts) == 0 {
		return b.L("tile.noCosts")
	}
	return strings.Join(parts, ", ")
}

// grouped formats v rounded to a whole number with thousands grouped in
// the workbook's language (nb: 12 345, en: 12,345).
func (b *book) grouped(v float64) string {
	n := int64(math.Round(v))
	neg := n < 0
	if neg {
		n = -n
	}
	digits := strconv.FormatInt(n, 10)
	sep := ","
	if b.lang == "nb" {
		sep = "\u00a0"
	}
	var out []string
	for len(digits) > 3 {
		out = append([]string{digits[len(digits)-3:]}, out...)
		digits = digits[:len(digits)-3]
	}
	out = append([]string{digits}, out...)
	s := strings.Join(out, sep)
	if neg {
		s = "−" + s
	}
	return s
}
