package reports

import (
	"slices"
	"testing"
)

// One list drives the sheets' order and their drawing: the workbook has
// exactly the listed sheets that apply, in list order, each drawn (a
// title in A1), and data quality, which lists the suppressed cells, is
// drawn after every sheet that records one.
func TestSheetListDrivesOrderAndDrawing(t *testing.T) {
	full := testInput("en")
	full.MinCell = 50 // many suppressed cells on many sheets
	single := testInput("en")
	single.Compare = nil
	single.Risk = nil
	for name, in := range map[string]Input{"full": full, "no optional sheets": single} {
		b, err := newBook(in)
		if err != nil {
			t.Fatal(err)
		}
		want := b.sheetNames()
		if all := len(b.sheets()); (name == "full") != (len(want) == all) {
			t.Fatalf("%s: %d of %d sheets apply", name, len(want), all)
		}
		quality := slices.Index(want, b.L("sheet.quality"))
		for _, sh := range b.sheets() {
			if sh.when != nil && !sh.when() {
				continue
			}
			sh.draw()
			if b.err != nil {
				t.Fatalf("%s: %s: %v", name, sh.name, b.err)
			}
		}
		if len(b.suppressed) == 0 && name == "full" {
			t.Errorf("%s: no suppressed cell recorded at min_cell 50", name)
		}
		for _, s := range b.suppressed {
			if i := slices.Index(want, s.Sheet); i < 0 || i > quality {
				t.Errorf("%s: suppressed cells of %q are recorded after data quality (%d > %d)", name, s.Sheet, i, quality)
			}
		}
		b.f.Close()

		f, _ := write(t, in)
		got := f.GetSheetList()
		if !slices.Equal(got, want) {
			t.Errorf("%s: sheets %v, want %v", name, got, want)
		}
		for _, sh := range got {
			if raw(t, f, sh, "A1") == "" {
				t.Errorf("%s: sheet %q not drawn (A1 empty)", name, sh)
			}
		}
	}
}
