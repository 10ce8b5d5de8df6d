package engine

import (
	"errors"
	"fmt"

	"github.com/gevinst/gevinst/queries/model"
)

// insertGood inserts the view good with the kind's load statement as batch
// getvariable('batch_id') and returns how many rows it inserted. The rows'
// order in the table means nothing (lines are kept with the rejects):
// without it DuckDB writes in parallel and buffers less.
func (t *importTx) insertGood() (int64, error) {
	if _, err := t.tx.ExecContext(t.ctx, mustSQL("insertion_order_off.sql")); err != nil {
		return 0, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	r, err := t.tx.ExecContext(t.ctx, mustSQL(t.spec.load))
	if err != nil {
		return 0, errors.Join(fmt.Errorf("%w: load %s: %w", ErrDatabase, t.req.Name, err), t.resetOrder())
	}
	if err := t.resetOrder(); err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("%w: load %s: %w", ErrDatabase, t.req.Name, err)
	}
	return n, nil
}

// resetOrder restores DuckDB's default, which staging relies on.
func (t *importTx) resetOrder() error {
	if _, err := t.tx.ExecContext(t.ctx, mustSQL("insertion_order_reset.sql")); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	return nil
}

// rejectSample returns the first limit rejects in line order.
func (t *importTx) rejectSample(limit int64) ([]model.RejectRow, error) {
	rows, err := t.tx.QueryContext(t.ctx, mustSQL("rejects_first.sql"), limit)
	if err != nil {
		return nil, fmt.Errorf("%w: rejects of %s: %w", ErrDatabase, t.req.Name, err)
	}
	defer rows.Close()
	var out []model.RejectRow
	for rows.Next() {
		r := model.RejectRow{FileName: t.req.Name}
		if err := rows.Scan(&r.Line, &r.Column, &r.Value, &r.Reason); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
