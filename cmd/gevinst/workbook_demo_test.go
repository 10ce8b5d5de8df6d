package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestDemoWorkbookReadsTrue builds the demo workbook in nb and en and
// reads every sheet back (issue 19): no format-verb debris, no "n = …"
// text and no dash standing in for a number on any sheet, every numeric
// table column numeric (or the privacy marker), print titles on every
// sheet, and no count of submissions below privacy.min_cell visible.
func TestDemoWorkbookReadsTrue(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo")
	}
	c := newCLI(t)
	dir := filepath.Join(c.dir, "demo")
	c.mustRun("demo", "--out", dir)
	cfg, db := filepath.Join(dir, "gevinst.yaml"), filepath.Join(dir, "gevinst.duckdb")
	books := map[string]string{"nb": filepath.Join(dir, "gevinst-dashboard.xlsx"), "en": filepath.Join(dir, "en.xlsx")}
	c.mustRun("--config", cfg, "--db", db, "report", "--lang", "en", "--out", books["en"])
	const minCell = 5 // the demo's privacy.min_cell (the default)
	for lang, path := range books {
		t.Run(lang, func(t *testing.T) {
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			checkWorkbook(t, f, minCell)
			checkWithOpenpyxl(t, path)
		})
	}
}

// openpyxlCheck reads a workbook as a second, independent reader would
// (openpyxl without calculating): every formula's cached value is a
// number, no text holds "%!", every sheet has print titles. It prints one
// problem a line.
const openpyxlCheck = `
import sys, openpyxl
path = sys.argv[1]
formulas = openpyxl.load_workbook(path)
values = openpyxl.load_workbook(path, data_only=True)
n = 0
for ws in formulas.worksheets:
    wv = values[ws.title]
    if not ws.print_title_rows:
        print("%s: no print titles" % ws.title)
    for row in ws.iter_rows():
        for c in row:
            v = wv[c.coordinate].value
            if isinstance(c.value, str) and c.value.startswith("="):
                n += 1
                if not isinstance(v, (int, float)):
                    print("%s!%s: formula %s caches %r, not a number" % (ws.title, c.coordinate, c.value, v))
            elif isinstance(v, str) and "%!" in v:
                print("%s!%s: format debris %r" % (ws.title, c.coordinate, v))
print("formulas", n)
`

// checkWithOpenpyxl runs openpyxlCheck when python3 with openpyxl is
// installed (Debian: python3-openpyxl), and skips with a message if not.
func checkWithOpenpyxl(t *testing.T, path string) {
	t.Helper()
	// Debian's python3-openpyxl is in the system Python, which a
	// python3 earlier on PATH (pyenv) may not see.
	var py string
	err := errors.New("no python3")
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if py, err = exec.LookPath(p); err == nil {
			if err = exec.Command(py, "-c", "import openpyxl").Run(); err == nil {
				break
			}
		}
	}
	if err != nil {
		t.Logf("second reader skipped: python3 with openpyxl not found (%v); apt-get install python3-openpyxl", err)
		return
	}
	out, err := exec.Command(py, "-c", openpyxlCheck, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	last := lines[len(lines)-1]
	if last == "formulas 0" {
		t.Error("openpyxl found no formulas: the check checks nothing")
	}
	for _, l := range lines[:len(lines)-1] {
		t.Errorf("openpyxl: %s", l)
	}
}

var (
	marker     = regexp.MustCompile(`^<[0-9]+$`)
	countHead  = regexp.MustCompile(`^(Submissions|Innsendinger|Paper|Papir|E-form|E-skjema|Integrated e-form|Integrert e-skjema|Total|Sum)( \(\d+\))?$`)
	verbDebris = regexp.MustCompile(`%!`)
	// nText is "n = 1477" written as text; dashText a cell holding only a
	// dash, the placeholder of a missing number.
	nText    = regexp.MustCompile(`^n = `)
	dashText = regexp.MustCompile(`^\s*[-–—]\s*$`)
)

// checkWorkbook applies the issue-19 reading checks to every sheet.
func checkWorkbook(t *testing.T, f *excelize.File, minCell int) {
	t.Helper()
	raw := excelize.Options{RawCellValue: true}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, raw)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch {
				case verbDebris.MatchString(v):
					t.Errorf("%s!%s has format debris: %q", sh, name, v)
				case nText.MatchString(v):
					t.Errorf("%s!%s writes n as text: %q (n has its own numeric column)", sh, name, v)
				case dashText.MatchString(v):
					t.Errorf("%s!%s is a dash in place of a number (leave it empty and say so in a note)", sh, name)
				}
			}
		}
		titles := false
		for _, d := range f.GetDefinedName() {
			if d.Name == "_xlnm.Print_Titles" && d.Scope == sh {
				titles = true
			}
		}
		if !titles {
			t.Errorf("%s has no print titles", sh)
		}
		tables, err := f.GetTables(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range tables {
			checkTable(t, f, sh, tb, minCell)
		}
	}
}

// checkTable: a column with a number in it holds only numbers, empty
// cells and the privacy marker; a column of submission counts shows no
// count from 1 to minCell − 1.
func checkTable(t *testing.T, f *excelize.File, sh string, tb excelize.Table, minCell int) {
	t.Helper()
	parts := strings.Split(tb.Range, ":")
	c1, r1, _ := excelize.CellNameToCoordinates(parts[0])
	c2, r2, _ := excelize.CellNameToCoordinates(parts[1])
	for c := c1; c <= c2; c++ {
		head, _ := f.GetCellValue(sh, cell(c, r1))
		var numbers, texts []string
		for r := r1 + 1; r <= r2; r++ {
			name := cell(c, r)
			typ, _ := f.GetCellType(sh, name)
			v, _ := f.GetCellValue(sh, name, excelize.Options{RawCellValue: true})
			if v == "" || marker.MatchString(v) {
				continue
			}
			if typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset || typ == excelize.CellTypeFormula {
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					numbers = append(numbers, name)
					if countHead.MatchString(head) && x > 0 && x < float64(minCell) {
						t.Errorf("%s!%s (%s) shows %v submissions, below min_cell %d", sh, name, head, x, minCell)
					}
					continue
				}
			}
			texts = append(texts, name+"="+v)
		}
		if len(numbers) > 0 && len(texts) > 0 {
			t.Errorf("%s %s column %q mixes numbers with text: %v", sh, tb.Name, head, first(texts, 5))
		}
	}
}

func cell(c, r int) string {
	n, _ := excelize.CoordinatesToCellName(c, r)
	return n
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }
