package reports

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// listedOn returns the reason Data quality gives for the suppressed cells
// of sheet, "" when they are not listed.
func listedOn(t *testing.T, f *excelize.File, quality, sheet, cells string) string {
	t.Helper()
	rows, err := f.GetRows(quality)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		if len(row) > 3 && row[0] == sheet && row[1] == cells {
			return row[3]
		}
	}
	return ""
}

// TestSummarySavingsSmallByEmployees: the Summary's service table and the
// Savings tables hide a cell whose minutes come from fewer than min_cell
// employees, with the shared rule (issue 19), show the marker in place of
// the submissions too, and list the cells on Data quality with the reason
// and without the small count.
func TestSummarySavingsSmallByEmployees(t *testing.T) {
	in := testInput("en")
	const rng = "2024-01..2024-06" // the range, and the run-rate window (6 months)
	in.Employees = map[model.CellKey]int64{
		{Org: "A", Service: "byggesak", Period: rng}:                    2,
		{Org: "B", Service: "byggesak", Period: rng}:                    3,
		{Org: "A", Service: "barnehage", Period: rng}:                   9,
		{Org: "B", Service: "barnehage", Period: rng}:                   9,
		{Org: "A", Service: "barnehage", Channel: "paper", Period: rng}: 2,
		{Org: "A", Service: "barnehage", Period: "2024-03"}:             1,
	}
	f, _ := write(t, in)
	const why = "fewer than 5 employees"

	// Summary: Byggesøknad has 2 and 3 employees in its organisations: at
	// least 3, fewer than 5, so its row is hidden; Barnehageplass not.
	sh := "Summary"
	c := find(t, f, sh, "Byggesøknad")
	if c == "" {
		t.Fatal("Byggesøknad not on the Summary")
	}
	_, r, _ := excelize.CellNameToCoordinates(c)
	for col := 2; col <= 5; col++ {
		if got := raw(t, f, sh, cell(col, r)); got != "<5" {
			t.Errorf("Summary %s = %q, want <5", cell(col, r), got)
		}
	}
	if got := listedOn(t, f, "Data quality", sh, cell(2, r)+":"+cell(5, r)); got != why {
		t.Errorf("Summary byggesak listed with reason %q, want %q", got, why)
	}
	c = find(t, f, sh, "Barnehageplass")
	_, r, _ = excelize.CellNameToCoordinates(c)
	if got := number(t, f, sh, cell(2, r)); got != 240 {
		t.Errorf("Summary barnehage submissions = %v, want 240 (20 a month, 6 months, 2 orgs)", got)
	}

	// Savings by service: A/Byggesøknad hidden from its submissions on,
	// B/Barnehageplass shown.
	sh = "Savings"
	r = tableRow(t, f, sh, "tblSavingsByService", "A", "Byggesøknad")
	for _, col := range []int{3, 12, 18} {
		if got := raw(t, f, sh, cell(col, r)); got != "<5" {
			t.Errorf("Savings %s = %q, want <5", cell(col, r), got)
		}
	}
	if got := listedOn(t, f, "Data quality", sh, cell(3, r)+":"+cell(23, r)); got != why {
		t.Errorf("Savings A/byggesak listed with reason %q, want %q", got, why)
	}
	r = tableRow(t, f, sh, "tblSavingsByService", "B", "Barnehageplass")
	if got := number(t, f, sh, cell(3, r)); got != 120 {
		t.Errorf("Savings B/barnehage submissions = %v, want 120", got)
	}
	// Channel costs: A/Barnehageplass/Paper has 60 submissions but 2
	// employees.
	r = tableRow(t, f, sh, "tblChannelCosts", "A", "Barnehageplass", "Paper")
	if got := raw(t, f, sh, cell(4, r)); got != "<5" {
		t.Errorf("channel cost submissions = %q, want <5", got)
	}
	if got := listedOn(t, f, "Data quality", sh, cell(4, r)+":"+cell(9, r)); got != why {
		t.Errorf("channel cost listed with reason %q, want %q", got, why)
	}
	// The monthly row A/Barnehageplass/2024-03 has one employee.
	r = tableRow(t, f, sh, "tblSavingsMonthly", "A", "Barnehageplass", "2024-03")
	if got := raw(t, f, sh, cell(7, r)); got != "<5" {
		t.Errorf("monthly hours = %q, want <5", got)
	}
	if got := listedOn(t, f, "Data quality", sh, cell(4, r)+":"+cell(14, r)); got != why {
		t.Errorf("monthly row listed with reason %q, want %q", got, why)
	}
}

// TestSavingsYearSmallByEmployees: a year whose minutes come from fewer
// than min_cell employees in every service is hidden on Savings.
func TestSavingsYearSmallByEmployees(t *testing.T) {
	in := testInput("en")
	in.Employees = map[model.CellKey]int64{
		{Org: "A", Service: "barnehage", Period: "2024"}: 3,
		{Org: "A", Service: "byggesak", Period: "2024"}:  4,
		{Org: "B", Service: "barnehage", Period: "2024"}: 3,
		{Org: "B", Service: "byggesak", Period: "2024"}:  5,
	}
	f, _ := write(t, in)
	const sh = "Savings"
	a := tableRow(t, f, sh, "tblSavingsByYear", "A", "2024")
	b := tableRow(t, f, sh, "tblSavingsByYear", "B", "2024")
	if a == 0 || b == 0 {
		t.Fatalf("year rows not found: %d, %d", a, b)
	}
	if got := raw(t, f, sh, cell(6, a)); got != "<5" {
		t.Errorf("A 2024 hours = %q, want <5", got)
	}
	if got := raw(t, f, sh, cell(6, b)); got == "<5" || got == "" {
		t.Errorf("B 2024 hours = %q, want a number (5 employees in byggesak)", got)
	}
}

// TestSavingsBasis: the Savings table of B shows where B comes from, in
// the workbook's language.
func TestSavingsBasis(t *testing.T) {
	for lang, want := range map[string]string{"nb": "kanal Papir, rapportperioden (60 innsendinger)", "en": "Paper channel, reporting range (60 submissions)"} {
		f, _ := write(t, testInput(lang))
		sh := labels["sheet.savings"].nb
		if lang == "en" {
			sh = labels["sheet.savings"].en
		}
		r := tableRow(t, f, sh, "tblSavingsByService", "A", "Barnehageplass")
		if r == 0 {
			t.Fatalf("%s: row not found", lang)
		}
		if got := raw(t, f, sh, cell(24, r)); !strings.EqualFold(got, want) {
			t.Errorf("%s: basis = %q, want %q", lang, got, want)
		}
		head := raw(t, f, sh, cell(24, headerRow(t, f, sh, "tblSavingsByService")))
		if head != labels["col.basis"].nb && head != labels["col.basis"].en {
			t.Errorf("%s: basis header = %q", lang, head)
		}
	}
}

// headerRow is the header row of table on sheet.
func headerRow(t *testing.T, f *excelize.File, sheet, table string) int {
	t.Helper()
	tables, err := f.GetTables(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if tb.Name == table {
			c1, _, _ := strings.Cut(tb.Range, ":")
			_, r, _ := excelize.CellNameToCoordinates(c1)
			return r
		}
	}
	t.Fatalf("no table %s on %s", table, sheet)
	return 0
}
