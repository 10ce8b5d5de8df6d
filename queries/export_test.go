package queries

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/gevinst/gevinst/config"
)

// TestCopyTableWritesEveryValueExactly: CopyTable's files hold every row
// it was given, in order, each value as given: doubles bit for bit
// (thirds, extremes, -0, long fractions such as the benefits' sums), NULLs,
// texts with quotes and commas, integers, booleans and timestamps; over
// more rows than one insert statement takes, the last batch partial.
func TestCopyTableWritesEveryValueExactly(t *testing.T) {
	ctx := context.Background()
	d := openTest(t, config.Config{})
	cols := []string{"n", "x", "s", "i", "b", "ts"}
	types := []string{"BIGINT", "DOUBLE", "VARCHAR", "BIGINT", "BOOLEAN", "TIMESTAMP"}
	special := []float64{1.0 / 3, 311637.03898776433, 311637.0389877643, math.SmallestNonzeroFloat64, math.MaxFloat64,
		math.Copysign(0, -1), -2.5e-300, 4220.549019607843}
	r := rand.New(rand.NewPCG(1, 2))
	n := 2*exportBatch + 7
	rows := make([][]any, n)
	base := time.Date(2008, 12, 31, 14, 5, 0, 123456000, time.UTC)
	for k := range rows {
		var x any = math.Float64frombits(r.Uint64()&^(0x7ff<<52) | uint64(r.IntN(0x7fe)+1)<<52)
		if k < len(special) {
			x = special[k]
		}
		var s any = fmt.Sprintf(`r%d, "quoted"; 'single'`, k)
		if k%17 == 3 {
			x, s = nil, nil
		}
		rows[k] = []any{int64(k), x, s, r.Int64() - math.MaxInt64/2, k%2 == 0, base.Add(time.Duration(k) * time.Hour)}
	}
	for _, format := range []string{"parquet", "csv"} {
		path := filepath.Join(t.TempDir(), "t."+format)
		if err := d.CopyTable(ctx, cols, types, rows, path, format); err != nil {
			t.Fatal(err)
		}
		read := fmt.Sprintf(`SELECT n, x, s, i, b, ts FROM read_parquet(%s) ORDER BY n`, QuoteLiteral(path))
		if format == "csv" {
			read = fmt.Sprintf(`SELECT n, x, s, i, b, ts FROM read_csv(%s, header = true, columns = {'n': 'BIGINT', 'x': 'DOUBLE', 's': 'VARCHAR', 'i': 'BIGINT', 'b': 'BOOLEAN', 'ts': 'TIMESTAMP'}) ORDER BY n`,
				QuoteLiteral(path))
		}
		got, err := d.conn.QueryContext(ctx, read)
		if err != nil {
			t.Fatal(err)
		}
		k := 0
		for got.Next() {
			var id, i int64
			var x sql.NullFloat64
			var s sql.NullString
			var b bool
			var ts time.Time
			if err := got.Scan(&id, &x, &s, &i, &b, &ts); err != nil {
				t.Fatal(err)
			}
			want := rows[k]
			wx, wantNull := want[1].(float64)
			if id != int64(k) || x.Valid != wantNull || (x.Valid && math.Float64bits(x.Float64) != math.Float64bits(wx)) ||
				s.Valid != (want[2] != nil) || (s.Valid && s.String != want[2]) ||
				i != want[3] || b != want[4] || !ts.Equal(want[5].(time.Time)) {
				t.Fatalf("%s row %d: got %d %v %q %d %v %v, want %v", format, k, id, x, s.String, i, b, ts, want)
			}
			k++
		}
		if err := got.Err(); err != nil {
			t.Fatal(err)
		}
		got.Close()
		if k != n {
			t.Fatalf("%s: %d rows read back, want %d", format, k, n)
		}
	}
	// An empty table still writes its file, with the columns.
	empty := filepath.Join(t.TempDir(), "empty.parquet")
	if err := d.CopyTable(ctx, cols, types, nil, empty, "parquet"); err != nil {
		t.Fatal(err)
	}
	var count int64
	if err := d.conn.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(`+QuoteLiteral(empty)+`)`).Scan(&count); err != nil || count != 0 {
		t.Fatalf("empty table: %d rows (%v), want a file with none", count, err)
	}
}
