package queries

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// The map of a file with quoted line breaks (one with an escaped quote),
// blank lines (one CRLF) and no final line break, by hand: DuckDB numbers
// header 1, the two-line record 2, blank 3, b 4, blank 5, the two-line
// record 6, e 7. It is the same fed whole or a byte at a time.
func TestLineScanner(t *testing.T) {
	const file = "h1,h2\na,\"x\ny\"\n\nb,c\r\n\r\nd,\"p\"\"q\nr\"\ne,f"
	want := LineMap{Blank: []int64{3, 5}, Extra: []LineStep{{From: 3, Lines: 1}, {From: 7, Lines: 2}}}
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
	if m := plain.Map(); len(m.Blank) != 0 || len(m.Extra) != 0 || m.Overflow {
		t.Errorf("one line a record: %+v, want an empty map", m)
	}
	// Past maxLineSteps blank lines the map is given up (rows are then
	// numbered by record), not kept in part.
	var many LineScanner
	many.Add([]byte("h\n" + strings.Repeat("\n", maxLineSteps+1)))
	if m := many.Map(); !m.Overflow || m.Blank != nil {
		t.Errorf("%d blank lines: overflow %v with %d kept, want overflow and none", maxLineSteps+1, m.Overflow, len(m.Blank))
	}
}

// A reject's line is its line in the file after blank lines, quoted
// fields that span lines and records DuckDB cannot read, in both import
// paths (importBoth compares them), across several of DuckDB's row groups.
func TestRejectLinesAfterBlankAndQuotedLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("registration_id,employee,role,work_date,minutes,activity\n")
	line := 2 // the next line's number in the file
	want := map[int]string{}
	for i := range 150000 {
		switch {
		case i%9973 == 5: // a note over three lines
			fmt.Fprintf(&b, "R%d,E1,clerk,2024-01-02,10,\"reply\nsee \"\"note\"\"\nend\"\n", i)
			line += 3
			continue
		case i%7919 == 3:
			b.WriteString("\n")
			line++
		case i%10007 == 7:
			b.WriteString("broken,line\n")
			want[line] = "unreadable line"
			line++
			continue
		case i%5003 == 1:
			fmt.Fprintf(&b, "R%d,E1,clerk,2024-01-02,abc,reply\n", i)
			want[line] = "not a number"
			line++
			continue
		}
		fmt.Fprintf(&b, "R%d,E%d,clerk,2024-01-%02d,%d,reply\n", i, i%50, 1+i%28, 5+i%90)
		line++
	}
	path := writeFile(t, "lines.csv", b.String())
	importBoth(t, KindTime, path, false) // fast and staged: the same rejects on the same lines
	d := openTest(t, config.Config{})
	res, err := d.Import(t.Context(), ImportRequest{Kind: KindTime, Path: path, Name: "lines.csv", SHA256: fileSum(t, path),
		MaxRejectShare: 1, Now: fixedNow, RejectSample: -1, Lines: lineMap(t, path)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]string{}
	for _, r := range res.Rejects {
		got[int(r.Line)] = r.Reason
	}
	for l, kind := range want {
		reason, ok := got[l]
		// a short record's reason counts its fields (DuckDB stores one
		// error per missing column, on every read)
		if !ok || (kind == "not a number") != strings.Contains(reason, "not a number") ||
			(kind == "unreadable line" && !strings.HasSuffix(reason, "Found: 2")) {
			t.Errorf("line %d: reject %q, want one for %s", l, reason, kind)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d rejects, want %d", len(got), len(want))
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
	return m
}
