package pipelines

import (
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// The config on the Method sheet and in the evidence hash carries the
// config file's keys (mapstructure tags), also inside maps and lists,
// never Go field names lowercased ("baselinewindow").
func TestConfigYAMLKeys(t *testing.T) {
	cfg := &config.Config{
		DB:           "secret/place.duckdb",
		PseudonymKey: "k",
		Channels:     config.Channels{List: []string{"paper", "eform"}, Baseline: "paper"},
		Services: map[string]config.Service{"barnehage": {Name: "Barnehage", CashShare: 0.2,
			BaselineWindow: &config.Window{From: "2006-01", To: "2006-08"}}},
		ChangeCosts: config.ChangeCosts{HorizonYears: 10, Items: []config.CostItem{{Name: "Platform", Kind: "one_off", Amount: 400000}}},
	}
	y, err := ConfigYAML(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\nservices:\n    barnehage:\n        name: Barnehage\n        baseline_window:\n            from: 2006-01\n            to: 2006-08\n        cash_share: 0.2\n",
		"\nchange_costs:\n    discount_rate: null\n    horizon_years: 10\n    items:\n        - name: Platform\n",
		"        kind: one_off\n          amount: 400000\n",
		"\nhours_per_fte: 0\n",
	} {
		if !strings.Contains(y, want) {
			t.Errorf("config YAML lacks %q:\n%s", want, y)
		}
	}
	for _, bad := range []string{"baselinewindow", "cashshare", "secret/place", "pseudonym_key: k"} {
		if strings.Contains(y, bad) {
			t.Errorf("config YAML has %q:\n%s", bad, y)
		}
	}
	if i, j := strings.Index(y, "\nchannels:"), strings.Index(y, "\nservices:"); i < 0 || j < i {
		t.Errorf("keys not in the config's order (channels %d, services %d)", i, j)
	}
}
