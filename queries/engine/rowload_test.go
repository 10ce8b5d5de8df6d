package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// stager is one way of staging a RowSource; the Arrow one is added by
// rowload_arrow_test.go under the duckdb_arrow build tag.
type stager func(e *Engine, ctx context.Context, tx *sql.Tx, src RowSource) (int64, error)

var stagers = map[string]stager{
	"appender": (*Engine).stageAppender,
	"default":  (*Engine).stageTable,
}

// memRow is one row of a memSource: cells, or a problem, or a fatal error.
type memRow struct {
	cells   []string
	line    int64
	problem *testProblem
	fatal   error
}

// memSource is a RowSource over rows held in memory.
type memSource struct {
	cols []string
	rows []memRow
	i    int
}

func (m *memSource) Columns() []string { return m.cols }

func (m *memSource) Next() ([]string, int64, error) {
	if m.i == len(m.rows) {
		return nil, 0, io.EOF
	}
	r := m.rows[m.i]
	m.i++
	switch {
	case r.fatal != nil:
		return nil, 0, r.fatal
	case r.problem != nil:
		return nil, r.problem.line, fmt.Errorf("wrapped: %w", r.problem)
	}
	return r.cells, r.line, nil
}

// testProblem implements RowProblem the way readers.RowError does.
type testProblem struct {
	line         int64
	text, reason string
}

func (p *testProblem) Error() string     { return p.reason }
func (p *testProblem) RowLine() int64    { return p.line }
func (p *testProblem) RowText() string   { return p.text }
func (p *testProblem) RowReason() string { return p.reason }

// wideName is a column name with unicode, quotes, blanks and 300 bytes.
var wideName = `Mottatt "dato" ' Æøå ` + strings.Repeat("ø", 139)

func TestStageTable(t *testing.T) {
	for name, stage := range stagers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			e := openTest(t)
			src := &memSource{
				cols: []string{"submission_id", wideName, "Kanal"},
				rows: []memRow{
					{cells: []string{"A1", "31.12.2008", "Papir"}, line: 4},
					{problem: &testProblem{line: 5, text: `{"a":[1]}`, reason: "value of \"a\" is a nested array"}},
					{cells: []string{"A2", "", "Skjema \"q\" ÆØÅ"}, line: 6},
					{cells: []string{"A3"}, line: 8}, // short: padded with NULL
					{cells: []string{"A4", "x", "y", "too many"}, line: 9},
					{cells: []string{"A5", "bad \xff utf-8", "z"}, line: 10},
					{cells: []string{"A6", "2009-01-01", "Web"}, line: 11},
				},
			}
			tx, err := e.conn.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			n, err := stage(e, ctx, tx, src)
			if err != nil {
				t.Fatal(err)
			}
			if n != 4 {
				t.Errorf("staged %d rows, want 4", n)
			}
			cols, err := columnsOf(ctx, tx, QuoteIdent("raw_file"))
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"gevinst_rn", "gevinst_line", "submission_id", wideName, "Kanal"}; !slices.Equal(cols, want) {
				t.Errorf("raw_file columns %q, want %q", cols, want)
			}
			got := queryStrings(t, tx, `SELECT concat_ws('|', gevinst_rn, gevinst_line, submission_id,
				coalesce(`+QuoteIdent(wideName)+`, 'NULL'), coalesce("Kanal", 'NULL'))
				FROM raw_file ORDER BY gevinst_rn`)
			want := []string{
				"1|4|A1|31.12.2008|Papir",
				`2|6|A2|NULL|Skjema "q" ÆØÅ`,
				"3|8|A3|NULL|NULL",
				"4|11|A6|2009-01-01|Web",
			}
			if !slices.Equal(got, want) {
				t.Errorf("raw_file:\n got %q\nwant %q", got, want)
			}
			got = queryStrings(t, tx, `SELECT concat_ws('|', line, coalesce(column_name, 'NULL'), error_type, csv_line, error_message)
				FROM raw_csv_errors ORDER BY line`)
			want = []string{
				`5|NULL|GO READER|{"a":[1]}|value of "a" is a nested array`,
				"9|NULL|GO READER|A4\tx\ty\ttoo many|row has 4 values but the header has 3 columns",
				"10|NULL|GO READER|A5\tbad \uFFFD utf-8\tz|value 2 is not valid UTF-8 text",
			}
			if !slices.Equal(got, want) {
				t.Errorf("raw_csv_errors:\n got %q\nwant %q", got, want)
			}

			// import_read_errors.sql reads raw_csv_errors as staged.
			if _, err := tx.ExecContext(ctx, `SET VARIABLE kind = 'submissions'`); err != nil {
				t.Fatal(err)
			}
			if _, err := tx.ExecContext(ctx, mustSQL("import_read_errors.sql")); err != nil {
				t.Fatal(err)
			}
			got = queryStrings(t, tx, `SELECT line || ': ' || reason FROM csv_rejects ORDER BY line`)
			if len(got) != 3 || got[0] != `5: value of "a" is a nested array` {
				t.Errorf("csv_rejects %q", got)
			}

			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			for _, table := range []string{"raw_file", "raw_csv_errors", "csv_rejects"} {
				var count int
				if err := e.conn.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE table_name = ?`, table).Scan(&count); err != nil {
					t.Fatal(err)
				}
				if count != 0 {
					t.Errorf("%s is still there after rollback", table)
				}
			}
		})
	}
}

func TestStageTableErrors(t *testing.T) {
	boom := errors.New("disk on fire")
	tests := []struct {
		name string
		src  func() *memSource
		err  error
		msg  string
	}{{
		name: "names that differ only in case",
		src:  func() *memSource { return &memSource{cols: []string{"Kanal", "kanal"}} },
		err:  ErrInput, msg: `columns "Kanal" and "kanal"`,
	}, {
		name: "a staging column's name",
		src:  func() *memSource { return &memSource{cols: []string{"a", "GEVINST_LINE"}} },
		err:  ErrInput, msg: `column "GEVINST_LINE", a name gevinst keeps`,
	}, {
		name: "a fatal source error stops staging",
		src: func() *memSource {
			return &memSource{cols: []string{"a"}, rows: []memRow{
				{cells: []string{"1"}, line: 2}, {fatal: boom}, {cells: []string{"3"}, line: 4}}}
		},
		err: boom, msg: "disk on fire",
	}}
	for name, stage := range stagers {
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				ctx := context.Background()
				e := openTest(t)
				tx, err := e.conn.BeginTx(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback()
				_, err = stage(e, ctx, tx, tt.src())
				if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.msg) {
					t.Fatalf("got %v, want %v containing %q", err, tt.err, tt.msg)
				}
				// The connection is still usable after a failed stage.
				if err := tx.Rollback(); err != nil {
					t.Fatal(err)
				}
				var one int
				if err := e.conn.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// TestStageTableCommit: the staged rows are part of the transaction and
// visible to a commit like any other write.
func TestStageTableCommit(t *testing.T) {
	for name, stage := range stagers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			e := openTest(t)
			tx, err := e.conn.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := stage(e, ctx, tx, benchSource(1000, 3)); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			var n, lines int64
			if err := e.conn.QueryRowContext(ctx, `SELECT count(*), sum(gevinst_line) FROM raw_file`).Scan(&n, &lines); err != nil {
				t.Fatal(err)
			}
			if n != 1000 || lines != (2+1001)*1000/2 { // lines 2..1001
				t.Errorf("after commit: %d rows, line sum %d", n, lines)
			}
		})
	}
}

func queryStrings(t *testing.T, tx *sql.Tx, q string) []string {
	t.Helper()
	rows, err := tx.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// benchSource is n rows of ncols short text cells, like a time sheet.
func benchSource(n, ncols int) *memSource {
	src := &memSource{rows: make([]memRow, n)}
	for c := range ncols {
		src.cols = append(src.cols, fmt.Sprintf("col_%d", c))
	}
	for i := range src.rows {
		cells := make([]string, ncols)
		for c := range cells {
			cells[c] = fmt.Sprintf("v%d-%d", i%9973, c)
		}
		src.rows[i] = memRow{cells: cells, line: int64(i + 2)}
	}
	return src
}

// benchStage stages 200,000 rows × 10 columns per iteration and reports
// rows/s; each iteration's transaction is rolled back.
func benchStage(b *testing.B, stage stager) {
	const rows, cols = 200_000, 10
	ctx := context.Background()
	e := openTest(b)
	src := benchSource(rows, cols)
	b.ResetTimer()
	for b.Loop() {
		src.i = 0
		tx, err := e.conn.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		n, err := stage(e, ctx, tx, src)
		if err != nil || n != rows {
			b.Fatalf("staged %d rows: %v", n, err)
		}
		if err := tx.Rollback(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkStageAppender(b *testing.B) { benchStage(b, (*Engine).stageAppender) }

// TestAppenderJoinsTransaction: rows appended while tx is open belong to
// tx: visible inside it, gone after its rollback, even in a table that
// existed before tx began (so it is not only the CREATE being undone).
func TestAppenderJoinsTransaction(t *testing.T) {
	ctx := context.Background()
	e := openTest(t)
	if _, err := e.conn.ExecContext(ctx, `CREATE TEMP TABLE raw_file (gevinst_rn BIGINT, gevinst_line BIGINT, a VARCHAR)`); err != nil {
		t.Fatal(err)
	}
	count := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}) (n int) {
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM raw_file`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tx, err := e.conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	src := benchSource(500, 1)
	src.cols = []string{"a"}
	if err := e.conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppender(dc.(driver.Conn), "temp", "main", "raw_file")
		if err != nil {
			return err
		}
		for i, r := range src.rows {
			if err := a.AppendRow(int64(i+1), r.line, r.cells[0]); err != nil {
				return err
			}
		}
		return a.Close()
	}); err != nil {
		t.Fatal(err)
	}
	if n := count(tx); n != 500 {
		t.Errorf("inside the transaction: %d rows, want 500", n)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := count(e.conn); n != 0 {
		t.Errorf("after rollback: %d rows, want 0 (the Appender did not join the transaction)", n)
	}
}

// TestStageTableBatches: rows and rejects keep their numbers and lines
// across the loaders' batch boundaries.
func TestStageTableBatches(t *testing.T) {
	for name, stage := range stagers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			e := openTest(t)
			e.Tune.StageRowBatch = 7 // cross batch boundaries
			src := &memSource{cols: []string{"a", "b"}}
			var wantGood, wantBad int64
			for i := range 50 {
				line := int64(2 + i)
				if i%6 == 5 {
					src.rows = append(src.rows, memRow{problem: &testProblem{line: line, text: "t", reason: "r"}})
					wantBad++
					continue
				}
				src.rows = append(src.rows, memRow{cells: []string{fmt.Sprint(line), ""}, line: line})
				wantGood++
			}
			tx, err := e.conn.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			n, err := stage(e, ctx, tx, src)
			if err != nil || n != wantGood {
				t.Fatalf("staged %d rows (%v), want %d", n, err, wantGood)
			}
			var good, bad, wrong int64
			if err := tx.QueryRowContext(ctx, `SELECT
				(SELECT count(*) FROM raw_file),
				(SELECT count(*) FROM raw_csv_errors WHERE (line - 2) % 6 = 5),
				(SELECT count(*) FROM raw_file WHERE a <> gevinst_line::VARCHAR OR b IS NOT NULL
					OR gevinst_rn <> (SELECT count(*) FROM raw_file r2 WHERE r2.gevinst_line <= raw_file.gevinst_line))`).
				Scan(&good, &bad, &wrong); err != nil {
				t.Fatal(err)
			}
			if good != wantGood || bad != wantBad || wrong != 0 {
				t.Errorf("raw_file %d rows (%d misnumbered), raw_csv_errors %d; want %d and %d", good, wrong, bad, wantGood, wantBad)
			}
		})
	}
}

func TestStageTableCancelled(t *testing.T) {
	for name, stage := range stagers {
		t.Run(name, func(t *testing.T) {
			e := openTest(t)
			tx, err := e.conn.BeginTx(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			ctx, cancel := context.WithCancel(context.Background())
			// Cancelled while rows are read, as a Ctrl-C mid-file would.
			cancelling := &cancelSource{memSource: benchSource(10, 2), cancel: cancel}
			if _, err := stage(e, ctx, tx, cancelling); !errors.Is(err, context.Canceled) {
				t.Fatalf("got %v, want context.Canceled", err)
			}
		})
	}
}

// cancelSource cancels its context when its first row is read.
type cancelSource struct {
	*memSource
	cancel func()
}

func (c *cancelSource) Next() ([]string, int64, error) {
	c.cancel()
	return c.memSource.Next()
}

func TestStageLoader(t *testing.T) {
	if _, arrow := stagers["arrow"]; arrow != (stageLoader == "arrow") {
		t.Errorf("stageTable uses %s, but the arrow loader is built: %v", stageLoader, arrow)
	}
}
