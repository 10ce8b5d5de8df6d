package reports

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// FunderInput is everything the funder's annual report shows (SPEC §12),
// computed by package queries for one calendar year.
type FunderInput struct {
	// Lang is "nb" or "en"; Currency labels money; Version the product's.
	Lang, Currency, Version string
	// GeneratedAt is printed in the heading and footers.
	GeneratedAt time.Time
	// Year is the calendar year reported on.
	Year int
	// ServiceNames maps service codes to display names.
	ServiceNames map[string]string
	// Plan is the benefit plan against the year's actuals.
	Plan []model.PlanRow
	// Threshold is the share of the plan beyond which a deviation needs
	// an explanation; ValueOfTime the value of a citizen's hour.
	Threshold, ValueOfTime float64
	// R109 is the appraisal; Appraisal its settings.
	R109      []model.R109Row
	Appraisal FunderAppraisal
	// Benefits are the year's monthly benefits rows (the intervals).
	Benefits []model.BenefitRow
	// Evaluation are the evaluation designs' rows over the year, as
	// `gevinst evaluate` computes them: the evidence strength.
	Evaluation []model.EvaluationRow
	// Batches and Rejects are the data sources and the rejected rows.
	Batches []model.BatchRow
	Rejects []model.RejectSummary
	// QueryVersion identifies the SQL text.
	QueryVersion string
}

// FunderAppraisal are the R-109 settings shown beside the appraisal.
type FunderAppraisal struct {
	// Schedule is the discount rate schedule: from year, rate.
	Schedule      [][2]float64
	AnalysisYears int
	ResidualValue float64
	TaxCost       float64
	Sensitivity   float64
	// BaseYear is the year whose real prices the appraisal is in;
	// PriceGrowth deflates each year's nominal figures into them and
	// RealWageGrowth grows the benefits (appraisal.price_growth and
	// real_wage_growth).
	BaseYear                    int
	PriceGrowth, RealWageGrowth float64
}

// WriteFunder writes the funder's annual report workbook to path (SPEC
// §12): plan vs actual, the R-109 appraisal, the evidence summary and the
// benefit map, in nb or en. It writes atomically, as Write does.
func WriteFunder(path string, in FunderInput) error {
	lang := in.Lang
	if lang == "" {
		lang = "nb"
	}
	if lang != "nb" && lang != "en" {
		return fmt.Errorf("write report %s: %w: %q (want nb or en)", path, ErrLanguage, in.Lang)
	}
	cur := in.Currency
	if cur == "" {
		cur = "NOK"
	}
	y := strconv.Itoa(in.Year)
	b := blankBook(Input{Lang: lang, Currency: cur, From: y + "-01", To: y + "-12", GeneratedAt: in.GeneratedAt,
		ServiceNames: in.ServiceNames, Version: in.Version, Evaluation: in.Evaluation}, lang)
	defer b.f.Close()
	b.makeStyles()
	names := []string{b.L("sheet.fPlan"), b.L("sheet.fAppraisal"), b.L("sheet.fEvidence"), b.L("sheet.fMap")}
	b.try(b.f.SetSheetName("Sheet1", names[0]))
	for _, n := range names[1:] {
		_, err := b.f.NewSheet(n)
		b.try(err)
	}
	b.try(b.f.SetDocProps(&excelize.DocProperties{Title: b.Lf("f.title", in.Year), Creator: "gevinst " + in.Version,
		Created: in.GeneratedAt.UTC().Format(time.RFC3339), Modified: in.GeneratedAt.UTC().Format(time.RFC3339)}))
	f := &funder{book: b, in: in}
	for i, fn := range []func(string){f.plan, f.appraisal, f.evidence, f.benefitMap} {
		fn(names[i])
		b.page(names[i])
		if b.err != nil {
			return fmt.Errorf("write report %s: sheet %s: %w", path, names[i], b.err)
		}
	}
	return b.save(path)
}

// funder draws the sheets of the funder's report.
type funder struct {
	*book
	in FunderInput
	// colW holds each sheet's column widths, for row heights of wrapped
	// text; lines the lines the row being drawn needs.
	colW  map[string][]float64
	lines int
}

// cols sets the column widths of sh and remembers them.
func (f *funder) cols(sh string, w ...float64) {
	if f.colW == nil {
		f.colW = map[string][]float64{}
	}
	f.colW[sh] = w
	f.widths(sh, w...)
}

// linesFor is the number of lines text needs in a width of w characters.
func linesFor(text string, w float64) int {
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(float64(len([]rune(para)))/math.Max(w-2, 1))))
	}
	return n
}

// wrap writes wrapped text in (c, r) and notes the lines it needs; fit
// then sets the row's height.
func (f *funder) wrap(sh string, c, r int, text string) {
	f.str(sh, c, r, text, f.st.wrap)
	if w := f.colW[sh]; c-1 < len(w) {
		f.lines = max(f.lines, linesFor(text, w[c-1]))
	}
}

// fit sets row r's height for the wrapped text written in it.
func (f *funder) fit(sh string, r int) {
	if f.lines > 1 {
		f.rowHeight(sh, r, f.lines)
	}
	f.lines = 0
}

// para writes text over columns c1..c2 of row r, merged and wrapped.
func (f *funder) para(sh string, r, c1, c2 int, text string, style int) {
	if f.err != nil {
		return
	}
	f.str(sh, c1, r, text, style)
	if c2 > c1 {
		f.try(f.f.MergeCell(sh, cell(c1, r), cell(c2, r)))
	}
	var w float64
	for i := c1; i <= c2 && i-1 < len(f.colW[sh]); i++ {
		w += f.colW[sh][i-1]
	}
	if n := linesFor(text, w); n > 1 {
		f.rowHeight(sh, r, n)
	}
}

func (f *funder) title(sh, key string) {
	f.str(sh, 1, 1, f.Lf("f.title", f.in.Year)+" – "+f.L(key), f.st.title)
	f.str(sh, 1, 2, f.rangeText()+"   ·   "+f.Lf("generated", f.genTime()), f.st.subtitle)
	if f.err == nil {
		f.try(f.f.SetRowHeight(sh, 1, 24))
	}
}

func (f *funder) scope(org, service string) string {
	s := service
	if n, ok := f.in.ServiceNames[service]; ok && n != "" {
		s = n
	}
	switch service {
	case "":
		s = f.L("f.all")
	case "*":
		s = f.L("f.allServices")
	}
	if org != "" {
		return org + " · " + s
	}
	return s
}

// plan draws plan vs actual: one row per benefit, its deviation and
// explanation, and a status that says what the funder will ask about.
func (f *funder) plan(sh string) {
	f.title(sh, "sheet.fPlan")
	f.cols(sh, 6, 30, 22, 22, 28, 14, 14, 14, 10, 14, 9, 44, 20)
	f.para(sh, 3, 1, 12, f.Lf("f.planNote", f.in.Threshold*100), f.st.note)
	head := []string{f.L("f.id"), f.L("f.benefit"), f.L("f.class"), f.L("f.owner"), f.L("f.scope"),
		f.L("f.planned"), f.L("f.actual"), f.L("f.deviation"), f.L("f.deviationShare"),
		f.L("f.takenOut"), f.L("f.score"), f.L("f.explanation"), f.L("f.status")}
	const hr = 5
	f.headers(sh, 1, hr, head)
	f.rowHeight(sh, hr, 2)
	r := hr
	missing := 0
	for _, p := range f.in.Plan {
		r++
		name := p.Name
		if p.Unplanned && p.ID == "" {
			name = f.L("f.unplannedSaving")
		}
		f.str(sh, 1, r, p.ID, 0)
		f.wrap(sh, 2, r, name)
		f.wrap(sh, 3, r, f.L("fclass."+p.Class))
		f.wrap(sh, 4, r, p.Owner)
		scope := f.scope(p.Org, p.Service)
		if p.Service == "" {
			scope = cmp.Or(p.Org, f.L("f.allScope"))
		}
		f.wrap(sh, 5, r, scope)
		f.null(sh, 6, r, p.Planned, f.st.money)
		f.null(sh, 7, r, p.Actual, f.st.money)
		f.null(sh, 8, r, p.Deviation, f.st.money)
		f.null(sh, 9, r, p.DeviationShare, f.st.share)
		f.null(sh, 10, r, p.TakenOut, f.st.money)
		f.str(sh, 11, r, p.Score, 0)
		expl := p.Explanation
		if p.Class == "non_priced" {
			expl = p.Text
		}
		f.wrap(sh, 12, r, expl)
		status, rag := f.L("f.ok"), "green"
		switch {
		case p.ExplanationMissing:
			status, rag = f.L("f.missingExplanation"), "red"
			missing++
		case p.Unplanned:
			status, rag = f.L("f.unplanned"), "amber"
		case p.Class == "non_priced":
			status, rag = f.L("f.scored"), "no data"
		case !p.Actual.Valid:
			status, rag = f.L("f.noData"), "no data"
		}
		f.str(sh, 13, r, status, f.st.rag[rag])
		f.fit(sh, r)
	}
	if r > hr {
		f.table(sh, "tblFunderPlan", 1, hr, len(head), r)
	}
	f.freeze(sh, hr)
	r += 2
	f.str(sh, 1, r, f.Lf("f.missingCount", missing), f.st.section)
	r++
	f.para(sh, r, 1, 12, f.L("f.classNote"), f.st.note)
	if f.in.ValueOfTime > 0 {
		r++
		f.para(sh, r, 1, 12, f.Lf("f.votNote", f.in.ValueOfTime, f.in.Currency), f.st.note)
	}
}

// percent is share × 100 without the float noise of the product
// (0.07 × 100 = 7.000000000000001).
func percent(share float64) float64 { return math.Round(share*1e8) / 1e6 }

// appraisal draws the R-109 appraisal, its settings and its sensitivity.
func (f *funder) appraisal(sh string) {
	f.title(sh, "sheet.fAppraisal")
	f.cols(sh, 42, 14, 14, 14, 14, 16, 16, 16, 16, 16, 16)
	a := f.in.Appraisal
	var steps []string
	for i, s := range a.Schedule {
		if i+1 < len(a.Schedule) {
			steps = append(steps, f.Lf("f.stepRange", s[1]*100, int(s[0]), int(a.Schedule[i+1][0])))
		} else {
			steps = append(steps, f.Lf("f.stepFrom", s[1]*100, int(s[0])))
		}
	}
	settings := [][2]string{
		{f.L("f.schedule"), strings.Join(steps, ", ")},
		{f.L("f.analysisYears"), strconv.Itoa(a.AnalysisYears)},
		{f.L("f.taxCost"), fmt.Sprintf("%g %%", a.TaxCost*100)},
		{f.L("f.residual"), fmt.Sprintf("%.0f %s", a.ResidualValue, f.in.Currency)},
		{f.L("f.sensitivity"), fmt.Sprintf("± %g %%", a.Sensitivity*100)},
		{f.L("f.prices"), f.Lf("f.pricesValue", a.BaseYear, percent(a.PriceGrowth))},
		{f.L("f.realWageGrowth"), fmt.Sprintf("%g %%", percent(a.RealWageGrowth))},
	}
	r := 4
	for _, s := range settings {
		f.str(sh, 1, r, s[0], f.st.label)
		f.str(sh, 3, r, s[1], 0)
		r++
	}
	f.para(sh, r, 1, 11, f.L("f.appraisalNote"), f.st.note)
	r += 2
	head := []string{f.L("f.scope"), f.L("f.benefitYear"), f.L("f.cashYear"), f.L("f.oneOff"), f.L("f.runningYear"),
		f.L("f.pvBenefits"), f.L("f.pvCosts"), f.L("f.pvTax"), f.L("f.pvResidual"), f.L("f.npv"), f.L("f.cashNPV")}
	hr := r
	f.headers(sh, 1, hr, head)
	f.rowHeight(sh, hr, 3)
	for _, x := range f.in.R109 {
		r++
		f.wrap(sh, 1, r, f.scope(x.Org, x.Service))
		f.fit(sh, r)
		f.null(sh, 2, r, x.BenefitPerYear, f.st.money)
		f.null(sh, 3, r, x.CashPerYear, f.st.money)
		f.num(sh, 4, r, x.OneOff, f.st.money)
		f.num(sh, 5, r, x.RunningPerYear, f.st.money)
		for i, v := range []model.Null{x.PVBenefits, x.PVCosts, x.PVTaxCost, x.PVResidual, x.NPV, x.CashNPV} {
			f.null(sh, 6+i, r, v, f.st.money)
		}
	}
	if r > hr {
		f.table(sh, "tblFunderR109", 1, hr, len(head), r)
	}
	r += 2
	f.str(sh, 1, r, f.L("f.sensitivityTitle"), f.st.section)
	r++
	s := a.Sensitivity * 100
	head = []string{f.L("f.scope"), f.L("f.npv"), f.Lf("f.benLow", s), f.Lf("f.benHigh", s),
		f.Lf("f.costLow", s), f.Lf("f.costHigh", s), f.L("f.ciLow"), f.L("f.ciHigh"),
		f.L("f.digitalShare"), f.L("f.breakEvenShare")}
	hr = r
	f.headers(sh, 1, hr, head)
	f.rowHeight(sh, hr, 3)
	for _, x := range f.in.R109 {
		r++
		f.wrap(sh, 1, r, f.scope(x.Org, x.Service))
		f.fit(sh, r)
		for i, v := range []model.Null{x.NPV, x.NPVBenefitsLow, x.NPVBenefitsHigh, x.NPVCostsLow, x.NPVCostsHigh, x.NPVSavingsCILow, x.NPVSavingsCIHigh} {
			f.null(sh, 2+i, r, v, f.st.money)
		}
		f.null(sh, 9, r, x.DigitalShare, f.st.share)
		f.null(sh, 10, r, x.BreakEvenDigitalShare, f.st.share)
	}
	if r > hr {
		f.table(sh, "tblFunderSensitivity", 1, hr, len(head), r)
	}
	r += 2
	f.para(sh, r, 1, 11, f.L("f.breakEvenNote"), f.st.note)
}

// evidence draws the evidence summary: method, data sources with their
// SHA-256, rejected rows and the savings' confidence intervals.
func (f *funder) evidence(sh string) {
	f.title(sh, "sheet.fEvidence")
	f.cols(sh, 36, 14, 14, 14, 14, 14, 12, 70)
	r := 4
	f.str(sh, 1, r, f.L("f.method"), f.st.section)
	for _, k := range []string{"f.m1", "f.m2", "f.m3", "f.m4"} {
		r++
		f.str(sh, 1, r, f.L(k), 0)
	}
	r++
	f.str(sh, 1, r, f.Lf("f.versions", f.in.Version, f.in.QueryVersion), f.st.note)

	r += 2
	f.str(sh, 1, r, f.L("f.sources"), f.st.section)
	r++
	hr := r
	f.headers(sh, 1, hr, []string{f.L("f.file"), f.L("f.kind"), f.L("f.source"), f.L("f.rowsRead"),
		f.L("f.rowsLoaded"), f.L("f.rowsRejected"), f.L("f.fileStatus"), "SHA-256"})
	for _, x := range f.in.Batches {
		r++
		f.wrap(sh, 1, r, x.FileName)
		f.fit(sh, r)
		f.str(sh, 2, r, x.Kind, 0)
		f.str(sh, 3, r, x.Source, 0)
		f.int(sh, 4, r, x.RowsRead, f.st.integer)
		f.int(sh, 5, r, x.RowsLoaded, f.st.integer)
		f.int(sh, 6, r, x.RowsRejected, f.st.integer)
		f.str(sh, 7, r, x.Status, 0)
		f.str(sh, 8, r, x.SHA256, f.st.mono)
	}
	if len(f.in.Batches) == 0 {
		r++
		f.str(sh, 1, r, f.L("none"), 0)
	}

	r += 2
	f.str(sh, 1, r, f.L("f.rejects"), f.st.section)
	r++
	f.headers(sh, 1, r, []string{f.L("f.kind"), f.L("f.column"), f.L("f.rows"), f.L("f.reason")})
	f.try(f.f.MergeCell(sh, cell(4, r), cell(8, r)))
	for _, x := range f.in.Rejects {
		r++
		f.str(sh, 1, r, x.Kind, 0)
		f.str(sh, 2, r, x.Column, 0)
		f.int(sh, 3, r, x.Rows, f.st.integer)
		f.para(sh, r, 4, 8, x.Reason, f.st.wrap)
	}
	if len(f.in.Rejects) == 0 {
		r++
		f.str(sh, 1, r, f.L("none"), 0)
	}

	r += 2
	f.str(sh, 1, r, f.Lf("f.intervals", f.in.Year), f.st.section)
	r++
	f.para(sh, r, 1, 8, f.L("f.intervalsNote"), f.st.note)
	r++
	hr = r
	f.headers(sh, 1, hr, []string{f.L("f.scope"), f.L("f.valueSaved"), f.L("f.ciLowValue"), f.L("f.ciHighValue"), f.L("f.n"), f.L("f.smallN")})
	f.rowHeight(sh, hr, 3)
	for _, x := range f.intervals() {
		r++
		f.wrap(sh, 1, r, f.scope(x.org, x.service))
		f.fit(sh, r)
		f.null(sh, 2, r, x.value, f.st.money)
		f.null(sh, 3, r, x.low, f.st.money)
		f.null(sh, 4, r, x.high, f.st.money)
		if x.n.Valid {
			f.int(sh, 5, r, x.n.Int64, f.st.integer)
			yes := f.L("f.no")
			if x.n.Int64 < 30 {
				yes = f.L("f.yes")
			}
			f.str(sh, 6, r, yes, 0)
		}
	}
	f.strength(sh, r+2)
}

// strength draws the evidence strength from row r on: the level of the
// reported savings by the Summary's rule (docs/method.md), then per
// (org, service) its level (the best of its designs) and each design's
// effect and hours saved over the year with its interval, level and note.
func (f *funder) strength(sh string, r int) {
	f.str(sh, 1, r, f.L("f.strength"), f.st.section)
	r++
	level, stronger, pairs := savingsLevel(f.in.Evaluation)
	text := f.L("f.strengthNone")
	if pairs > 0 {
		text = f.Lf("f.strengthLevel", level, pairs, stronger)
	}
	f.para(sh, r, 1, 8, text, f.st.note)
	if pairs == 0 {
		return
	}
	r++
	hr := r
	f.headers(sh, 1, hr, []string{f.L("f.scope"), f.L("col.design"), f.L("col.effect"), f.L("col.hours"),
		f.L("col.hoursCILow"), f.L("col.hoursCIHigh"), f.L("col.level"), f.L("col.note")})
	f.rowHeight(sh, hr, 3)
	keys, best := pairLevels(f.in.Evaluation)
	for _, k := range keys {
		r++
		scope := f.scope(k[0], k[1])
		f.wrap(sh, 1, r, scope)
		f.str(sh, 2, r, f.L("f.pairLevel"), f.st.label)
		f.int(sh, 7, r, best[k], f.levelStyle())
		f.fit(sh, r)
		for _, x := range f.in.Evaluation {
			if x.Org != k[0] || x.Service != k[1] {
				continue
			}
			r++
			f.wrap(sh, 1, r, scope)
			f.wrap(sh, 2, r, f.designName(x.Design))
			f.null(sh, 3, r, x.Effect, f.st.minutes)
			f.null(sh, 4, r, div60(x.MinutesSaved), f.st.hours)
			f.null(sh, 5, r, div60(x.MinutesSavedCILow), f.st.hours)
			f.null(sh, 6, r, div60(x.MinutesSavedCIHigh), f.st.hours)
			f.int(sh, 7, r, x.EvidenceLevel, f.levelStyle())
			f.wrap(sh, 8, r, f.evalNote(x.Note))
			f.fit(sh, r)
		}
	}
	f.table(sh, "tblFunderStrength", 1, hr, 8, r)
}

// interval is the year's value saved of one (org, service) with its
// 95 % bounds (the sums of the monthly bounds: B at its bound all year).
type interval struct {
	org, service     string
	value, low, high model.Null
	n                model.NullInt
}

func (f *funder) intervals() []interval {
	type os = [2]string
	acc := map[os]*interval{}
	for _, b := range f.in.Benefits {
		k := os{b.Org, b.Service}
		x := acc[k]
		if x == nil {
			x = &interval{org: b.Org, service: b.Service}
			acc[k] = x
		}
		add := func(n *model.Null, v model.Null) {
			if v.Valid {
				*n = model.Some(n.Float64 + v.Float64)
			}
		}
		add(&x.value, b.ValueSaved)
		add(&x.low, b.ValueSavedCILow)
		add(&x.high, b.ValueSavedCIHigh)
		if b.CIN.Valid {
			x.n = b.CIN
		}
	}
	out := make([]interval, 0, len(acc))
	for _, x := range acc {
		out = append(out, *x)
	}
	slices.SortFunc(out, func(a, b interval) int { return cmp.Or(cmp.Compare(a.org, b.org), cmp.Compare(a.service, b.service)) })
	return out
}

// benefitMap draws the benefit map as a table: measure → effect →
// benefit → owner (Prosjektveiviseren's gevinstkart).
func (f *funder) benefitMap(sh string) {
	f.title(sh, "sheet.fMap")
	f.cols(sh, 34, 34, 40, 26, 28)
	const hr = 4
	head := []string{f.L("f.measure"), f.L("f.effect"), f.L("f.benefit"), f.L("f.class"), f.L("f.owner")}
	f.headers(sh, 1, hr, head)
	rows := slices.Clone(f.in.Plan)
	rows = slices.DeleteFunc(rows, func(p model.PlanRow) bool { return p.ID == "" })
	slices.SortStableFunc(rows, func(a, b model.PlanRow) int {
		return cmp.Or(cmp.Compare(a.Measure, b.Measure), cmp.Compare(a.Effect, b.Effect))
	})
	r := hr
	for _, p := range rows {
		r++
		f.wrap(sh, 1, r, p.Measure)
		f.wrap(sh, 2, r, p.Effect)
		f.wrap(sh, 3, r, p.ID+" "+p.Name)
		f.wrap(sh, 4, r, f.L("fclass."+p.Class))
		f.wrap(sh, 5, r, p.Owner)
		f.fit(sh, r)
	}
	if r > hr {
		f.table(sh, "tblFunderMap", 1, hr, len(head), r)
	}
}

// FunderHeadlines returns the funder's report's headline figures, as its
// sheets show them: the year's planned, actual (planned benefits) and
// unplanned values, the amount taken out of budgets, the explanations
// missing, the evidence level of the savings, and per appraisal row its
// economic and budget NPV ("npv:org/service", "cash_npv:org/service").
// The evidence sidecar records them and `gevinst verify` compares them.
func FunderHeadlines(in FunderInput) []Figure {
	var planned, actual, unplanned, takenOut model.Null
	add := func(n *model.Null, v model.Null) {
		if v.Valid {
			*n = model.Some(n.Float64 + v.Float64)
		}
	}
	missing := 0
	for _, p := range in.Plan {
		add(&planned, p.Planned)
		add(&takenOut, p.TakenOut)
		if p.ID == "" {
			add(&unplanned, p.Actual)
		} else {
			add(&actual, p.Actual)
		}
		if p.ExplanationMissing {
			missing++
		}
	}
	level, _, _ := savingsLevel(in.Evaluation)
	out := []Figure{{"planned", planned}, {"actual", actual}, {"unplanned_actual", unplanned}, {"taken_out", takenOut},
		{"missing_explanations", model.Some(float64(missing))}, {"evidence_level", model.Some(float64(level))}}
	for _, r := range in.R109 {
		k := r.Org + "/" + r.Service
		out = append(out, Figure{"npv:" + k, r.NPV}, Figure{"cash_npv:" + k, r.CashNPV})
	}
	return out
}
