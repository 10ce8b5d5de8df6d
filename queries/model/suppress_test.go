package model

import "testing"

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
	row := []any{"k1", "bh", "2024-01", int64(3), 12.5, Some(4.2), NullInt{Int64: 2, Valid: true}, true, "note"}
	if !Suppress(row, 3, 5, 3, 0) {
		t.Fatal("3 submissions not suppressed at min_cell 5")
	}
	want := []any{"k1", "bh", "2024-01", NullInt{}, Null{}, Null{}, NullInt{}, NullBool{}, nil}
	for i := range want {
		if row[i] != want[i] {
			t.Errorf("value %d = %#v, want %#v", i, row[i], want[i])
		}
	}
	row = []any{"k1", int64(7), 1.0}
	if Suppress(row, 1, 5, 7, 6) || row[1] != int64(7) {
		t.Errorf("a cell of 7 submissions and 6 employees was blanked: %v", row)
	}
}
