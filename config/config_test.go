package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestExampleLoads decodes the documented example, its example blocks
// uncommented, exactly as the CLI does and checks that it sets what it
// says, so the example cannot drift from the struct.
func TestExampleLoads(t *testing.T) {
	c := loadStrict(t, "uncommented example", uncommentExamples(t, ExampleYAML))
	if c.Costs.HourlyRates["case_officer"] != 690 || c.Costs.ChannelUnitCosts["paper"] != 12 {
		t.Errorf("costs not decoded: %+v", c.Costs)
	}
	w := c.Services["barnehage"].BaselineWindow
	if w == nil || w.From != "2006-01" || w.To != "2006-12" {
		t.Errorf("baseline window not decoded: %+v", c.Services["barnehage"])
	}
	// The example's values are the defaults wherever it does not say "example".
	d := Default()
	if c.OfficeHours.Start != d.OfficeHours.Start || c.OfficeHours.End != d.OfficeHours.End || c.OfficeHours.Holidays != d.OfficeHours.Holidays || len(c.OfficeHours.ExtraHolidays) != 0 || c.HoursPerFTE != d.HoursPerFTE || c.Privacy != d.Privacy ||
		!reflect.DeepEqual(c.Channels, d.Channels) || c.Import != d.Import || c.DuckDB != d.DuckDB || c.TimeZone != d.TimeZone {
		t.Errorf("example defaults differ from Default():\n%+v\n%+v", c, d)
	}
}

func TestValidateNamesTheKey(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*Config)
		key    string
	}{
		{"baseline not a channel", func(c *Config) { c.Channels.Baseline = "fax" }, "channels.baseline"},
		{"target equals baseline", func(c *Config) { c.Channels.Target = "paper" }, "channels.target"},
		{"office hours reversed", func(c *Config) { c.OfficeHours.Start, c.OfficeHours.End = "16:00", "08:00" }, "office_hours.end"},
		{"bad clock", func(c *Config) { c.OfficeHours.Start = "8am" }, "office_hours.start"},
		{"bad zone", func(c *Config) { c.TimeZone = "Mars/Olympus" }, "time_zone"},
		{"bad window", func(c *Config) {
			c.Services = map[string]Service{"bh": {BaselineWindow: &Window{From: "2006-13", To: "2007-01"}}}
		}, "services.bh.baseline_window.from"},
		{"cash share over 1", func(c *Config) { c.Services = map[string]Service{"bh": {CashShare: 1.5}} }, "services.bh.cash_share"},
		{"unit cost for unknown channel", func(c *Config) { c.Costs.ChannelUnitCosts = map[string]float64{"fax": 3} }, "costs.channel_unit_costs.fax"},
		{"negative rate", func(c *Config) { c.Costs.HourlyRates = map[string]float64{"clerk": -1} }, "costs.hourly_rates.clerk"},
		{"bad lang", func(c *Config) { c.Report.Lang = "sv" }, "report.lang"},
		{"memory limit not a size", func(c *Config) { c.DuckDB.MemoryLimit = "lots" }, "duckdb.memory_limit"},
		{"memory limit with SQL", func(c *Config) { c.DuckDB.MemoryLimit = "1GB'; DROP TABLE x; --" }, "duckdb.memory_limit"},
		{"negative threads", func(c *Config) { c.DuckDB.Threads = -1 }, "duckdb.threads"},
		{"line limit over DuckDB's", func(c *Config) { c.Import.MaxLineBytes = 3_000_000 }, "import.max_line_bytes"},
		{"negative column limit", func(c *Config) { c.Import.MaxColumns = -5 }, "import.max_columns"},
		{"negative file limit", func(c *Config) { c.Import.MaxFileBytes = -1 }, "import.max_file_bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c Config
			tc.mutate(&c)
			err := c.Validate()
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.key) {
				t.Errorf("Validate() = %v, want an ErrInvalid naming %s", err, tc.key)
			}
		})
	}
}

func TestKeysCoverNestedFields(t *testing.T) {
	keys := strings.Join(Keys(), " ")
	for _, k := range []string{"db", "privacy.min_cell", "office_hours.start", "costs.hourly_rates", "import.max_reject_share", "pseudonym_key",
		"import.max_line_bytes", "import.max_unzip_bytes", "duckdb.memory_limit", "duckdb.threads"} {
		if !strings.Contains(" "+keys+" ", " "+k+" ") {
			t.Errorf("Keys() lacks %s: %s", k, keys)
		}
	}
}

func TestRedactedHidesTheKey(t *testing.T) {
	c := Default()
	c.PseudonymKey = "very-secret-key-material"
	if r := c.Redacted(); strings.Contains(r.PseudonymKey, "secret") {
		t.Errorf("Redacted kept the key: %q", r.PseudonymKey)
	}
}
