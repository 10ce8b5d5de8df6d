package readers

import (
	"errors"
	"io"
	"testing"
)

// row is one result of Table.Next as the tests expect it: either cells or
// a row error (its reason must contain reason).
type row struct {
	line   int64
	cells  []string
	reason string
}

// readAll drains t, turning row errors into rows with a reason; a fatal
// error fails the test.
func readAll(t *testing.T, tb Table) []row {
	t.Helper()
	var out []row
	for i := 0; i < 1_000_000; i++ {
		cells, line, err := tb.Next()
		if err == io.EOF {
			return out
		}
		var re *RowError
		if errors.As(err, &re) {
			if re.Line != line {
				t.Errorf("RowError.Line %d but Next returned line %d", re.Line, line)
			}
			out = append(out, row{line: re.Line, reason: re.Reason})
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if len(cells) != len(tb.Columns()) {
			t.Fatalf("line %d: %d cells for %d columns", line, len(cells), len(tb.Columns()))
		}
		out = append(out, row{line: line, cells: cells})
	}
	t.Fatal("Next never returned io.EOF")
	return nil
}
