package queries

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gevinst/gevinst/queries/model"
)

// RejectFilter selects stored rejects (gevinst rejects); a zero field
// selects all.
type RejectFilter struct {
	// BatchID is one batch (0: all).
	BatchID int64
	// File is a file name as given at import, or its base name.
	File string
	// Reason is a reason kind ("required value missing") or any part of
	// the reason's text, case-insensitive.
	Reason string
}

// Rejects returns every stored reject the filter selects, in batch, line
// and column order, with its batch's file name and sheet.
func (d *DB) Rejects(ctx context.Context, f RejectFilter) ([]model.RejectRow, error) {
	nullable := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	var batch any
	if f.BatchID != 0 {
		batch = f.BatchID
	}
	rows, err := d.conn.QueryContext(ctx, mustSQL("rejects.sql"), batch, nullable(f.File), nullable(f.Reason))
	if err != nil {
		return nil, fmt.Errorf("%w: rejects.sql: %w", ErrDatabase, err)
	}
	defer rows.Close()
	var out []model.RejectRow
	for rows.Next() {
		var r model.RejectRow
		var value sql.NullString
		if err := rows.Scan(&r.BatchID, &r.FileName, &r.Sheet, &r.Line, &r.Column, &value, &r.Reason, &r.ReasonKind); err != nil {
			return nil, fmt.Errorf("%w: rejects.sql: %w", ErrDatabase, err)
		}
		r.Value, r.ValueNull = value.String, !value.Valid
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%w: rejects.sql: %w", ErrDatabase, err)
	}
	return out, nil
}
