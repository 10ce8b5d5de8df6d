package queries

import (
	"time"

	"github.com/gevinst/gevinst/config"
)

// ClosedDays is the one list of closed days (YYYY-MM-DD) of an office-hours
// configuration: the Norwegian public holidays of 1970–2100 when the
// calendar is "norway", then office_hours.extra_holidays. The after-hours
// indicator (SPEC §4) reads it as the cfg_holidays table; the benchmark's
// hand-written statement takes it as its parameter.
func ClosedDays(oh config.OfficeHours) []string {
	var days []string
	if oh.Holidays == "norway" {
		for y := 1970; y <= 2100; y++ {
			for _, h := range NorwegianHolidays(y) {
				days = append(days, h.Format(time.DateOnly))
			}
		}
	}
	return append(days, oh.ExtraHolidays...)
}

// NorwegianHolidays returns the Norwegian public holidays (helligdager) of
// a year: New Year's Day, Maundy Thursday, Good Friday, Easter Sunday and
// Monday, 1 May, 17 May, Ascension Day, Whit Sunday and Monday, Christmas
// Day and Boxing Day. Used for the after-hours indicator (SPEC §4).
func NorwegianHolidays(year int) []time.Time {
	easter := Easter(year)
	day := func(m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, time.UTC) }
	return []time.Time{
		day(time.January, 1),
		easter.AddDate(0, 0, -3), // skjærtorsdag
		easter.AddDate(0, 0, -2), // langfredag
		easter,                   // første påskedag
		easter.AddDate(0, 0, 1),  // andre påskedag
		day(time.May, 1),
		day(time.May, 17),
		easter.AddDate(0, 0, 39), // Kristi himmelfartsdag
		easter.AddDate(0, 0, 49), // første pinsedag
		easter.AddDate(0, 0, 50), // andre pinsedag
		day(time.December, 25),
		day(time.December, 26),
	}
}

// Easter returns Easter Sunday of a Gregorian year (the anonymous
// Gregorian algorithm, Meeus/Jones/Butcher).
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}
