package reports

import (
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

func funderInput(lang string) FunderInput {
	s := model.Some
	return FunderInput{Lang: lang, Currency: "NOK", Version: "v-test", Year: 2009,
		GeneratedAt:  time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC),
		ServiceNames: map[string]string{"bh": "Barnehage"}, Threshold: 0.1, ValueOfTime: 250,
		Plan: []model.PlanRow{
			{ID: "G1", Name: "Cash", Class: "budget", Owner: "Owner A", Org: "k", Service: "bh", Year: 2009,
				Measure: "E-form", Effect: "No re-keying", Planned: s(100), Actual: s(110), Deviation: s(10),
				DeviationShare: s(0.1), TakenOut: s(60)},
			{ID: "G2", Name: "Capacity", Class: "capacity", Owner: "Owner B", Service: "bh", Year: 2009,
				Measure: "E-form", Effect: "Complete forms", Planned: s(400), Actual: s(330), Deviation: s(-70),
				DeviationShare: s(-0.175), ExplanationMissing: true},
			{ID: "G3", Name: "Open all hours", Class: "non_priced", Owner: "Owner C", Year: 2009,
				Measure: "E-form", Effect: "Always open", Score: "++", Text: "A third after hours"},
			{Class: "capacity", Org: "k", Service: "t", Year: 2009, Actual: s(500), Unplanned: true},
		},
		Appraisal: FunderAppraisal{Schedule: [][2]float64{{0, 0.04}, {40, 0.03}, {75, 0.02}}, AnalysisYears: 10,
			TaxCost: 0.2, Sensitivity: 0.2, BaseYear: 2009, PriceGrowth: 0.025, RealWageGrowth: 0.015},
		R109: []model.R109Row{{Org: "k", Service: "bh", AnalysisYears: 10, OneOff: 200, BenefitPerYear: s(480),
			CashPerYear: s(120), PVBenefits: s(3893.23), PVCosts: s(200), PVTaxCost: s(-154.66), PVResidual: s(0),
			NPV: s(3847.89), CashNPV: s(773.31), NPVBenefitsLow: s(3000), NPVBenefitsHigh: s(4600),
			NPVCostsLow: s(3900), NPVCostsHigh: s(3800), NPVSavingsCILow: s(3500), NPVSavingsCIHigh: s(4200),
			DigitalShare: s(0.8), BreakEvenDigitalShare: s(0.137)}},
		Benefits: []model.BenefitRow{
			{Org: "k", Service: "bh", Period: "2009-01", ValueSaved: s(40), ValueSavedCILow: s(30), ValueSavedCIHigh: s(50), CIN: model.NullInt{Int64: 12, Valid: true}},
			{Org: "k", Service: "bh", Period: "2009-02", ValueSaved: s(60), ValueSavedCILow: s(45), ValueSavedCIHigh: s(75), CIN: model.NullInt{Int64: 12, Valid: true}},
		},
		Batches: []model.BatchRow{{Kind: "submissions", FileName: "sub.csv", SHA256: "abc123def", RowsRead: 10, RowsLoaded: 9, RowsRejected: 1, Status: "loaded"}},
		Rejects: []model.RejectSummary{{Kind: "submissions", Column: "channel", Reason: "unknown channel", Rows: 1}},
	}
}

func TestWriteFunder(t *testing.T) {
	for _, tc := range []struct {
		lang                      string
		sheets                    []string
		missing, unplanned, count string
	}{
		{"nb", []string{"Plan og resultat", "Samfunnsøkonomisk analyse", "Dokumentasjon", "Gevinstkart"}, "Forklaring mangler", "Ikke planlagt", "Manglende forklaringer: 1"},
		{"en", []string{"Plan vs actual", "Appraisal (R-109)", "Evidence", "Benefit map"}, "Explanation missing", "Unplanned", "Missing explanations: 1"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "funder.xlsx")
			if err := WriteFunder(p, funderInput(tc.lang)); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !slices.Equal(got, tc.sheets) {
				t.Fatalf("sheets %v, want %v", got, tc.sheets)
			}
			plan, appr, ev, bmap := tc.sheets[0], tc.sheets[1], tc.sheets[2], tc.sheets[3]
			// Plan vs actual: G2 is missing its explanation, the last row is unplanned.
			g2 := find(t, f, plan, "G2")
			if g2 == "" {
				t.Fatal("no G2 row")
			}
			row := strings.TrimLeft(g2, "A")
			if got := raw(t, f, plan, "M"+row); got != tc.missing {
				t.Errorf("G2 status %q, want %q", got, tc.missing)
			}
			if got := number(t, f, plan, "H"+row); got != -70 {
				t.Errorf("G2 deviation %v", got)
			}
			if find(t, f, plan, tc.unplanned) == "" || find(t, f, plan, tc.count) == "" {
				t.Errorf("plan lacks %q or %q", tc.unplanned, tc.count)
			}
			g1 := strings.TrimLeft(find(t, f, plan, "G1"), "A")
			if got := number(t, f, plan, "J"+g1); got != 60 {
				t.Errorf("G1 taken out of budget %v, want 60", got)
			}
			if !strings.Contains(numFmt(t, f, plan, "F"+g1), "NOK") {
				t.Errorf("planned value not in money format: %s", numFmt(t, f, plan, "F"+g1))
			}
			// The appraisal: the settings and the NPV row.
			if find(t, f, appr, "4 % (år 0–40), 3 % (år 40–75), 2 % (fra år 75)") == "" &&
				find(t, f, appr, "4 % (years 0–40), 3 % (years 40–75), 2 % (from year 75)") == "" {
				t.Error("appraisal lacks the discount schedule")
			}
			// The real prices the appraisal is in, and the growth rates.
			if find(t, f, appr, "2009-kroner (prisvekst 2.5 % per år)") == "" && find(t, f, appr, "2009 kroner (price growth 2.5 % a year)") == "" {
				t.Error("appraisal lacks the base year and price growth")
			}
			if find(t, f, appr, "1.5 %") == "" {
				t.Error("appraisal lacks the real wage growth")
			}
			if find(t, f, appr, "3847.89") == "" || find(t, f, appr, "-154.66") == "" || find(t, f, appr, "4200") == "" {
				t.Error("appraisal lacks the NPV, the tax-financing cost or the upper-bound NPV")
			}
			if c := find(t, f, appr, "0.137"); c == "" || !strings.Contains(numFmt(t, f, appr, c), "%") {
				t.Errorf("appraisal lacks the break-even share as a percentage (at %q)", c)
			}
			// The evidence: the file's SHA-256, the reject and the year's
			// interval, summed over the months: 100 (75..125), n 12.
			if find(t, f, ev, "abc123def") == "" || find(t, f, ev, "unknown channel") == "" {
				t.Error("evidence lacks the source's SHA-256 or the reject reason")
			}
			iv := find(t, f, ev, "k · Barnehage")
			if iv == "" {
				t.Fatal("evidence lacks the interval row")
			}
			r := strings.TrimLeft(iv, "A")
			if number(t, f, ev, "B"+r) != 100 || number(t, f, ev, "C"+r) != 75 || number(t, f, ev, "D"+r) != 125 || number(t, f, ev, "E"+r) != 12 {
				t.Errorf("interval row %s: %v %v %v %v", r, raw(t, f, ev, "B"+r), raw(t, f, ev, "C"+r), raw(t, f, ev, "D"+r), raw(t, f, ev, "E"+r))
			}
			// The benefit map: planned benefits only, measure → effect → benefit → owner.
			if c := find(t, f, bmap, "G3 Open all hours"); c == "" || raw(t, f, bmap, "E"+strings.TrimLeft(c, "C")) != "Owner C" {
				t.Errorf("benefit map row of G3 at %q", c)
			}
			rows, _ := f.GetRows(bmap)
			if len(rows) != 4+3 {
				t.Errorf("benefit map has %d rows, want heading + 3 benefits", len(rows))
			}
		})
	}
	if err := WriteFunder(filepath.Join(t.TempDir(), "x.xlsx"), funderInput("de")); !errors.Is(err, ErrLanguage) {
		t.Errorf("lang de: %v", err)
	}
}

// TestWriteFunderStrength: the evidence sheet says which level the
// reported savings have by the Summary's rule and shows each pair's level
// and its designs' effects. k·bh: baseline 2, its 3 → pair level 3;
// k·t: baseline only → 2; the savings: the weaker, 2, with 1 of 2 pairs
// at 3 or 4. The its row's 90 minutes saved are 1.5 hours.
func TestWriteFunderStrength(t *testing.T) {
	s := model.Some
	for _, lang := range []string{"nb", "en"} {
		in := funderInput(lang)
		in.ServiceNames["t"] = "Tomt"
		in.Evaluation = []model.EvaluationRow{
			{Org: "k", Service: "bh", Design: "baseline", Effect: s(-5), MinutesSaved: s(600), MinutesSavedCILow: s(300), MinutesSavedCIHigh: s(900), EvidenceLevel: 2},
			{Org: "k", Service: "bh", Design: "its", ChangeMonth: "2009-03", Effect: s(-3), MinutesSaved: s(90), MinutesSavedCILow: s(30), MinutesSavedCIHigh: s(150), EvidenceLevel: 3},
			{Org: "k", Service: "t", Design: "baseline", EvidenceLevel: 2, Note: "no submissions from the change month on in the range"},
		}
		p := filepath.Join(t.TempDir(), "funder.xlsx")
		if err := WriteFunder(p, in); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ev := f.GetSheetList()[2]
		want := map[string]string{"nb": "evidensnivå 2 av 5", "en": "evidence level 2 of 5"}[lang]
		c := findContains(t, f, ev, want)
		if c == "" {
			t.Errorf("%s: no sentence with %q", lang, want)
		} else if v := raw(t, f, ev, c); !strings.Contains(v, " 1 ") || !strings.Contains(v, " 2 ") {
			t.Errorf("%s: sentence %q lacks 2 pairs and 1 stronger", lang, v)
		}
		rows, err := f.GetRows(ev)
		if err != nil {
			t.Fatal(err)
		}
		pair := map[string]string{"nb": "Parets nivå", "en": "Pair's level"}[lang]
		its := map[string]string{"nb": "Avbrutt tidsserie", "en": "Interrupted time series"}[lang]
		got := map[string]string{}
		var itsRow int
		for i, row := range rows {
			if len(row) > 6 && row[1] == pair {
				got[row[0]] = row[6]
			}
			if len(row) > 1 && row[0] == "k · Barnehage" && row[1] == its {
				itsRow = i + 1
			}
		}
		if got["k · Barnehage"] != "3" || got["k · Tomt"] != "2" {
			t.Errorf("%s: pair levels %v, want bh 3 and t 2", lang, got)
		}
		if itsRow == 0 {
			t.Fatalf("%s: no its row", lang)
		}
		r := strconv.Itoa(itsRow)
		if number(t, f, ev, "D"+r) != 1.5 || number(t, f, ev, "E"+r) != 0.5 || number(t, f, ev, "F"+r) != 2.5 || number(t, f, ev, "C"+r) != -3 {
			t.Errorf("%s: its row %s: %v %v %v %v", lang, r, raw(t, f, ev, "C"+r), raw(t, f, ev, "D"+r), raw(t, f, ev, "E"+r), raw(t, f, ev, "F"+r))
		}
		note := map[string]string{"nb": "ingen innsendinger fra endringsmåneden", "en": "no submissions from the change month"}[lang]
		if findContains(t, f, ev, note) == "" {
			t.Errorf("%s: the design's note %q is missing", lang, note)
		}
		f.Close()
	}
	// Without designs the report says level 2 (before and after).
	p := filepath.Join(t.TempDir(), "none.xlsx")
	if err := WriteFunder(p, funderInput("en")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if findContains(t, f, "Evidence", "the savings have evidence level 2 of 5") == "" {
		t.Error("no level sentence without designs")
	}
}

// findContains returns the first cell on sheet whose value contains v, or "".
func findContains(t *testing.T, f *excelize.File, sheet, v string) string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, x := range row {
			if strings.Contains(x, v) {
				return cell(c+1, r+1)
			}
		}
	}
	return ""
}
