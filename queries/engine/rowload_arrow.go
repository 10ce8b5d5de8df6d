//go:build duckdb_arrow

package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// stageLoader names the loader stageTable uses in this build.
const stageLoader = "arrow"

func (e *Engine) stageRows(ctx context.Context, tx *sql.Tx, src RowSource) (int64, error) {
	return e.stageArrow(ctx, tx, src)
}

// arrowView is the temporary view each Arrow batch is registered as.
const arrowView = "gevinst_arrow_batch"

// stageArrow stages src as Arrow record batches of e.Tune.StageRowBatch rows:
// each batch is registered as a view on the Engine's connection and copied
// whole into raw_file (SELECT * — never a subset of the view's columns,
// see the RegisterView caveat in CONVENTIONS.md), inside tx. Rejects are
// appended to raw_csv_errors after each batch.
func (e *Engine) stageArrow(ctx context.Context, tx *sql.Tx, src RowSource) (int64, error) {
	cols := src.Columns()
	if err := createStaging(ctx, tx, cols); err != nil {
		return 0, err
	}
	fields := []arrow.Field{
		{Name: "gevinst_rn", Type: arrow.PrimitiveTypes.Int64},
		{Name: "gevinst_line", Type: arrow.PrimitiveTypes.Int64},
	}
	for _, c := range cols {
		fields = append(fields, arrow.Field{Name: c, Type: arrow.BinaryTypes.String, Nullable: true})
	}
	schema := arrow.NewSchema(fields, nil)
	bld := array.NewRecordBuilder(memory.NewGoAllocator(), schema)
	defer bld.Release()
	rnB := bld.Field(0).(*array.Int64Builder)
	lineB := bld.Field(1).(*array.Int64Builder)
	strB := make([]*array.StringBuilder, len(cols))
	for i := range cols {
		strB[i] = bld.Field(2 + i).(*array.StringBuilder)
	}

	var rn int64
	var rejects []stagedRow
	for eof := false; !eof; {
		if err := ctx.Err(); err != nil {
			return rn, err
		}
		n := 0
		for n < e.Tune.StageRowBatch {
			r, err := nextRow(src, len(cols))
			if err == io.EOF {
				eof = true
				break
			}
			if err != nil {
				return rn, err
			}
			if r.problem != nil {
				// Rejects are appended between Arrow scans, never during one.
				if rejects = append(rejects, r); len(rejects) == 4096 {
					if err := e.appendRejects(rejects); err != nil {
						return rn, err
					}
					rejects = rejects[:0]
				}
				continue
			}
			rn++
			n++
			rnB.Append(rn)
			lineB.Append(r.line)
			for i, b := range strB {
				if i < len(r.cells) && r.cells[i] != "" {
					b.Append(r.cells[i])
				} else {
					b.AppendNull() // a missing or empty cell is NULL, as read_csv makes it
				}
			}
		}
		if err := ctx.Err(); err != nil {
			return rn, err
		}
		if n > 0 {
			rec := bld.NewRecordBatch()
			err := e.insertArrowBatch(ctx, tx, schema, rec)
			rec.Release()
			if err != nil {
				return rn, err
			}
		}
		if len(rejects) > 0 {
			if err := e.appendRejects(rejects); err != nil {
				return rn, err
			}
			rejects = rejects[:0]
		}
	}
	return rn, nil
}

// insertArrowBatch copies one record batch into raw_file through a view.
func (e *Engine) insertArrowBatch(ctx context.Context, tx *sql.Tx, schema *arrow.Schema, rec arrow.RecordBatch) error {
	reader, err := array.NewRecordReader(schema, []arrow.RecordBatch{rec})
	if err != nil {
		return fmt.Errorf("%w: arrow batch: %w", ErrDatabase, err)
	}
	defer reader.Release()
	var release func()
	if err := e.conn.Raw(func(dc any) error {
		conn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("not a database/sql driver connection")
		}
		ar, err := duckdb.NewArrowFromConn(conn)
		if err != nil {
			return err
		}
		release, err = ar.RegisterView(reader, arrowView)
		return err
	}); err != nil {
		return fmt.Errorf("%w: register arrow batch: %w", ErrDatabase, err)
	}
	defer release()
	_, err = tx.ExecContext(ctx, spliced("raw_file_from_arrow.sql", map[string]string{"view": QuoteIdent(arrowView)}))
	// The view must go before its stream is released.
	_, errDrop := tx.ExecContext(ctx, spliced("drop_view.sql", map[string]string{"name": QuoteIdent(arrowView)}))
	if err = errors.Join(err, errDrop); err != nil {
		return fmt.Errorf("%w: copy arrow batch into raw_file: %w", ErrDatabase, err)
	}
	return nil
}
