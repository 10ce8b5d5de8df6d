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
	// Change: A and B, with the all-services rows; net benefit to date
	// over the two orgs = 4000 + (−1500) = 2500.
	in.Change = []model.ChangeRow{
		{Org: "A", Service: "*", OneOffCost: 10000, RunningCostPerYear: 1200, BenefitRunRate: model.Some(24000),
			RunRateMonths: 6, NetAnnualBenefit: model.Some(22800), ValueSavedToDate: model.Some(12000),
			NetBenefitToDate: model.Some(4000), PaybackMonth: "2024-05", NPV: model.Some(174930.5), HorizonYears: 10, DiscountRate: 0.04},
		{Org: "A", Service: "barnehage", OneOffCost: 10000, BenefitRunRate: model.Some(12000), RunRateMonths: 6,
			NetAnnualBenefit: model.Some(12000), ValueSavedToDate: model.Some(6000), NetBenefitToDate: model.Some(-4000),
			NPV: model.Some(87330), HorizonYears: 10, DiscountRate: 0.04},
		{Org: "B", Service: "*", OneOffCost: 12500, BenefitRunRate: model.Some(22000), RunRateMonths: 6,
			NetAnnualBenefit: model.Some(22000), ValueSavedToDate: model.Some(11000), NetBenefitToDate: model.Some(-1500),
			NPV: model.Some(165936), HorizonYears: 10, DiscountRate: 0.04},
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
		{"nb", []string{"Oversikt", "Kanaler", "Behandlingstid", "Gevinster", "Tjenester", "Organisasjoner", "Risiko", "Datakvalitet", "Metode"}},
		{"en", []string{"Summary", "Channels", "Handling time", "Savings", "Services", "Organisations", "Risk", "Data quality", "Method"}},
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
		{"A5", "#,##0", 500},
		{"B5", "0.0%", 0.54}, // 270/500, not the average of shares
		{"C5", "0.0%", 0.31}, // 155/500
		{"D5", "#,##0", 57.5},
		{"E5", "#,##0.00", 57.5 / 1695},
		{"F5", `#,##0 "NOK"`, 23000},
	} {
		if got := number(t, f, sh, tc.cell); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", tc.cell, got, tc.want)
		}
		if got := numFmt(t, f, sh, tc.cell); got != tc.fmt {
			t.Errorf("%s format = %q, want %q", tc.cell, got, tc.fmt)
		}
	}
	if got := raw(t, f, sh, "A4"); got != "Submissions" {
		t.Errorf("A4 = %q, want the tile label", got)
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
	if got := raw(t, f, "Oversikt", "F5"); got != "–" {
		t.Errorf("value tile = %q, want – when every value is null", got)
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
	if got := raw(t, f, "Summary", "B5"); got != "–" {
		t.Errorf("digital share with no data = %q, want –", got)
	}
}

func TestSavingsSheet(t *testing.T) {
	in := testInput("en")
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
	if strings.Join(names, ",") != "tblAppraisal,tblSavingsByService,tblSavingsMonthly" {
		t.Errorf("tables = %v", names)
	}
	// Appraisal: A's all-services row.
	c := find(t, f, sh, "All services")
	if c == "" {
		t.Fatal("appraisal all-services row not found")
	}
	_, r, _ := excelize.CellNameToCoordinates(c)
	if got := number(t, f, sh, cell(10, r)); got != 174930.5 {
		t.Errorf("NPV = %v", got)
	}
	if got := numFmt(t, f, sh, cell(10, r)); got != `#,##0 "NOK"` {
		t.Errorf("NPV format = %q", got)
	}
	if got := raw(t, f, sh, cell(9, r)); got != "2024-05" {
		t.Errorf("payback = %q", got)
	}
	// By service: a SUM row under the table. Hours saved: 23 × 2.5 = 57.5,
	// value 23 000 (the suppressed month is text in the monthly table
	// only; the range totals of A/barnehage have 117 submissions).
	c = find(t, f, sh, "Total")
	if c == "" {
		t.Fatal("totals row not found")
	}
	_, r, _ = excelize.CellNameToCoordinates(c)
	for col, want := range map[int]float64{10: 57.5, 12: 23000} {
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
			hidden = cell(5, i+1) + ":" + cell(12, i+1)
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
	if got := number(t, f, "Summary", "G5"); got != 2500 {
		t.Errorf("net benefit tile = %v, want 4000 − 1500", got)
	}
	if got := raw(t, f, "Summary", "G4"); got != "Net benefit to date" {
		t.Errorf("G4 = %q", got)
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
	if want := "Summary|Channels|Handling time|Savings|Services|Data quality|Method"; got != want {
		t.Errorf("sheets = %s, want %s", got, want)
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
		model.RejectRow{FileName: "t.csv", Line: 10, Column: "received_at", Value: "x",
			Reason: "received_at 'x' is not a timestamp (expected YYYY-MM-DD HH:MM:SS, ISO 8601 with offset, or DD.MM.YYYY HH:MM)"},
		model.RejectRow{FileName: "t.csv", Line: 11, Column: "minutes", Value: "-5",
			Reason: "minutes '-5' gives -5.0 minutes, out of range (expected more than 0 and at most 1440, one day)"})
	f, _ := write(t, in)
	for _, want := range []string{"ikke en dato (forventet DD.MM.YYYY)", "ikke en dato", "timeføring",
		"ukjent kanal (forventet en av: paper, eform)", injection,
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
