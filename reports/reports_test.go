package reports

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

const injection = `=HYPERLINK("x","y")`

var (
	orgs     = []string{"A", "B"}
	services = []string{"barnehage", "byggesak"}
	months   = []string{"2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"}
)

// testInput is 2 orgs × 2 services × 3 channels × 6 months.
//
// Mix: every (org, service, month) has paper 10, eform 5, integrated 5,
// except B/byggesak/2024-06 with integrated 40 only. By hand:
// submissions = 23×20 + 40 = 500; non-baseline = 23×10 + 40 = 270, so the
// digital share is 270/500 = 0.54 (an average of the 24 monthly shares
// would be 0.5208); target = (23×5 + 40)/500 = 0.31.
//
// Benefits: 2.5 hours and 1000 NOK saved per (org, service, month),
// except B/byggesak/2024-01, which is not computable (null): 23×2.5 = 57.5
// hours, 23 000 NOK.
func testInput(lang string) Input {
	in := Input{
		Lang:           lang,
		GeneratedAt:    time.Date(2024, 7, 2, 9, 30, 0, 0, time.UTC),
		From:           "2024-01",
		To:             "2024-06",
		Currency:       "NOK",
		Channels:       []string{"paper", "eform", "integrated"},
		Baseline:       "paper",
		Target:         "integrated",
		ServiceNames:   map[string]string{"barnehage": "Barnehageplass", "byggesak": "Byggesøknad"},
		HoursPerFTE:    1695,
		MinCell:        5,
		MinSubmissions: 30,
		Version:        "v0.1.0-test",
		QueryVersion:   "sha256:abc123",
		ConfigYAML:     "channels: [paper, eform, integrated]\nprivacy:\n  min_cell: 5\n",
	}
	for _, o := range orgs {
		for _, s := range services {
			for _, m := range months {
				by := map[string]int64{"paper": 10, "eform": 5, "integrated": 5}
				if o == "B" && s == "byggesak" && m == "2024-06" {
					by = map[string]int64{"paper": 0, "eform": 0, "integrated": 40}
				}
				var n int64
				for _, v := range by {
					n += v
				}
				in.Mix = append(in.Mix, model.MixRow{Org: o, Service: s, Period: m, Submissions: n, ByChannel: by})
				br := model.BenefitRow{Org: o, Service: s, Period: m, Submissions: n, ActualMinutes: 100,
					HoursSaved: model.Some(2.5), FTESaved: model.Some(2.5 / 1695), ValueSaved: model.Some(1000)}
				if o == "B" && s == "byggesak" && m == "2024-01" {
					br.HoursSaved, br.FTESaved, br.ValueSaved = model.Null{}, model.Null{}, model.Null{}
				}
				br.BaselineBasis = "paper channel, reporting range (60 submissions)"
				if o == "B" && s == "byggesak" {
					br.BaselineBasis = "not computable: 3 paper submissions in all loaded data"
				}
				in.Benefits = append(in.Benefits, br)
			}
			// Overall: paper 60, eform 30, integrated 30 submissions; B/byggesak
			// eform has only 3 (suppressed).
			for _, ch := range []struct {
				name string
				n    int64
				mps  float64
			}{{"paper", 60, 31}, {"eform", 30, 26}, {"integrated", 30, 18}} {
				n := ch.n
				if o == "B" && s == "byggesak" && ch.name == "eform" {
					n = 3
				}
				in.Overall = append(in.Overall, model.MetricRow{
					Org: o, Service: s, Channel: ch.name, Period: "2024-01..2024-06",
					Submissions: n, Decided: n, StaffMinutes: float64(n) * ch.mps,
					MinutesPerSubmission: model.Some(ch.mps), TimedSubmissions: n, TimedCoverage: model.Some(1),
					MedianCaseMinutes: model.Some(ch.mps), P90CaseMinutes: model.Some(ch.mps * 1.5),
					LeadTimeMedianDays: model.Some(4.5), AfterHoursShare: model.Some(0.25),
					MinutesPerSubmissionCILow: model.Some(ch.mps - 2), MinutesPerSubmissionCIHigh: model.Some(ch.mps + 2),
					CIN: n, CISmallN: n < 30,
				})
				// Activities per submission: paper reception 3 + scanning 2 +
				// rekeying 6 + casework 20; eform rekeying 6 + casework 20;
				// integrated casework 18.
				per := map[string]map[string]float64{
					"paper":      {"reception": 3, "scanning": 2, "rekeying": 6, "casework": 20},
					"eform":      {"rekeying": 6, "casework": 20},
					"integrated": {"casework": 18},
				}[ch.name]
				for act, m := range per {
					in.Activities = append(in.Activities, model.ActivityRow{
						Org: o, Service: s, Channel: ch.name, Period: "2024-01..2024-06",
						Activity: act, Role: "clerk", StaffMinutes: m * float64(n), Employees: 6,
					})
				}
			}
		}
	}
	// Archiving on paper in A/barnehage by 2 employees only: suppressed.
	in.Activities = append(in.Activities, model.ActivityRow{Org: "A", Service: "barnehage", Channel: "paper",
		Period: "2024-01..2024-06", Activity: "archiving", Role: "archive", StaffMinutes: 60, Employees: 2})
	// Unspecified activity.
	in.Activities = append(in.Activities, model.ActivityRow{Org: "A", Service: "byggesak", Channel: "paper",
		Period: "2024-01..2024-06", Activity: "", Role: "", StaffMinutes: 120, Employees: 7})
	// A pooled cell: minutes, no submissions, null ratios.
	in.Overall = append(in.Overall, model.MetricRow{Org: "B", Service: "barnehage", Channel: "paper",
		Period: "2024-01..2024-06", StaffMinutes: 45})

	in.Batches = []model.BatchRow{
		{BatchID: 1, Kind: "submissions", FileName: "innsendinger_2024.csv", SHA256: strings.Repeat("ab", 32),
			RowsRead: 510, RowsLoaded: 500, RowsRejected: 10, Status: "loaded",
			StartedAt: time.Date(2024, 7, 1, 8, 0, 0, 0, time.UTC), FinishedAt: time.Date(2024, 7, 1, 8, 0, 3, 0, time.UTC)},
		{BatchID: 2, Kind: "time", FileName: injection, SHA256: strings.Repeat("cd", 32),
			RowsRead: 100, RowsLoaded: 100, Status: "loaded",
			StartedAt: time.Date(2024, 7, 1, 8, 1, 0, 0, time.UTC), FinishedAt: time.Date(2024, 7, 1, 8, 1, 2, 0, time.UTC)},
	}
	in.Rejects = []model.RejectSummary{{Kind: "submissions", Column: "received_at", Reason: "not a date (expected DD.MM.YYYY)", Rows: 10}}
	in.RejectSamples = []model.RejectRow{
		{BatchID: 1, FileName: "innsendinger_2024.csv", Line: 17, Column: "received_at", Value: "31.13.2008", Reason: "received_at '31.13.2008' is not a date (expected DD.MM.YYYY)"},
		{BatchID: 1, FileName: "innsendinger_2024.csv", Line: 18, Column: "service", Value: injection, Reason: injection},
	}
	// The benefits model. Register: A/barnehage green, B/barnehage amber,
	// A/byggesak red (worst for byggesak: red).
	in.Register = []model.RegisterRow{
		{Org: "A", Service: "barnehage", Indicator: "target_share", Class: "citizen", Owner: "Kommunalsjef", DataSource: "platform",
			BaselineValue: 0, BaselineDate: "2024-01-01", TargetValue: 0.5, TargetDate: "2024-12-31", AsOf: "2024-06-30",
			Actual: model.Some(0.3), Trajectory: 0.25, Achievement: model.Some(1.2), RAG: "green"},
		{Org: "B", Service: "barnehage", Indicator: "target_share", Class: "citizen", Owner: "Kommunalsjef", DataSource: "platform",
			BaselineValue: 0, BaselineDate: "2024-01-01", TargetValue: 0.5, TargetDate: "2024-12-31", AsOf: "2024-06-30",
			Actual: model.Some(0.24), Trajectory: 0.25, Achievement: model.Some(0.96), RAG: "amber"},
		{Org: "A", Service: "byggesak", Indicator: "value_saved_12m", Class: "cash_releasing", Owner: injection, DataSource: "time",
			BaselineValue: 0, BaselineDate: "2024-01-01", TargetValue: 20000, TargetDate: "2024-12-31", AsOf: "2024-06-30",
			Actual: model.Some(6000), Trajectory: 10000, Achievement: model.Some(0.6), RAG: "red"},
	}
	// Change: A and B, each with its services, A's organisation-wide
	// costs and the organisations' totals (the costs of the parts sum to
	// the totals: one-offs 10 000 + 12 500). Net benefit to date over the
	// two orgs = 4000 + (−1500) = 2500; cash net per year 3600 + 1000.
	in.Change = []model.ChangeRow{
		{Org: "A", Service: "barnehage", OneOffCost: 10000, BenefitRunRate: model.Some(12000), RunRateMonths: 6,
			NetAnnualBenefit: model.Some(12000), ValueSavedToDate: model.Some(6000), NetBenefitToDate: model.Some(-4000),
			NPV: model.Some(87330), HorizonYears: 10, DiscountRate: 0.04,
			CashRunRate: model.Some(0), CashNetAnnualBenefit: model.Some(0), CashSavedToDate: model.Some(0),
			CashNetBenefitToDate: model.Some(-10000), CashNPV: model.Some(-10000)},
		{Org: "A", Service: "", RunningCostPerYear: 1200, BenefitRunRate: model.Some(0), RunRateMonths: 6,
			NetAnnualBenefit: model.Some(-1200), ValueSavedToDate: model.Some(0), NetBenefitToDate: model.Some(-600),
			NPV: model.Some(-9733), HorizonYears: 10, DiscountRate: 0.04,
			CashRunRate: model.Some(0), CashNetAnnualBenefit: model.Some(-1200), CashSavedToDate: model.Some(0),
			CashNetBenefitToDate: model.Some(-600), CashNPV: model.Some(-9733)},
		{Org: "A", Service: "*", OneOffCost: 10000, RunningCostPerYear: 1200, BenefitRunRate: model.Some(24000),
			RunRateMonths: 6, NetAnnualBenefit: model.Some(22800), ValueSavedToDate: model.Some(12000),
			NetBenefitToDate: model.Some(4000), PaybackMonth: "2024-05", NPV: model.Some(174930.5), HorizonYears: 10, DiscountRate: 0.04,
			CashRunRate: model.Some(4800), CashNetAnnualBenefit: model.Some(3600), CashSavedToDate: model.Some(2400),
			CashNetBenefitToDate: model.Some(-8200), CashPaybackMonth: "2026-11", CashNPV: model.Some(19198)},
		{Org: "B", Service: "byggesak", OneOffCost: 12500, BenefitRunRate: model.Some(22000), RunRateMonths: 6,
			NetAnnualBenefit: model.Some(22000), ValueSavedToDate: model.Some(11000), NetBenefitToDate: model.Some(-1500),
			NPV: model.Some(165936), HorizonYears: 10, DiscountRate: 0.04,
			CashRunRate: model.Some(1000), CashNetAnnualBenefit: model.Some(1000), CashSavedToDate: model.Some(500),
			CashNetBenefitToDate: model.Some(-12000), CashNPV: model.Some(-4389)},
		{Org: "B", Service: "*", OneOffCost: 12500, BenefitRunRate: model.Some(22000), RunRateMonths: 6,
			NetAnnualBenefit: model.Some(22000), ValueSavedToDate: model.Some(11000), NetBenefitToDate: model.Some(-1500),
			NPV: model.Some(165936), HorizonYears: 10, DiscountRate: 0.04,
			CashRunRate: model.Some(1000), CashNetAnnualBenefit: model.Some(1000), CashSavedToDate: model.Some(500),
			CashNetBenefitToDate: model.Some(-12000), CashNPV: model.Some(-4389)},
	}
	in.Risk = []model.RiskRow{
		{Date: "2024-01-15", Scope: "A", Scores: [7]int64{7, 9, 9, 2, 5, 3, 5}, Total: 40, Band: "may fail", Assessor: "PMO", Note: injection},
		{Date: "2024-06-15", Scope: "A", Scores: [7]int64{4, 5, 6, 2, 3, 3, 4}, Total: 27, Band: "may succeed",
			ChangeFromPrevious: model.NullInt{Int64: -13, Valid: true}, Assessor: "PMO"},
	}
	for _, o := range orgs {
		for _, s := range append(append([]string(nil), services...), "*") {
			n := int64(240)
			if s == "*" {
				n = 480
			}
			in.Compare = append(in.Compare, model.CompareRow{Org: o, Service: s, Submissions: n,
				DigitalShare: model.Some(0.5), TargetShare: model.Some(0.25),
				MinutesPerSubmission: map[string]model.Null{"paper": model.Some(31), "eform": model.Some(26), "integrated": model.Some(18)},
				HoursSaved:           model.Some(30), HoursSavedPer1000: model.Some(30000.0 / float64(n))})
		}
	}
	in.Assumptions = Assumptions{
		HourlyRates: map[string]float64{"clerk": 560}, ChannelUnitCosts: map[string]float64{"paper": 12},
		BaselineWindows: map[string]string{"barnehage": "2024-01..2024-02"}, CashShares: map[string]float64{"byggesak": 0.2},
		DiscountRate: 0.04, HorizonYears: 10,
		CostItems: []CostItem{{Name: injection, Org: "A", Service: "barnehage", Kind: "one_off", Date: "2024-01-01", Amount: 10000}},
		Bands:     []Band{{14, "likely success"}, {28, "may succeed"}, {42, "may fail"}, {56, "likely failure"}, {70, "very likely failure"}},
	}
	in.Quality = model.Quality{TotalMinutes: 10000, CaseLinkedMinutes: 8000, PooledMinutes: 1500, UnattributedMinutes: 500,
		UnattributedRows: 12, OrphanRows: 4, OrphanMinutes: 90, Submissions: 500, TimedSubmissions: 400, SharedCaseIDs: 2}
	return in
}

// write writes in to a temporary file and reopens it.
func write(t *testing.T, in Input) (*excelize.File, string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "dashboard.xlsx")
	if err := Write(p, in); err != nil {
		t.Fatalf("Write: %v", err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatalf("open %s: %v", p, err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f, p
}

func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

func number(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	v := raw(t, f, sheet, cell)
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, want a number", sheet, cell, v)
	}
	return x
}

func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return "builtin:" + strconv.Itoa(st.NumFmt)
}

// find returns the first cell on sheet whose value is v, or "".
func find(t *testing.T, f *excelize.File, sheet, v string) string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, x := range row {
			if x == v {
				return cell(c+1, r+1)
			}
		}
	}
	return ""
}

func TestSheetNamesAndOrder(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"nb", []string{"Oversikt", "Kanaler", "Behandlingstid", "Gevinster", "Evaluering", "Tjenester", "Organisasjoner", "Risiko", "Datakvalitet", "Metode"}},
		{"en", []string{"Summary", "Channels", "Handling time", "Savings", "Evaluation", "Services", "Organisations", "Risk", "Data quality", "Method"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			f, _ := write(t, testInput(tc.lang))
			if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("sheets = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSummaryKPIsFromSums(t *testing.T) {
	f, _ := write(t, testInput("en"))
	const sh = "Summary"
	for _, tc := range []struct {
		cell, fmt string
		want      float64
	}{
		{"B5", "#,##0", 500},
		{"C5", "0.0%", 0.54}, // 270/500, not the average of shares
		{"D5", "0.0%", 0.31}, // 155/500
		{"E5", "#,##0", 57.5},
		{"F5", "#,##0.00", 57.5 / 1695},
		{"G5", "#,##0", 23000},
	} {
		if got := number(t, f, sh, tc.cell); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", tc.cell, got, tc.want)
		}
		if got := numFmt(t, f, sh, tc.cell); got != tc.fmt {
			t.Errorf("%s format = %q, want %q", tc.cell, got, tc.fmt)
		}
	}
	if got := raw(t, f, sh, "B4"); got != "Submissions" {
		t.Errorf("B4 = %q, want the tile label", got)
	}
	// Per-service table: Byggesøknad has 240 + 20... B/byggesak June: 40.
	c := find(t, f, sh, "Byggesøknad")
	if c == "" {
		t.Fatal("service row Byggesøknad not found")
	}
	_, r, _ := excelize.CellNameToCoordinates(c)
	// byggesak: 11 cells of 20 + 40 = 260; digital = (11×10+40)/260.
	if got := number(t, f, sh, cell(2, r)); got != 260 {
		t.Errorf("byggesak submissions = %v, want 260", got)
	}
	if got := number(t, f, sh, cell(3, r)); math.Abs(got-150.0/260) > 1e-9 {
		t.Errorf("byggesak digital share = %v, want %v", got, 150.0/260)
	}
}

func TestNullIsEmptyOrDash(t *testing.T) {
	in := testInput("nb")
	for i := range in.Benefits {
		in.Benefits[i].ValueSaved = model.Null{}
	}
	f, _ := write(t, in)
	// No dash in a numeric cell (issue 19): the tile is empty, and the
	// note beneath the tiles says what an empty cell means.
	if got := raw(t, f, "Oversikt", "G5"); got != "" {
		t.Errorf("value tile = %q, want empty when every value is null", got)
	}
	if c := find(t, f, "Oversikt", labels["summary.note"].nb); c == "" || !strings.Contains(labels["summary.note"].nb, "tomt felt") {
		t.Errorf("the Summary note on empty cells is missing (%q)", c)
	}
	// The pooled row (B / barnehage / paper, 0 submissions) has null
	// minutes per submission: an empty cell, never 0.
	sh := "Behandlingstid"
	rows, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
	found := false
	for i, row := range rows {
		if len(row) > 4 && row[0] == "B" && row[1] == "Barnehageplass" && row[2] == "Papir" && row[3] == "0" {
			found = true
			if got := raw(t, f, sh, cell(6, i+1)); got != "" {
				t.Errorf("pooled row minutes per submission = %q, want empty", got)
			}
		}
	}
	if !found {
		t.Fatal("pooled row not found")
	}
}

func TestChannelsTable(t *testing.T) {
	f, _ := write(t, testInput("en"))
	const sh = "Channels"
	want := []string{"Month", "Paper", "E-form", "Integrated e-form", "Total", "Digital share", "Target-channel share"}
	for i, w := range want {
		if got := raw(t, f, sh, cell(i+1, 4)); got != w {
			t.Errorf("header %d = %q, want %q", i+1, got, w)
		}
	}
	// June: 3 cells of (10, 5, 5) + B/byggesak (0, 0, 40).
	if got := raw(t, f, sh, "A10"); got != "2024-06" {
		t.Fatalf("A10 = %q, want 2024-06", got)
	}
	for c, w := range map[string]float64{"B10": 30, "C10": 15, "D10": 55, "E10": 100, "F10": 0.7, "G10": 0.55} {
		if got := number(t, f, sh, c); math.Abs(got-w) > 1e-9 {
			t.Errorf("%s = %v, want %v", c, got, w)
		}
	}
	if got := numFmt(t, f, sh, "F10"); got != "0.0%" {
		t.Errorf("share format = %q", got)
	}
	if got := numFmt(t, f, sh, "B10"); got != "#,##0" {
		t.Errorf("count format = %q", got)
	}
}

func TestTables(t *testing.T) {
	f, _ := write(t, testInput("nb"))
	want := map[string][]string{
		"Kanaler":        {"tblChannels"},
		"Behandlingstid": {"tblHandling"},
		"Datakvalitet":   {"tblBatches", "tblRejects", "tblRejectSamples", "tblBaselines", "tblPreDigital", "tblSuppressed"},
	}
	// The data-quality sheet notes the baseline that is not computable.
	rows, err := f.GetRows("Datakvalitet")
	if err != nil {
		t.Fatal(err)
	}
	noted := false
	for _, row := range rows {
		if len(row) >= 3 && row[0] == "B" && row[1] == "Byggesøknad" && strings.HasPrefix(row[2], "not computable") {
			noted = true
		}
	}
	if !noted {
		t.Error("data quality does not note that B/byggesak's baseline is not computable")
	}
	for sh, names := range want {
		tables, err := f.GetTables(sh)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tb := range tables {
			got = append(got, tb.Name)
		}
		if strings.Join(got, ",") != strings.Join(names, ",") {
			t.Errorf("%s tables = %v, want %v", sh, got, names)
		}
	}
}

func TestHandlingFormatsAndRoad(t *testing.T) {
	f, _ := write(t, testInput("en"))
	const sh = "Handling time"
	// Row 4 warns that no service has a measured before (every basis is
	// the paper channel over the range); first row: A / Barnehageplass / Paper.
	if got := raw(t, f, sh, "A4"); !strings.HasPrefix(got, "Warning – no measured \"before\"") || !strings.Contains(got, "A / Barnehageplass, A / Byggesøknad, B / Barnehageplass") {
		t.Errorf("A4 = %q, want the warning naming the services", got)
	}
	if got := raw(t, f, sh, "C6"); got != "Paper" {
		t.Fatalf("C6 = %q, want Paper", got)
	}
	for c, w := range map[string]string{"D6": "#,##0", "E6": "#,##0.0", "F6": "#,##0.0", "H6": "0.0%", "K6": "0.0", "L6": "0.0%"} {
		if got := numFmt(t, f, sh, c); got != w {
			t.Errorf("%s format = %q, want %q", c, got, w)
		}
	}
	// Road table for Barnehageplass: paper re-keying = (60×6 + 60×6) / 120.
	start := find(t, f, sh, "The road to a simpler everyday")
	if start == "" {
		t.Fatal("road section not found")
	}
	rows, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
	_, sr, _ := excelize.CellNameToCoordinates(start)
	var svc string
	checked := 0
	for _, row := range rows[sr:] {
		if len(row) == 0 {
			continue
		}
		if row[0] == "Barnehageplass" || row[0] == "Byggesøknad" {
			svc = row[0]
			continue
		}
		if svc == "Barnehageplass" && row[0] == "Re-keying" {
			if len(row) < 4 || row[1] != "6" || row[2] != "6" || row[3] != "0" {
				t.Errorf("re-keying row = %q, want 6, 6, 0 (gone for integrated)", row)
			}
			checked++
		}
		if svc == "Byggesøknad" && row[0] == "(unspecified)" {
			// 120 minutes over 120 paper submissions.
			if row[1] != "1" {
				t.Errorf("unspecified paper = %q, want 1", row[1])
			}
			checked++
		}
	}
	if checked != 2 {
		t.Errorf("checked %d road rows, want 2", checked)
	}
}

func TestFormulaInjectionStaysText(t *testing.T) {
	in := testInput("en")
	in.Overall[0].Org = injection
	in.ServiceNames["barnehage"] = injection
	in.Change[2].Org = injection
	for i := range in.Compare {
		if in.Compare[i].Org == "B" {
			in.Compare[i].Org = injection
		}
	}
	f, _ := write(t, in)
	for _, sh := range []string{"Handling time", "Data quality", "Summary", "Savings", "Services", "Organisations", "Risk"} {
		c := find(t, f, sh, injection)
		if c == "" {
			t.Errorf("%s: text %s not found as a value", sh, injection)
			continue
		}
		if fm, _ := f.GetCellFormula(sh, c); fm != "" {
			t.Errorf("%s!%s has formula %q, want text", sh, c, fm)
		}
		if typ, _ := f.GetCellType(sh, c); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s!%s type = %v, want a string", sh, c, typ)
		}
	}
}

func TestSmallCellSuppression(t *testing.T) {
	f, _ := write(t, testInput("nb"))
	const sh = "Behandlingstid"
	rows, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
	var cells []string
	for i, row := range rows {
		if len(row) > 5 && row[0] == "B" && row[1] == "Byggesøknad" && row[2] == "E-skjema" {
			// Issue 19: a count of 3 submissions discloses as much as a
			// ratio over them; every figure of the row is hidden.
			for c := 4; c <= 15; c++ {
				if got := raw(t, f, sh, cell(c, i+1)); got != "<5" {
					t.Errorf("%s = %q, want <5", cell(c, i+1), got)
				}
			}
			cells = append(cells, cell(4, i+1)+":"+cell(15, i+1))
		}
	}
	if len(cells) != 1 {
		t.Fatalf("found %d suppressed handling rows, want 1", len(cells))
	}
	// The road table hides paper archiving in Barnehageplass (2 employees).
	road := ""
	for i, row := range rows {
		if len(row) > 1 && row[0] == "Arkivering" {
			if row[1] != "<5" {
				t.Errorf("archiving paper = %q, want <5", row[1])
			}
			road = cell(2, i+1)
		}
	}
	if road == "" {
		t.Fatal("archiving row not found")
	}
	// Data quality lists both.
	q, _ := f.GetRows("Datakvalitet", excelize.Options{RawCellValue: true})
	listed := map[string]bool{}
	for _, row := range q {
		if len(row) >= 4 && row[0] == sh {
			listed[row[1]] = true
			if row[3] == "" || strings.Contains(row[3], "3") {
				t.Errorf("suppression %v has no reason, or gives the small count", row)
			}
		}
	}
	for _, c := range append(cells, road) {
		if !listed[c] {
			t.Errorf("suppressed cell %s not listed on Datakvalitet (listed %v)", c, listed)
		}
	}
}

func TestCharts(t *testing.T) {
	_, p := write(t, testInput("en"))
	got := chartsPerSheet(t, p)
	want := map[string]int{"Summary": 2, "Channels": 2, "Handling time": 2, "Savings": 0, "Services": 0,
		"Organisations": 2, "Risk": 1, "Data quality": 0, "Method": 0}
	for sh, n := range want {
		if len(got[sh]) != n {
			t.Errorf("%s has %d charts, want %d", sh, len(got[sh]), n)
		}
	}
	// Every chart has a title, axis titles, a legend and series that
	// reference cells.
	for sh, charts := range got {
		for _, c := range charts {
			for _, must := range []string{"<title>", "<legend>", "<valAx>", "<f>"} {
				if !strings.Contains(c, must) {
					t.Errorf("%s: chart lacks %s", sh, must)
				}
			}
			if n := strings.Count(c, "<title>"); n < 3 {
				t.Errorf("%s: chart has %d titles, want chart + 2 axes", sh, n)
			}
		}
	}
	road := strings.Join(got["Handling time"], "")
	if !strings.Contains(road, "Barnehageplass: minutes per submission by activity") {
		t.Error("road chart for Barnehageplass not found")
	}
	if !strings.Contains(road, "<grouping val=\"stacked\"") {
		t.Error("road chart is not stacked")
	}
}

// chartsPerSheet unzips the workbook and returns each sheet's chart XML,
// following workbook → sheet → drawing → chart relationships.
func chartsPerSheet(t *testing.T, p string) map[string][]string {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
	}
	type rel struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
		Type   string `xml:"Type,attr"`
	}
	rels := func(name string) []rel {
		var x struct {
			Rels []rel `xml:"Relationship"`
		}
		if s, ok := files[name]; ok {
			if err := xml.Unmarshal([]byte(s), &x); err != nil {
				t.Fatal(err)
			}
		}
		return x.Rels
	}
	resolve := func(base, target string) string {
		if strings.HasPrefix(target, "/") {
			return strings.TrimPrefix(target, "/")
		}
		return path.Clean(path.Join(path.Dir(base), target))
	}
	relsOf := func(part string) string { return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels") }
	wbRels := map[string]string{}
	for _, r := range rels("xl/_rels/workbook.xml.rels") {
		wbRels[r.ID] = resolve("xl/workbook.xml", r.Target)
	}
	sheetRe := regexp.MustCompile(`<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"`)
	out := map[string][]string{}
	for _, m := range sheetRe.FindAllStringSubmatch(files["xl/workbook.xml"], -1) {
		name, part := m[1], wbRels[m[2]]
		out[name] = nil
		for _, r := range rels(relsOf(part)) {
			if !strings.HasSuffix(r.Type, "/drawing") {
				continue
			}
			drawing := resolve(part, r.Target)
			for _, dr := range rels(relsOf(drawing)) {
				if strings.HasSuffix(dr.Type, "/chart") {
					out[name] = append(out[name], files[resolve(drawing, dr.Target)])
				}
			}
		}
	}
	return out
}

func TestPrintSetup(t *testing.T) {
	f, _ := write(t, testInput("nb"))
	for _, sh := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sh)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
			t.Errorf("%s: page layout not landscape fit-to-width", sh)
		}
		hf, err := f.GetHeaderFooter(sh)
		if err != nil {
			t.Fatal(err)
		}
		// 09:30 UTC is 11:30 in Europe/Oslo (summer time), the zone printed.
		if !strings.Contains(hf.OddFooter, "2024-07-02 11:30") || !strings.Contains(hf.OddHeader, "2024-01 – 2024-06") {
			t.Errorf("%s: header/footer %q / %q lacks range or generation time", sh, hf.OddHeader, hf.OddFooter)
		}
	}
	panes, err := f.GetPanes("Kanaler")
	if err != nil || !panes.Freeze || panes.YSplit != 4 {
		t.Errorf("Kanaler panes = %+v, %v; want header frozen", panes, err)
	}
}

func TestBatchTimes(t *testing.T) {
	f, _ := write(t, testInput("en"))
	c := find(t, f, "Data quality", injection)
	_, r, _ := excelize.CellNameToCoordinates(c)
	got, err := f.GetCellValue("Data quality", cell(9, r))
	if err != nil || got != "2024-07-01 08:01:00" {
		t.Errorf("started = %q, %v; want 2024-07-01 08:01:00", got, err)
	}
	if got := numFmt(t, f, "Data quality", cell(9, r)); got != "yyyy-mm-dd hh:mm:ss" {
		t.Errorf("started format = %q", got)
	}
}

func TestMethodSheet(t *testing.T) {
	f, _ := write(t, testInput("en"))
	for _, want := range []string{"Rule 4", "minutes_per_submission", "after_hours_share", "potential_minutes",
		"Quantile rule", "Baseline rule", "sha256:abc123", "v0.1.0-test", "min_cell: 5"} {
		if find(t, f, "Method", want) == "" {
			t.Errorf("Method sheet lacks %q", want)
		}
	}
}

// The Method sheet of issue 19: the baseline rule without format debris,
// the config as a table with its real keys, both digests, the
// assumptions file and the generation time in Europe/Oslo (09:30 UTC in
// July is 11:30 CEST), on at most three printed pages.
func TestMethodConfigTable(t *testing.T) {
	in := testInput("en")
	in.ConfigYAML = "org: halden\nchannels:\n  list: [paper, eform]\n  baseline: paper\n" +
		"services:\n  barnehage:\n    name: Barnehage\n    baseline_window: {from: 2006-01, to: 2006-08}\n    cash_share: 0\n" +
		"change_costs:\n  horizon_years: 10\n  items:\n    - {name: Platform, kind: one_off, amount: 400000}\n    - {name: Licence, kind: running, amount: 80000}\n" +
		"itposmo:\n  bands:\n    - {max: 14, label: likely success}\n    - {max: 70, label: very likely failure}\n" +
		"report:\n  lang: \"\"\n"
	in.ConfigSHA256 = strings.Repeat("1f", 32)
	in.AssumptionsSHA256 = strings.Repeat("2e", 32)
	in.AssumptionsFile = "assumptions.xlsx"
	f, _ := write(t, in)
	rows, err := f.GetRows("Method")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range rows {
		if len(row) >= 2 {
			got[row[0]] = row[1]
		}
		for _, v := range row {
			if strings.Contains(v, "%!") {
				t.Errorf("Method shows format debris: %q", v)
			}
		}
	}
	for k, want := range map[string]string{
		"org":                    "halden",
		"channels":               "list: [paper, eform]; baseline: paper",
		"services.barnehage":     "name: Barnehage; baseline_window: {from: 2006-01, to: 2006-08}; cash_share: 0",
		"change_costs":           "horizon_years: 10",
		"change_costs.items[1]":  "name: Platform; kind: one_off; amount: 400000",
		"change_costs.items[2]":  "name: Licence; kind: running; amount: 80000",
		"itposmo.bands":          "{max: 14, label: likely success}, {max: 70, label: very likely failure}",
		"SHA-256, configuration": in.ConfigSHA256,
		"SHA-256, assumptions":   in.AssumptionsSHA256,
		"Assumptions file":       "assumptions.xlsx",
		"Generated":              "2024-07-02 11:30:00 CEST (+02:00), Europe/Oslo",
	} {
		if got[k] != want {
			t.Errorf("Method row %q = %q, want %q", k, got[k], want)
		}
	}
	if _, ok := got["report"]; ok {
		t.Errorf("an empty section is listed: report = %q", got["report"])
	}
	if c := find(t, f, "Method", "Baseline rule"); c != "" {
		_, r, _ := excelize.CellNameToCoordinates(c)
		if v, _ := f.GetCellValue("Method", cell(2, r)); !strings.Contains(v, "at least 30 submissions") {
			t.Errorf("baseline rule = %q, want the minimum 30 once", v)
		}
	}
	lay, err := f.GetPageLayout("Method")
	if err != nil {
		t.Fatal(err)
	}
	if lay.FitToHeight == nil || *lay.FitToHeight != 3 || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
		t.Errorf("Method page layout fits %v wide × %v high, want 1 × 3", lay.FitToWidth, lay.FitToHeight)
	}
}

func TestLabelsComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[sd]`)
	for k, l := range labels {
		if strings.TrimSpace(l.nb) == "" || strings.TrimSpace(l.en) == "" {
			t.Errorf("label %q lacks a language: %+v", k, l)
		}
		if a, b := verbs.FindAllString(l.nb, -1), verbs.FindAllString(l.en, -1); strings.Join(a, "") != strings.Join(b, "") {
			t.Errorf("label %q: nb has %v, en has %v", k, a, b)
		}
	}
	for _, k := range []string{"sheet.summary", "sheet.channels", "sheet.handling", "sheet.savings", "sheet.services",
		"sheet.orgs", "sheet.risk", "sheet.quality", "sheet.method"} {
		for _, s := range []string{labels[k].nb, labels[k].en} {
			if len([]rune(s)) > 31 || strings.ContainsAny(s, `[]:*?/\`) {
				t.Errorf("sheet name %q is not valid in Excel", s)
			}
		}
	}
}

func TestWriteErrors(t *testing.T) {
	in := testInput("de")
	err := Write(filepath.Join(t.TempDir(), "x.xlsx"), in)
	if !errors.Is(err, ErrLanguage) || !errors.Is(err, ErrReport) {
		t.Errorf("Write(lang de) = %v, want ErrLanguage", err)
	}
	err = Write(filepath.Join(t.TempDir(), "missing-dir", "x.xlsx"), testInput("nb"))
	if err == nil || !errors.Is(err, ErrReport) {
		t.Errorf("Write to a missing directory = %v, want an ErrReport", err)
	}
}

func TestRejectSamplesCapped(t *testing.T) {
	in := testInput("en")
	in.RejectSamples = nil
	for i := range 60 {
		in.RejectSamples = append(in.RejectSamples, model.RejectRow{FileName: "f.csv", Line: int64(i + 1), Column: "minutes", Value: "x", Reason: "sample reason"})
	}
	f, _ := write(t, in)
	rows, _ := f.GetRows("Data quality", excelize.Options{RawCellValue: true})
	n := 0
	for _, row := range rows {
		if len(row) > 2 && row[2] == "sample reason" {
			n++
		}
	}
	if n != maxRejectSamples {
		t.Errorf("listed %d samples, want %d", n, maxRejectSamples)
	}
}

func TestEmptyInput(t *testing.T) {
	f, _ := write(t, Input{Lang: "en", From: "2024-01", To: "2024-03", Channels: []string{"paper"}, Baseline: "paper", Target: "paper", MinCell: 5})
	if got := raw(t, f, "Summary", "C5"); got != "" {
		t.Errorf("digital share with no data = %q, want an empty cell", got)
	}
}

func TestSavingsSheet(t *testing.T) {
	in := testInput("en")
	// One month saves hours but costs money (a costlier channel).
	for i, x := range in.Benefits {
		if x.Org == "B" && x.Service == "barnehage" && x.Period == "2024-04" {
			in.Benefits[i].ValueSaved = model.Some(-200)
		}
	}
	// One month with 3 submissions: its figures are hidden and listed.
	for i, x := range in.Benefits {
		if x.Org == "A" && x.Service == "barnehage" && x.Period == "2024-03" {
			in.Benefits[i].Submissions = 3
		}
	}
	f, _ := write(t, in)
	const sh = "Savings"
	tables, err := f.GetTables(sh)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tb := range tables {
		names = append(names, tb.Name)
	}
	if strings.Join(names, ",") != "tblAppraisal,tblAppraisalTotal,tblSavingsByService,tblSavingsByYear,tblChannelCosts,tblSavingsMonthly" {
		t.Errorf("tables = %v", names)
	}
	// The two appraisals side by side, each named over its columns.
	for _, want := range []string{"Economic appraisal (all value)", "Cash appraisal (cash-releasing only)", "Organisation-wide costs"} {
		if find(t, f, sh, want) == "" {
			t.Errorf("%q not on the sheet", want)
		}
	}
	// Appraisal: A's total row, in the totals table.
	c := find(t, f, sh, "Organisation total")
	if c == "" {
		t.Fatal("appraisal organisation total row not found")
	}
	_, r, _ := excelize.CellNameToCoordinates(c)
	if got := raw(t, f, sh, cell(1, r)); got != "A" {
		t.Errorf("first total row is %q, want A", got)
	}
	for col, want := range map[int]float64{10: 174930.5, 13: 3600, 14: -8200, 16: 19198} {
		if got := number(t, f, sh, cell(col, r)); got != want {
			t.Errorf("%s = %v, want %v", cell(col, r), got, want)
		}
	}
	if got := numFmt(t, f, sh, cell(10, r)); got != "#,##0" {
		t.Errorf("NPV format = %q", got)
	}
	// Payback months are dates shown as yyyy-mm.
	for col, want := range map[int]string{9: "2024-05", 15: "2026-11"} {
		if got, _ := f.GetCellValue(sh, cell(col, r)); got != want {
			t.Errorf("payback %s = %q, want %s", cell(col, r), got, want)
		}
		if got := numFmt(t, f, sh, cell(col, r)); got != "yyyy-mm" {
			t.Errorf("payback %s format %q", cell(col, r), got)
		}
	}
	// Each cost once: the one-offs of the parts table sum to those of the
	// totals table (10 000 + 12 500), and no total row is among the parts.
	sum := func(table string) (total float64, labels []string) {
		for _, tb := range tables {
			if tb.Name != table {
				continue
			}
			c1, c2, _ := strings.Cut(tb.Range, ":")
			_, r1, _ := excelize.CellNameToCoordinates(c1)
			_, r2, _ := excelize.CellNameToCoordinates(c2)
			for row := r1 + 1; row <= r2; row++ {
				total += number(t, f, sh, cell(3, row))
				labels = append(labels, raw(t, f, sh, cell(2, row)))
			}
		}
		return total, labels
	}
	parts, partLabels := sum("tblAppraisal")
	totals, _ := sum("tblAppraisalTotal")
	if parts != 22500 || totals != 22500 {
		t.Errorf("one-offs: parts %v, totals %v, want 22 500 each", parts, totals)
	}
	for _, l := range partLabels {
		if l == "Organisation total" {
			t.Errorf("a total row among the parts: %v", partLabels)
		}
	}
	// The sign note, once, with the count.
	if find(t, f, sh, "In one month hours saved and value saved have opposite signs. This is not an error: hours count minutes only, while value also counts the roles' hourly rates and the channels' unit costs (postage, platform fees). More cases in a costly channel or with a costlier role can save hours and still cost more, and the other way round.") == "" {
		t.Error("no note on opposite signs")
	}
	// By service: a SUM row under the table. Hours saved: 23 × 2.5 = 57.5,
	// value 23 000 (the suppressed month is text in the monthly table
	// only; the range totals of A/barnehage have 117 submissions).
	c = find(t, f, sh, "Total")
	if c == "" {
		t.Fatal("totals row not found")
	}
	_, r, _ = excelize.CellNameToCoordinates(c)
	for col, want := range map[int]float64{12: 57.5, 18: 23000 - 1200} {
		fm, _ := f.GetCellFormula(sh, cell(col, r))
		if !strings.HasPrefix(fm, "SUM(") {
			t.Errorf("%s formula = %q, want SUM(...)", cell(col, r), fm)
		}
		if got := number(t, f, sh, cell(col, r)); math.Abs(got-want) > 1e-9 {
			t.Errorf("%s cached = %v, want %v", cell(col, r), got, want)
		}
	}
	// Monthly: SUBTOTAL over the visible numbers: the hidden month's 2.5
	// hours are text "<5", not counted.
	c = find(t, f, sh, "Total of visible rows (follows the filters)")
	if c == "" {
		t.Fatal("monthly totals row not found")
	}
	_, r, _ = excelize.CellNameToCoordinates(c)
	fm, _ := f.GetCellFormula(sh, cell(7, r))
	if !strings.HasPrefix(fm, "SUBTOTAL(109,") {
		t.Errorf("monthly hours formula = %q", fm)
	}
	if got := number(t, f, sh, cell(7, r)); math.Abs(got-55) > 1e-9 {
		t.Errorf("monthly hours total = %v, want 55", got)
	}
	rows, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
	hidden := ""
	for i, row := range rows {
		if len(row) > 6 && row[0] == "A" && row[2] == "2024-03" && row[1] == "Barnehageplass" {
			if row[6] != "<5" {
				t.Errorf("hidden month hours = %q, want <5", row[6])
			}
			if row[3] != "<5" {
				t.Errorf("hidden month's submissions = %q, want <5", row[3])
			}
			hidden = cell(4, i+1) + ":" + cell(14, i+1)
		}
	}
	if hidden == "" {
		t.Fatal("suppressed month not found")
	}
	q, _ := f.GetRows("Data quality")
	listed := false
	for _, row := range q {
		if len(row) > 1 && row[0] == sh && row[1] == hidden {
			listed = true
		}
	}
	if !listed {
		t.Errorf("suppressed %s not listed on Data quality", hidden)
	}
}

func TestServicesRAG(t *testing.T) {
	f, _ := write(t, testInput("en"))
	rows, _ := f.GetRows("Services", excelize.Options{RawCellValue: true})
	fills := map[string]string{}
	for i, row := range rows {
		if len(row) >= 15 && (row[0] == "A" || row[0] == "B") {
			id, _ := f.GetCellStyle("Services", cell(15, i+1))
			st, _ := f.GetStyle(id)
			if len(st.Fill.Color) > 0 {
				fills[row[14]] = st.Fill.Color[0]
			}
		}
	}
	for rag, want := range map[string]string{"Green": "C6EFCE", "Amber": "FFEB9C", "Red": "FFC7CE"} {
		if fills[rag] != want {
			t.Errorf("RAG %s fill = %q, want %s (all %v)", rag, fills[rag], want, fills)
		}
	}
	// The summary shows each service's worst status.
	for svc, want := range map[string]string{"Barnehageplass": "Amber", "Byggesøknad": "Red"} {
		c := find(t, f, "Summary", svc)
		_, r, _ := excelize.CellNameToCoordinates(c)
		if got := raw(t, f, "Summary", cell(6, r)); got != want {
			t.Errorf("summary RAG of %s = %q, want %s", svc, got, want)
		}
	}
}

func TestSummaryNetBenefitOnOnePage(t *testing.T) {
	f, _ := write(t, testInput("en"))
	// Economic net benefit: per year, the organisations' net annual
	// benefits 22 800 + 22 000; to date 4000 − 1500.
	if got := number(t, f, "Summary", "I5"); got != 44800 {
		t.Errorf("net benefit tile = %v, want 22 800 + 22 000", got)
	}
	if got := number(t, f, "Summary", "I8"); got != 2500 {
		t.Errorf("net benefit to date = %v, want 4000 − 1500", got)
	}
	if got := raw(t, f, "Summary", "I4"); got != "Net benefit per year, economic (NOK)" {
		t.Errorf("J4 = %q", got)
	}
	// Cash net benefit: 3600 + 1000 per year, −8200 − 12 000 to date; the
	// payback months of both appraisals under their figures.
	if got := raw(t, f, "Summary", "J4"); got != "Net benefit per year, cash (NOK)" {
		t.Errorf("J4 = %q", got)
	}
	if got := number(t, f, "Summary", "J5"); got != 4600 {
		t.Errorf("cash net benefit tile = %v, want 4600", got)
	}
	if got := number(t, f, "Summary", "J8"); got != -20200 {
		t.Errorf("cash net benefit to date = %v, want −20 200", got)
	}
	for c, want := range map[string]string{"I7": "A 2024-05, B –", "J7": "A 2026-11, B –"} {
		if got := raw(t, f, "Summary", c); got != want {
			t.Errorf("%s = %q, want %q", c, got, want)
		}
	}
	pl, _ := f.GetPageLayout("Summary")
	if pl.FitToHeight == nil || *pl.FitToHeight != 1 {
		t.Error("summary is not fitted to one page high")
	}
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Area" && dn.Scope == "Summary" {
			found = true
		}
	}
	if !found {
		t.Error("summary has no print area")
	}
}

func TestOptionalSheets(t *testing.T) {
	in := testInput("en")
	in.Risk = nil
	var one []model.CompareRow
	for _, x := range in.Compare {
		if x.Org == "A" {
			one = append(one, x)
		}
	}
	in.Compare = one
	f, _ := write(t, in)
	got := strings.Join(f.GetSheetList(), "|")
	if want := "Summary|Channels|Handling time|Savings|Evaluation|Services|Data quality|Method"; got != want {
		t.Errorf("sheets = %s, want %s", got, want)
	}
}

// longInput is testInput over 18 months, 2023-01..2024-06, with figures
// that change every month, so the last 12 months differ from the range.
func longInput(lang string) Input {
	in := testInput(lang)
	in.From, in.To = "2023-01", "2024-06"
	in.Mix, in.Benefits = nil, nil
	for _, o := range orgs {
		for _, s := range services {
			for i := 0; i < 18; i++ {
				m := time.Date(2023, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
				by := map[string]int64{"paper": int64(30 - i), "eform": int64(5 + i), "integrated": int64(i)}
				in.Mix = append(in.Mix, model.MixRow{Org: o, Service: s, Period: m, Submissions: 35 + int64(i), ByChannel: by})
				h := float64(i + 1)
				in.Benefits = append(in.Benefits, model.BenefitRow{Org: o, Service: s, Period: m, Submissions: 35 + int64(i),
					HoursSaved: model.Some(h), FTESaved: model.Some(h / 1695), ValueSaved: model.Some(500 * h),
					CashReleasing: model.Some(100 * h), CapacityFreed: model.Some(400 * h),
					MinutesSaved: model.Some(60 * h), MinutesSavedCILow: model.Some(60*h - 30), MinutesSavedCIHigh: model.Some(60*h + 30),
					ValueSavedCILow: model.Some(500*h - 100), ValueSavedCIHigh: model.Some(500*h + 100),
					CounterfactualCost: model.Some(1000 * h), ActualCost: model.Some(500 * h), BaselineCost: model.Some(70)})
			}
		}
	}
	return in
}

func TestSummaryTilesLast12Months(t *testing.T) {
	in := longInput("en")
	// The expectation, from the rows: the run-rate window is the 12 months
	// ending with To, 2023-07..2024-06.
	inWindow := func(p string) bool { return p >= "2023-07" && p <= "2024-06" }
	var subs, digital, target, hours, fte, value, cash [2]float64 // [12 months, whole range]
	for _, m := range in.Mix {
		for k, ok := range []bool{inWindow(m.Period), true} {
			if ok {
				subs[k] += float64(m.Submissions)
				digital[k] += float64(m.ByChannel["eform"] + m.ByChannel["integrated"])
				target[k] += float64(m.ByChannel["integrated"])
			}
		}
	}
	for _, x := range in.Benefits {
		for k, ok := range []bool{inWindow(x.Period), true} {
			if ok {
				hours[k] += x.HoursSaved.Float64
				fte[k] += x.FTESaved.Float64
				value[k] += x.ValueSaved.Float64
				cash[k] += x.CashReleasing.Float64
			}
		}
	}
	if hours[0] == hours[1] || subs[0] == subs[1] {
		t.Fatal("test input does not tell the window from the range")
	}
	f, _ := write(t, in)
	const sh = "Summary"
	for _, tc := range []struct {
		col, label string
		want       [2]float64
		fmt        string
	}{
		{"B", "Submissions", subs, "#,##0"},
		{"C", "Digital share", [2]float64{digital[0] / subs[0], digital[1] / subs[1]}, "0.0%"},
		{"D", "Target-channel share (Integrated e-form)", [2]float64{target[0] / subs[0], target[1] / subs[1]}, "0.0%"},
		{"E", "Hours saved", hours, "#,##0"},
		{"F", "FTE saved", fte, "#,##0.00"},
		{"G", "Value saved (NOK)", value, "#,##0"},
		{"H", "Cash-releasing (NOK)", cash, "#,##0"},
	} {
		if got := raw(t, f, sh, tc.col+"4"); got != tc.label {
			t.Errorf("%s4 = %q, want %q", tc.col, got, tc.label)
		}
		if got := number(t, f, sh, tc.col+"5"); math.Abs(got-tc.want[0]) > 1e-9 {
			t.Errorf("%s 12 months %s5 = %v, want %v", tc.label, tc.col, got, tc.want[0])
		}
		if got := number(t, f, sh, tc.col+"8"); math.Abs(got-tc.want[1]) > 1e-9 {
			t.Errorf("%s whole range %s8 = %v, want %v", tc.label, tc.col, got, tc.want[1])
		}
		if got := numFmt(t, f, sh, tc.col+"5"); got != tc.fmt {
			t.Errorf("%s5 format %q, want %q", tc.col, got, tc.fmt)
		}
		if got := numFmt(t, f, sh, tc.col+"8"); got != tc.fmt {
			t.Errorf("%s8 format %q", tc.col, got)
		}
	}
	if got := raw(t, f, sh, "A5"); got != "Last 12 months (2023-07 – 2024-06)" {
		t.Errorf("A5 = %q, want the window named", got)
	}
	// Target line: target_share has two register entries, one green and one
	// amber; value_saved_12m one, red; hours_saved_12m none.
	for c, want := range map[string]string{"D7": "1 of 2 on track", "G7": "0 of 1 on track", "E7": "(not in the register)"} {
		if got := raw(t, f, sh, c); got != want {
			t.Errorf("%s = %q, want %q", c, got, want)
		}
	}
	id, _ := f.GetCellStyle(sh, "D7")
	if st, _ := f.GetStyle(id); len(st.Fill.Color) == 0 || st.Fill.Color[0] != ragColor["amber"].fill {
		t.Errorf("D7 fill %+v, want amber (the worst of green and amber)", st.Fill)
	}
	// Hours saved in the window: each (org, service) saves 7 + … + 18 =
	// 150 hours, 600 in all; each month's interval is ±0.5 hours, so ±6 per
	// (org, service) (one baseline), and √(4 × 6²) = 12 over the four
	// independent baselines: 588 to 612. Value: 500 × 600 = 300 000,
	// ±100 a month, ±1200 per baseline, √(4 × 1200²) = 2400.
	if got := raw(t, f, sh, "E6"); got != "588 – 612" {
		t.Errorf("E6 = %q, want the hours interval", got)
	}
	if got := raw(t, f, sh, "G6"); got != "297,600 – 302,400" {
		t.Errorf("G6 = %q, want the value interval", got)
	}
	for i := range in.Benefits {
		if in.Benefits[i].Period == "2024-06" && in.Benefits[i].Org == "A" && in.Benefits[i].Service == "barnehage" {
			in.Benefits[i].ValueSavedCILow = model.Null{}
		}
	}
	f2, _ := write(t, in)
	if got := raw(t, f2, sh, "G6"); got != "" {
		t.Errorf("G6 = %q, want empty when a month in the window lacks its interval", got)
	}
	// The service table covers the same 12 months: byggesak, two orgs,
	// months i = 6..17 with 35 + i submissions: 2 × (12 × 35 + 138).
	c := find(t, f, sh, "Byggesøknad")
	_, r, _ := excelize.CellNameToCoordinates(c)
	if got := number(t, f, sh, cell(2, r)); got != 1116 {
		t.Errorf("byggesak submissions in the service table = %v, want 1116 (the last 12 months)", got)
	}
	// Headlines carry both figures under their keys.
	got := map[string]float64{}
	for _, h := range Headlines(in) {
		got[h.Key] = h.Value.Float64
	}
	if got["hours_saved_12m"] != hours[0] || got["hours_saved"] != hours[1] {
		t.Errorf("headlines hours %v / %v, want %v / %v", got["hours_saved_12m"], got["hours_saved"], hours[0], hours[1])
	}
}

// TestNoFormatDebris renders both languages and looks for the marks fmt
// leaves when a label's verbs and arguments disagree, on the Summary and
// Savings sheets (the Method sheet is fixed on another branch).
// TestNoFormatDebris reads every sheet of both languages (issue 19): no
// format-verb debris, no "n = 123" text (n has its own numeric column) and
// no dash standing in for a number (an empty cell and a note instead).
func TestNoFormatDebris(t *testing.T) {
	nEq := regexp.MustCompile(`^n = `)
	for _, lang := range []string{"nb", "en"} {
		in := longInput(lang)
		in.Evaluation = testEvaluation()
		f, _ := write(t, in)
		sheets := f.GetSheetList()
		if len(sheets) < 9 {
			t.Fatalf("%s: only %d sheets: %v", lang, len(sheets), sheets)
		}
		for _, sh := range sheets {
			rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			for r, row := range rows {
				for c, v := range row {
					switch {
					case strings.Contains(v, "%!") || strings.Contains(v, "%%"):
						t.Errorf("%s %s!%s = %q: format debris", lang, sh, cell(c+1, r+1), v)
					case nEq.MatchString(v):
						t.Errorf("%s %s!%s = %q: n belongs in its own column", lang, sh, cell(c+1, r+1), v)
					case strings.TrimSpace(v) == "–" || strings.TrimSpace(v) == "-" || strings.TrimSpace(v) == "—":
						t.Errorf("%s %s!%s is a dash: leave the cell empty", lang, sh, cell(c+1, r+1))
					}
				}
			}
		}
	}
}

func TestSavingsByYear(t *testing.T) {
	f, _ := write(t, longInput("en"))
	const sh = "Savings"
	tables, _ := f.GetTables(sh)
	var rng string
	for _, tb := range tables {
		if tb.Name == "tblSavingsByYear" {
			rng = tb.Range
		}
	}
	if rng == "" {
		t.Fatal("no tblSavingsByYear")
	}
	c1, _, _ := strings.Cut(rng, ":")
	_, hr, _ := excelize.CellNameToCoordinates(c1)
	// First row: A 2023, both services, months i = 0..11: hours 1..12,
	// 78 a service, 156; each month ±0.5 h, ±6 a service, √(2 × 6²) over
	// the two. Value 500 × 156 = 78 000, ±100 a month: √2 × 1200.
	// Counterfactual cost 1000 × 156, actual 500 × 156; cash 100 × 156,
	// capacity 400 × 156.
	r := hr + 1
	if raw(t, f, sh, cell(1, r)) != "A" || number(t, f, sh, cell(2, r)) != 2023 {
		t.Fatalf("first row %s %s", raw(t, f, sh, cell(1, r)), raw(t, f, sh, cell(2, r)))
	}
	h := 6 * math.Sqrt2
	v := 1200 * math.Sqrt2
	for col, want := range map[int]float64{3: 2 * (35*12 + 66), 6: 156, 7: 156 - h, 8: 156 + h, 9: 156.0 / 1695,
		10: 156000, 11: 78000, 12: 78000, 13: 78000 - v, 14: 78000 + v, 15: 15600, 16: 62400} {
		if got := number(t, f, sh, cell(col, r)); math.Abs(got-want) > 1e-6 {
			t.Errorf("A 2023 %s = %v, want %v", cell(col, r), got, want)
		}
	}
	if got := raw(t, f, sh, cell(2, hr)); got != "Year" {
		t.Errorf("year header %q", got)
	}
	if got := raw(t, f, sh, cell(1, r+1)) + " " + raw(t, f, sh, cell(2, r+1)); got != "A 2024" {
		t.Errorf("second row %q, want A 2024", got)
	}
}

// TestSavingsCostsReproducible checks that value saved can be redone from
// the sheet: Bc, counterfactual and actual cost by service, and cost per
// submission per channel.
func TestSavingsCostsReproducible(t *testing.T) {
	in := longInput("en")
	// A / barnehage / paper: 60 submissions × 31 minutes at 560 an hour =
	// 17 360 staff cost; 60 × 12 paper unit cost = 720; 18 080 in all,
	// 301.33 a submission.
	for i, x := range in.Overall {
		if x.Org == "A" && x.Service == "barnehage" && x.Channel == "paper" {
			in.Overall[i].StaffCost = model.Some(17360)
			in.Overall[i].CostPerSubmission = model.Some(18080.0 / 60)
		}
	}
	f, _ := write(t, in)
	const sh = "Savings"
	svcRow := tableRow(t, f, sh, "tblSavingsByService", "A", "Barnehageplass")
	chRow := tableRow(t, f, sh, "tblChannelCosts", "A", "Barnehageplass", "Paper")
	if svcRow == 0 || chRow == 0 {
		t.Fatalf("rows not found: service %d, channel %d", svcRow, chRow)
	}
	if got := raw(t, f, sh, cell(9, svcRow)); got != "70" {
		t.Errorf("Bc = %q, want 70", got)
	}
	// Σ h = 1 + … + 18 = 171: counterfactual 171 000, actual 85 500, and
	// value saved = their difference.
	cf, actual, value := number(t, f, sh, cell(16, svcRow)), number(t, f, sh, cell(17, svcRow)), number(t, f, sh, cell(18, svcRow))
	if cf != 171000 || actual != 85500 || value != cf-actual {
		t.Errorf("counterfactual %v, actual %v, value %v", cf, actual, value)
	}
	// The intervals of one service add month by month (one baseline):
	// 18 months of ±0.5 hours and ±100.
	for col, want := range map[int]float64{13: 171 - 9, 14: 171 + 9, 19: value - 1800, 20: value + 1800} {
		if got := number(t, f, sh, cell(col, svcRow)); math.Abs(got-want) > 1e-9 {
			t.Errorf("interval %s = %v, want %v", cell(col, svcRow), got, want)
		}
	}
	for col, want := range map[int]float64{4: 60, 5: 17360, 6: 12, 7: 720, 8: 18080, 9: 18080.0 / 60} {
		if got := number(t, f, sh, cell(col, chRow)); math.Abs(got-want) > 1e-9 {
			t.Errorf("channel cost %s = %v, want %v", cell(col, chRow), got, want)
		}
	}
	if got := numFmt(t, f, sh, cell(9, chRow)); got != "#,##0" {
		t.Errorf("cost per submission format %q", got)
	}
}

// tableRow returns the first row of table on sheet whose leading cells
// are lead, or 0.
func tableRow(t *testing.T, f *excelize.File, sheet, table string, lead ...string) int {
	t.Helper()
	tables, err := f.GetTables(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if tb.Name != table {
			continue
		}
		c1, c2, _ := strings.Cut(tb.Range, ":")
		_, r1, _ := excelize.CellNameToCoordinates(c1)
		_, r2, _ := excelize.CellNameToCoordinates(c2)
	rows:
		for r := r1 + 1; r <= r2; r++ {
			for i, want := range lead {
				if raw(t, f, sheet, cell(i+1, r)) != want {
					continue rows
				}
			}
			return r
		}
	}
	return 0
}

// TestSummaryVerdict checks the sentence against the register of
// testInput: A/barnehage green, B/barnehage amber (96 %), A/byggesak red
// (60 %): one of three on track, the weakest named with its figures.
func TestSummaryVerdict(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "Off track: 1 of 3 benefits in the register are at or ahead of their trajectory. Byggesøknad in A is red: 6,000 NOK against a trajectory of 10,000 NOK (value saved (12 months), target 20,000 NOK by 2024-12). 1 more below the trajectory.",
		"nb": "Ikke på bane: 1 av 3 gevinster i registeret er på eller foran banen. Byggesøknad i A er rød: 6\u00a0000 NOK mot en bane på 10\u00a0000 NOK (verdi spart (12 mnd), mål 20\u00a0000 NOK innen 2024-12). 1 til er under banen.",
	} {
		f, _ := write(t, testInput(lang))
		sh := labels["sheet.summary"].en
		if lang == "nb" {
			sh = labels["sheet.summary"].nb
		}
		if got := raw(t, f, sh, "A3"); got != want {
			t.Errorf("%s verdict\n got %q\nwant %q", lang, got, want)
		}
	}
	// Without the red entry the amber one is the weakest: a share, in per cent.
	in := testInput("en")
	in.Register = in.Register[:2]
	f, _ := write(t, in)
	want := "Nearly on track: 1 of 2 benefits in the register are at or ahead of their trajectory. Barnehageplass in B is amber: 24.0 % against a trajectory of 25.0 % (target-channel share, target 50.0 % by 2024-12)."
	if got := raw(t, f, "Summary", "A3"); got != want {
		t.Errorf("amber verdict\n got %q\nwant %q", got, want)
	}
	// All green.
	in.Register = in.Register[:1]
	f, _ = write(t, in)
	if got := raw(t, f, "Summary", "A3"); got != "On track: the benefit in the register is at or ahead of its trajectory." {
		t.Errorf("green verdict %q", got)
	}
	two := in.Register[0]
	two.Org = "B"
	in.Register = append(in.Register, two)
	f, _ = write(t, in)
	if got := raw(t, f, "Summary", "A3"); got != "On track: all 2 benefits in the register are at or ahead of their trajectory." {
		t.Errorf("green verdict of two %q", got)
	}
	// The service table names the organisation and indicator of the
	// weakest entry beside the status.
	f, _ = write(t, testInput("en"))
	for svc, want := range map[string]string{"Barnehageplass": "B: Target-channel share", "Byggesøknad": "A: Value saved (12 months)"} {
		c := find(t, f, "Summary", svc)
		_, r, _ := excelize.CellNameToCoordinates(c)
		if got := raw(t, f, "Summary", cell(7, r)); got != want {
			t.Errorf("weakest of %s = %q, want %q", svc, got, want)
		}
	}
}

// TestSummarySavingsLine checks the savings chart's data: rolling 12
// months once the range holds 12, empty before.
func TestSummarySavingsLine(t *testing.T) {
	in := longInput("en")
	f, _ := write(t, in)
	c := find(t, f, "Summary", "Hours saved, last 12 months")
	if c == "" {
		t.Fatal("no rolling column")
	}
	col, hr, _ := excelize.CellNameToCoordinates(c)
	// Month i (0-based) saves 4 × (i + 1) hours over the four (org,
	// service); at 2023-12 (i = 11) the 12 months sum 4 × 78 = 312, at
	// 2024-06 (i = 17) 4 × (7 + … + 18) = 600.
	if got := raw(t, f, "Summary", cell(col, hr+11)); got != "" {
		t.Errorf("2023-11 rolling = %q, want empty", got)
	}
	for i, want := range map[int]float64{11: 312, 17: 600} {
		if got := number(t, f, "Summary", cell(col, hr+1+i)); got != want {
			t.Errorf("month %d rolling = %v, want %v", i, got, want)
		}
	}
}

// Issue 19: the register's dates are dates, and a baseline of minutes per
// submission that differs from the measured B says so beside it, in the
// workbook's language.
func TestRegisterMeasuredBaseline(t *testing.T) {
	in := testInput("nb")
	in.Register = append(in.Register, model.RegisterRow{Org: "A", Service: "barnehage", Indicator: "minutes_per_submission",
		Class: "quality", BaselineValue: 240, BaselineDate: "2024-01-01", TargetValue: 190, TargetDate: "2024-12-31",
		AsOf: "2024-06-30", Actual: model.Some(212.9), Trajectory: 215, Achievement: model.Some(27.1 / 25), RAG: "green"})
	for i := range in.Benefits {
		if x := &in.Benefits[i]; x.Org == "A" && x.Service == "barnehage" {
			x.BaselineMinutes = model.Some(229.94)
			x.BaselineBasis = "baseline window 2024-01..2024-02 (40 submissions, all channels)"
		}
	}
	f, _ := write(t, in)
	sh := "Tjenester"
	rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i, row := range rows {
		if len(row) < 17 || row[0] != "A" || row[6] != "240" {
			continue
		}
		found = true
		r := i + 1
		if got := number(t, f, sh, cell(16, r)); got != 229.94 {
			t.Errorf("measured B = %v, want 229.94", got)
		}
		if want := "Registerets basis 240.0 avviker fra målt B 229.9 (basisvindu 2024-01..2024-02 (40 innsendinger, alle kanaler)), som gevinstene bygger på."; row[16] != want {
			t.Errorf("note = %q, want %q", row[16], want)
		}
		// 2024-01-01 is Excel day 45292.
		if got := number(t, f, sh, cell(8, r)); got != 45292 {
			t.Errorf("baseline date = %v, want the date 45292", got)
		}
		if got := numFmt(t, f, sh, cell(10, r)); got != "yyyy-mm-dd" {
			t.Errorf("target date format = %q", got)
		}
	}
	if !found {
		t.Fatal("minutes-per-submission register row not found")
	}
	// The other rows: no measured B column for indicators other than
	// minutes per submission.
	for _, row := range rows {
		if len(row) > 15 && (row[0] == "A" || row[0] == "B") && row[2] != "Minutter per innsending" && row[15] != "" {
			t.Errorf("row %v has a measured B", row)
		}
	}
}

// Issue 19, SPEC §8 on every sheet: a channel's month of 2 submissions is
// hidden on Channels, and a handling-time cell of many submissions whose
// minutes come from 3 employees is hidden too (model.Small, the rule
// export and --suppress share); Data quality lists both.
func TestSuppressionChannelsAndEmployees(t *testing.T) {
	in := testInput("en")
	// 2024-03: eform 5 per (org, service) → make it 2 in total, the other
	// three combinations 0.
	for i := range in.Mix {
		if x := &in.Mix[i]; x.Period == "2024-03" {
			n := int64(0)
			if x.Org == "A" && x.Service == "barnehage" {
				n = 2
			}
			x.Submissions += n - x.ByChannel["eform"]
			x.ByChannel = map[string]int64{"paper": x.ByChannel["paper"], "eform": n, "integrated": x.ByChannel["integrated"]}
		}
	}
	in.Employees = map[model.CellKey]int64{
		{Org: "A", Service: "barnehage", Channel: "paper", Period: "2024-01..2024-06"}: 3,
		{Org: "A", Service: "barnehage", Channel: "eform", Period: "2024-01..2024-06"}: 6,
	}
	f, _ := write(t, in)
	listed := map[string]bool{}
	q, _ := f.GetRows("Data quality")
	for _, row := range q {
		if len(row) >= 2 {
			listed[row[0]+"!"+row[1]] = true
		}
	}
	c := find(t, f, "Channels", "2024-03")
	_, r, _ := excelize.CellNameToCoordinates(c)
	if got := raw(t, f, "Channels", cell(3, r)); got != "<5" {
		t.Errorf("Channels eform 2024-03 = %q, want <5", got)
	}
	if got := number(t, f, "Channels", cell(2, r)); got != 40 {
		t.Errorf("Channels paper 2024-03 = %v, want 40 (not small)", got)
	}
	// The total and the shares would give the 2 away.
	for _, c := range []int{5, 6, 7} {
		if got := raw(t, f, "Channels", cell(c, r)); got != "<5" {
			t.Errorf("Channels %s = %q, want <5 beside a hidden count", cell(c, r), got)
		}
	}
	if !listed["Channels!"+cell(3, r)] {
		t.Errorf("Channels %s not listed on Data quality", cell(3, r))
	}
	rows, _ := f.GetRows("Handling time", excelize.Options{RawCellValue: true})
	seen := 0
	for i, row := range rows {
		if len(row) < 6 || row[0] != "A" || row[1] != "Barnehageplass" {
			continue
		}
		switch row[2] {
		case "Paper":
			seen++
			if row[3] != "<5" || row[5] != "<5" {
				t.Errorf("paper row from 3 employees shows %v", row)
			}
			if !listed["Handling time!"+cell(4, i+1)+":"+cell(15, i+1)] {
				t.Errorf("handling row %d not listed", i+1)
			}
		case "E-form":
			seen++
			if row[3] != "30" {
				t.Errorf("eform row from 6 employees hidden: %v", row)
			}
		}
	}
	if seen != 2 {
		t.Errorf("found %d of the two handling rows", seen)
	}
}

// Issue 19: the months before a service's first digital submission are a
// check of B on Data quality: by hand, A/barnehage has paper only in
// 2024-01 and 2024-02 (10 submissions each), 2.5 hours saved a month with
// a minutes interval of 30 to 270 each: 5 hours, 1 to 9 hours, which
// excludes zero.
func TestPreDigitalCheck(t *testing.T) {
	in := testInput("en")
	for i := range in.Mix {
		if x := &in.Mix[i]; x.Org == "A" && x.Service == "barnehage" && (x.Period == "2024-01" || x.Period == "2024-02") {
			x.ByChannel = map[string]int64{"paper": 10, "eform": 0, "integrated": 0}
			x.Submissions = 10
		}
	}
	for i := range in.Benefits {
		if x := &in.Benefits[i]; x.Org == "A" && x.Service == "barnehage" {
			x.MinutesSavedCILow, x.MinutesSavedCIHigh = model.Some(30), model.Some(270)
			if x.Period == "2024-01" || x.Period == "2024-02" {
				x.Submissions = 10
			}
		}
	}
	f, _ := write(t, in)
	rows, _ := f.GetRows("Data quality", excelize.Options{RawCellValue: true})
	var got []string
	for _, row := range rows {
		if len(row) >= 10 && row[0] == "A" && row[1] == "Barnehageplass" {
			got = row[:10]
		}
	}
	want := []string{"A", "Barnehageplass", "not zero: check B", "2024-01", "2024-02", "2", "20", "5", "1", "9"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("pre-digital check = %q, want %q", got, want)
	}
	// The other services had digital submissions from the first month.
	for _, row := range rows {
		if len(row) >= 10 && row[0] == "B" && row[2] != "" && row[3] == "2024-01" {
			t.Errorf("unexpected pre-digital row %q", row)
		}
	}
}

// Issue 19: a reader that does not calculate gets the formula totals'
// cached values as numbers, not text ("29910").
func TestFormulaTotalsCachedAsNumbers(t *testing.T) {
	_, p := write(t, testInput("en"))
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	formulas := 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		formulas += strings.Count(string(b), "<f>")
		if regexp.MustCompile(`t="str"><f>`).Match(b) {
			t.Errorf("%s has a formula cell typed as text", f.Name)
		}
	}
	if formulas == 0 {
		t.Fatal("no formulas in the workbook: the test checks nothing")
	}
}

// Issue 19: the nb workbook shows reject kinds and reasons in Norwegian
// (what was expected kept), input text as given.
func TestRejectsInNorwegian(t *testing.T) {
	in := testInput("nb")
	in.Rejects = append(in.Rejects, model.RejectSummary{Kind: "time", Column: "work_date", Reason: "not a date", Rows: 3})
	in.RejectSamples = append(in.RejectSamples, model.RejectRow{FileName: "t.csv", Line: 9, Column: "channel", Value: "fax",
		Reason: "channel 'fax' is not a configured channel (expected one of: paper, eform)"},
		model.RejectRow{FileName: "t.csv", Line: 12, Column: "channel", Value: "Faks",
			Reason: "channel 'Faks' is not a configured channel (expected one of: paper, eform; map it in sources.sak.values.channel, or add it to channels.list)"},
		model.RejectRow{FileName: "t.csv", Line: 13, Column: "channel", Value: "telefon",
			Reason: "channel 'telefon' is not a configured channel (expected one of: paper, eform; or add it to channels.list)"},
		model.RejectRow{FileName: "t.csv", Line: 10, Column: "received_at", Value: "x",
			Reason: "received_at 'x' is not a timestamp (expected YYYY-MM-DD HH:MM:SS, ISO 8601 with offset, or DD.MM.YYYY HH:MM)"},
		model.RejectRow{FileName: "t.csv", Line: 11, Column: "minutes", Value: "-5",
			Reason: "minutes '-5' gives -5.0 minutes, out of range (expected more than 0 and at most 1440, one day)"})
	f, _ := write(t, in)
	for _, want := range []string{"ikke en dato (forventet DD.MM.YYYY)", "ikke en dato", "timeføring",
		"ukjent kanal (forventet en av: paper, eform)", injection,
		"ukjent kanal (forventet en av: paper, eform; knytt den til en kanal i sources.sak.values.channel, eller legg den til i channels.list)",
		"ukjent kanal (forventet en av: paper, eform; eller legg den til i channels.list)",
		"ikke et tidspunkt (forventet YYYY-MM-DD HH:MM:SS, ISO 8601 med tidssoneforskyvning eller DD.MM.YYYY HH:MM)",
		"minutter utenfor gyldig område (forventet mer enn 0 og høyst 1440, ett døgn)"} {
		if find(t, f, "Datakvalitet", want) == "" {
			t.Errorf("Datakvalitet lacks %q", want)
		}
	}
	if c := find(t, f, "Datakvalitet", "not a date"); c != "" {
		t.Errorf("Datakvalitet!%s shows the English kind", c)
	}
}

// Issue 19: the ITPOSMO assessment dates are dates, not text.
func TestRiskDatesAreDates(t *testing.T) {
	in := testInput("en")
	f, _ := write(t, in)
	want, _ := time.Parse(time.DateOnly, in.Risk[0].Date)
	serial := want.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
	if got := number(t, f, "Risk", "A6"); got != serial {
		t.Errorf("Risk!A6 = %v, want the date %s (%v)", got, in.Risk[0].Date, serial)
	}
	if got := numFmt(t, f, "Risk", "A6"); got != "yyyy-mm-dd" {
		t.Errorf("Risk!A6 format = %q", got)
	}
}
