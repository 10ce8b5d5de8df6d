package queries

import (
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// ISO 8601 with an offset but without seconds (docs/data.md promises ISO
// 8601 with offset) is read by both import paths, as Europe/Oslo
// wall-clock time.
func TestOffsetWithoutSecondsBothPaths(t *testing.T) {
	path := writeFile(t, "s.csv", "submission_id,service,channel,received_at,decided_at\n"+
		"a,bh,eform,2008-12-31T14:05+01:00,2009-01-02T09:30Z\n"+ // winter: UTC+1
		"b,bh,eform,2008-12-31T14:05Z,\n"+
		"c,bh,eform,2008-12-31 14:05+0100,\n"+
		"d,bh,eform,2008-07-04T21:15-03:30,\n"+ // summer: UTC+2 → 02:45 next day
		"e,bh,eform,2008-12-31 14:05+01,\n")
	res, byKind := importBoth(t, KindSubmissions, path, false)
	if res.RowsRejected != 0 || res.RowsLoaded != 5 {
		t.Fatalf("loaded %d rejected %d (%v), want all 5 loaded", res.RowsLoaded, res.RowsRejected, byKind)
	}
	d := openTest(t, config.Config{})
	importTest(t, d, KindSubmissions, path)
	got := dump(t, d, `SELECT submission_id, strftime(received_at, '%Y-%m-%d %H:%M:%S'), strftime(decided_at, '%Y-%m-%d %H:%M') FROM submissions ORDER BY 1`)
	want := strings.Join([]string{
		"a 2008-12-31 14:05:00 2009-01-02 10:30",
		"b 2008-12-31 15:05:00 <nil>",
		"c 2008-12-31 14:05:00 <nil>",
		"d 2008-07-05 02:45:00 <nil>",
		"e 2008-12-31 14:05:00 <nil>",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}
