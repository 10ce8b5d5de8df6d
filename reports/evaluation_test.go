package reports

import (
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// testEvaluation is Input.Evaluation for testInput's orgs: A/barnehage
// with a level-3 time series and a level-4 DiD, A/byggesak with nothing
// above the baseline's level 2 (too few months), and B/barnehage that
// never changed.
func testEvaluation() []model.EvaluationRow {
	return []model.EvaluationRow{
		{Org: "A", Service: "barnehage", Design: "baseline", ChangeMonth: "2024-03", Effect: model.Some(-12.5), EffectCILow: model.Some(-14), EffectCIHigh: model.Some(-11),
			MinutesSaved: model.Some(1200), MinutesSavedCILow: model.Some(900), MinutesSavedCIHigh: model.Some(1500), PreMonths: 2, PostMonths: 4, EvidenceLevel: 2,
			Note: "before-and-after design (level 2): it credits the change with any trend already under way"},
		{Org: "A", Service: "barnehage", Design: "its", ChangeMonth: "2024-03", Effect: model.Some(-8), EffectCILow: model.Some(-10), EffectCIHigh: model.Some(-6),
			MinutesSaved: model.Some(600), MinutesSavedCILow: model.Some(300), MinutesSavedCIHigh: model.Some(900),
			Placebo: model.Some(0.4), PlaceboCILow: model.Some(-1.5), PlaceboCIHigh: model.Some(2.3), PreMonths: 24, PostMonths: 12, EvidenceLevel: 3,
			Note: "no comparison group (level 4 needs did); Newey–West intervals run narrow on few months"},
		{Org: "A", Service: "barnehage", Design: "did", ChangeMonth: "2024-03", Effect: model.Some(-7.5), EffectCILow: model.Some(-9), EffectCIHigh: model.Some(-6),
			MinutesSaved: model.Some(540), MinutesSavedCILow: model.Some(420), MinutesSavedCIHigh: model.Some(660),
			PreMonths: 24, PostMonths: 12, Comparison: "B", EvidenceLevel: 4, Note: "not randomised (level 4 at most)"},
		{Org: "A", Service: "byggesak", Design: "baseline", ChangeMonth: "2024-02", EvidenceLevel: 2,
			Note: "baseline not computable (not computable: no submissions in baseline window 2023-01..2023-06); before-and-after design (level 2): it credits the change with any trend already under way"},
		{Org: "A", Service: "byggesak", Design: "its", ChangeMonth: "2024-02", PreMonths: 1, PostMonths: 5, EvidenceLevel: 2,
			Note: "needs 12 months with submissions before and 12 from the change month 2024-02 on; has 1 and 5"},
		{Org: "B", Service: "barnehage", Design: "its", EvidenceLevel: 2,
			Note: "no change month: the target channel never had 5 (privacy.min_cell) submissions in a month and changes: names no go-live"},
	}
}

// TestEvaluationSheet reads the Evaluation sheet back: one row per input
// row in order, numbers as numbers (hours = minutes ÷ 60, the change month
// a date), design names and notes in the workbook's language, a table with
// print titles.
func TestEvaluationSheet(t *testing.T) {
	for _, lang := range []string{"nb", "en"} {
		in := testInput(lang)
		in.Evaluation = testEvaluation()
		f, _ := write(t, in)
		sh := labels["sheet.evaluation"].nb
		if lang == "en" {
			sh = labels["sheet.evaluation"].en
		}
		hr := headerRow(t, f, sh, "tblEvaluation")
		its := hr + 2
		if got := raw(t, f, sh, cell(3, its)); got != map[string]string{"nb": "Avbrutt tidsserie", "en": "Interrupted time series"}[lang] {
			t.Errorf("%s: design = %q", lang, got)
		}
		// 2024-03-01 is Excel serial 45352.
		if got := raw(t, f, sh, cell(4, its)); got != "45352" {
			t.Errorf("%s: change month = %q, want the date 45352", lang, got)
		}
		for col, want := range map[int]float64{5: -8, 6: -10, 7: -6, 8: 10, 9: 5, 10: 15, 11: 0.4, 12: -1.5, 13: 2.3, 14: 24, 15: 12, 17: 3} {
			if got := number(t, f, sh, cell(col, its)); math.Abs(got-want) > 1e-9 {
				t.Errorf("%s: %s = %v, want %v", lang, cell(col, its), got, want)
			}
		}
		if got := raw(t, f, sh, cell(16, hr+3)); got != "B" {
			t.Errorf("%s: DiD comparison = %q", lang, got)
		}
		// Nulls stay empty: A/byggesak's time series has no effect.
		if got := raw(t, f, sh, cell(5, hr+5)); got != "" {
			t.Errorf("%s: null effect = %q, want empty", lang, got)
		}
		note := raw(t, f, sh, cell(18, hr+5))
		wantNote := map[string]string{"nb": "trenger 12 måneder med innsendinger før og 12 fra endringsmåneden 2024-02; har 1 og 5",
			"en": "needs 12 months with submissions before and 12 from the change month 2024-02 on; has 1 and 5"}[lang]
		if note != wantNote {
			t.Errorf("%s: note = %q, want %q", lang, note, wantNote)
		}
		if lang == "nb" {
			// Every note of the fixture is translated, the nested ones too.
			for r := hr + 1; r <= hr+6; r++ {
				n := raw(t, f, sh, cell(18, r))
				for _, en := range []string{"before-and-after", "needs", "no comparison", "not computable", "never had", "randomised"} {
					if strings.Contains(n, en) {
						t.Errorf("nb note %s still English: %q", cell(18, r), n)
					}
				}
			}
			if got := raw(t, f, sh, cell(18, hr+4)); !strings.HasPrefix(got, "basis kan ikke beregnes (ikke beregnbar: ingen innsendinger i basisvinduet 2023-01..2023-06); før og etter") {
				t.Errorf("nb nested note = %q", got)
			}
		}
		if got := raw(t, f, sh, cell(1, hr+7)); got != "" {
			t.Errorf("%s: a row after the last: %q", lang, got)
		}
		titles := false
		for _, d := range f.GetDefinedName() {
			if d.Name == "_xlnm.Print_Titles" && d.Scope == sh && strings.HasSuffix(d.RefersTo, "$1:$5") {
				titles = true
			}
		}
		if !titles {
			t.Errorf("%s: no print titles through the header row", lang)
		}
	}
}

// TestHeadlineLevel is the hand case for the Summary's evidence level
// (docs/method.md): each (org, service) has the best level of its designs,
// the savings figures the lowest of these.
func TestHeadlineLevel(t *testing.T) {
	row := func(org, svc, design string, level int64) model.EvaluationRow {
		return model.EvaluationRow{Org: org, Service: svc, Design: design, EvidenceLevel: level}
	}
	for _, tc := range []struct {
		name                   string
		rows                   []model.EvaluationRow
		level, stronger, pairs int
		summaryContains        string
	}{
		{"no rows: the baseline design", nil, 2, 0, 0, "2 of 5 (before and after"},
		{"one pair held at 2", testEvaluation(), 2, 1, 3, "level of the savings figures: 2 of 5 (Maryland scale), the weakest of 3 organisation–service pairs; 1 of them"},
		{"every pair at 3 or more", []model.EvaluationRow{
			row("A", "bh", "baseline", 2), row("A", "bh", "its", 3), row("A", "bh", "did", 2),
			row("B", "bh", "baseline", 2), row("B", "bh", "its", 2), row("B", "bh", "did", 4),
		}, 3, 2, 2, "3 of 5 (Maryland scale), the weakest of 2 organisation–service pairs; 2 of them"},
		{"every pair at 4", []model.EvaluationRow{row("A", "bh", "did", 4), row("A", "bh", "baseline", 2), row("B", "bh", "did", 4)}, 4, 2, 2, "4 of 5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := testInput("en")
			in.Evaluation = tc.rows
			b, err := newBook(in)
			if err != nil {
				t.Fatal(err)
			}
			level, stronger, pairs := b.headlineLevel()
			if level != tc.level || stronger != tc.stronger || pairs != tc.pairs {
				t.Errorf("headlineLevel = %d, %d of %d; want %d, %d of %d", level, stronger, pairs, tc.level, tc.stronger, tc.pairs)
			}
			f, _ := write(t, in)
			rows, _ := f.GetRows("Summary")
			found := false
			for _, r := range rows {
				if len(r) > 0 && strings.Contains(r[0], tc.summaryContains) {
					found = true
				}
			}
			if !found {
				t.Errorf("the Summary does not say %q", tc.summaryContains)
			}
		})
	}
}

// TestMethodExplainsDesigns: the Method sheet explains each design, the
// placebo, the levels and the headline rule, and the working-time columns.
func TestMethodExplainsDesigns(t *testing.T) {
	for _, lang := range []string{"nb", "en"} {
		f, _ := write(t, testInput(lang))
		sh := map[string]string{"nb": "Metode", "en": "Method"}[lang]
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		terms := map[string]string{}
		for _, r := range rows {
			if len(r) > 1 {
				terms[r[0]] = r[1]
			}
		}
		pick := func(k string) string {
			if lang == "en" {
				return labels[k].en
			}
			return labels[k].nb
		}
		for term, key := range map[string]string{
			pick("design.baseline"): "m.designBaseline", pick("design.its"): "m.designITS", pick("design.did"): "m.designDiD",
			pick("col.placebo"): "m.placebo", pick("col.level"): "m.level", pick("m.headlineTerm"): "m.headline",
			"lead_time_median_working_days, lead_time_p90_working_days": "m.lead_working", "touch_time_share": "m.touch_time",
		} {
			if got := terms[term]; got == "" || got != pick(key) {
				t.Errorf("%s: Method explains %q as %q", lang, term, got)
			}
		}
	}
}
