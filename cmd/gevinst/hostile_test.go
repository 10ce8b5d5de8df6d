package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHostileInput feeds the gevinst binary files made to hurt it (SPEC
// §8): each must end in exit 1 with a message a clerk can act on, within
// a memory bound, and write nothing.
func TestHostileInput(t *testing.T) {
	skipProcessTests(t)
	dir := t.TempDir()
	const header = "submission_id,service,channel,received_at\n"
	const row = "A1,barnehage,paper,2008-01-02 10:00\n"
	write := func(name string, fill func(w *bufio.Writer)) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		fill(w)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rnd := rand.New(rand.NewPCG(4, 4))

	tests := []struct {
		name   string
		kind   string
		file   string
		want   []string
		maxMiB int64
	}{{
		name: "a 50 MB field on one line",
		kind: "submissions",
		file: write("long line.csv", func(w *bufio.Writer) {
			w.WriteString(header + row + "A2,")
			w.Write(bytes.Repeat([]byte("x"), 50<<20))
			w.WriteString(",paper,2008-01-02 10:00\n" + row)
		}),
		want:   []string{"line 3 is 52428826 bytes long", "import.max_line_bytes"},
		maxMiB: 150,
	}, {
		name: "a million columns",
		kind: "submissions",
		file: write("wide.csv", func(w *bufio.Writer) {
			for i := range 1_000_000 {
				if i > 0 {
					w.WriteByte(',')
				}
				w.WriteString("c")
			}
			w.WriteString("\n")
		}),
		want:   []string{"the header has 1000000 columns", "import.max_columns (1000)"},
		maxMiB: 150,
	}, {
		name: "random bytes",
		kind: "time",
		file: write("random.csv", func(w *bufio.Writer) {
			for range 1 << 20 {
				w.WriteByte(byte(rnd.IntN(256)))
			}
		}),
		want:   []string{"is not a text file", "NUL"},
		maxMiB: 150,
	}, {
		name: "a PNG named .csv",
		kind: "submissions",
		file: write("picture.csv", func(w *bufio.Writer) {
			w.WriteString("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
			for range 100_000 {
				w.WriteByte(byte(rnd.IntN(256)))
			}
		}),
		want:   []string{"is a PNG image"},
		maxMiB: 150,
	}, {
		name:   "an xlsx zip bomb (1.1 GB of zeros, declared)",
		kind:   "time",
		file:   zipBomb(t, filepath.Join(dir, "bomb.xlsx"), 1100<<20, false),
		want:   []string{"unzips to more than 1073741824 bytes", "xl/worksheets/sheet1.xml"},
		maxMiB: 150,
	}, {
		name:   "an xlsx zip bomb that lies about its size",
		kind:   "time",
		file:   zipBomb(t, filepath.Join(dir, "liar.xlsx"), 300<<20, true),
		want:   []string{"cannot be read as an Excel workbook"},
		maxMiB: 150,
	}, {
		name: "deeply nested JSON",
		kind: "submissions",
		file: write("nested.jsonl", func(w *bufio.Writer) {
			w.WriteString(`{"submission_id":"A1","service":"barnehage","channel":"paper","received_at":"2008-01-02 10:00"}` + "\n")
			w.WriteString(`{"submission_id":`)
			for range 100_000 {
				w.WriteString(`{"a":`)
			}
			w.WriteString("1" + strings.Repeat("}", 100_000) + "}\n")
			w.WriteString(strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000) + "\n")
			w.WriteString(`{"submission_id":"` + strings.Repeat("[{", 1<<20) + "\"}\n")
		}),
		want:   []string{"nested object", "not a JSON object", "line is longer than 1048576 bytes", "import.max_reject_share"},
		maxMiB: 150,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(dir, "hostile.duckdb")
			r := runGevinst(t, dir, "--db", db, "import", tt.kind, tt.file)
			if r.code != exitFailure {
				t.Errorf("exit %d, want 1; stderr:\n%s", r.code, cut(r.stderr))
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, cut(r.stderr))
				}
			}
			switch mib := r.maxRSSKiB / 1024; {
			case r.maxRSSKiB == 0:
				t.Error("no sample of the process's memory")
			case mib > tt.maxMiB:
				t.Errorf("peak RSS %d MiB, want at most %d", mib, tt.maxMiB)
			default:
				t.Logf("peak RSS %d MiB in %v", mib, r.elapsed.Round(time.Millisecond))
			}
			if c := dbCounts(t, db); c != (counts{}) {
				t.Errorf("a refused file left rows: %+v", c)
			}
		})
	}
}

// cut shortens a message for a test failure.
func cut(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// zipBomb writes an "xlsx" whose one sheet is n zero bytes, deflated. With
// lie, the zip's directory declares 1 KiB instead of n, so that only the
// inflation itself can notice.
func zipBomb(t *testing.T, path string, n int, lie bool) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	if !lie {
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		w, err := zw.Create("xl/worksheets/sheet1.xml")
		if err != nil {
			t.Fatal(err)
		}
		zeros := make([]byte, 1<<20)
		for written := 0; written < n; written += len(zeros) {
			w.Write(zeros)
		}
	} else {
		var compressed bytes.Buffer
		fw, _ := flate.NewWriter(&compressed, flate.BestSpeed)
		zeros := make([]byte, 1<<20)
		for written := 0; written < n; written += len(zeros) {
			fw.Write(zeros)
		}
		fw.Close()
		for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate,
				CompressedSize64: uint64(compressed.Len()), UncompressedSize64: 1024, CRC32: 0x12345678})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(compressed.Bytes())
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAwkwardNames imports files whose names, and config identifiers
// (source name, column mapping, value map, org), hold spaces, quotes and
// semicolons: SQL never splices them (SPEC §8), so they load as any other.
func TestAwkwardNames(t *testing.T) {
	skipProcessTests(t)
	dir := t.TempDir()
	sub := filepath.Join(dir, `it's a "dir"; really`)
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(sub, `gevinst "config".yaml`)
	if err := os.WriteFile(cfg, []byte(`org: "o'rg \"1\"; --"
services:
  "bar\"ne'hage; drop":
    name: "Kinder\"garten'"
sources:
  "sak \"x\" 'y'; --":
    kind: submissions
    delimiter: ";"
    columns:
      "Skjema\"nr'": submission_id
      "Tje'neste": service
      "Ka\"nal": channel
      "Inn;sendt": received_at
    values:
      channel: {"Pa'pir\"": paper}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(sub, `export "2008"; it's.csv`)
	// Windows-1252, so the file is transcoded to a temporary copy too.
	if err := os.WriteFile(csv, []byte("\"Skjema\"\"nr'\";Tje'neste;\"Ka\"\"nal\";\"Inn;sendt\";\"a\"\"; DROP TABLE submissions; --\"\n"+
		"1;\"bar\"\"ne'hage; drop\";\"Pa'pir\"\"\";02.01.2008 10:00;x\n"+
		"2;\"bar\"\"ne'hage; drop\";\"Pa'pir\"\"\";03.01.2008 10:00;\xf8\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(sub, `data "base"; it's.duckdb`)
	r := runGevinst(t, dir, "--config", cfg, "--db", db, "import", "submissions", "--source", `sak "x" 'y'; --`, csv)
	if r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "2 rows read, 2 loaded, 0 rejected") {
		t.Errorf("summary: %s", r.stderr)
	}
	r = runGevinst(t, dir, "--config", cfg, "--db", db, "metrics", "--format", "csv")
	if r.code != 0 || !strings.Contains(r.stdout, `"o'rg ""1""; --","bar""ne'hage; drop",paper,2008-01,2,`) {
		t.Errorf("metrics: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = runGevinst(t, dir, "--config", cfg, "--db", db, "batches", "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `export \"2008\"; it's.csv`) || !strings.Contains(r.stdout, `"source": "sak \"x\" 'y'; --"`) {
		t.Errorf("batches: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if c := dbCounts(t, db); c.submissions != 2 {
		t.Errorf("counts %+v", c)
	}
}
