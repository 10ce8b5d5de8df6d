package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestVerifyEvidence(t *testing.T) {
	if testing.Short() {
		t.Skip("writes workbooks")
	}
	c := newCLI(t)
	c.importFixtureA()
	cfg := fixtureA + "gevinst.yaml"
	xlsx := filepath.Join(c.dir, "fixture.xlsx")
	c.mustRun("--config", cfg, "report", "--out", xlsx, "--lang", "en")

	// The sidecar records the batches, hashes, filters and figures.
	b, err := os.ReadFile(xlsx + ".evidence.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev map[string]any
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	if n := len(ev["batches"].([]any)); n != 2 {
		t.Errorf("sidecar lists %d batches, want 2", n)
	}
	for _, k := range []string{"workbook", "config_sha256", "assumptions_sha256", "figures_sha256", "query_version", "product_version", "filters"} {
		if ev[k] == nil || ev[k] == "" {
			t.Errorf("sidecar lacks %s", k)
		}
	}
	if got := ev["figures"].(map[string]any)["submissions"]; got != 8.0 {
		t.Errorf("recorded submissions = %v, want 8", got)
	}

	t.Run("match", func(t *testing.T) {
		code, out, errOut := c.run("--config", cfg, "verify", xlsx)
		if code != 0 || !strings.HasPrefix(out, "match") {
			t.Errorf("verify = %d\n%s%s", code, out, errOut)
		}
	})

	t.Run("edited workbook", func(t *testing.T) {
		edited := filepath.Join(c.dir, "edited.xlsx")
		f, err := excelize.OpenFile(xlsx)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellInt("Summary", "A5", 9); err != nil {
			t.Fatal(err)
		}
		if err := f.SaveAs(edited); err != nil {
			t.Fatal(err)
		}
		f.Close()
		side, _ := os.ReadFile(xlsx + ".evidence.json")
		if err := os.WriteFile(edited+".evidence.json", side, 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, _ := c.run("--config", cfg, "verify", edited)
		if code != 1 || !strings.Contains(out, "differs: workbook: SHA-256") {
			t.Errorf("verify of an edited workbook = %d\n%s", code, out)
		}
		if strings.Contains(out, "figure ") {
			t.Errorf("the database did not change, yet figures differ:\n%s", out)
		}
	})

	t.Run("missing sidecar", func(t *testing.T) {
		code, _, errOut := c.run("--config", cfg, "verify", filepath.Join(c.dir, "none.xlsx"))
		if code != 1 || !strings.Contains(errOut, "no evidence sidecar") {
			t.Errorf("verify without a sidecar = %d, %s", code, errOut)
		}
	})

	t.Run("new import after the report", func(t *testing.T) {
		extra := filepath.Join(c.dir, "more.csv")
		csv := "submission_id,org,service,channel,received_at,decided_at,case_id\n" +
			"s99,k1,bh,integrated,2024-03-10 10:00:00,,C99\n"
		if err := os.WriteFile(extra, []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
		c.mustRun("--config", cfg, "import", "submissions", extra)
		code, out, _ := c.run("--config", cfg, "verify", xlsx)
		if code != 1 {
			t.Fatalf("verify after a new import = %d\n%s", code, out)
		}
		for _, want := range []string{"was imported after the workbook was written", "figure submissions: now 9, recorded 8"} {
			if !strings.Contains(out, want) {
				t.Errorf("verify output lacks %q:\n%s", want, out)
			}
		}
	})
}
