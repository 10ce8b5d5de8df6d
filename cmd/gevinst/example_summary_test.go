package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A workbook built on the example's made-up values says so on its
// Summary, naming the part; one built on the user's own values does not.
func TestReportSummaryNamesExampleAssumptions(t *testing.T) {
	if testing.Short() {
		t.Skip("writes workbooks")
	}
	own, err := os.ReadFile(fixtureA + "gevinst.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Fixture A with the channel unit costs of gevinst.example.yaml's
	// example block, uncommented but not edited.
	const line = "  channel_unit_costs: {paper: 10, eform: 2, integrated: 1}"
	if !strings.Contains(string(own), line) {
		t.Fatalf("fixture A's config has no line %q", line)
	}
	c := newCLI(t)
	example := filepath.Join(c.dir, "example.yaml")
	text := strings.Replace(string(own), line, "  channel_unit_costs: {paper: 12, eform: 4, integrated: 6}", 1)
	if err := os.WriteFile(example, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c.importFixtureA()
	for _, tc := range []struct {
		name, config string
		want         bool
	}{{"own values", fixtureA + "gevinst.yaml", false}, {"example values", example, true}} {
		xlsx := filepath.Join(c.dir, strings.ReplaceAll(tc.name, " ", "-")+".xlsx")
		c.mustRun("--config", tc.config, "report", "--out", xlsx, "--lang", "en")
		f, err := excelize.OpenFile(xlsx)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("Summary")
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		found := ""
		for _, row := range rows[:min(len(rows), 6)] {
			for _, v := range row {
				if strings.HasPrefix(v, "Built on example assumptions:") {
					found = v
				}
			}
		}
		if tc.want && !strings.Contains(found, "costs.channel_unit_costs") {
			t.Errorf("%s: the Summary's top rows do not say it is built on the example's costs.channel_unit_costs (found %q)", tc.name, found)
		}
		if !tc.want && found != "" {
			t.Errorf("%s: the Summary says %q", tc.name, found)
		}
	}
}
