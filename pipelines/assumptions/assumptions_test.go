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
	cfg.Services = map[string]config.Service{"barnehage": {}, "byggesak": {}}
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
	got := config.Config{Org: "halden", Services: want.Services}
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
		{"rate changes", got.Costs.RateChanges, want.Costs.RateChanges},
		{"itposmo", got.ITPOSMO.Assessments, want.ITPOSMO.Assessments},
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
	want := []string{SheetInstructions, SheetRates, SheetRateChanges, SheetChannelCosts, SheetRegister, SheetChangeCosts, SheetSettings, SheetITPOSMO}
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
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got := config.Config{Org: "halden", Services: cfg.Services}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := Apply(path, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.ChangeCosts.Items) != 3 || got.ChangeCosts.Items[1].EndDate != "" || got.ChangeCosts.Items[2].Amount != -20000 {
		t.Errorf("items %+v", got.ChangeCosts.Items)
	}
}
