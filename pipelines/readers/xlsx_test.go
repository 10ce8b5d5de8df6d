package readers

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// cellSet is one cell written by buildXLSX: a value, and a number format
// (excelize built-in id, 0 = none) to show it as a date.
type cellSet struct {
	sheet, cell string
	value       any
	numFmt      int
}

// buildXLSX writes a workbook with the given sheets (the first is renamed
// from Sheet1) and cells, and returns its path.
func buildXLSX(t *testing.T, sheets []string, cells []cellSet, date1904 bool) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheets[0]); err != nil {
		t.Fatal(err)
	}
	for _, s := range sheets[1:] {
		if _, err := f.NewSheet(s); err != nil {
			t.Fatal(err)
		}
	}
	if date1904 {
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
			t.Fatal(err)
		}
	}
	styles := map[int]int{}
	for _, c := range cells {
		if err := f.SetCellValue(c.sheet, c.cell, c.value); err != nil {
			t.Fatal(err)
		}
		if c.numFmt != 0 {
			if _, ok := styles[c.numFmt]; !ok {
				id, err := f.NewStyle(&excelize.Style{NumFmt: c.numFmt})
				if err != nil {
					t.Fatal(err)
				}
				styles[c.numFmt] = id
			}
			if err := f.SetCellStyle(c.sheet, c.cell, c.cell, styles[c.numFmt]); err != nil {
				t.Fatal(err)
			}
		}
	}
	p := filepath.Join(t.TempDir(), "in.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// row cells: a shorthand for the cells of one sheet, row by row from row 1;
// nil rows are left out of the sheet (absent from its XML).
func grid(sheet string, rows ...[]any) []cellSet {
	var out []cellSet
	for r, vals := range rows {
		for c, v := range vals {
			if v == nil {
				continue
			}
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			cs := cellSet{sheet: sheet, cell: name, value: v}
			if d, ok := v.(dateCell); ok {
				cs.value, cs.numFmt = float64(d.serial), d.numFmt
			}
			out = append(out, cs)
		}
	}
	return out
}

// dateCell is a serial number shown with a date/time number format.
type dateCell struct {
	serial float64
	numFmt int
}

func TestXLSX(t *testing.T) {
	// 45292 is 2024-01-01 in the 1900 date system.
	tests := []struct {
		name     string
		sheets   []string
		cells    []cellSet
		date1904 bool
		opt      XLSXOptions
		sheet    string
		columns  []string
		rows     []row
	}{{
		name:   "dates as serials and as text, numbers raw, empty cells",
		sheets: []string{"Ark1"},
		cells: grid("Ark1",
			[]any{"submission_id", "Received At", "decided_at", "minutes", "note"},
			[]any{"A1", dateCell{45292, 14}, "31.12.2008", 1.5, "x"},
			[]any{"A2", dateCell{45292.5, 22}, dateCell{0.25, 21}, 90, nil},
			[]any{"A3", nil, dateCell{45292.999999, 22}, "7,5", "ÆØÅ \"q\""},
			[]any{nil, "2024-02-03 10:00", nil, nil, nil},
		),
		opt:     XLSXOptions{DateColumns: []string{"received_at", "DECIDED_AT"}},
		sheet:   "Ark1",
		columns: []string{"submission_id", "Received At", "decided_at", "minutes", "note"},
		rows: []row{
			{line: 2, cells: []string{"A1", "2024-01-01", "31.12.2008", "1.5", "x"}},
			{line: 3, cells: []string{"A2", "2024-01-01 12:00:00", "06:00:00", "90", ""}},
			{line: 4, cells: []string{"A3", "", "2024-01-02 00:00:00", "7,5", `ÆØÅ "q"`}},
			{line: 5, cells: []string{"", "2024-02-03 10:00", "", "", ""}},
		},
	}, {
		name:   "a serial in a column not listed as a date stays a number",
		sheets: []string{"Ark1"},
		cells:  grid("Ark1", []any{"work_date", "minutes"}, []any{dateCell{45292, 14}, 0.1}),
		sheet:  "Ark1", columns: []string{"work_date", "minutes"},
		rows: []row{{line: 2, cells: []string{"45292", "0.1"}}},
	}, {
		name:   "header on row 3 after a title and a blank row; blank rows skipped",
		sheets: []string{"Timer"},
		cells: grid("Timer",
			[]any{"Timeregistrering Halden kommune 2008"},
			nil,
			[]any{"Ansatt", "Dato", "Timer", nil, "Saksnr"},
			[]any{"e1", dateCell{39813, 14}, 7.5, nil, "2008/17"},
			nil,
			[]any{"e2", dateCell{39814, 14}, 0.5, nil, nil},
			[]any{nil, nil, nil, nil, ""},
		),
		opt:     XLSXOptions{HeaderNames: []string{"ansatt", "DATO", "minutes"}, DateColumns: []string{"dato"}},
		sheet:   "Timer",
		columns: []string{"Ansatt", "Dato", "Timer", "column4", "Saksnr"},
		rows: []row{
			{line: 4, cells: []string{"e1", "2008-12-31", "7.5", "", "2008/17"}},
			{line: 6, cells: []string{"e2", "2009-01-01", "0.5", "", ""}},
		},
	}, {
		name:   "without header names the first non-empty row is the header",
		sheets: []string{"Ark1"},
		cells:  grid("Ark1", nil, []any{"a", "b"}, []any{"1", "2"}),
		sheet:  "Ark1", columns: []string{"a", "b"},
		rows: []row{{line: 3, cells: []string{"1", "2"}}},
	}, {
		name:   "header names not found: the first non-empty row",
		sheets: []string{"Ark1"},
		cells:  grid("Ark1", []any{"Rapport"}, []any{"a", "b"}, []any{"1", "2"}),
		opt:    XLSXOptions{HeaderNames: []string{"submission_id", "service"}},
		sheet:  "Ark1", columns: []string{"Rapport"},
		rows: []row{{line: 2, reason: "values in 2 columns but the header has 1"}, {line: 3, reason: "header has 1"}},
	}, {
		name:   "a named second sheet",
		sheets: []string{"Forside", "Data"},
		cells: append(grid("Forside", []any{"nothing", "here"}, []any{"x", "y"}),
			grid("Data", []any{"id", "when"}, []any{"1", dateCell{45292.75, 22}})...),
		opt:   XLSXOptions{Sheet: "Data", DateColumns: []string{"when"}},
		sheet: "Data", columns: []string{"id", "when"},
		rows: []row{{line: 2, cells: []string{"1", "2024-01-01 18:00:00"}}},
	}, {
		name:   "1904 date system",
		sheets: []string{"Ark1"},
		cells: grid("Ark1", []any{"day", "n"},
			[]any{dateCell{0, 14}, 1},
			[]any{dateCell{43830, 14}, 2},
			[]any{dateCell{43830.5, 22}, 3}),
		date1904: true,
		opt:      XLSXOptions{DateColumns: []string{"day"}},
		sheet:    "Ark1", columns: []string{"day", "n"},
		rows: []row{
			{line: 2, cells: []string{"00:00:00", "1"}},
			{line: 3, cells: []string{"2024-01-01", "2"}},
			{line: 4, cells: []string{"2024-01-01 12:00:00", "3"}},
		},
	}, {
		name:   "1900 date system before March 1900",
		sheets: []string{"Ark1"},
		cells: grid("Ark1", []any{"day"},
			[]any{dateCell{1, 14}}, []any{dateCell{59, 14}}, []any{dateCell{60, 14}}, []any{dateCell{61, 14}}),
		opt:   XLSXOptions{DateColumns: []string{"day"}},
		sheet: "Ark1", columns: []string{"day"},
		rows: []row{
			{line: 2, cells: []string{"1900-01-01"}},
			{line: 3, cells: []string{"1900-02-28"}},
			{line: 4, cells: []string{"60"}}, // Excel's 29 February 1900 never was
			{line: 5, cells: []string{"1900-03-01"}},
		},
	}, {
		name:   "too many values and too long cells are row errors; reading goes on",
		sheets: []string{"Ark1"},
		cells: grid("Ark1", []any{"a", "b"},
			[]any{"1", "2", "extra"},
			[]any{"1", strings.Repeat("ø", 11)},
			[]any{"1", strings.Repeat("ø", 10)}),
		opt:   XLSXOptions{MaxCellLen: 10},
		sheet: "Ark1", columns: []string{"a", "b"},
		rows: []row{
			{line: 2, reason: `extra value "extra" in column C`},
			{line: 3, reason: "cell B3 (b) is longer than 10 characters"},
			{line: 4, cells: []string{"1", strings.Repeat("ø", 10)}},
		},
	}, {
		name:    "empty sheet",
		sheets:  []string{"Ark1"},
		sheet:   "Ark1",
		columns: nil,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := OpenXLSX(buildXLSX(t, tt.sheets, tt.cells, tt.date1904), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if x.Sheet() != tt.sheet {
				t.Errorf("sheet %q, want %q", x.Sheet(), tt.sheet)
			}
			if !slices.Equal(x.Columns(), tt.columns) {
				t.Errorf("columns %q, want %q", x.Columns(), tt.columns)
			}
			checkRows(t, readAll(t, x), tt.rows)
		})
	}
}

func TestXLSXErrors(t *testing.T) {
	twoSheets := func(t *testing.T) string {
		return buildXLSX(t, []string{"Forside", "Data"}, grid("Data", []any{"a"}, []any{"1"}, []any{"2"}, []any{"3"}), false)
	}
	tests := []struct {
		name string
		path func(t *testing.T) string
		opt  XLSXOptions
		err  error
		msg  string
	}{{
		name: "missing sheet lists the sheets",
		path: twoSheets, opt: XLSXOptions{Sheet: "Timer"},
		err: ErrNoSheet, msg: `no sheet "Timer" (the sheets are "Forside", "Data")`,
	}, {
		name: "not a zip file",
		path: func(t *testing.T) string { return writeFile(t, "in.xlsx", "a;b\n1;2\n") },
		err:  ErrInput, msg: "not an Excel workbook",
	}, {
		name: "unzip limit",
		path: twoSheets, opt: XLSXOptions{MaxUnzipBytes: 1000},
		err: ErrLimit, msg: "unzips to more than 1000 bytes",
	}, {
		name: "cell limit",
		path: twoSheets, opt: XLSXOptions{Sheet: "Data", MaxCells: 3},
		err: ErrLimit, msg: `sheet "Data" has more than 3 cells (at row 4)`,
	}, {
		name: "no header in the first 30 rows",
		path: func(t *testing.T) string {
			return buildXLSX(t, []string{"Ark1"}, []cellSet{{sheet: "Ark1", cell: "A40", value: "late"}}, false)
		},
		err: ErrInput, msg: "no header row in the first 30 rows",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := OpenXLSX(tt.path(t), tt.opt)
			if err == nil {
				// limits on cells may show while reading
				for err == nil {
					_, _, err = x.Next()
				}
				x.Close()
			}
			if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("got %v, want %v containing %q", err, tt.err, tt.msg)
			}
		})
	}
}

// TestXLSXZipBomb: a sheet of 32 MiB that compresses to some 30 KiB
// is refused from the zip directory, before anything is unzipped, and fast.
func TestXLSXZipBomb(t *testing.T) {
	small := buildXLSX(t, []string{"Ark1"}, grid("Ark1", []any{"a"}, []any{"1"}), false)
	bomb := filepath.Join(t.TempDir(), "bomb.xlsx")
	const size = 32 << 20
	rewriteZip(t, small, bomb, "xl/worksheets/sheet1.xml", func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		pad := make([]byte, 1<<20)
		for i := range pad {
			pad[i] = ' '
		}
		for range size >> 20 {
			w.Write(pad)
		}
		io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row></sheetData></worksheet>`)
	})
	if fi, _ := os.Stat(bomb); fi.Size() > 256<<10 {
		t.Fatalf("bomb is %d bytes; the test wants a small file", fi.Size())
	}
	_, err := OpenXLSX(bomb, XLSXOptions{MaxUnzipBytes: 8 << 20})
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "xl/worksheets/sheet1.xml") {
		t.Fatalf("got %v, want ErrLimit naming the sheet part", err)
	}
	// Nothing was unzipped: a copy whose sheet data is garbage (the zip
	// directory intact) is refused the same way, while with room under
	// the limit the garbage is found.
	garbled := garbleZipPart(t, bomb, "xl/worksheets/sheet1.xml")
	if _, err := OpenXLSX(garbled, XLSXOptions{MaxUnzipBytes: 8 << 20}); !errors.Is(err, ErrLimit) {
		t.Errorf("garbled bomb under the limit: %v, want ErrLimit from the zip directory", err)
	}
	if x, err := OpenXLSX(garbled, XLSXOptions{}); err == nil || errors.Is(err, ErrLimit) {
		if x != nil {
			x.Close()
		}
		t.Errorf("garbled bomb with room: %v, want a read error (the test's garbage is not garbage)", err)
	}
	// Under a limit that admits it, the same file is read (excelize
	// unzips the big sheet to a temporary file, not to memory).
	if testing.Short() {
		return
	}
	x, err := OpenXLSX(bomb, XLSXOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if !slices.Equal(x.Columns(), []string{"a"}) {
		t.Errorf("columns %q", x.Columns())
	}
}

// rewriteZip copies the zip src to dst, replacing the part name by what
// write writes.
func rewriteZip(t *testing.T, src, dst, name string, write func(io.Writer)) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, f := range zr.File {
		if f.Name == name {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
			if err != nil {
				t.Fatal(err)
			}
			write(w)
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := errors.Join(zw.Close(), out.Close()); err != nil {
		t.Fatal(err)
	}
}

// garbleZipPart copies a zip file and overwrites the compressed data of
// one part with 0xff bytes, leaving the zip directory as it was.
func garbleZipPart(t *testing.T, src, name string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	found := false
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		off, err := f.DataOffset()
		if err != nil {
			t.Fatal(err)
		}
		for i := off; i < off+int64(f.CompressedSize64); i++ {
			b[i] = 0xff
		}
		found = true
	}
	if !found {
		t.Fatalf("%s has no part %s", src, name)
	}
	dst := filepath.Join(t.TempDir(), "garbled.xlsx")
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}
