package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// stageAppender stages src with DuckDB's Appender on the Engine's connection.
// The Appender writes in the connection's open transaction (tx), so the
// rows vanish if tx is rolled back.
func (e *Engine) stageAppender(ctx context.Context, tx *sql.Tx, src RowSource) (int64, error) {
	cols := src.Columns()
	if err := createStaging(ctx, tx, cols); err != nil {
		return 0, err
	}
	var rows int64
	err := e.conn.Raw(func(dc any) error {
		conn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("%w: not a database/sql driver connection", ErrDatabase)
		}
		good, err := duckdb.NewAppender(conn, "temp", "main", "raw_file")
		if err != nil {
			return fmt.Errorf("%w: appender for raw_file: %w", ErrDatabase, err)
		}
		bad, err := duckdb.NewAppender(conn, "temp", "main", "raw_csv_errors")
		if err != nil {
			good.Close()
			return fmt.Errorf("%w: appender for raw_csv_errors: %w", ErrDatabase, err)
		}
		rows, err = appendRows(ctx, src, len(cols), good, bad)
		if err != nil {
			// Discard what is buffered; the caller's rollback drops the rest.
			good.Clear()
			bad.Clear()
		}
		return errors.Join(err, closeAppender(ctx, good, "raw_file"), closeAppender(ctx, bad, "raw_csv_errors"))
	})
	return rows, err
}

func appendRows(ctx context.Context, src RowSource, ncols int, good, bad *duckdb.Appender) (int64, error) {
	vals := make([]driver.Value, 2+ncols)
	var rn int64
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return rn, ctx.Err()
		}
		r, err := nextRow(src, ncols)
		if err == io.EOF {
			return rn, ctx.Err()
		}
		if err != nil {
			return rn, err
		}
		if r.problem != nil {
			if err := appendReject(bad, r); err != nil {
				return rn, err
			}
			continue
		}
		rn++
		vals[0], vals[1] = rn, r.line
		for i := range ncols {
			vals[2+i] = nil // a missing or empty cell is NULL, as read_csv makes it
			if i < len(r.cells) && r.cells[i] != "" {
				vals[2+i] = r.cells[i]
			}
		}
		if err := good.AppendRow(vals...); err != nil {
			return rn, fmt.Errorf("%w: stage line %d: %w", ErrDatabase, r.line, err)
		}
	}
}

func closeAppender(ctx context.Context, a *duckdb.Appender, table string) error {
	if err := a.CloseWithCancel(ctx); err != nil {
		return fmt.Errorf("%w: fill %s: %w", ErrDatabase, table, err)
	}
	return nil
}

// appendRejects appends rejected rows to raw_csv_errors.
func (e *Engine) appendRejects(rejects []stagedRow) error {
	return e.conn.Raw(func(dc any) error {
		conn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("%w: not a database/sql driver connection", ErrDatabase)
		}
		a, err := duckdb.NewAppender(conn, "temp", "main", "raw_csv_errors")
		if err != nil {
			return fmt.Errorf("%w: appender for raw_csv_errors: %w", ErrDatabase, err)
		}
		for _, r := range rejects {
			if err := appendReject(a, r); err != nil {
				a.Clear()
				return errors.Join(err, a.Close())
			}
		}
		return closeAppender(context.Background(), a, "raw_csv_errors")
	})
}

func appendReject(a *duckdb.Appender, r stagedRow) error {
	if err := a.AppendRow(r.line, nil, goReaderError, rejectText(r.problem), r.problem.RowReason()); err != nil {
		return fmt.Errorf("%w: stage reject of line %d: %w", ErrDatabase, r.line, err)
	}
	return nil
}
