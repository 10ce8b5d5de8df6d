package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestGeneratorIsDeterministicAndShaped(t *testing.T) {
	dir := t.TempDir()
	sh := Shape{Submissions: 2000, TimeRows: 6000, BadShare: 0.01, IDPrefix: "a"}
	var sums [2][]byte
	for i := range sums {
		s, err := WriteSubmissions(filepath.Join(dir, "s.csv"), sh)
		if err != nil {
			t.Fatal(err)
		}
		tm, err := WriteTime(filepath.Join(dir, "t.csv"), sh)
		if err != nil {
			t.Fatal(err)
		}
		if s.Rows != 2000 || tm.Rows != 6000 || s.Bad == 0 || tm.Bad == 0 {
			t.Fatalf("rows %d/%d, bad %d/%d", s.Rows, tm.Rows, s.Bad, tm.Bad)
		}
		a, _ := os.ReadFile(s.Path)
		b, _ := os.ReadFile(tm.Path)
		sums[i] = append(a, b...)
		if got := bytes.Count(a, []byte("\n")); got != 2001 {
			t.Errorf("submissions: %d lines, want 2001", got)
		}
		if !bytes.HasPrefix(b, []byte("registration_id,org,employee,")) || !bytes.Contains(b, []byte("\naR1,")) {
			t.Errorf("time file does not start as expected: %.80q", b)
		}
	}
	if !bytes.Equal(sums[0], sums[1]) {
		t.Error("the same shape gave different bytes")
	}
}
