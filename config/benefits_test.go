package config

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestValidateBenefitsNamesTheKey(t *testing.T) {
	entry := func(mut func(*RegisterEntry)) func(*Config) {
		return func(c *Config) {
			e := RegisterEntry{Service: "bh", Indicator: "digital_share", Class: "citizen",
				BaselineDate: "2006-01-01", TargetDate: "2008-01-01"}
			mut(&e)
			c.Register = []RegisterEntry{e}
		}
	}
	rate := 1.5
	cases := []struct {
		name   string
		mutate func(*Config)
		key    string
	}{
		{"unknown indicator", entry(func(e *RegisterEntry) { e.Indicator = "happiness" }), "register[0].indicator"},
		{"unknown class", entry(func(e *RegisterEntry) { e.Class = "money" }), "register[0].class"},
		{"bad date", entry(func(e *RegisterEntry) { e.BaselineDate = "31.12.2006" }), "register[0].baseline_date"},
		{"target before baseline", entry(func(e *RegisterEntry) { e.TargetDate = "2005-01-01" }), "register[0].target_date"},
		{"no service", entry(func(e *RegisterEntry) { e.Service = "" }), "register[0].service"},
		{"bad kind", func(c *Config) { c.ChangeCosts.Items = []CostItem{{Kind: "monthly", Date: "2007-01"}} }, "change_costs.items[0].kind"},
		{"end of a one-off", func(c *Config) {
			c.ChangeCosts.Items = []CostItem{{Kind: "one_off", Amount: 1, Date: "2007-01", EndDate: "2008-01"}}
		}, "change_costs.items[0].end_date"},
		{"end before start", func(c *Config) {
			c.ChangeCosts.Items = []CostItem{{Kind: "running", Amount: 1, Date: "2007-01", EndDate: "2006-12"}}
		}, "change_costs.items[0].end_date"},
		{"bad end", func(c *Config) {
			c.ChangeCosts.Items = []CostItem{{Kind: "running", Amount: 1, Date: "2007-01", EndDate: "soon"}}
		}, "change_costs.items[0].end_date"},
		{"rate", func(c *Config) { c.ChangeCosts.DiscountRate = &rate }, "change_costs.discount_rate"},
		{"score", func(c *Config) { c.ITPOSMO.Assessments = []Assessment{{Date: "2006-01-01", Technology: 11}} }, "itposmo.assessments[0].technology"},
		{"bands short", func(c *Config) { c.ITPOSMO.Bands = []Band{{Max: 30, Label: "ok"}} }, "itposmo.bands"},
		{"bands order", func(c *Config) {
			c.ITPOSMO.Bands = []Band{{Max: 30, Label: "a"}, {Max: 20, Label: "b"}, {Max: 70, Label: "c"}}
		}, "itposmo.bands[1].max"},
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

// TestBenefitsDefaults checks what Validate and the helpers compute: the
// defaults fill only unset keys, a discount rate of 0 is kept, items take
// the config's org and a lower-case kind, and the ITPOSMO total falls in
// the band whose bounds hold it.
func TestBenefitsDefaults(t *testing.T) {
	c := Default()
	if c.ChangeCosts.HorizonYears <= 0 || !slices.Equal(c.ITPOSMO.Bands, DefaultBands()) {
		t.Errorf("defaults not applied: horizon %d bands %v", c.ChangeCosts.HorizonYears, c.ITPOSMO.Bands)
	}
	own := []Band{{Max: 35, Label: "fine"}, {Max: 70, Label: "not fine"}}
	set := Config{ChangeCosts: ChangeCosts{HorizonYears: 25}, ITPOSMO: ITPOSMO{Bands: own}}
	if err := set.Validate(); err != nil || set.ChangeCosts.HorizonYears != 25 || !slices.Equal(set.ITPOSMO.Bands, own) {
		t.Errorf("set values overwritten by defaults: %v horizon %d bands %v", err, set.ChangeCosts.HorizonYears, set.ITPOSMO.Bands)
	}
	zero, half := 0.0, 0.5
	for _, r := range []*float64{&zero, &half} {
		c.ChangeCosts.DiscountRate = r
		if err := c.Validate(); err != nil || c.ChangeCosts.Rate() != *r {
			t.Errorf("discount rate %v: %v, Rate() = %v", *r, err, c.ChangeCosts.Rate())
		}
	}
	// The item's org defaults to the config's org.
	c = Config{Org: "halden", ChangeCosts: ChangeCosts{Items: []CostItem{{Kind: "Running", Date: "2007-01"}}}}
	if err := c.Validate(); err != nil || c.ChangeCosts.Items[0].Org != "halden" || c.ChangeCosts.Items[0].Kind != "running" {
		t.Errorf("%v %+v", err, c.ChangeCosts.Items)
	}
	a := Assessment{Information: 1, Technology: 2, Processes: 3, ObjectivesValues: 4, StaffingSkills: 5, ManagementSystems: 6, TimeMoney: 7}
	if a.Total() != 28 {
		t.Errorf("Total() = %d, want 28 (1+…+7)", a.Total())
	}
	for total, want := range map[int]string{a.Total(): "may succeed", 29: "may fail", 0: "likely success", 70: "very likely failure", 71: ""} {
		if got := Default().ITPOSMO.BandOf(total); got != want {
			t.Errorf("BandOf(%d) = %q, want %q", total, got, want)
		}
	}
}
