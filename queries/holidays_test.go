package queries

import (
	"slices"
	"testing"

	"github.com/gevinst/gevinst/config"
)

func TestClosedDays(t *testing.T) {
	norway := ClosedDays(config.OfficeHours{Holidays: "norway", ExtraHolidays: []string{"2024-12-24"}})
	for _, d := range []string{"1970-01-01", "2024-03-28", "2024-05-17", "2100-12-26", "2024-12-24"} {
		if !slices.Contains(norway, d) {
			t.Errorf("norway: %s missing", d)
		}
	}
	if slices.Contains(norway, "2024-05-16") || slices.Contains(norway, "2101-01-01") {
		t.Error("norway: a working day or a year outside 1970–2100 is closed")
	}
	if got := ClosedDays(config.OfficeHours{Holidays: "none", ExtraHolidays: []string{"2024-12-24"}}); !slices.Equal(got, []string{"2024-12-24"}) {
		t.Errorf("none: %v, want only the extra day", got)
	}
}
