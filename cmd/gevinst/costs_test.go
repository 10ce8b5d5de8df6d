package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCostsFilteredByService sets fixture A's benefit against costs of
// two services and of the whole organisation. With --service bh only the
// bh row is printed (no all-services row with bh's benefit against every
// cost), and a running cost dated before --from accrues from its date, as
// a one-off before --from counts in full (docs/method.md).
func TestCostsFilteredByService(t *testing.T) {
	c := newCLI(t)
	c.importFixtureA()
	cfg := filepath.Join(c.dir, "gevinst.yaml")
	base, err := os.ReadFile(fixtureA + "gevinst.yaml")
	if err != nil {
		t.Fatal(err)
	}
	extra := `
change_costs:
  items:
    - {org: k1, service: bh, kind: one_off, amount: 1000, date: "2024-01"}
    - {org: k1, service: bh, kind: running, amount: 1200, date: "2023-11"}
    - {org: k1, service: xx, kind: one_off, amount: 5000, date: "2024-01"}
    - {org: k1, kind: running, amount: 2400, date: "2024-01"}
`
	if err := os.WriteFile(cfg, append(base, extra...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := c.mustRun("--config", cfg, "costs", "--service", "bh", "--from", "2024-02", "--to", "2024-04", "--format", "csv")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// By hand, from the golden benefits: bh's value saved is 406.666667 in
	// February and 100.333333 in March (none in April): 507 to date over 3
	// months, a run-rate of 507 × 12 / 3 = 2,028 and a net annual benefit
	// of 2,028 − 1,200 = 828. To date: 507 − 1,000 (the one-off of
	// January, before --from) − 1,200 / 12 × 6 (November to April) =
	// −1,093. Not paid back: 1,093 / (828 / 12) = 15.8, so 16 months after
	// April: 2025-08. NPV −1,000 + 828 × 8.110896 (10 years at 4 %) =
	// 5,715.82. The cash appraisal (cash_share 0): run-rate 0, net annual
	// −1,200, 0 to date, −1,000 − 600 = −1,600 net to date, never paid
	// back, NPV −1,000 − 1,200 × 8.110896 = −10,733.07.
	want := "k1,bh,1000,1200,2028,3,828,507,-1093,2025-08,5715.821705,10,0.04,0,-1200,0,-1600,,-10733.074935"
	if len(lines) != 2 || lines[1] != want {
		t.Errorf("costs --service bh:\n%s\nwant the header and\n%s", out, want)
	}
	// Unfiltered, the all-services row sets all of k1's value saved against
	// all of its costs: 6,000 one-off, 3,600 a year running.
	out = c.mustRun("--config", cfg, "costs", "--format", "csv")
	if !strings.Contains(out, "\nk1,*,6000,3600,") {
		t.Errorf("costs:\n%s", out)
	}
}
