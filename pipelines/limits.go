package pipelines

import (
	"bytes"
	"fmt"
	"os"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
)

// Input limits (SPEC §8): a file over one is refused whole, before DuckDB
// reads it, with a message that names the config key. The facts come from
// the first pass over the file (scanFile), so the checks cost no extra read.

// lineStats counts lines, finds the longest and keeps the header line, as
// scanFile streams the file through add.
type lineStats struct {
	lines      int64 // line breaks seen
	cur        int64 // bytes of the current line so far
	longest    int64
	longestAt  int64  // 1-based line number of the longest line
	header     []byte // the first line, up to maxHeaderBytes
	headerDone bool
}

// maxHeaderBytes bounds the header line kept for counting columns; a
// longer header is over every line limit anyway.
const maxHeaderBytes = config.MaxMaxLineBytes + 1

func (l *lineStats) add(chunk []byte) {
	for len(chunk) > 0 {
		i := bytes.IndexByte(chunk, '\n')
		part := chunk
		if i >= 0 {
			part = chunk[:i]
		}
		if !l.headerDone && len(l.header) < maxHeaderBytes {
			l.header = append(l.header, part[:min(len(part), maxHeaderBytes-len(l.header))]...)
		}
		l.cur += int64(len(part))
		if i < 0 {
			return
		}
		l.endLine()
		chunk = chunk[i+1:]
	}
}

// endLine closes the current line (at a line break or the end of the file).
func (l *lineStats) endLine() {
	l.lines++
	if l.cur > l.longest {
		l.longest, l.longestAt = l.cur, l.lines
	}
	l.cur = 0
	l.headerDone = true
}

// finish accounts for a last line without a line break.
func (l *lineStats) finish() {
	if l.cur > 0 {
		l.endLine()
	}
}

// headerFields counts the header's fields for the delimiter, or for the
// most frequent of the usual ones when the delimiter is not known yet.
// Quoted separators do not count.
func headerFields(header []byte, delimiter string) int {
	candidates := []byte{',', ';', '\t', '|'}
	if len(delimiter) == 1 {
		candidates = []byte{delimiter[0]}
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range bytes.TrimSuffix(header, []byte("\r")) {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if !quoted && bytes.IndexByte(candidates, c) >= 0 {
			counts[c]++
		}
	}
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	return most + 1
}

// checkFileSize refuses a file over import.max_file_bytes before it is read.
func checkFileSize(path string, lim config.Import) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrFile, err)
	}
	if lim.MaxFileBytes > 0 && st.Size() > lim.MaxFileBytes {
		return fmt.Errorf("%w: %s is %d bytes, more than import.max_file_bytes (%d); split the export or raise the limit",
			ErrLimit, path, st.Size(), lim.MaxFileBytes)
	}
	return nil
}

// magic names binary formats by their first bytes, for a message that says
// what a file is rather than that it is not CSV.
var magic = []struct {
	prefix, name string
}{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF8", "a GIF image"},
	{"%PDF-", "a PDF document"},
	{"\x1f\x8b", "a gzip archive (unpack it first)"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls or other OLE document (save it as .xlsx or CSV)"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"SQLite format 3\x00", "an SQLite database"},
}

// checkText applies the limits of text formats (CSV and JSON lines): the
// file must look like text, and its line count, longest line (CSV) and
// header width (CSV) must be within import.max_rows, import.max_line_bytes
// and import.max_columns. A longer JSON line is a rejected row instead
// (the JSON lines reader bounds it).
func checkText(path, format, delimiter string, s scan, lim config.Import) error {
	if format != queries.FormatCSV && format != queries.FormatJSONL {
		return nil
	}
	for _, m := range magic {
		if bytes.HasPrefix(s.head, []byte(m.prefix)) {
			return fmt.Errorf("%w: %s is %s, not a CSV, .xlsx, JSON lines or Parquet file", ErrFile, path, m.name)
		}
	}
	if s.bom != "utf-16le" && s.bom != "utf-16be" {
		// A NUL, or more than 1 % control bytes: binary, not a text export
		// with a stray control character.
		if nul, n := binaryBytes(s.head); nul > 0 || 100*n > len(s.head) {
			return fmt.Errorf("%w: %s is not a text file: its first %d bytes hold %d control bytes (%d NUL); expected CSV, .xlsx, JSON lines or Parquet",
				ErrFile, path, len(s.head), n, nul)
		}
	}
	rows := s.lines.lines - 1 // the header
	if format == queries.FormatJSONL {
		rows++
	}
	if lim.MaxRows > 0 && rows > lim.MaxRows {
		return fmt.Errorf("%w: %s has %d lines, more than import.max_rows (%d); split the export or raise the limit",
			ErrLimit, path, rows, lim.MaxRows)
	}
	if format != queries.FormatCSV {
		return nil
	}
	if lim.MaxColumns > 0 {
		if n := headerFields(s.lines.header, delimiter); n > lim.MaxColumns {
			atLeast := ""
			if len(s.lines.header) >= maxHeaderBytes {
				atLeast = "at least "
			}
			return fmt.Errorf("%w: %s: the header has %s%d columns, more than import.max_columns (%d)",
				ErrLimit, path, atLeast, n, lim.MaxColumns)
		}
	}
	if lim.MaxLineBytes > 0 && s.lines.longest > lim.MaxLineBytes {
		return fmt.Errorf("%w: %s: line %d is %d bytes long, more than import.max_line_bytes (%d); is a quote not closed, or is the file not CSV?",
			ErrLimit, path, s.lines.longestAt, s.lines.longest, lim.MaxLineBytes)
	}
	return nil
}

// binaryBytes counts the NUL bytes in b and the C0 control bytes other
// than tab, line feed, form feed and carriage return (NUL included).
func binaryBytes(b []byte) (nul, control int) {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			control++
			if c == 0 {
				nul++
			}
		}
	}
	return nul, control
}
