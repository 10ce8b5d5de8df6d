package queries

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
)

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
