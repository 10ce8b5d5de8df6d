package config

import (
	"fmt"
	"slices"
	"strings"
)

// Change is the month one channel of one service went live in one
// organisation (SPEC §11). `gevinst evaluate` takes a service's change
// month from the entry for channels.target.
type Change struct {
	// Org is the organisation (default: the config's org).
	Org string `mapstructure:"org"`
	// Service is the service code (required).
	Service string `mapstructure:"service"`
	// Channel is the channel that went live (default: channels.target).
	Channel string `mapstructure:"channel"`
	// Month is the go-live month, "YYYY-MM" (required).
	Month string `mapstructure:"month"`
}

// Evaluate holds the settings of `gevinst evaluate` (SPEC §11).
type Evaluate struct {
	// NeweyWestLag is the lag, in months, of the Newey–West standard
	// errors of the interrupted time series (default 3; 0 allows for no
	// autocorrelation).
	NeweyWestLag *int `mapstructure:"newey_west_lag"`
}

// DefaultNeweyWestLag is SPEC §11's Newey–West lag.
const DefaultNeweyWestLag = 3

// Lag returns the Newey–West lag in use.
func (e Evaluate) Lag() int {
	if e.NeweyWestLag == nil {
		return DefaultNeweyWestLag
	}
	return *e.NeweyWestLag
}

// TargetChanges returns the configured go-live month of channels.target
// per (org, service), keyed by [org, service].
func (c *Config) TargetChanges() map[[2]string]string {
	out := map[[2]string]string{}
	for _, ch := range c.Changes {
		if ch.Channel == c.Channels.Target {
			out[[2]string{ch.Org, ch.Service}] = ch.Month
		}
	}
	return out
}

// validateEvaluate applies the defaults of changes and evaluate and
// checks them; each message names the key.
func (c *Config) validateEvaluate() []error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrInvalid, key, fmt.Sprintf(format, args...)))
	}
	if lag := c.Evaluate.NeweyWestLag; lag != nil && (*lag < 0 || *lag > 24) {
		bad("evaluate.newey_west_lag", "%d is not a number of months from 0 to 24", *lag)
	}
	seen := map[[3]string]int{}
	for i := range c.Changes {
		ch := &c.Changes[i]
		key := fmt.Sprintf("changes[%d]", i)
		ch.Org = strings.TrimSpace(ch.Org)
		if ch.Org == "" {
			ch.Org = c.Org
		}
		ch.Service = strings.ToLower(strings.TrimSpace(ch.Service))
		ch.Channel = strings.ToLower(strings.TrimSpace(ch.Channel))
		if ch.Channel == "" {
			ch.Channel = c.Channels.Target
		}
		if ch.Service == "" {
			bad(key+".service", "is empty (required)")
		}
		if !slices.Contains(c.Channels.List, ch.Channel) {
			bad(key+".channel", "%q is not in channels.list %v", ch.Channel, c.Channels.List)
		}
		if _, err := ParseMonth(ch.Month); err != nil {
			bad(key+".month", "%v", err)
		}
		k := [3]string{ch.Org, ch.Service, ch.Channel}
		if j, ok := seen[k]; ok {
			bad(key, "org %s, service %s, channel %s went live already in changes[%d]", ch.Org, ch.Service, ch.Channel, j)
		}
		seen[k] = i
	}
	return errs
}
