package config

import (
	"errors"
	"strings"
	"testing"
)

// TestChanges: an entry's org and channel default to the config's org and
// channels.target; evaluate uses the target channel's entries; the lag
// defaults to 3.
func TestChanges(t *testing.T) {
	src := `
org: halden
changes:
  - {service: Barnehage, month: "2007-09"}
  - {org: sarpsborg, service: barnehage, channel: eform, month: "2007-03"}
  - {org: sarpsborg, service: barnehage, channel: integrated, month: "2008-01"}
`
	c := loadStrict(t, "changes.yaml", []byte(src))
	if c.Changes[0].Org != "halden" || c.Changes[0].Channel != "integrated" || c.Changes[0].Service != "barnehage" {
		t.Errorf("defaults: %+v", c.Changes[0])
	}
	got := c.TargetChanges()
	if len(got) != 2 || got[[2]string{"halden", "barnehage"}] != "2007-09" || got[[2]string{"sarpsborg", "barnehage"}] != "2008-01" {
		t.Errorf("TargetChanges() = %v", got)
	}
	if c.Evaluate.Lag() != 3 {
		t.Errorf("default lag %d", c.Evaluate.Lag())
	}
	c = loadStrict(t, "lag.yaml", []byte("evaluate: {newey_west_lag: 0}\n"))
	if c.Evaluate.Lag() != 0 {
		t.Errorf("lag 0 read as %d", c.Evaluate.Lag())
	}
}

// TestChangesErrors: every bad entry is an error naming its key.
func TestChangesErrors(t *testing.T) {
	lag := 25
	c := Config{
		Changes: []Change{
			{Org: "k", Service: "", Month: "2007-09"},
			{Org: "k", Service: "bh", Channel: "fax", Month: "2007-09"},
			{Org: "k", Service: "bh", Month: "2007-13"},
			{Org: "k", Service: "bh", Month: "2008-01"},
		},
		Evaluate: Evaluate{NeweyWestLag: &lag},
	}
	err := c.Validate()
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("Validate() = %v", err)
	}
	for _, want := range []string{
		"changes[0].service: is empty",
		`changes[1].channel: "fax" is not in channels.list`,
		`changes[2].month: "2007-13" is not a month`,
		"changes[3]: org k, service bh, channel integrated went live already in changes[2]",
		"evaluate.newey_west_lag: 25 is not a number of months from 0 to 24",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
	if err := CheckYAML("c.yaml", []byte("changes:\n  - {service: bh, month: \"2007-09\", date: \"2007-09-01\"}\n")); err == nil ||
		!strings.Contains(err.Error(), `"date" in changes[0]`) {
		t.Errorf("an unknown key in a change: %v", err)
	}
}
