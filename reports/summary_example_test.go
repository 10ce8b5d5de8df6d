package reports

import (
	"strings"
	"testing"
)

// The Summary says first, in the workbook's language, when the figures
// are built on the example's made-up assumptions; the tiles move down a
// row.
func TestSummaryExampleAssumptions(t *testing.T) {
	for _, tc := range []struct{ lang, sheet, want string }{
		{"en", "Summary", "Built on example assumptions: costs.hourly_rates, register."},
		{"nb", "Oversikt", "Bygd på eksempelforutsetninger: costs.hourly_rates, register."},
	} {
		in := testInput(tc.lang)
		in.ExampleParts = []string{"costs.hourly_rates", "register"}
		f, _ := write(t, in)
		if got := raw(t, f, tc.sheet, "A4"); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: A4 = %q, want it to start %q", tc.lang, got, tc.want)
		}
		if tc.lang == "en" {
			if got := raw(t, f, tc.sheet, "I5"); got != "Net benefit per year, economic (NOK)" {
				t.Errorf("tile label I5 = %q, want the tiles a row down", got)
			}
		}
	}
	f, _ := write(t, testInput("en"))
	if got := raw(t, f, "Summary", "A4"); strings.Contains(got, "example") {
		t.Errorf("without example parts, A4 = %q", got)
	}
}
