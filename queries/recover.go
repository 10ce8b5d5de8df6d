package queries

import (
	"context"
	"fmt"
	"slices"
)

// Recovery is what Open rolled back of an import that was killed inside
// DuckDB's commit: rows left in the tables without their batches row
// (issue 18; see recover_count.sql). The zero value means none.
type Recovery struct {
	// BatchIDs are the batch ids the removed rows carried. No batches row
	// records them, so which file they came from is not known.
	BatchIDs []int64
	// Rows removed per table.
	Submissions, TimeRegistrations, Volumes, Rejects int64
}

// Rows is how many rows were removed, rejects included.
func (r Recovery) Rows() int64 {
	return r.Submissions + r.TimeRegistrations + r.Volumes + r.Rejects
}

// Recovered returns what Open rolled back when it opened the database
// (the zero Recovery when there was nothing to roll back). The CLI says
// so once: the next open finds nothing.
func (d *DB) Recovered() Recovery { return d.recovered }

// recoverInterrupted removes, in one transaction, the rows an import
// killed inside DuckDB's commit left without their batches row, and
// keeps what it removed for Recovered. It runs at every open, after the
// migrations and before anything can import: the re-run of the killed
// import then finds the database as before it and books rows_loaded and
// rows_replaced exactly, also when it draws the removed rows' batch id
// again (the kill can lose the sequence's step too). A database with
// nothing to remove is only read, so a clean open writes nothing.
func (d *DB) recoverInterrupted(ctx context.Context) error {
	tx, err := d.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%w: check for an interrupted import: %w", ErrDatabase, err)
	}
	defer tx.Rollback() // after Commit this is a no-op
	rows, err := tx.QueryContext(ctx, mustSQL("recover_count.sql"))
	if err != nil {
		return fmt.Errorf("%w: check for an interrupted import: %w", ErrDatabase, err)
	}
	var rec Recovery
	for rows.Next() {
		var table string
		var id, n int64
		if err := rows.Scan(&table, &id, &n); err != nil {
			rows.Close()
			return fmt.Errorf("%w: check for an interrupted import: %w", ErrDatabase, err)
		}
		if !slices.Contains(rec.BatchIDs, id) {
			rec.BatchIDs = append(rec.BatchIDs, id)
		}
		switch table {
		case "submissions":
			rec.Submissions += n
		case "time_registrations":
			rec.TimeRegistrations += n
		case "volumes":
			rec.Volumes += n
		case "rejects":
			rec.Rejects += n
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w: check for an interrupted import: %w", ErrDatabase, err)
	}
	// A refresh of the kept figures killed in its commit (figures.go)
	// leaves rows no state records; they, and the figures of an import
	// rolled back here, are dropped and rebuilt by the next reader.
	var halfFigures bool
	if err := tx.QueryRowContext(ctx, mustSQL("recover_figures.sql")).Scan(&halfFigures); err != nil {
		return fmt.Errorf("%w: check for an interrupted import: %w", ErrDatabase, err)
	}
	if halfFigures || rec.Rows() > 0 {
		for _, f := range []sqlFile{"figures_forget.sql", "figures_clear_all.sql"} {
			if _, err := tx.ExecContext(ctx, mustSQL(f)); err != nil {
				return fmt.Errorf("%w: drop half-written kept figures: %w", ErrDatabase, err)
			}
		}
	}
	if rec.Rows() == 0 {
		return tx.Commit()
	}
	if _, err := tx.ExecContext(ctx, mustSQL("recover_delete.sql")); err != nil {
		return fmt.Errorf("%w: an interrupted import left %d rows without their batch (batch id %v), and they could not be removed: %w",
			ErrDatabase, rec.Rows(), rec.BatchIDs, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%w: roll back an interrupted import: %w", ErrDatabase, err)
	}
	d.recovered = rec
	return nil
}
