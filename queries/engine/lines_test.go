package engine

import (
	"reflect"
	"strings"
	"testing"
)

// The map of a file with quoted line breaks (one with an escaped quote),
// blank lines (one CRLF) and no final line break, by hand: DuckDB numbers
// header 1, the two-line record 2, blank 3, b 4, blank 5, the two-line
// record 6, e 7. It is the same fed whole or a byte at a time.
func TestLineScanner(t *testing.T) {
	const file = "h1,h2\na,\"x\ny\"\n\nb,c\r\n\r\nd,\"p\"\"q\nr\"\ne,f"
	want := LineMap{Blank: []int64{3, 5}, Extra: []LineStep{{From: 3, Lines: 1}, {From: 7, Lines: 2}}, Lines: 7}
	var whole, bytewise LineScanner
	whole.Add([]byte(file))
	for i := range len(file) {
		bytewise.Add([]byte{file[i]})
	}
	for name, got := range map[string]LineMap{"whole": whole.Map(), "bytewise": bytewise.Map()} {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
	var plain LineScanner
	plain.Add([]byte("h\n1\n2\n"))
	if m := plain.Map(); len(m.Blank) != 0 || len(m.Extra) != 0 || m.Overflow || m.Lines != 3 {
		t.Errorf("one line a record: %+v, want an empty map of 3 lines", m)
	}
	// Past maxLineSteps blank lines the map is given up (rows are then
	// numbered by record), not kept in part.
	var many LineScanner
	many.Add([]byte("h\n" + strings.Repeat("\n", maxLineSteps+1)))
	if m := many.Map(); !m.Overflow || m.Blank != nil || m.Lines != maxLineSteps+2 {
		t.Errorf("%d blank lines: overflow %v with %d kept, %d lines, want overflow and none, %d lines",
			maxLineSteps+1, m.Overflow, len(m.Blank), m.Lines, maxLineSteps+2)
	}
}

// FuzzLineScanner checks the scanner against a byte-at-a-time reading of
// the same rules, fed in two chunks split anywhere.
func FuzzLineScanner(f *testing.F) {
	for _, s := range []string{"h\n1\n\n2\r\n\r\n3", "a,\"x\ny\"\n\n\"\"\"\n\"\nz", "\r\r\n\n\"", "h\n\r\r\n1\n"} {
		f.Add(s, uint(len(s)/2))
	}
	f.Fuzz(func(t *testing.T, file string, cut uint) {
		want := referenceLineMap(file)
		var s LineScanner
		k := int(cut % uint(len(file)+1))
		s.Add([]byte(file[:k]))
		s.Add([]byte(file[k:]))
		if got := s.Map(); !reflect.DeepEqual(got, want) {
			t.Errorf("%q cut at %d: %+v, want %+v", file, k, got, want)
		}
	})
}

// referenceLineMap reads file a byte at a time: a '"' toggles a quoted
// field; a line break inside one continues the record; outside, it ends
// a blank line ("" or "\r") or a record, one DuckDB line each.
func referenceLineMap(file string) LineMap {
	var m LineMap
	line, extra, inner := int64(1), int64(0), int64(0)
	quoted := false
	var content []byte
	for i := 0; i < len(file); i++ {
		c := file[i]
		if c != '\n' {
			if c == '"' {
				quoted = !quoted
			}
			content = append(content, c)
			continue
		}
		blank := len(content) == 0 || string(content) == "\r"
		content = content[:0]
		switch {
		case quoted:
			inner++
			continue
		case blank && inner == 0:
			m.Blank = append(m.Blank, line)
		case inner > 0:
			extra += inner
			m.Extra = append(m.Extra, LineStep{From: line + 1, Lines: extra})
		}
		line++
		inner = 0
	}
	m.Lines = line - 1
	if len(content) > 0 {
		m.Lines++
	}
	return m
}

// TestSampleRows: a tenth of a file's lines, within the tuning's bounds;
// the upper bound when the file was not scanned.
func TestSampleRows(t *testing.T) {
	tune := Tuning{SampleRows: 100_000, MinSampleRows: 10_000}
	for lines, want := range map[int64]int64{
		0: 100_000, 1: 10_000, 90_001: 10_000, 200_000: 20_000, 999_999: 99_999, 3_000_001: 100_000,
	} {
		if got := tune.sampleRows(lines); got != want {
			t.Errorf("%d lines: a sample of %d, want %d", lines, got, want)
		}
	}
	// A test's smaller sample stays what it set.
	small := DefaultTuning()
	small.SampleRows = 5
	if got := small.sampleRows(90_001); got != 5 {
		t.Errorf("SampleRows 5: a sample of %d, want 5", got)
	}
}
