package queries

import (
	"context"
	"fmt"
	"strings"
)

// ExportFormats are the file formats CopyTable writes through DuckDB's COPY.
var ExportFormats = map[string]string{"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER true)"}

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
	if len(rows) > 0 {
		stmt, err := d.conn.PrepareContext(ctx, "INSERT INTO "+tmp+" VALUES ("+strings.Join(marks, ", ")+")")
		if err != nil {
			return fmt.Errorf("%w: export: %w", ErrDatabase, err)
		}
		defer stmt.Close()
		for _, r := range rows {
			if _, err := stmt.ExecContext(ctx, r...); err != nil {
				return fmt.Errorf("%w: export: %w", ErrDatabase, err)
			}
		}
	}
	if _, err := d.conn.ExecContext(ctx, "COPY "+tmp+" TO "+QuoteLiteral(path)+" "+opts); err != nil {
		return fmt.Errorf("%w: export %s: %w", ErrDatabase, path, err)
	}
	return nil
}
