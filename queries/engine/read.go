package engine

import (
	"encoding/json"
	"fmt"
	"strings"
)

// readError says that a CSV file cannot be read at all.
func (t *importTx) readError(err error) error {
	if t.req.Format == FormatCSV {
		return fmt.Errorf("%w: %s: cannot be read as CSV: %w", ErrInput, t.req.Name, err)
	}
	return fmt.Errorf("%w: stage %s: %w", ErrDatabase, t.req.Name, err)
}

// shiftedLines says whether a CSV row's line is not its record
// number + 2: DuckDB's CSV reader left records it could not split into
// the header's columns (raw_csv_errors), or the file has blank lines or
// quoted line breaks (line_blank, line_extra). import_lines.sql then
// stores every staged row's line.
func (t *importTx) shiftedLines() (bool, error) {
	if t.req.Format != FormatCSV {
		return false, nil
	}
	var shifted bool
	if err := t.tx.QueryRowContext(t.ctx, mustSQL("lines_shifted.sql")).Scan(&shifted); err != nil {
		return false, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	return shifted, nil
}

// read makes the file readable as a relation and returns it with the SQL
// expression of a row's line in it (NULL: rowid + 2 in stage). A CSV file
// is read by DuckDB's reader during the stage statement itself (its
// unreadable records land in raw_csv_errors); the other formats are
// copied into the temp table raw_file with their lines.
func (t *importTx) read() (source, lineExpr string, err error) {
	// line_blank and line_extra (line_tables.sql) hold the last CSV file's map.
	if _, err := t.tx.ExecContext(t.ctx, mustSQL("read_reset.sql")); err != nil {
		return "", "", fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	switch t.req.Format {
	case FormatCSV:
		src, err := t.csvSource()
		if err != nil {
			return "", "", err
		}
		return src, `NULL::BIGINT`, nil
	case FormatParquet:
		if _, err := t.tx.ExecContext(t.ctx, mustSQL("parquet_read.sql"), t.req.Path); err != nil {
			return "", "", fmt.Errorf("%w: %s: cannot be read as Parquet: %w", ErrInput, t.req.Name, err)
		}
		cols, err := t.columnsOf(QuoteIdent("raw_read"))
		if err != nil {
			return "", "", fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		var sel []string
		for _, c := range cols {
			if c != "file_row_number" {
				sel = append(sel, `CAST(`+QuoteIdent(c)+` AS VARCHAR) AS `+QuoteIdent(c))
			}
		}
		// Parquet rows have no lines: "line" is the row number, 1-based.
		if _, err := t.tx.ExecContext(t.ctx, spliced("parquet_raw_file.sql", map[string]string{"columns": strings.Join(sel, ", ")})); err != nil {
			return "", "", fmt.Errorf("%w: %s: %w", ErrInput, t.req.Name, err)
		}
		if _, err := t.tx.ExecContext(t.ctx, mustSQL("raw_csv_errors_empty.sql")); err != nil {
			return "", "", fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		return "raw_file", "gevinst_line", nil
	case FormatXLSX, FormatJSONL:
		if t.req.Rows == nil {
			return "", "", fmt.Errorf("%w: %s: no reader for %s", ErrInput, t.req.Name, t.req.Format)
		}
		if _, err := t.e.stageTable(t.ctx, t.tx, t.req.Rows); err != nil {
			return "", "", fmt.Errorf("%w: %s: %w", ErrInput, t.req.Name, err)
		}
		return "raw_file", "gevinst_line", nil
	}
	return "", "", fmt.Errorf("%w: %s: unknown format %q", ErrInput, t.req.Name, t.req.Format)
}

// csvSource returns the call of DuckDB's CSV reader that reads the file:
// every column as text (typing happens in SQL, where a bad value becomes
// a reject with its line instead of failing the whole file), records it
// cannot split kept in raw_csv_errors. The dialect is sniffed once here
// and written out: an import reads the file several times, and each
// read_csv left to detect it would sniff again (about 0.15 s each).
// (A table function in a view takes no parameters: literals.)
func (t *importTx) csvSource() (string, error) {
	// ignore_errors as the reader's store_rejects implies: records that
	// do not fit must not make the sniffer give up on the delimiter.
	opts := `header = true, all_varchar = true, ignore_errors = true`
	if t.req.Delimiter != "" {
		opts += `, delim = ` + QuoteLiteral(t.req.Delimiter) + `, quote = '"', escape = '"'`
	}
	var delim, quote, escape, newline, comment, names string
	var skip int64
	if err := t.tx.QueryRowContext(t.ctx, spliced("csv_sniff.sql", map[string]string{"path": QuoteLiteral(t.req.Path), "options": opts})).
		Scan(&delim, &quote, &escape, &newline, &comment, &skip, &names); err != nil {
		return "", fmt.Errorf("%w: %s: cannot be read as CSV: %w", ErrInput, t.req.Name, err)
	}
	var cols []string
	if err := json.Unmarshal([]byte(names), &cols); err != nil {
		return "", fmt.Errorf("%w: %s: the CSV sniffer's columns %s: %w", ErrDatabase, t.req.Name, names, err)
	}
	unset := func(s string) string { // how sniff_csv shows an option without a value
		if s == "(empty)" {
			return ""
		}
		return s
	}
	// The sniffer reads a sample (the first 20,480 rows): when no field
	// there is quoted it answers "no quote character", and a quoted field
	// with a delimiter further down would split into too many fields (an
	// unreadable record). RFC 4180's quote and escape apply instead; a
	// file without quotes reads the same either way.
	if unset(quote) == "" {
		quote = `"`
		if unset(escape) == "" {
			escape = `"`
		}
	}
	// The line map holds for the quote it was scanned with (an escape
	// other than the quote itself would keep a quote from toggling), and
	// for a header on the first line.
	if quote == `"` && (escape == `"` || unset(escape) == "") && skip == 0 {
		if err := t.lineTables(t.req.Lines); err != nil {
			return "", err
		}
	}
	typed := make([]string, len(cols))
	for i, c := range cols {
		typed[i] = QuoteLiteral(c) + `: 'VARCHAR'`
	}
	return `read_csv(` + QuoteLiteral(t.req.Path) + `, auto_detect = false, header = true` +
		`, delim = ` + QuoteLiteral(unset(delim)) + `, quote = ` + QuoteLiteral(unset(quote)) +
		`, escape = ` + QuoteLiteral(unset(escape)) + `, new_line = ` + QuoteLiteral(unset(newline)) +
		`, comment = ` + QuoteLiteral(unset(comment)) + `, skip = ` + fmt.Sprint(skip) +
		`, columns = {` + strings.Join(typed, ", ") + `}` +
		`, store_rejects = true, rejects_table = 'raw_csv_errors', rejects_scan = 'raw_csv_scans')`, nil
}

// lineTables stores a CSV file's LineMap in line_blank and line_extra
// (import_lines.sql and import_read_errors.sql read them).
func (t *importTx) lineTables(m LineMap) error {
	insert := func(table string, rows []string) error {
		for len(rows) > 0 {
			n := min(len(rows), 10000)
			if _, err := t.tx.ExecContext(t.ctx, spliced("lines_insert.sql", map[string]string{"table": QuoteIdent(table), "rows": strings.Join(rows[:n], ", ")})); err != nil {
				return fmt.Errorf("%w: %s: %w", ErrDatabase, table, err)
			}
			rows = rows[n:]
		}
		return nil
	}
	var blank, extra []string
	for _, l := range m.Blank {
		blank = append(blank, fmt.Sprintf("(%d)", l))
	}
	for _, e := range m.Extra {
		extra = append(extra, fmt.Sprintf("(%d, %d)", e.From, e.Lines))
	}
	if err := insert("line_blank", blank); err != nil {
		return err
	}
	return insert("line_extra", extra)
}

// columnsOf returns the column names of a relation: a quoted table name or
// a table function call such as the CSV reader's.
func (t *importTx) columnsOf(relation string) ([]string, error) {
	rows, err := t.tx.QueryContext(t.ctx, spliced("columns_of.sql", map[string]string{"relation": relation}))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}
