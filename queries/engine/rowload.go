package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// RowSource is a table read row by row in Go, for the formats DuckDB
// cannot read itself (xlsx, transcoded text). pipelines/readers.Table has
// this method set; queries does not import pipelines.
//
// Columns returns the header names. Next returns one data row's cells (one
// per column, "" for empty) and its line in the file, and io.EOF after the
// last row. A problem with one row is an error that implements RowProblem:
// it is staged as a reject and reading goes on. Any other error stops it.
type RowSource interface {
	Columns() []string
	Next() (cells []string, line int64, err error)
}

// RowProblem is a per-row error of a RowSource (readers.RowError
// implements it): the row is rejected with this line, text and reason.
type RowProblem interface {
	RowLine() int64
	RowText() string
	RowReason() string
}

// goReaderError is the error_type of a RowSource's rejects in
// raw_csv_errors, beside DuckDB's own CSV error types.
const goReaderError = "GO READER"

// maxRejectText bounds the raw text stored for one rejected row.
const maxRejectText = 1024

// stageTable stages a RowSource like read_csv stages a CSV file: it
// creates the temp tables raw_file (gevinst_rn = record number, gevinst_line
// = line in the file, then every column as VARCHAR, NULL for an empty
// cell) and raw_csv_errors (the columns of DuckDB's rejects table that
// import_read_errors.sql reads; error_type 'GO READER', the reason in
// error_message) and fills them on the Engine's connection, inside tx, so a
// rollback undoes them. It returns the number of rows in raw_file.
//
// Built with the duckdb_arrow tag it hands the rows to DuckDB as Arrow
// record batches, otherwise through the Appender (docs/decision-rowload.md:
// Arrow is the faster).
func (e *Engine) stageTable(ctx context.Context, tx *sql.Tx, src RowSource) (int64, error) {
	return e.stageRows(ctx, tx, src)
}

// createStaging (re)creates the empty staging tables for the columns.
func createStaging(ctx context.Context, tx *sql.Tx, cols []string) error {
	if err := checkColumnNames(cols); err != nil {
		return err
	}
	var b strings.Builder
	for _, c := range cols {
		b.WriteString(", " + QuoteIdent(c) + " VARCHAR")
	}
	if _, err := tx.ExecContext(ctx, spliced("raw_file_create.sql", map[string]string{"columns": b.String()})); err != nil {
		return fmt.Errorf("%w: create raw_file: %w", ErrDatabase, err)
	}
	if _, err := tx.ExecContext(ctx, mustSQL("raw_csv_errors_empty.sql")); err != nil {
		return fmt.Errorf("%w: create raw_csv_errors: %w", ErrDatabase, err)
	}
	return nil
}

// checkColumnNames refuses a header DuckDB cannot make a table of: names
// that differ only in case (DuckDB identifiers ignore case) or that take
// the staging columns' names.
func checkColumnNames(cols []string) error {
	seen := map[string]string{"gevinst_rn": "gevinst_rn", "gevinst_line": "gevinst_line"}
	for _, c := range cols {
		k := strings.ToLower(c)
		if prev, dup := seen[k]; dup {
			if prev == k && (k == "gevinst_rn" || k == "gevinst_line") {
				return fmt.Errorf("%w: the header has a column %q, a name gevinst keeps for itself", ErrInput, c)
			}
			return fmt.Errorf("%w: the header has columns %q and %q; column names must differ in more than upper/lower case", ErrInput, prev, c)
		}
		seen[k] = c
	}
	return nil
}

// stagedRow is one good row, or one reject (problem != nil), of a source.
type stagedRow struct {
	cells   []string
	line    int64
	problem RowProblem
}

// nextRow reads the source's next row. A row with more cells than columns
// or with text that is not UTF-8 becomes a reject; fewer cells are padded.
func nextRow(src RowSource, ncols int) (stagedRow, error) {
	cells, line, err := src.Next()
	if err != nil {
		var p RowProblem
		if err != io.EOF && errors.As(err, &p) {
			return stagedRow{line: p.RowLine(), problem: p}, nil
		}
		return stagedRow{}, err // io.EOF or fatal
	}
	switch {
	case len(cells) > ncols:
		return stagedRow{line: line, problem: rowProblem{line, cells,
			fmt.Sprintf("row has %d values but the header has %d columns", len(cells), ncols)}}, nil
	}
	for i, c := range cells {
		if !utf8.ValidString(c) {
			return stagedRow{line: line, problem: rowProblem{line, cells,
				fmt.Sprintf("value %d is not valid UTF-8 text", i+1)}}, nil
		}
	}
	return stagedRow{cells: cells, line: line}, nil
}

// rowProblem is a reject found by the stager itself.
type rowProblem struct {
	line   int64
	cells  []string
	reason string
}

func (p rowProblem) RowLine() int64 { return p.line }
func (p rowProblem) RowText() string {
	return strings.ToValidUTF8(strings.Join(p.cells, "\t"), "\uFFFD")
}
func (p rowProblem) RowReason() string { return p.reason }

// rejectText is a rejected row's text as stored: valid UTF-8, bounded.
func rejectText(p RowProblem) string {
	s := strings.ToValidUTF8(p.RowText(), "\uFFFD")
	if len(s) <= maxRejectText {
		return s
	}
	i := maxRejectText
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
