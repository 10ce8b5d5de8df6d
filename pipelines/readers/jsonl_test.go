package readers

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestJSONL(t *testing.T) {
	tests := []struct {
		name    string
		content string
		opt     JSONLOptions
		columns []string
		rows    []row
		ignored []string
	}{{
		name: "scalars as text, numbers exactly as written",
		content: `{"submission_id":"A1","minutes":1.50,"n":12345678901234567890,"e":1e3,"ok":true,"no":false,"decided_at":null}` + "\n" +
			`{"submission_id":"A2","minutes":-0.0}` + "\n",
		columns: []string{"submission_id", "minutes", "n", "e", "ok", "no", "decided_at"},
		rows: []row{
			{line: 1, cells: []string{"A1", "1.50", "12345678901234567890", "1e3", "true", "false", ""}},
			{line: 2, cells: []string{"A2", "-0.0", "", "", "", "", ""}},
		},
	}, {
		name:    "columns are the union of keys in first-seen order",
		content: `{"b":"1"}` + "\n" + `{"a":"2","b":"3"}` + "\n" + `{"c":"4","a":"5"}` + "\n",
		columns: []string{"b", "a", "c"},
		rows: []row{
			{line: 1, cells: []string{"1", "", ""}},
			{line: 2, cells: []string{"3", "2", ""}},
			{line: 3, cells: []string{"", "5", "4"}},
		},
	}, {
		name:    "BOM, CRLF, blank lines and unicode",
		content: "\ufeff{\"Kanal\":\"Papir\",\"Saksnr\":\"2008/1\"}\r\n\r\n   \n{\"Kanal\":\"Skjema ÆØÅ \\\"q\\\"\",\"Saksnr\":\"x\\ty\"}\r\n",
		columns: []string{"Kanal", "Saksnr"},
		rows: []row{
			{line: 1, cells: []string{"Papir", "2008/1"}},
			{line: 4, cells: []string{`Skjema ÆØÅ "q"`, "x\ty"}},
		},
	}, {
		name: "bad lines are row errors and reading goes on",
		content: `{"a":"1"}` + "\n" +
			`{"a":{"x":1}}` + "\n" +
			`{"a":[1,2]}` + "\n" +
			`{"a":"unterminated` + "\n" +
			`["a","b"]` + "\n" +
			`{"a":"1","a":"2"}` + "\n" +
			`{"a":"1"} {"a":"2"}` + "\n" +
			`42` + "\n" +
			`{"a":"last"}` + "\n",
		columns: []string{"a"},
		rows: []row{
			{line: 1, cells: []string{"1"}},
			{line: 2, reason: `value of "a" is a nested object`},
			{line: 3, reason: `value of "a" is a nested array`},
			{line: 4, reason: "not valid JSON"},
			{line: 5, reason: "not a JSON object"},
			{line: 6, reason: `key "a" appears twice`},
			{line: 7, reason: "more after the JSON object"},
			{line: 8, reason: "not a JSON object"},
			{line: 9, cells: []string{"last"}},
		},
	}, {
		name:    "keys first seen after the header objects are ignored",
		content: `{"a":"1"}` + "\n" + `{"a":"2","secret":"x","b":"y"}` + "\n" + `{"b":"z"}` + "\n",
		opt:     JSONLOptions{HeaderObjects: 1},
		columns: []string{"a"},
		rows: []row{
			{line: 1, cells: []string{"1"}},
			{line: 2, cells: []string{"2"}},
			{line: 3, cells: []string{""}},
		},
		ignored: []string{"secret", "b"},
	}, {
		name:    "row errors do not count as header objects",
		content: `nonsense` + "\n" + `{"a":"1"}` + "\n" + `{"b":"2"}` + "\n",
		opt:     JSONLOptions{HeaderObjects: 1},
		columns: []string{"a"},
		rows: []row{
			{line: 1, reason: "not valid JSON"},
			{line: 2, cells: []string{"1"}},
			{line: 3, cells: []string{""}},
		},
		ignored: []string{"b"},
	}, {
		name: "a line over the limit is a row error",
		content: `{"a":"short"}` + "\n" + `{"a":"` + strings.Repeat("x", 100) + `"}` + "\n" +
			`{"a":"12345678"}` + "\r\n" + `{"a":"123456789"}` + "\n" + `{"a":"end"}`,
		opt:     JSONLOptions{MaxLineBytes: 16},
		columns: []string{"a"},
		rows: []row{
			{line: 1, cells: []string{"short"}},
			{line: 2, reason: "longer than 16 bytes"},
			{line: 3, cells: []string{"12345678"}},
			{line: 4, reason: "longer than 16 bytes"},
			{line: 5, cells: []string{"end"}},
		},
	}, {
		name:    "empty file",
		content: "\n\n",
		columns: nil,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, err := OpenJSONL(writeFile(t, "in.jsonl", tt.content), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer j.Close()
			if !slices.Equal(j.Columns(), tt.columns) {
				t.Errorf("columns %q, want %q", j.Columns(), tt.columns)
			}
			checkRows(t, readAll(t, j), tt.rows)
			if !slices.Equal(j.Ignored(), tt.ignored) {
				t.Errorf("ignored %q, want %q", j.Ignored(), tt.ignored)
			}
		})
	}
}

func TestJSONLMissingFile(t *testing.T) {
	_, err := OpenJSONL(filepath.Join(t.TempDir(), "nope.jsonl"), JSONLOptions{})
	if !errors.Is(err, ErrInput) {
		t.Fatalf("got %v, want ErrInput", err)
	}
}

func TestJSONLRowErrorText(t *testing.T) {
	long := `{"a":"` + strings.Repeat("é", 5000) + `"`
	j, err := OpenJSONL(writeFile(t, "in.jsonl", long+"\n"), JSONLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	_, _, err = j.Next()
	var re *RowError
	if !errors.As(err, &re) {
		t.Fatalf("got %v, want a RowError", err)
	}
	if len(re.Text) > maxRowText+len("…") || !strings.HasPrefix(re.Text, `{"a":"éé`) || !strings.HasSuffix(re.Text, "…") {
		t.Errorf("text not cut cleanly: %d bytes, ends %q", len(re.Text), re.Text[len(re.Text)-8:])
	}
	if re.Error() != "line 1: "+re.Reason {
		t.Errorf("Error() = %q", re.Error())
	}
}

// checkRows compares rows read with rows expected.
func checkRows(t *testing.T, got, want []row) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d rows, want %d:\n got %+v\nwant %+v", len(got), len(want), got, want)
		return
	}
	for i := range want {
		g, w := got[i], want[i]
		switch {
		case g.line != w.line:
			t.Errorf("row %d: line %d, want %d", i, g.line, w.line)
		case w.reason != "" && !strings.Contains(g.reason, w.reason):
			t.Errorf("line %d: reason %q, want it to contain %q (cells %q)", w.line, g.reason, w.reason, g.cells)
		case w.reason == "" && (g.reason != "" || !slices.Equal(g.cells, w.cells)):
			t.Errorf("line %d: cells %q (reason %q), want %q", w.line, g.cells, g.reason, w.cells)
		}
	}
}
