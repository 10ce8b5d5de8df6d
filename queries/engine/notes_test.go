package engine

import (
	"slices"
	"testing"
)

// repeated finds every hash noted more than once, once, whichever chunk
// and bucket noted it (zero too); rows counts what every chunk said.
func TestLoadNotesRepeated(t *testing.T) {
	n := newLoadNotes(false, false, [len(timeTexts)]bool{}, DefaultTuning().MaxNotedValues)
	var want []uint64
	var rows int64
	add := func(keys ...uint64) {
		n.add(&noteChunk{keys: keys}, len(keys)+1) // and a row without a key
		rows += int64(len(keys)) + 1
	}
	add(0) // a zero hash, which the set keeps apart from its empty slots
	add(0)
	want = append(want, 0)
	for i := range uint64(5000) {
		h := (i + 1) * 0x9e3779b97f4a7c15 // spread over the top bytes
		switch {
		case i%97 == 0:
			add(h, h, h) // three times in one chunk
			want = append(want, h)
		case i%89 == 0:
			add(h)
			add(h) // again in another chunk
			want = append(want, h)
		default:
			add(h)
		}
	}
	slices.Sort(want)
	if got := n.repeated(); !slices.Equal(got, want) {
		t.Errorf("repeated: %d hashes %v..., want %d", len(got), got[:min(3, len(got))], len(want))
	}
	if n.rows != rows {
		t.Errorf("rows %d, want %d", n.rows, rows)
	}
}
