package pipelines

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/gevinst/gevinst/queries"
)

// Encodings of text files (SPEC §2.4).
const (
	encAuto    = "auto"
	encUTF8    = "utf-8"
	encUTF16   = "utf-16"
	encLatin1  = "latin-1"
	encWin1252 = "windows-1252"
)

// scan is what one pass over a file's bytes tells: its identity and the
// facts format and encoding detection need.
type scan struct {
	sha256    string
	size      int64
	bom       string // "utf-8", "utf-16le", "utf-16be" or ""
	validUTF8 bool
	head      []byte // the first 64 KiB
	lines     lineStats
	// lineMap relates DuckDB's CSV line numbers to the file's (blank
	// lines, quoted line breaks), for the rejects' lines.
	lineMap queries.LineScanner
}

const headSize = 64 << 10

// scanFile hashes the file and checks its encoding in one streaming pass,
// reporting progress in bytes.
func scanFile(path string, progress func(done int64)) (scan, error) {
	f, err := os.Open(path)
	if err != nil {
		return scan{}, fmt.Errorf("%w: %w", ErrFile, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return scan{}, fmt.Errorf("%w: %w", ErrFile, err)
	}
	if st.IsDir() {
		return scan{}, fmt.Errorf("%w: %s is a directory", ErrFile, path)
	}
	if st.Size() == 0 {
		return scan{}, fmt.Errorf("%w: %s is empty (expected a header row and data rows)", ErrFile, path)
	}
	s := scan{size: st.Size(), validUTF8: true}
	h := sha256.New()
	buf := make([]byte, 1<<20)
	var carry []byte // an incomplete UTF-8 sequence at a buffer's end
	var done int64
	// The hash (the slower half) runs beside the encoding and line checks.
	hashed := make(chan struct{})
	for {
		n, err := f.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			go func() {
				h.Write(chunk)
				hashed <- struct{}{}
			}()
			if len(s.head) < headSize {
				s.head = append(s.head, chunk[:min(n, headSize-len(s.head))]...)
			}
			if s.validUTF8 {
				check := chunk
				if len(carry) > 0 {
					check = append(carry, chunk...)
				}
				carry, s.validUTF8 = checkUTF8(check)
			}
			s.lines.add(chunk)
			s.lineMap.Add(chunk)
			<-hashed
			done += int64(n)
			if progress != nil {
				progress(done)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return scan{}, fmt.Errorf("%w: read %s: %w", ErrFile, path, err)
		}
	}
	if len(carry) > 0 {
		s.validUTF8 = false
	}
	s.lines.finish()
	s.sha256 = hex.EncodeToString(h.Sum(nil))
	switch {
	case bytes.HasPrefix(s.head, []byte{0xEF, 0xBB, 0xBF}):
		s.bom = "utf-8"
	case bytes.HasPrefix(s.head, []byte{0xFF, 0xFE}):
		s.bom = "utf-16le"
	case bytes.HasPrefix(s.head, []byte{0xFE, 0xFF}):
		s.bom = "utf-16be"
	}
	return s, nil
}

// checkUTF8 validates b and returns an incomplete trailing sequence to be
// completed by the next chunk.
func checkUTF8(b []byte) (carry []byte, ok bool) {
	// Hold back up to 3 bytes of a sequence cut at the chunk's end.
	end := len(b)
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				end = len(b) - i
			}
			break
		}
	}
	if !utf8.Valid(b[:end]) {
		return nil, false
	}
	return append([]byte(nil), b[end:]...), true
}

// detectFormat decides the file format: by content where it is certain
// (an xlsx is a zip, Parquet starts with PAR1, JSON lines with "{"),
// else by extension, else CSV.
func detectFormat(path string, s scan) string {
	head := s.head
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return queries.FormatXLSX
	case bytes.HasPrefix(head, []byte("PAR1")):
		return queries.FormatParquet
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return queries.FormatXLSX
	case ".parquet":
		return queries.FormatParquet
	case ".jsonl", ".ndjson":
		return queries.FormatJSONL
	}
	if s.bom == "" {
		if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
			return queries.FormatJSONL
		}
	}
	return queries.FormatCSV
}

// detectEncoding decides a text file's encoding: a BOM says UTF-8 or
// UTF-16; else valid UTF-8 is UTF-8; else Windows-1252 (a superset of
// Latin-1's printable characters, and what Norwegian Windows exports are).
func detectEncoding(s scan, asked string) string {
	if asked != "" && asked != encAuto {
		return asked
	}
	switch {
	case s.bom == "utf-8":
		return encUTF8
	case s.bom != "":
		return encUTF16
	case s.validUTF8:
		return encUTF8
	}
	return encWin1252
}

// toUTF8 returns a path to the file's text as UTF-8 without a BOM: the
// file itself when it already is, else a transcoded temporary copy (DuckDB
// reads UTF-8, UTF-16 and Latin-1 only, and not Windows-1252). Call
// cleanup when done.
func toUTF8(path, enc string, s scan) (utf8Path string, cleanup func(), err error) {
	noop := func() {}
	if enc == encUTF8 && s.bom == "" {
		if !s.validUTF8 {
			return "", noop, fmt.Errorf("%w: %s is not valid UTF-8; give its encoding with --encoding latin-1|windows-1252|utf-16", ErrFile, path)
		}
		return path, noop, nil
	}
	var dec *encoding.Decoder
	switch enc {
	case encUTF8:
		dec = unicode.UTF8BOM.NewDecoder()
	case encUTF16:
		dec = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		if s.bom == "" {
			return "", noop, fmt.Errorf("%w: %s: UTF-16 without a byte-order mark is not supported; save it with a BOM or as UTF-8", ErrFile, path)
		}
	case encLatin1:
		dec = charmap.ISO8859_1.NewDecoder()
	case encWin1252:
		dec = charmap.Windows1252.NewDecoder()
	default:
		return "", noop, fmt.Errorf("%w: unknown encoding %q (expected utf-8, utf-16, latin-1 or windows-1252)", ErrFile, enc)
	}
	in, err := os.Open(path)
	if err != nil {
		return "", noop, fmt.Errorf("%w: %w", ErrFile, err)
	}
	defer in.Close()
	out, err := os.CreateTemp("", "gevinst-utf8-*.csv")
	if err != nil {
		return "", noop, fmt.Errorf("transcode %s: %w", path, err)
	}
	cleanup = func() { os.Remove(out.Name()) }
	w := bufio.NewWriterSize(out, 1<<20)
	if _, err := io.Copy(w, transform.NewReader(in, dec)); err != nil {
		out.Close()
		cleanup()
		return "", noop, fmt.Errorf("%w: %s is not %s: %w", ErrFile, path, enc, err)
	}
	if err := w.Flush(); err != nil {
		out.Close()
		cleanup()
		return "", noop, fmt.Errorf("transcode %s: %w", path, err)
	}
	if err := out.Close(); err != nil {
		cleanup()
		return "", noop, fmt.Errorf("transcode %s: %w", path, err)
	}
	return out.Name(), cleanup, nil
}
