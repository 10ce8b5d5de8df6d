package readers

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSXOptions choose the sheet, the header row, the date columns and the
// input limits of OpenXLSX. The zero value reads the first sheet with the
// default limits.
type XLSXOptions struct {
	// Sheet is the sheet to read; "" means the first sheet.
	Sheet string
	// DateColumns names the columns (as in the header, or their canonical
	// name: "Received At" matches received_at) whose numeric cells are
	// Excel date/time serial numbers, converted to YYYY-MM-DD (whole
	// days), YYYY-MM-DD HH:MM:SS, or HH:MM:SS (values below 1, a time of
	// day). Text cells in those columns stay as written.
	DateColumns []string
	// HeaderNames identify the header row: the first row among the first
	// 30 that holds at least two of them (one, if only one is given), case
	// and blanks ignored. Without a match the header is the first
	// non-empty row; rows above the header (titles) are skipped.
	HeaderNames []string
	// MaxCells limits the cells read from the sheet (default 50 000 000).
	MaxCells int64
	// MaxUnzipBytes limits the workbook's total unzipped size, checked
	// before anything is unzipped (default 1 GiB).
	MaxUnzipBytes int64
	// MaxCellLen limits one cell's length in characters (default 32 767,
	// Excel's own limit); a longer cell rejects its row.
	MaxCellLen int
}

// Defaults of XLSXOptions.
const (
	DefaultMaxCells      = 50_000_000
	DefaultMaxUnzipBytes = 1 << 30
	DefaultMaxCellLen    = 32_767
	// headerSearchRows is how many rows are searched for the header.
	headerSearchRows = 30
	// xmlInMemory is the largest sheet or shared-string part excelize
	// keeps in memory; larger parts are unzipped to a temporary file.
	xmlInMemory = 16 << 20
)

// XLSX is an Excel sheet read as a Table. Call Close to release the file
// and the temporary files excelize may have unzipped to.
type XLSX struct {
	f        *excelize.File
	rows     *excelize.Rows
	sheet    string
	date1904 bool
	opt      XLSXOptions

	header  []string
	isDate  []bool
	rowNum  int64     // Excel row number of the row last read from rows
	pending []xlsxRow // rows read while looking for the header
	cells   int64     // cells read so far, for MaxCells
	done    bool
}

type xlsxRow struct {
	num   int64
	cells []string
}

// OpenXLSX opens the workbook at path, checks its unzipped size, finds the
// sheet and its header row, and returns the sheet as a Table positioned at
// the first data row.
func OpenXLSX(path string, opt XLSXOptions) (*XLSX, error) {
	if opt.MaxCells <= 0 {
		opt.MaxCells = DefaultMaxCells
	}
	if opt.MaxUnzipBytes <= 0 {
		opt.MaxUnzipBytes = DefaultMaxUnzipBytes
	}
	if opt.MaxCellLen <= 0 {
		opt.MaxCellLen = DefaultMaxCellLen
	}
	if err := checkUnzipSize(path, opt.MaxUnzipBytes); err != nil {
		return nil, err
	}
	f, err := excelize.OpenFile(path, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    opt.MaxUnzipBytes,
		UnzipXMLSizeLimit: min(opt.MaxUnzipBytes, xmlInMemory),
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, fmt.Errorf("%w: %s: cannot be read as an Excel workbook (.xlsx): %w", ErrInput, path, err)
	}
	x := &XLSX{f: f, opt: opt}
	if err := x.open(path); err != nil {
		x.Close()
		return nil, err
	}
	return x, nil
}

// checkUnzipSize refuses a workbook whose parts unzip to more than limit
// bytes, before any part is unzipped. Go's zip reader fails on a part that
// inflates beyond its declared size, so the declared sizes can be trusted.
func checkUnzipSize(path string, limit int64) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("%w: %s: not an Excel workbook (.xlsx is a zip file): %w", ErrInput, path, err)
	}
	defer zr.Close()
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(limit) {
			return fmt.Errorf("%w: %s: the workbook unzips to more than %d bytes (part %s alone is %d bytes); raise the unzip limit if the file is genuine",
				ErrLimit, path, limit, zf.Name, zf.UncompressedSize64)
		}
	}
	return nil
}

func (x *XLSX) open(path string) error {
	sheets := x.f.GetSheetList()
	if len(sheets) == 0 {
		return fmt.Errorf("%w: %s: the workbook has no sheets", ErrInput, path)
	}
	x.sheet = sheets[0]
	if x.opt.Sheet != "" {
		x.sheet = ""
		for _, s := range sheets {
			if s == x.opt.Sheet {
				x.sheet = s
			}
		}
		if x.sheet == "" {
			return fmt.Errorf("%w: %s: no sheet %q (the sheets are %s)", ErrNoSheet, path, x.opt.Sheet, quoteList(sheets))
		}
	}
	props, err := x.f.GetWorkbookProps()
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInput, path, err)
	}
	x.date1904 = props.Date1904 != nil && *props.Date1904
	if x.rows, err = x.f.Rows(x.sheet); err != nil {
		return fmt.Errorf("%w: %s: sheet %q: %w", ErrInput, path, x.sheet, err)
	}
	return x.findHeader(path)
}

// findHeader reads up to headerSearchRows rows, picks the header row and
// keeps the data rows after it in pending.
func (x *XLSX) findHeader(path string) error {
	want := map[string]bool{}
	for _, n := range x.opt.HeaderNames {
		want[normName(n)] = true
	}
	need := min(2, len(want))
	var first []xlsxRow
	headerAt := -1
	for len(first) < headerSearchRows {
		r, err := x.readRow()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		first = append(first, r)
		if need > 0 {
			hits := 0
			for _, c := range r.cells {
				if want[normName(c)] {
					hits++
				}
			}
			if hits >= need {
				headerAt = len(first) - 1
				break
			}
		}
	}
	if headerAt < 0 {
		for i, r := range first {
			if !emptyRow(r.cells) {
				headerAt = i
				break
			}
		}
	}
	if headerAt < 0 {
		if len(first) < headerSearchRows {
			// An empty sheet is a table without columns or rows.
			x.done = true
			return nil
		}
		return fmt.Errorf("%w: %s: sheet %q: no header row in the first %d rows", ErrInput, path, x.sheet, headerSearchRows)
	}
	h := trimTrailingEmpty(first[headerAt].cells)
	x.header = make([]string, len(h))
	for i, c := range h {
		x.header[i] = columnName(c, i)
	}
	x.pending = first[headerAt+1:]
	dates := map[string]bool{}
	for _, n := range x.opt.DateColumns {
		dates[normName(n)] = true
	}
	x.isDate = make([]bool, len(x.header))
	for i, n := range x.header {
		x.isDate[i] = dates[normName(n)]
	}
	return nil
}

// readRow returns the next row of the sheet, empty rows included, with its
// Excel row number. excelize's Next visits every row number, also those
// absent from the sheet's XML, so counting calls gives the row number.
func (x *XLSX) readRow() (xlsxRow, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return xlsxRow{}, fmt.Errorf("%w: sheet %q after row %d: %w", ErrInput, x.sheet, x.rowNum, err)
		}
		return xlsxRow{}, io.EOF
	}
	x.rowNum++
	cells, err := x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return xlsxRow{}, fmt.Errorf("%w: sheet %q row %d: %w", ErrInput, x.sheet, x.rowNum, err)
	}
	x.cells += int64(len(cells))
	if x.cells > x.opt.MaxCells {
		return xlsxRow{}, fmt.Errorf("%w: sheet %q has more than %d cells (at row %d); split the file or raise the cell limit",
			ErrLimit, x.sheet, x.opt.MaxCells, x.rowNum)
	}
	return xlsxRow{num: x.rowNum, cells: cells}, nil
}

// Sheet returns the name of the sheet being read.
func (x *XLSX) Sheet() string { return x.sheet }

// Columns returns the header row's names; an empty header cell is named
// column1, column2, ... by its position.
func (x *XLSX) Columns() []string { return x.header }

// Next returns the next non-empty data row and its Excel row number.
func (x *XLSX) Next() ([]string, int64, error) {
	for {
		var r xlsxRow
		switch {
		case len(x.pending) > 0:
			r, x.pending = x.pending[0], x.pending[1:]
		case x.done:
			return nil, 0, io.EOF
		default:
			var err error
			if r, err = x.readRow(); err == io.EOF {
				x.done = true
				return nil, 0, io.EOF
			} else if err != nil {
				return nil, 0, err
			}
		}
		cells := trimTrailingEmpty(r.cells)
		if len(cells) == 0 {
			continue // blank rows are skipped, like blank lines
		}
		if len(cells) > len(x.header) {
			return nil, r.num, &RowError{Line: r.num, Text: rowText(cells),
				Reason: fmt.Sprintf("row has values in %d columns but the header has %d (extra value %q in column %s)",
					len(cells), len(x.header), cut(cells[len(x.header)], 100), colLetter(len(x.header)))}
		}
		out := make([]string, len(x.header))
		copy(out, cells)
		for i, c := range out {
			if n := utf8RuneCount(c, x.opt.MaxCellLen); n > x.opt.MaxCellLen {
				return nil, r.num, &RowError{Line: r.num, Text: rowText(cells),
					Reason: fmt.Sprintf("cell %s%d (%s) is longer than %d characters", colLetter(i), r.num, x.header[i], x.opt.MaxCellLen)}
			}
			if x.isDate[i] && c != "" {
				out[i] = excelSerialText(c, x.date1904)
			}
		}
		return out, r.num, nil
	}
}

// Close releases the workbook and its temporary files.
func (x *XLSX) Close() error {
	var err error
	if x.rows != nil {
		err = x.rows.Close()
	}
	return errors.Join(err, x.f.Close())
}

// excelSerialText turns a cell holding an Excel date/time serial number
// into text: YYYY-MM-DD for whole days, YYYY-MM-DD HH:MM:SS with a time of
// day, HH:MM:SS below 1 (a time only). Anything else is returned as it is,
// for the SQL checks to reject with the value a clerk can find.
func excelSerialText(s string, date1904 bool) string {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	// 2958466 is 10000-01-01, beyond any date Excel can show.
	if err != nil || math.IsNaN(v) || v < 0 || v >= 2958466 {
		return s
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	if secs >= 86400 {
		days, secs = days+1, 0
	}
	clock := time.Duration(secs) * time.Second
	hms := fmt.Sprintf("%02d:%02d:%02d", int(clock.Hours()), int(clock.Minutes())%60, int(clock.Seconds())%60)
	if days == 0 && v < 1 {
		return hms
	}
	var d time.Time
	switch {
	case date1904:
		d = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	case days == 60:
		// Excel's 29 February 1900, a day that never was (kept from Lotus 1-2-3).
		return s
	case days < 60:
		d = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	default:
		d = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days))
	}
	if secs == 0 && v == days {
		return d.Format(time.DateOnly)
	}
	return d.Format(time.DateOnly) + " " + hms
}

// normName compares column names as the importer does: case and runs of
// blanks ignored ("Received  At" = received_at).
func normName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "_", " "))), "_")
}

func emptyRow(cells []string) bool { return len(trimTrailingEmpty(cells)) == 0 }

func trimTrailingEmpty(cells []string) []string {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return cells[:n]
}

// rowText is a bad row's cells as one line of text, tab-separated.
func rowText(cells []string) string {
	n := 0
	for i, c := range cells {
		if n > maxRowText {
			cells = cells[:i]
			break
		}
		n += len(c) + 1
	}
	return cut(strings.Join(cells, "\t"), maxRowText)
}

// colLetter is the Excel column letter of the 0-based column i.
func colLetter(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return strconv.Itoa(i + 1)
	}
	return name
}

// utf8RuneCount counts the runes of s, stopping early above limit.
func utf8RuneCount(s string, limit int) int {
	if len(s) <= limit {
		return len(s) // at most len(s) runes: under the limit either way
	}
	n := 0
	for range s {
		n++
		if n > limit {
			break
		}
	}
	return n
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
