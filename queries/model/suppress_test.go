package model

import (
	"fmt"
	"testing"
)

func TestSmall(t *testing.T) {
	for _, c := range []struct {
		minCell         int
		subs, employees int64
		want            bool
	}{
		{5, 4, 0, true},   // 4 submissions
		{5, 5, 0, false},  // exactly min_cell
		{5, 0, 0, false},  // nothing: nobody to disclose
		{5, 100, 4, true}, // minutes of 4 employees
		{5, 100, 5, false},
		{5, 0, 3, true},  // pooled minutes of 3 employees, no submissions
		{0, 1, 1, false}, // suppression off
	} {
		if got := Small(c.minCell, c.subs, c.employees); got != c.want {
			t.Errorf("Small(%d, %d subs, %d employees) = %v, want %v", c.minCell, c.subs, c.employees, got, c.want)
		}
	}
}

func TestSuppressKeepsGrainAndTypes(t *testing.T) {
	r := BenefitRow{Org: "k1", Service: "bh", Period: "2024-01", Submissions: 3, ActualMinutes: 12.5,
		MinutesSaved: Some(4.2), CIN: NullInt{Int64: 2, Valid: true}, CISmallN: NullBool{Bool: true, Valid: true},
		BaselineBasis: "note"}
	row := BenefitSchema.Values(r)
	if !BenefitSchema.Suppress(row, 5, 3, 0) {
		t.Fatal("3 submissions not suppressed at min_cell 5")
	}
	for i, c := range BenefitSchema {
		want := map[string]any{"org": "k1", "service": "bh", "period": "2024-01", "submissions": NullInt{},
			"actual_minutes": Null{}, "minutes_saved": Null{}, "ci_n": NullInt{}, "ci_small_n": NullBool{}, "baseline_basis": nil}
		if w, ok := want[c.Name]; ok && row[i] != w {
			t.Errorf("%s = %#v, want %#v", c.Name, row[i], w)
		}
	}
	m := MetricRow{Org: "k1", Submissions: 7, StaffMinutes: 1}
	row = MetricSchema.Values(m)
	if MetricSchema.Suppress(row, 5, 7, 6) || row[4] != int64(7) {
		t.Errorf("a cell of 7 submissions and 6 employees was blanked: %v", row)
	}
}

func TestRegisterSuppressesOnlyMeasuredFigures(t *testing.T) {
	r := RegisterRow{Org: "k1", BaselineValue: 10, TargetValue: 5, Actual: Some(7), Trajectory: 8, Achievement: Some(0.6), RAG: "red"}
	row := RegisterSchema.Values(r)
	RegisterSchema.BlankSuppressible(row)
	var blanked []string
	for i, c := range RegisterSchema {
		if row[i] != RegisterSchema.Values(r)[i] {
			blanked = append(blanked, c.Name)
		}
	}
	if fmt.Sprint(blanked) != "[actual achievement]" {
		t.Errorf("blanked %v, want [actual achievement]", blanked)
	}
}
