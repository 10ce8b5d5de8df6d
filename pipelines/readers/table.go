// Package readers reads the input formats DuckDB cannot read itself
// (Excel workbooks) or that need per-row care in Go (JSON lines) as plain
// tables of text cells, row by row, for the import pipeline to stage in
// DuckDB. It imports only the standard library and excelize.
package readers

import (
	"fmt"
	"unicode/utf8"
)

// Table is a file read as a header and rows of text cells.
//
// Columns returns the header names as they are in the file. Next returns
// the next data row with one cell per column ("" for an empty cell) and
// the row's line number (JSON lines: the line in the file, 1-based; xlsx:
// the Excel row number), and io.EOF after the last row. A problem with one
// row is returned as a *RowError: record it as a reject and call Next
// again. Any other error is fatal for the file.
type Table interface {
	Columns() []string
	Next() (cells []string, line int64, err error)
}

// RowError is a problem with one row: it is rejected, and reading goes on
// with the next row.
type RowError struct {
	// Line is the row's line (JSON lines) or Excel row number (xlsx).
	Line int64
	// Text is the row as found in the file, cut to maxRowText bytes.
	Text string
	// Reason says what is wrong, for a clerk.
	Reason string
}

func (e *RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// RowLine returns the row's line number (lets callers that must not import
// this package recognise a row error by its methods).
func (e *RowError) RowLine() int64 { return e.Line }

// RowText returns the row as found in the file, possibly cut.
func (e *RowError) RowText() string { return e.Text }

// RowReason returns why the row was rejected.
func (e *RowError) RowReason() string { return e.Reason }

// maxRowText is how much of a bad row's text a RowError keeps: enough to
// find the row, bounded so a million bad rows cannot fill memory.
const maxRowText = 1024

// cut returns s shortened to at most n bytes without splitting a UTF-8
// sequence, with "…" appended when it was cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// columnName names a header cell that is empty, like DuckDB's read_csv
// does for a nameless column, but counting from 1 as a clerk would.
func columnName(name string, i int) string {
	if name == "" {
		return fmt.Sprintf("column%d", i+1)
	}
	return name
}
