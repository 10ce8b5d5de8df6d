package pipelines

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
)

// Fuzz targets of format and encoding detection (`make fuzz`; their seeds,
// below and in testdata/fuzz/, run as normal tests in `make test`).

// seedTexts are the kinds of input detection sees: the corpus's dialects,
// and broken ones.
var seedTexts = []string{
	"submission_id,service,channel,received_at\nA1,barnehage,paper,2008-01-02 10:00\n",
	"\xef\xbb\xbfSkjemanr;Tjeneste;Kanal\r\n1;barnehage;Papir\r\n",
	"Ansatt;Rolle;Dato;Timer\nOla Nordmann;saksbehandler;31.12.2008;1,5\n\xd8ystein;arkiv;01.01.2009;2\n",
	"\xff\xfeS\x00k\x00j\x00e\x00m\x00a\x00\n\x00",
	"\xfe\xff\x00S\x00k",
	`{"submission_id":"A1","service":"barnehage"}` + "\n",
	"PK\x03\x04\x14\x00\x00\x00",
	"PAR1\x00\x00",
	"\x89PNG\r\n\x1a\n\x00\x00",
	"a,\"b\nc\",d\n\"unterminated",
	"\xe2\x82", // a cut UTF-8 sequence
	"x\x00y\x01z",
}

// FuzzCheckUTF8 feeds checkUTF8 the input cut into two chunks at every
// point the fuzzer picks, as scanFile does at its buffer boundary: the
// verdict must be utf8.Valid's on the whole.
func FuzzCheckUTF8(f *testing.F) {
	for _, s := range seedTexts {
		f.Add([]byte(s), uint(len(s)/2))
	}
	f.Fuzz(func(t *testing.T, b []byte, cutAt uint) {
		at := int(cutAt % uint(len(b)+1))
		carry, ok := checkUTF8(append([]byte(nil), b[:at]...))
		if ok {
			carry, ok = checkUTF8(append(carry, b[at:]...))
		}
		if ok && len(carry) > 0 {
			ok = false // an incomplete sequence at the end of the file
		}
		if ok != utf8.Valid(b) {
			t.Fatalf("checkUTF8 in two chunks (cut at %d) says %v, utf8.Valid says %v", at, ok, utf8.Valid(b))
		}
	})
}

// FuzzDetect writes the input to a file and runs the whole first pass:
// scanFile, detectFormat, detectEncoding, the input limits and toUTF8.
// Nothing may panic; the scan's facts must be right; a transcoded file
// must be valid UTF-8.
func FuzzDetect(f *testing.F) {
	for _, s := range seedTexts {
		f.Add([]byte(s), "in.csv")
		f.Add([]byte(s), "in.jsonl")
	}
	f.Add([]byte("x"), "in.xlsx")
	f.Add([]byte("x"), "in.parquet")
	lim := config.Default().Import
	lim.MaxLineBytes, lim.MaxColumns, lim.MaxRows = 64, 8, 16
	f.Fuzz(func(t *testing.T, b []byte, name string) {
		name = filepath.Base(name)
		if name == "." || name == "/" || name == "" || len(name) > 100 || bytes.ContainsRune([]byte(name), 0) {
			name = "in.csv"
		}
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Skip(err) // a name the file system refuses
		}
		s, err := scanFile(path, nil)
		if len(b) == 0 {
			if err == nil {
				t.Fatal("an empty file was accepted")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if s.sha256 != hex.EncodeToString(sum[:]) || s.size != int64(len(b)) {
			t.Fatalf("sha256/size wrong")
		}
		if s.validUTF8 != utf8.Valid(b) {
			t.Fatalf("validUTF8 %v, utf8.Valid %v", s.validUTF8, utf8.Valid(b))
		}
		wantLines := int64(bytes.Count(b, []byte("\n")))
		if b[len(b)-1] != '\n' {
			wantLines++
		}
		if s.lines.lines != wantLines {
			t.Fatalf("lines %d, want %d", s.lines.lines, wantLines)
		}
		if !bytes.HasPrefix(b, s.head) || len(s.head) != min(len(b), headSize) {
			t.Fatalf("head is not the file's start")
		}
		format := detectFormat(path, s)
		switch format {
		case queries.FormatCSV, queries.FormatJSONL, queries.FormatXLSX, queries.FormatParquet:
		default:
			t.Fatalf("detectFormat = %q", format)
		}
		if n := headerFields(s.lines.header, ""); n < 1 {
			t.Fatalf("headerFields = %d", n)
		}
		_ = checkText(path, format, "", s, lim)
		enc := detectEncoding(s, "")
		out, cleanup, err := toUTF8(path, enc, s)
		defer cleanup()
		if err != nil {
			return // refused with a message: fine
		}
		text, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(text) {
			t.Fatalf("toUTF8 (%s) gave invalid UTF-8", enc)
		}
		if bytes.HasPrefix(text, []byte("\xef\xbb\xbf")) {
			t.Fatalf("toUTF8 (%s) kept a BOM", enc)
		}
	})
}
