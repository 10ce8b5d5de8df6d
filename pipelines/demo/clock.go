package demo

import (
	"fmt"
	"time"
)

// Wall-clock times of the demo are local (Europe/Oslo) times held in
// time.Time values in UTC, used as plain containers: no zone arithmetic
// happens on them except in osloOffset.

const (
	wallLayout = "2006-01-02 15:04:05"
	isoLayout  = "2006-01-02T15:04:05"
)

// date returns midnight of a calendar day.
func date(y, m, d int) time.Time {
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// month returns the months since January 2006 of the first of a month.
func month(y, m int) float64 { return float64((y-2006)*12 + m - 1) }

// monthOf returns the months since January 2006 of a day, with fraction.
func monthOf(t time.Time) float64 {
	days := daysIn(t)
	return month(t.Year(), int(t.Month())) + float64(t.Day()-1)/float64(days)
}

// daysIn returns the number of days in t's month.
func daysIn(t time.Time) int {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// isWeekend reports whether t falls on Saturday or Sunday.
func isWeekend(t time.Time) bool {
	wd := t.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// nextWeekday returns t, or the following Monday when t is a weekend day.
func nextWeekday(t time.Time) time.Time {
	for isWeekend(t) {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

// dayOf returns midnight of t's day.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// lastSunday returns the last Sunday of a month.
func lastSunday(y int, m time.Month) time.Time {
	d := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -int(d.Weekday()))
}

// osloOffset returns the UTC offset in hours of an Oslo wall-clock time
// (EU rule: summer time from 02:00 on the last Sunday of March to 03:00
// on the last Sunday of October). ok is false for the hour that does not
// exist in spring and the hour that happens twice in autumn. It is
// computed, not looked up, so the output does not depend on the host's
// time zone database.
func osloOffset(t time.Time) (hours int, ok bool) {
	spring := lastSunday(t.Year(), time.March)
	autumn := lastSunday(t.Year(), time.October)
	day := dayOf(t)
	switch {
	case day.Equal(spring) && t.Hour() == 2, day.Equal(autumn) && t.Hour() == 2:
		return 0, false
	case day.Equal(spring):
		return offsetIf(t.Hour() >= 3), true
	case day.Equal(autumn):
		return offsetIf(t.Hour() < 2), true
	default:
		return offsetIf(day.After(spring) && day.Before(autumn)), true
	}
}

func offsetIf(summer bool) int {
	if summer {
		return 2
	}
	return 1
}

// formatWall writes a wall-clock time as the case systems do.
func formatWall(t time.Time) string { return t.Format(wallLayout) }

// formatISO writes a wall-clock time as an e-form platform export does:
// ISO 8601 with Oslo's offset at that time.
func formatISO(t time.Time) string {
	h, _ := osloOffset(t)
	return fmt.Sprintf("%s+%02d:00", t.Format(isoLayout), h)
}
