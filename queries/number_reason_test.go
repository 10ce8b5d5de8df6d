package queries

import (
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// A reject of the minutes column shows the example in the file's decimal
// separator, and "e.g." as it is spelled, with a comma file as with a
// point file.
func TestNumberRejectExampleKeepsEg(t *testing.T) {
	for _, c := range []struct{ name, minutes, want string }{
		{"comma", "\"7,5\"", "(expected e.g. 12 or 12,5)"},
		{"point", "7.5", "(expected e.g. 12 or 12.5)"},
	} {
		d := openTest(t, config.Config{})
		res := importTest(t, d, KindTime, writeFile(t, c.name+".csv", "employee,role,work_date,minutes\n"+
			"e1,clerk,2024-01-02,"+c.minutes+"\n"+
			"e2,clerk,2024-01-02,12\n"+
			"e3,clerk,2024-01-02,lots\n"))
		if res.Decimal != c.name || len(res.Rejects) != 1 {
			t.Fatalf("%s: decimal %q, rejects %+v", c.name, res.Decimal, res.Rejects)
		}
		if r := res.Rejects[0].Reason; !strings.HasSuffix(r, c.want) {
			t.Errorf("%s: reason %q, want it to end %q", c.name, r, c.want)
		}
	}
}
