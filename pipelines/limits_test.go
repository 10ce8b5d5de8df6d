package pipelines

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
)

func TestLineStatsAcrossChunks(t *testing.T) {
	text := "a,b,c\nshort\n" + strings.Repeat("x", 5000) + "\nlast"
	for _, chunk := range []int{1, 3, 7, 4096, len(text)} {
		var l lineStats
		for i := 0; i < len(text); i += chunk {
			l.add([]byte(text[i:min(i+chunk, len(text))]))
		}
		l.finish()
		if l.lines != 4 || l.longest != 5000 || l.longestAt != 3 || string(l.header) != "a,b,c" {
			t.Errorf("chunks of %d: lines %d, longest %d at %d, header %q", chunk, l.lines, l.longest, l.longestAt, l.header)
		}
	}
}

func TestHeaderFields(t *testing.T) {
	tests := []struct {
		header, delim string
		want          int
	}{
		{"a,b,c", "", 3},
		{"a;b;c;d\r", "", 4},
		{"a\tb", "", 2},
		{`"a,b";c`, "", 2},
		{`"a,b";c`, ",", 1},
		{"single", "", 1},
		{"", "", 1},
	}
	for _, tt := range tests {
		if got := headerFields([]byte(tt.header), tt.delim); got != tt.want {
			t.Errorf("headerFields(%q, %q) = %d, want %d", tt.header, tt.delim, got, tt.want)
		}
	}
}

func TestCheckLimits(t *testing.T) {
	dir := t.TempDir()
	lim := config.Default().Import
	lim.MaxRows, lim.MaxColumns, lim.MaxLineBytes, lim.MaxFileBytes = 3, 3, 20, 1000
	loose := config.Default().Import
	tests := []struct {
		name, text, format, want string
		lim                      *config.Import
	}{
		{"fits", "a,b,c\n1,2,3\n4,5,6\n", queries.FormatCSV, "", nil},
		{"too many rows", "a\n1\n2\n3\n4\n", queries.FormatCSV, "import.max_rows (3)", nil},
		{"too many columns", "a,b,c,d\n1,2,3,4\n", queries.FormatCSV, "the header has 4 columns, more than import.max_columns (3)", nil},
		{"too long a line", "a\n" + strings.Repeat("x", 21) + "\n", queries.FormatCSV, "line 2 is 21 bytes long", nil},
		{"a long JSON line is the reader's", `{"a":"` + strings.Repeat("x", 30) + `"}`, queries.FormatJSONL, "", nil},
		{"NUL bytes", "a,b\n1,\x00\n", queries.FormatCSV, "not a text file", nil},
		{"a PDF", "%PDF-1.4\n", queries.FormatJSONL, "is a PDF document", nil},
		{"a stray control byte is text", "a,b\n1,\x0b\n" + strings.Repeat("2,3\n", 100), queries.FormatCSV, "", &loose},
		{"too big a file", strings.Repeat("a\n", 501), queries.FormatCSV, "import.max_file_bytes (1000)", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_"))
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			l := lim
			if tt.lim != nil {
				l = *tt.lim
			}
			err := checkFileSize(path, l)
			if err == nil {
				var s scan
				if s, err = scanFile(path, nil); err != nil {
					t.Fatal(err)
				}
				err = checkText(path, tt.format, "", s, l)
			}
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrFile)):
				t.Errorf("got %v, want an ErrFile containing %q", err, tt.want)
			}
		})
	}
}
