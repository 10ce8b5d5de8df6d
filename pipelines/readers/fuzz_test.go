package readers

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Fuzz targets of the Go readers (`make fuzz`; the seeds run in `make test`).

// drain reads a table to the end and checks the Table contract: each row
// has one cell per column, lines grow, a fatal error ends the table.
func drain(t *testing.T, tb Table) {
	t.Helper()
	var last int64
	for i := 0; i < 100_000; i++ {
		cells, line, err := tb.Next()
		if err == io.EOF {
			return
		}
		var re *RowError
		if errors.As(err, &re) {
			if re.Line != line || len(re.Text) > maxRowText+len("…") {
				t.Fatalf("row error %+v at line %d", re, line)
			}
		} else if err != nil {
			return // fatal for the file: reported with a message
		} else if len(cells) != len(tb.Columns()) {
			t.Fatalf("line %d: %d cells for %d columns", line, len(cells), len(tb.Columns()))
		}
		if line <= last {
			t.Fatalf("line %d after line %d", line, last)
		}
		last = line
	}
	t.Fatal("no io.EOF after 100000 rows")
}

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"submission_id":"A1","minutes":1.50,"ok":true,"none":null}` + "\n" + `{"submission_id":"A2"}`,
		"\ufeff{\"a\":\"1\"}\r\n\r\n{\"a\":{\"b\":1}}\n[1]\n{\"a\":\"1\",\"a\":\"2\"}\n",
		`{"a":"` + "\xff" + `"}`,
		`{"a":1} {"b":2}`,
		`{{{{{{{{`,
		`{"a":[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]}`,
		"{\"\u0000\":\"\\u0000\"}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "in.jsonl")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		j, err := OpenJSONL(p, JSONLOptions{MaxLineBytes: 256, HeaderObjects: 3})
		if err != nil {
			return
		}
		defer j.Close()
		drain(t, j)
		if len(j.Ignored()) > maxIgnoredKeys {
			t.Fatalf("%d ignored keys listed", len(j.Ignored()))
		}
	})
}

// xlsxSeed is a small workbook with a title row, a header and data rows.
func xlsxSeed(f *testing.F) []byte {
	x := excelize.NewFile()
	defer x.Close()
	rows := [][]any{
		{"Timer 2008"},
		{"Ansatt", "Dato", "Timer", "Saksnr"},
		{"E1", 39448.5, 1.5, "2008/1"},
		{"E2", "31.12.2008", "", nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			f.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

func FuzzXLSX(f *testing.F) {
	seed := xlsxSeed(f)
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "in.xlsx")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		x, err := OpenXLSX(p, XLSXOptions{
			DateColumns: []string{"Dato"}, HeaderNames: []string{"Ansatt", "Dato", "Timer"},
			MaxUnzipBytes: 4 << 20, MaxCells: 10_000, MaxCellLen: 100,
		})
		if err != nil {
			if !errors.Is(err, ErrInput) {
				t.Fatalf("error without ErrInput: %v", err)
			}
			return
		}
		defer x.Close()
		drain(t, x)
	})
}
