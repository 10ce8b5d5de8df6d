package pipelines

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/queries/model"
	"github.com/gevinst/gevinst/reports"
)

// TestVerifyUnknownKind: a sidecar of a kind this version does not know
// is an evidence error naming the kind, not a dashboard check.
func TestVerifyUnknownKind(t *testing.T) {
	wb := filepath.Join(t.TempDir(), "x.xlsx")
	if err := os.WriteFile(wb, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wb+EvidenceSuffix, []byte(`{"format":1,"kind":"budget"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Verify(context.Background(), nil, nil, wb, "v")
	if !errors.Is(err, ErrEvidence) || !strings.Contains(err.Error(), `kind "budget"`) {
		t.Errorf("Verify = %v", err)
	}
}

// TestFunderFiguresAndDigest: the sidecar's figures are the report's
// headline sums, by hand: planned 100 + 400 = 500, actual 110 + 330 =
// 440 (the unplanned 500 apart), taken out 60, one explanation missing,
// level 2 without designs; a changed table row changes the digest.
func TestFunderFiguresAndDigest(t *testing.T) {
	s := model.Some
	in := reports.FunderInput{Year: 2009, Plan: []model.PlanRow{
		{ID: "G1", Class: "budget", Planned: s(100), Actual: s(110), TakenOut: s(60)},
		{ID: "G2", Class: "capacity", Planned: s(400), Actual: s(330), ExplanationMissing: true},
		{Class: "capacity", Actual: s(500), Unplanned: true},
	}, R109: []model.R109Row{{Org: "k", Service: "bh", NPV: s(3847.891234567), CashNPV: s(-5)}}}
	figs := funderFigures(in)
	for k, want := range map[string]float64{"planned": 500, "actual": 440, "unplanned_actual": 500, "taken_out": 60,
		"missing_explanations": 1, "evidence_level": 2, "npv:k/bh": 3847.891235, "cash_npv:k/bh": -5} {
		if got := figs[k]; got == nil || *got != want {
			t.Errorf("%s = %v, want %v", k, got, want)
		}
	}
	d := funderDigest(in)
	in.Plan[1].Actual = s(331)
	if funderDigest(in) == d {
		t.Error("the digest does not see a changed actual")
	}
}
