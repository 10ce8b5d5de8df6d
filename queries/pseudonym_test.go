package queries

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// Every stored employee is the keyed pseudonym of the trimmed id as
// written, through the fast import (the function on every loaded row,
// chunk by chunk on several threads) and the staged one (once per
// distinct id); no raw id is stored.
func TestStoredEmployeesArePseudonyms(t *testing.T) {
	const n = 20000 // ten chunks and more
	var b strings.Builder
	b.WriteString("registration_id,employee,role,work_date,minutes\n")
	want := map[string]int{}
	for i := range n {
		id := fmt.Sprintf("Emp-%d", i%700)
		written := id
		switch i % 5 {
		case 1:
			written = "  " + id + " "
		case 2:
			written = "\u00a0" + id
		}
		fmt.Fprintf(&b, "R%d,%s,clerk,2024-01-02,10\n", i, written)
		want[Pseudonym(testKey, id)]++
	}
	path := writeFile(t, "t.csv", b.String())
	for _, staged := range []bool{false, true} {
		d := openTest(t, config.Config{})
		if _, err := d.importWith(context.Background(), ImportRequest{
			Kind: KindTime, Path: path, Name: "t.csv", SHA256: fileSum(t, path), MaxRejectShare: 1,
			Now: fixedNow, Lines: lineMap(t, path),
		}, importOptions{Staged: staged}); err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, line := range strings.Split(strings.TrimSpace(dump(t, d, `SELECT employee FROM time_registrations`)), "\n") {
			got[line]++
		}
		if len(got) != len(want) {
			t.Errorf("staged=%v: %d distinct employees stored, want %d", staged, len(got), len(want))
		}
		for p, c := range want {
			if got[p] != c {
				t.Errorf("staged=%v: pseudonym %s stored %d times, want %d", staged, p, got[p], c)
				break
			}
		}
		if raw := dump(t, d, `SELECT count(*) FROM time_registrations WHERE employee LIKE '%Emp-%'`); raw != "0\n" {
			t.Errorf("staged=%v: raw ids stored: %s", staged, raw)
		}
	}
}
