package queries

import (
	"context"
	"fmt"
	"strings"
)

// ExportFormats are the file formats CopyTable writes through DuckDB's COPY.
var ExportFormats = map[string]string{"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER true)"}

// exportBatch is how many rows CopyTable inserts with one statement.
const exportBatch = 128

// CopyTable writes rows (already computed, e.g. the workbook's tables)
// to path as Parquet or CSV through DuckDB's COPY: the rows go into a
// temporary table as parameters, the path through QuoteLiteral, the
// column names through QuoteIdent. types are DuckDB types, one per column.
func (d *DB) CopyTable(ctx context.Context, cols, types []string, rows [][]any, path, format string) error {
	opts, ok := ExportFormats[format]
	if !ok {
		return fmt.Errorf("%w: export format %q: expected parquet or csv", ErrInput, format)
	}
	if len(cols) != len(types) {
		return fmt.Errorf("%w: export: %d columns, %d types", ErrInput, len(cols), len(types))
	}
	defs := make([]string, len(cols))
	marks := make([]string, len(cols))
	for i, c := range cols {
		defs[i] = QuoteIdent(c) + " " + types[i]
		marks[i] = "?"
	}
	const tmp = "gevinst_export"
	if _, err := d.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE "+tmp+" ("+strings.Join(defs, ", ")+")"); err != nil {
		return fmt.Errorf("%w: export: %w", ErrDatabase, err)
	}
	defer d.conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS "+tmp)
	// Rows go in exportBatch at a time, one statement each: a statement
	// per row cost 0.3 ms, 1.3 s of an export of 4,300 rows.
	row := "(" + strings.Join(marks, ", ") + ")"
	for start := 0; start < len(rows); start += exportBatch {
		chunk := rows[start:min(start+exportBatch, len(rows))]
		args := make([]any, 0, len(chunk)*len(cols))
		for _, r := range chunk {
			if len(r) != len(cols) {
				return fmt.Errorf("%w: export: a row of %d values for %d columns", ErrInput, len(r), len(cols))
			}
			args = append(args, r...)
		}
		q := "INSERT INTO " + tmp + " VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", len(chunk)), ", ")
		if _, err := d.conn.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("%w: export: %w", ErrDatabase, err)
		}
	}
	if _, err := d.conn.ExecContext(ctx, "COPY "+tmp+" TO "+QuoteLiteral(path)+" "+opts); err != nil {
		return fmt.Errorf("%w: export %s: %w", ErrDatabase, path, err)
	}
	return nil
}
