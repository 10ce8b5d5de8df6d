//go:build duckdb_arrow

package engine

import (
	"context"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func init() { stagers["arrow"] = (*Engine).stageArrow }

func BenchmarkStageArrow(b *testing.B) { benchStage(b, (*Engine).stageArrow) }

// TestArrowJoinsTransaction: a batch copied through an Arrow view while tx
// is open belongs to tx: visible inside it, gone after its rollback, in a
// table that existed before tx began; and the view itself is gone.
func TestArrowJoinsTransaction(t *testing.T) {
	ctx := context.Background()
	e := openTest(t)
	if _, err := e.conn.ExecContext(ctx, `CREATE TEMP TABLE raw_file (gevinst_rn BIGINT, gevinst_line BIGINT, a VARCHAR)`); err != nil {
		t.Fatal(err)
	}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "gevinst_rn", Type: arrow.PrimitiveTypes.Int64},
		{Name: "gevinst_line", Type: arrow.PrimitiveTypes.Int64},
		{Name: "a", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	bld := array.NewRecordBuilder(memory.NewGoAllocator(), schema)
	defer bld.Release()
	for i := range 500 {
		bld.Field(0).(*array.Int64Builder).Append(int64(i + 1))
		bld.Field(1).(*array.Int64Builder).Append(int64(i + 2))
		bld.Field(2).(*array.StringBuilder).Append("x")
	}
	rec := bld.NewRecordBatch()
	defer rec.Release()

	tx, err := e.conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.insertArrowBatch(ctx, tx, schema, rec); err != nil {
		t.Fatal(err)
	}
	var n, views int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM raw_file),
		(SELECT count(*) FROM duckdb_views() WHERE view_name = ?)`, arrowView).Scan(&n, &views); err != nil {
		t.Fatal(err)
	}
	if n != 500 || views != 0 {
		t.Errorf("inside the transaction: %d rows (want 500), %d views left (want 0)", n, views)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := e.conn.QueryRowContext(ctx, `SELECT count(*) FROM raw_file`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("after rollback: %d rows, want 0", n)
	}
}
