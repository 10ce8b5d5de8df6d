package assumptions

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/config"
)

func filled(t *testing.T) config.Config {
	t.Helper()
	rate := 0.035
	cfg := config.Config{Org: "halden"}
	half, all := 0.5, 1.0
	cfg.Services = map[string]config.Service{
		"barnehage": {Name: "Barnehage", CashShare: 0.25, CashFrom: "2008-07", BaselineWindow: &config.Window{From: "2006-01", To: "2006-12"},
			Orgs: []config.OrgService{{Org: "sarpsborg", CashShare: &half, CashFrom: "2009-01"},
				{Org: "moss", BaselineWindow: &config.Window{From: "2007-01", To: "2007-06"}},
				{Org: "fredrikstad", CashShare: &all}}},
		"byggesak": {Name: "Byggesak"}}
	threshold := 0.15
	cfg.BenefitPlan = config.BenefitPlan{DeviationThreshold: &threshold, ValueOfTime: 250,
		CitizenMinutes: map[string]float64{"paper": 30, "eform": 12},
		Benefits: []config.PlannedBenefit{
			{ID: "G1", Name: "Cash", Class: "budget", Org: "halden", Service: "barnehage", Owner: "Kari", Measure: "E-form", Effect: "No re-keying",
				Planned: map[string]float64{"2008": 100000, "2009": 200000}, TakenOut: map[string]float64{"2009": 150000},
				Explanations: map[string]string{"2009": "Later go-live"}},
			{ID: "G2", Name: "Citizens' time", Class: "others", Owner: "Ola", Planned: map[string]float64{"2009": 50000}},
			{ID: "G3", Name: "Open all hours", Class: "non_priced", Owner: "Per", Measure: "E-form", Effect: "Always open", Score: "++", Text: "A third after hours"},
		}}
	cfg.Costs.HourlyRates = map[string]float64{"clerk": 560, "case_officer": 690.5}
	cfg.Costs.ChannelUnitCosts = map[string]float64{"paper": 12, "eform": 4}
	cfg.Register = []config.RegisterEntry{{Org: "halden", Service: "barnehage", Owner: "Kari", Indicator: "digital_share",
		Class: "citizen", DataSource: "platform log", BaselineValue: 0, BaselineDate: "2006-08-31", TargetValue: 0.8, TargetDate: "2009-12-31"}}
	cfg.ChangeCosts = config.ChangeCosts{DiscountRate: &rate, HorizonYears: 8, Items: []config.CostItem{
		{Name: "platform", Org: "halden", Service: "barnehage", Kind: "one_off", Amount: 350000, Date: "2007-06-01"},
		{Name: "licence", Org: "halden", Kind: "running", Amount: 60000, Date: "2006-09-01", EndDate: "2009-06-30"},
		{Name: "old licence off", Org: "halden", Kind: "running", Amount: -20000, Date: "2008-07"}}}
	cfg.ITPOSMO.Assessments = []config.Assessment{{Date: "2006-03-01", Scope: "halden", Information: 7, Technology: 9,
		Processes: 9, ObjectivesValues: 2, StaffingSkills: 5, ManagementSystems: 3, TimeMoney: 5, Assessor: "PMO", Note: "before"}}
	cfg.HoursPerFTE = 1700
	cfg.Costs.Overhead = 0.2
	// Falling real wages, as in Norway in 2022 and 2023: a negative setting.
	cfg.Appraisal.PriceGrowth, cfg.Appraisal.RealWageGrowth = 0.025, -0.005
	cfg.Costs.RateChanges = []config.RateChange{{Role: "clerk", From: "2008-05", Rate: 585}, {Role: "case_officer", Org: "sarpsborg", From: "2006-01", Rate: 720}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestRoundTrip writes a workbook from a config and reads it into an
// empty one: every value comes back.
func TestRoundTrip(t *testing.T) {
	want := filled(t)
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if err := Write(path, &want); err != nil {
		t.Fatal(err)
	}
	// The services by name only: their cash decisions, windows and
	// organisations' own settings come from the workbook.
	got := config.Config{Org: "halden", Services: map[string]config.Service{}}
	for code, sv := range want.Services {
		got.Services[code] = config.Service{Name: sv.Name}
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := Apply(path, &got); err != nil {
		t.Fatal(err)
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"rates", got.Costs.HourlyRates, want.Costs.HourlyRates},
		// eform and paper have costs; integrated's row is written empty and ignored.
		{"unit costs", got.Costs.ChannelUnitCosts, want.Costs.ChannelUnitCosts},
		{"register", got.Register, want.Register},
		{"items", got.ChangeCosts.Items, want.ChangeCosts.Items},
		{"rate", got.ChangeCosts.Rate(), 0.035},
		{"horizon", got.ChangeCosts.HorizonYears, 8},
		{"hours per fte", got.HoursPerFTE, 1700.0},
		{"overhead", got.Costs.Overhead, 0.2},
		{"price growth", got.Appraisal.PriceGrowth, 0.025},
		{"real wage growth", got.Appraisal.RealWageGrowth, -0.005},
		{"rate changes", got.Costs.RateChanges, want.Costs.RateChanges},
		{"itposmo", got.ITPOSMO.Assessments, want.ITPOSMO.Assessments},
		{"services", got.Services, want.Services},
		{"benefit plan", got.BenefitPlan, want.BenefitPlan},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.what, c.got, c.want)
		}
	}
}

// TestTemplateLayout checks the template's sheets, bilingual headers and
// drop-downs.
func TestTemplateLayout(t *testing.T) {
	cfg := config.Default()
	cfg.Services = map[string]config.Service{"barnehage": {}}
	path := filepath.Join(t.TempDir(), "t.xlsx")
	if err := Write(path, &cfg); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{SheetInstructions, SheetRates, SheetRateChanges, SheetChannelCosts, SheetRegister, SheetChangeCosts, SheetSettings, SheetITPOSMO,
		SheetServices, SheetPlan, SheetPlanYears}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	for _, c := range []struct{ sheet, cell, want string }{
		{SheetRegister, "E3", "Gevinsttype"}, {SheetRegister, "E4", "class"},
		{SheetITPOSMO, "C3", "Informasjon"}, {SheetITPOSMO, "I4", "time_money"},
		{SheetChannelCosts, "A5", "paper"},
	} {
		if v, _ := f.GetCellValue(c.sheet, c.cell); v != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, v, c.want)
		}
	}
	dvs, err := f.GetDataValidations(SheetRegister)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[strings.SplitN(dv.Sqref, ":", 2)[0]] = dv.Formula1
	}
	// service B, indicator D, class E.
	if !strings.Contains(lists["B5"], "barnehage") || !strings.Contains(lists["D5"], "hours_saved_12m") ||
		!strings.Contains(lists["E5"], "cash_releasing") {
		t.Errorf("register drop-downs %v", lists)
	}
	dvs, _ = f.GetDataValidations(SheetITPOSMO)
	if len(dvs) != 7 || dvs[0].Type != "whole" {
		t.Errorf("ITPOSMO validations %+v", dvs)
	}
}

// TestBadCellsNameSheetCellValueAndExpectation refuses a workbook with
// bad cells, naming each.
func TestBadCellsNameSheetCellValueAndExpectation(t *testing.T) {
	cfg := filled(t)
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if err := Write(path, &cfg); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range [][3]string{
		{SheetRates, "B5", "lots"},
		{SheetRegister, "E5", "money"},
		{SheetRegister, "H5", "31.13.2006"},
		{SheetChangeCosts, "G6", "next year"},
		{SheetITPOSMO, "D5", "11"},
		{SheetITPOSMO, "E5", "2.5"},
	} {
		if err := f.SetCellStr(s[0], s[1], s[2]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	err = Apply(path, &cfg)
	if !errors.Is(err, ErrAssumptions) {
		t.Fatalf("err = %v, want ErrAssumptions", err)
	}
	for _, want := range []string{
		`sheet Rates, cell B5: "lots": expected a number`,
		`sheet Register, cell E5: "money": expected one of cash_releasing, capacity, quality, citizen`,
		`sheet Register, cell H5: "31.13.2006": expected a date`,
		`sheet ChangeCosts, cell G6: "next year": expected a date`,
		`sheet ITPOSMO, cell D5: "11": expected a number from 0 to 10`,
		`sheet ITPOSMO, cell E5: "2.5": expected a whole number`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// TestUnknownSheetsAndColumns: a sheet, column or value that Apply would
// not read is an error naming it (and the nearest name), never ignored.
func TestUnknownSheetsAndColumns(t *testing.T) {
	cases := []struct {
		name string
		edit func(f *excelize.File) error
		want string
	}{
		{"renamed sheet", func(f *excelize.File) error { return f.SetSheetName(SheetRates, "Rate") },
			`sheet "Rate" is not a sheet of the template; did you mean Rates? (the sheets are Instructions, Rates, RateChanges, ChannelCosts,`},
		{"extra sheet", func(f *excelize.File) error { _, err := f.NewSheet("Notater"); return err },
			`sheet "Notater" is not a sheet of the template (the sheets are`},
		{"extra column", func(f *excelize.File) error { return f.SetCellStr(SheetRates, "C4", "hourly_rte") },
			`sheet Rates, cell C4: unknown column "hourly_rte"; did you mean hourly_rate? (this sheet's columns are role, hourly_rate)`},
		{"value outside the columns", func(f *excelize.File) error { return f.SetCellValue(SheetChangeCosts, "H6", 2022) },
			`sheet ChangeCosts, cell H6: "2022" is right of the sheet's last column (end_date) and would be ignored`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := filled(t)
			path := filepath.Join(t.TempDir(), "a.xlsx")
			if err := Write(path, &cfg); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := tc.edit(f); err != nil {
				t.Fatal(err)
			}
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			err = Apply(path, &cfg)
			if !errors.Is(err, ErrAssumptions) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Apply = %v\nwant an ErrAssumptions containing %q", err, tc.want)
			}
		})
	}
}

// TestOlderTemplateWithoutEndDateLoads: a workbook filled in on the
// template before end_date existed (ChangeCosts without its last column)
// still loads.
func TestOlderTemplateWithoutEndDateLoads(t *testing.T) {
	cfg := filled(t)
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if err := Write(path, &cfg); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.RemoveCol(SheetChangeCosts, "G"); err != nil {
		t.Fatal(err)
	}
	// Nor had it ChannelCosts' citizen_minutes or the Services, BenefitPlan
	// and PlanYears sheets: the YAML's settings stay.
	if err := f.RemoveCol(SheetChannelCosts, "C"); err != nil {
		t.Fatal(err)
	}
	for _, sh := range []string{SheetServices, SheetPlan, SheetPlanYears} {
		if err := f.DeleteSheet(sh); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got := config.Config{Org: "halden", Services: cfg.Services, BenefitPlan: cfg.BenefitPlan}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := Apply(path, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.BenefitPlan, cfg.BenefitPlan) || got.Services["barnehage"].CashFrom != "2008-07" {
		t.Errorf("the YAML's plan or services changed: %+v", got.BenefitPlan)
	}
	if len(got.ChangeCosts.Items) != 3 || got.ChangeCosts.Items[1].EndDate != "" || got.ChangeCosts.Items[2].Amount != -20000 {
		t.Errorf("items %+v", got.ChangeCosts.Items)
	}
}

// TestFilledTemplateEqualsYAML fills a fresh template as a finance
// officer would (a comma decimal, a Norwegian date, an Excel date serial)
// and reads it: the result equals the same settings written in YAML.
func TestFilledTemplateEqualsYAML(t *testing.T) {
	fresh := func() config.Config {
		c := config.Config{Org: "halden", Services: map[string]config.Service{"barnehage": {}, "byggesak": {}}}
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		return c
	}
	cfg := fresh()
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if err := Write(path, &cfg); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The template lists the services (barnehage A5, byggesak A6), the
	// channels (paper first) and the settings (deviation_threshold A9,
	// value_of_time A10).
	for _, c := range [][3]any{
		{SheetServices, "A5", "barnehage"}, {SheetServices, "A6", "byggesak"},
		{SheetSettings, "A9", "deviation_threshold"}, {SheetSettings, "A10", "value_of_time"},
		{SheetChannelCosts, "A5", "paper"},
	} {
		if v, _ := f.GetCellValue(c[0].(string), c[1].(string)); v != c[2] {
			t.Fatalf("%s!%s = %q, want %q", c[0], c[1], v, c[2])
		}
	}
	for _, c := range [][3]any{
		{SheetServices, "C5", "0,25"}, {SheetServices, "D5", "2008-07"}, {SheetServices, "E5", 38718}, {SheetServices, "F5", "2006-12-31"},
		{SheetServices, "A7", "Barnehage"}, {SheetServices, "B7", "sarpsborg"}, {SheetServices, "C7", 0.5}, {SheetServices, "D7", "01.01.2009"},
		{SheetPlan, "A5", "G1"}, {SheetPlan, "B5", "Cash"}, {SheetPlan, "C5", "Budget"}, {SheetPlan, "E5", "barnehage"}, {SheetPlan, "F5", "Kari"},
		{SheetPlan, "A6", "G3"}, {SheetPlan, "C6", "non_priced"}, {SheetPlan, "F6", "Per"}, {SheetPlan, "I6", "++"}, {SheetPlan, "J6", "Always open"},
		{SheetPlanYears, "A5", "G1"}, {SheetPlanYears, "B5", 2009}, {SheetPlanYears, "C5", "200 000"}, {SheetPlanYears, "D5", 150000}, {SheetPlanYears, "E5", "Later go-live"},
		{SheetPlanYears, "A6", "G1"}, {SheetPlanYears, "B6", 2008}, {SheetPlanYears, "C6", 100000},
		{SheetChannelCosts, "C5", 30},
		{SheetSettings, "B9", 0.15}, {SheetSettings, "B10", 250},
	} {
		if err := f.SetCellValue(c[0].(string), c[1].(string), c[2]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got := fresh()
	if err := Apply(path, &got); err != nil {
		t.Fatal(err)
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	// The same in YAML:
	//   services:
	//     barnehage: {cash_share: 0.25, cash_from: 2008-07, baseline_window: {from: 2006-01, to: 2006-12},
	//                 orgs: [{org: sarpsborg, cash_share: 0.5, cash_from: 2009-01}]}
	//   benefit_plan: {deviation_threshold: 0.15, value_of_time: 250, citizen_minutes: {paper: 30}, benefits: [...]}
	half, threshold := 0.5, 0.15
	want := fresh()
	want.Services["barnehage"] = config.Service{CashShare: 0.25, CashFrom: "2008-07", BaselineWindow: &config.Window{From: "2006-01", To: "2006-12"},
		Orgs: []config.OrgService{{Org: "sarpsborg", CashShare: &half, CashFrom: "2009-01"}}}
	want.BenefitPlan = config.BenefitPlan{DeviationThreshold: &threshold, ValueOfTime: 250, CitizenMinutes: map[string]float64{"paper": 30},
		Benefits: []config.PlannedBenefit{
			{ID: "G1", Name: "Cash", Class: "budget", Service: "barnehage", Owner: "Kari",
				Planned: map[string]float64{"2008": 100000, "2009": 200000}, TakenOut: map[string]float64{"2009": 150000},
				Explanations: map[string]string{"2009": "Later go-live"}},
			{ID: "G3", Class: "non_priced", Owner: "Per", Score: "++", Text: "Always open"},
		}}
	if err := want.Validate(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Services, want.Services) {
		t.Errorf("services\n got %+v\nwant %+v", got.Services, want.Services)
	}
	if !reflect.DeepEqual(got.BenefitPlan, want.BenefitPlan) {
		t.Errorf("benefit plan\n got %+v\nwant %+v", got.BenefitPlan, want.BenefitPlan)
	}
}

// TestBadPlanAndServiceCells: the rules across cells of the new sheets
// name the cell that breaks them.
func TestBadPlanAndServiceCells(t *testing.T) {
	cfg := filled(t)
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if err := Write(path, &cfg); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Services rows: 5 barnehage, 6 sarpsborg, 7 moss, 8 fredrikstad, 9 byggesak.
	// BenefitPlan rows: 5 G1, 6 G2, 7 G3. PlanYears rows: 5, 6 G1's 2008 and 2009, 7 G2's 2009.
	for _, c := range [][3]any{
		{SheetServices, "C5", 1.5},
		{SheetServices, "B7", "sarpsborg"},
		{SheetServices, "C8", ""}, {SheetServices, "D8", "2009-01"},
		{SheetServices, "E9", "2007-01"},
		{SheetServices, "A10", "skole"}, {SheetServices, "C10", 0.1},
		{SheetPlan, "C5", "cash"},
		{SheetPlan, "I6", "+"},
		{SheetPlan, "I7", ""},
		{SheetPlan, "A8", "G1"}, {SheetPlan, "C8", "capacity"}, {SheetPlan, "F8", "Kari"},
		{SheetPlanYears, "A7", "G9"},
		{SheetPlanYears, "B6", 2008},
		{SheetPlanYears, "A8", "G3"}, {SheetPlanYears, "B8", 2009}, {SheetPlanYears, "C8", 10},
		{SheetPlanYears, "A9", "G2"}, {SheetPlanYears, "B9", 20091},
		{SheetChannelCosts, "C5", "half an hour"},
	} {
		if err := f.SetCellValue(c[0].(string), c[1].(string), c[2]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// The cells' own checks come first: fix them and the rules across
	// cells are checked.
	err = Apply(path, &cfg)
	for _, want := range []string{
		`sheet Services, cell C5: "1.5": expected a number from 0 to 1`,
		`sheet Services, cell A10: "skole": expected one of barnehage, byggesak`,
		`sheet BenefitPlan, cell C5: "cash": expected one of budget, capacity, others, non_priced`,
		`sheet PlanYears, cell B9: "20091": expected a number from 1900 to 2200`,
		`sheet ChannelCosts, cell C5: "half an hour": expected a number`,
	} {
		if !errors.Is(err, ErrAssumptions) || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	f, err = excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]string{{"C5", "0.5"}, {"A10", "byggesak"}} {
		if err := f.SetCellStr(SheetServices, c[0], c[1]); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range [][3]string{{SheetPlan, "C5", "budget"}, {SheetPlanYears, "B9", "2010"}, {SheetChannelCosts, "C5", "30"}} {
		if err := f.SetCellStr(c[0], c[1], c[2]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	err = Apply(path, &cfg)
	for _, want := range []string{
		`sheet Services, cell B7: barnehage sarpsborg is already in cell B6: one row per service and organisation`,
		`sheet Services, cell C8: empty, but cash_from is set: an organisation's cash decision needs its own cash_share`,
		`sheet Services, cell F9: empty: expected the baseline window's last month`,
		`sheet Services, cell A10: byggesak (the service's own) is already in cell A9`,
		`sheet BenefitPlan, cell I6: "+": only a non_priced benefit is scored (class is others)`,
		`sheet BenefitPlan, cell I7: empty: a non_priced benefit needs a score`,
		`sheet BenefitPlan, cell A8: "G1" is already the benefit in cell A5`,
		`sheet PlanYears, cell A7: "G9": expected the id of a benefit on sheet BenefitPlan (G1, G2, G3)`,
		`sheet PlanYears, cell B6: G1 2008 is already in cell B5: one row per benefit and year`,
		`sheet PlanYears, cell C8: 10: G3 is non_priced`,
	} {
		if !errors.Is(err, ErrAssumptions) || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// TestUnsetPlanSettingsKeepTheYAMLs: a template written from a config
// without the plan's settings leaves them empty, so reading it keeps the
// YAML's value of time and threshold (the demo's workbook has no plan).
func TestUnsetPlanSettingsKeepTheYAMLs(t *testing.T) {
	bare := config.Config{Org: "halden", Services: map[string]config.Service{"barnehage": {}}}
	if err := bare.Validate(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if err := Write(path, &bare); err != nil {
		t.Fatal(err)
	}
	threshold := 0.2
	got := config.Config{Org: "halden", Services: map[string]config.Service{"barnehage": {CashShare: 0.3}},
		BenefitPlan: config.BenefitPlan{ValueOfTime: 250, DeviationThreshold: &threshold}}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := Apply(path, &got); err != nil {
		t.Fatal(err)
	}
	if got.BenefitPlan.ValueOfTime != 250 || got.BenefitPlan.Threshold() != 0.2 || got.Services["barnehage"].CashShare != 0.3 {
		t.Errorf("value of time %v, threshold %v, cash share %v: want the YAML's 250, 0.2, 0.3",
			got.BenefitPlan.ValueOfTime, got.BenefitPlan.Threshold(), got.Services["barnehage"].CashShare)
	}
}

// TestRulesAcrossKeysNameTheCell: a rule only the config's validation
// can check, across keys, names the sheet and cell when the values came
// from the workbook, and the YAML key when they came from the YAML file.
func TestRulesAcrossKeysNameTheCell(t *testing.T) {
	base := func() config.Config {
		c := config.Config{Org: "halden", Services: map[string]config.Service{"barnehage": {}}}
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		return c
	}
	write := func(cells [][3]any) string {
		cfg := base()
		path := filepath.Join(t.TempDir(), "a.xlsx")
		if err := Write(path, &cfg); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cells {
			if err := f.SetCellValue(c[0].(string), c[1].(string), c[2]); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return path
	}
	validate := func(path string, yaml func(*config.Config)) error {
		cfg := base()
		yaml(&cfg)
		if err := Apply(path, &cfg); err != nil {
			t.Fatalf("Apply: %v", err)
		}
		return cfg.Validate()
	}
	others := [][3]any{{SheetPlan, "A5", "G2"}, {SheetPlan, "C5", "others"}, {SheetPlan, "F5", "Ola"}}
	// Settings: value_of_time is row 10 (A10, B10).
	for _, tc := range []struct {
		name  string
		cells [][3]any
		yaml  func(*config.Config)
		want  []string
		never string
	}{
		{"class from the workbook, value of time unset", others, func(*config.Config) {},
			[]string{"benefit_plan.value_of_time: is 0, but G2 (class others: sheet BenefitPlan, cell C5 (benefit_plan.benefits[0].class))"}, "sheet Settings, cell"},
		{"both from the workbook", append(others, [3]any{SheetSettings, "B10", 0}), func(*config.Config) {},
			[]string{"sheet Settings, cell B10 (benefit_plan.value_of_time): is 0, but G2 (class others: sheet BenefitPlan, cell C5"}, ""},
		{"both from the YAML file", nil, func(c *config.Config) {
			c.BenefitPlan.Benefits = []config.PlannedBenefit{{ID: "G2", Class: "others", Owner: "Ola"}}
		}, []string{"benefit_plan.value_of_time: is 0, but G2 (class others: benefit_plan.benefits[0].class)"}, "cell"},
		{"the same rate change twice in the workbook", [][3]any{
			{SheetRateChanges, "A5", "clerk"}, {SheetRateChanges, "C5", "2008-05-01"}, {SheetRateChanges, "D5", 585},
			{SheetRateChanges, "A6", "clerk"}, {SheetRateChanges, "C6", "2008-05-20"}, {SheetRateChanges, "D6", 590}}, func(*config.Config) {},
			[]string{"sheet RateChanges, row 6 (costs.rate_changes[1]): the same role, org and month as sheet RateChanges, row 5 (costs.rate_changes[0])"}, ""},
		{"a running cost ending before it starts", [][3]any{
			{SheetChangeCosts, "D5", "running"}, {SheetChangeCosts, "E5", 1000}, {SheetChangeCosts, "F5", "2008-05-01"}, {SheetChangeCosts, "G5", "2007-01-31"}},
			func(*config.Config) {}, []string{"sheet ChangeCosts, cell G5 (change_costs.items[0].end_date): 2007-01-31 is before date 2008-05-01"}, ""},
		{"a growth rate out of range", [][3]any{{SheetSettings, "B11", 1.5}}, func(*config.Config) {},
			[]string{"sheet Settings, cell B11 (appraisal.price_growth): 1.5 is not a yearly growth rate"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := validate(write(tc.cells), tc.yaml)
			for _, w := range tc.want {
				if !errors.Is(err, config.ErrInvalid) || !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if tc.never != "" && err != nil && strings.Contains(err.Error(), tc.never) {
				t.Errorf("error names %q, where no value came from:\n%v", tc.never, err)
			}
		})
	}

	// A negative setting: refused by its cell unless it is a growth rate.
	path := write([][3]any{{SheetSettings, "B8", -0.1}, {SheetSettings, "B12", -0.01}})
	cfg := base()
	err := Apply(path, &cfg)
	if !errors.Is(err, ErrAssumptions) || !strings.Contains(err.Error(), "sheet Settings, cell B8: -0.1: expected a number ≥ 0 for overhead") ||
		strings.Contains(err.Error(), "B12") {
		t.Errorf("err = %v, want B8 (overhead) refused and B12 (real_wage_growth) not", err)
	}
}

// TestReplacedFileValuesAreNoted: a sheet that replaces values the config
// file set to something else is noted (the CLI warns: the file's edit
// would change nothing); the same values, or a part the file leaves
// empty, are not.
func TestReplacedFileValuesAreNoted(t *testing.T) {
	want := filled(t)
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if err := Write(path, &want); err != nil {
		t.Fatal(err)
	}
	same := filled(t)
	if err := Apply(path, &same); err != nil {
		t.Fatal(err)
	}
	if r := same.Replaced(); len(r) != 0 {
		t.Errorf("the workbook holds the file's own values, yet %v is noted", r)
	}
	other := filled(t)
	other.Costs.HourlyRates = map[string]float64{"clerk": 600, "case_officer": 690.5}
	other.Register = nil // not set in the file: nothing to warn of
	if err := Apply(path, &other); err != nil {
		t.Fatal(err)
	}
	got := other.Replaced()
	if len(got) != 1 || got[0][0] != "costs.hourly_rates" || got[0][1] != "sheet Rates of a.xlsx" {
		t.Errorf("noted %v, want costs.hourly_rates replaced by sheet Rates of a.xlsx", got)
	}
	if other.Costs.HourlyRates["clerk"] != 560 {
		t.Errorf("clerk's rate %v, want the workbook's 560", other.Costs.HourlyRates["clerk"])
	}
	// A setting the user set to another value is noted; one they left to
	// its default is not, whatever it was.
	settingsOff := filled(t)
	settingsOff.HoursPerFTE, settingsOff.Costs.Overhead = 1650, 0.3
	rate := 0.04
	settingsOff.ChangeCosts.DiscountRate = &rate
	settingsOff.MarkSet("hours_per_fte")
	settingsOff.MarkSet("change_costs.discount_rate")
	settingsOff.MarkSet("appraisal.price_growth") // the same value as the workbook's
	if err := Apply(path, &settingsOff); err != nil {
		t.Fatal(err)
	}
	wantNoted := [][2]string{{"change_costs.discount_rate", "sheet Settings, cell B5 of a.xlsx"},
		{"hours_per_fte", "sheet Settings, cell B7 of a.xlsx"}}
	if got := settingsOff.Replaced(); !reflect.DeepEqual(got, wantNoted) {
		t.Errorf("noted %v, want %v", got, wantNoted)
	}
	if settingsOff.HoursPerFTE != 1700 || settingsOff.Costs.Overhead != 0.2 {
		t.Errorf("hours per FTE %v, overhead %v: want the workbook's 1700 and 0.2", settingsOff.HoursPerFTE, settingsOff.Costs.Overhead)
	}
}
