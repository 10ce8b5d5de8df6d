package engine

import (
	"context"
	"database/sql"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // the "duckdb" driver
)

// openTest returns an Engine over a fresh in-memory database, its
// functions and line tables registered, without package queries'
// session (no cfg_* tables, no macros): enough for the stages that read
// a file into raw_file and set variables.
func openTest(tb testing.TB) *Engine {
	tb.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		tb.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close(); db.Close() })
	e := New(conn)
	if err := e.Register(ctx); err != nil {
		tb.Fatal(err)
	}
	return e
}

// columnsOf is importTx.columnsOf inside tx.
func columnsOf(ctx context.Context, tx *sql.Tx, relation string) ([]string, error) {
	return (&importTx{ctx: ctx, tx: tx}).columnsOf(relation)
}
