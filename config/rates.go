package config

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// RateChange is an hourly rate for a role from a month on, for one
// organisation or for all.
type RateChange struct {
	// Role is the role whose rate changes.
	Role string `mapstructure:"role"`
	// Org limits the change to one organisation; empty: all.
	Org string `mapstructure:"org"`
	// From is "YYYY-MM": the rate holds from the first of that month.
	From string `mapstructure:"from"`
	// Rate is the fully loaded cost per hour (before the overhead).
	Rate float64 `mapstructure:"rate"`
}

// RateStep is one resolved hourly rate: for Role and Org ("" all
// organisations) on days From ≤ d < To, overhead included.
type RateStep struct {
	Role, Org string
	From, To  time.Time
	Rate      float64
}

// rateForever bounds the open ends of the rate steps.
var (
	rateStart = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	rateEnd   = time.Date(9999, 12, 1, 0, 0, 0, 0, time.UTC)
)

// RateSteps resolves hourly_rates, rate_changes and the overhead into
// non-overlapping steps per (role, org): the common steps (Org "") start
// with hourly_rates (from the beginning) and each common change; an org's
// own steps start at its first own change. A query takes the org's own
// step for a day when there is one, else the common one.
func (c Costs) RateSteps() []RateStep {
	type key struct{ role, org string }
	starts := map[key][]RateStep{}
	for role, r := range c.HourlyRates {
		starts[key{role, ""}] = append(starts[key{role, ""}], RateStep{Role: role, From: rateStart, Rate: r})
	}
	for _, ch := range c.RateChanges {
		m, err := ParseMonth(ch.From)
		if err != nil {
			continue // Validate reports it
		}
		k := key{ch.Role, ch.Org}
		starts[k] = append(starts[k], RateStep{Role: ch.Role, Org: ch.Org, From: m, Rate: ch.Rate})
	}
	var out []RateStep
	for _, steps := range starts {
		slices.SortFunc(steps, func(a, b RateStep) int { return a.From.Compare(b.From) })
		for i := range steps {
			steps[i].To = rateEnd
			if i+1 < len(steps) {
				steps[i].To = steps[i+1].From
			}
			steps[i].Rate *= 1 + c.Overhead
		}
		out = append(out, steps...)
	}
	slices.SortFunc(out, func(a, b RateStep) int {
		return cmp.Or(cmp.Compare(a.Role, b.Role), cmp.Compare(a.Org, b.Org), a.From.Compare(b.From))
	})
	return out
}

// HasRates says whether any hourly rate is configured (cost columns are
// then computed, and every role in the data needs a rate).
func (c Costs) HasRates() bool { return len(c.HourlyRates) > 0 || len(c.RateChanges) > 0 }

// validateRates normalises and checks the overhead and the rate changes.
func (c *Config) validateRates() []error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrInvalid, c.Where(key), fmt.Sprintf(format, args...)))
	}
	if c.Costs.Overhead < 0 || c.Costs.Overhead > 5 {
		bad("costs.overhead", "%v is not a share to add to the hourly rates (e.g. 0.25 for +25 %%)", c.Costs.Overhead)
	}
	seen := map[string]int{}
	for i := range c.Costs.RateChanges {
		ch := &c.Costs.RateChanges[i]
		key := fmt.Sprintf("costs.rate_changes[%d]", i)
		ch.Role = strings.ToLower(strings.TrimSpace(ch.Role))
		ch.Org = strings.TrimSpace(ch.Org)
		if ch.Role == "" {
			bad(key+".role", "is empty (required)")
		}
		if _, err := ParseMonth(ch.From); err != nil {
			bad(key+".from", "%v", err)
		}
		if ch.Rate < 0 {
			bad(key+".rate", "%v is negative", ch.Rate)
		}
		id := ch.Role + "\x00" + ch.Org + "\x00" + ch.From
		if j, dup := seen[id]; dup {
			bad(key, "the same role, org and month as %s", c.Where(fmt.Sprintf("costs.rate_changes[%d]", j)))
		}
		seen[id] = i
	}
	return errs
}

// OrgService is one organisation's own baseline window and cash decision
// for a service; what it leaves unset is the service's.
type OrgService struct {
	// Org is the organisation code, as in the data.
	Org string `mapstructure:"org"`
	// BaselineWindow is the organisation's measured "before".
	BaselineWindow *Window `mapstructure:"baseline_window"`
	// CashShare and CashFrom are the organisation's cash decision; when
	// CashShare is set, CashFrom is its own too (empty: always).
	CashShare *float64 `mapstructure:"cash_share"`
	CashFrom  string   `mapstructure:"cash_from"`
}

// CashShareOf returns the cash share of service for org: the org's own
// when set, else the service's (default 0).
func (c *Config) CashShareOf(org, service string) float64 {
	s := c.Services[strings.ToLower(service)]
	for _, o := range s.Orgs {
		if o.Org == org && o.CashShare != nil {
			return *o.CashShare
		}
	}
	return s.CashShare
}

// CashFromOf returns the month ("YYYY-MM") the cash decision of service
// for org takes effect, "" for always: the org's own when it has its own
// cash_share, else the service's (as the benefits query decides).
func (c *Config) CashFromOf(org, service string) string {
	s := c.Services[strings.ToLower(service)]
	for _, o := range s.Orgs {
		if o.Org == org && o.CashShare != nil {
			return o.CashFrom
		}
	}
	return s.CashFrom
}

func validateOrgServices(key string, orgs []OrgService) []error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrInvalid, key, fmt.Sprintf(format, args...)))
	}
	seen := map[string]int{}
	for i, o := range orgs {
		k := fmt.Sprintf("%s.orgs[%d]", key, i)
		if strings.TrimSpace(o.Org) == "" {
			bad(k+".org", "is empty (required)")
		}
		if j, dup := seen[o.Org]; dup {
			bad(k+".org", "%q is already %s.orgs[%d]", o.Org, key, j)
		}
		seen[o.Org] = i
		if w := o.BaselineWindow; w != nil {
			from, errF := ParseMonth(w.From)
			to, errT := ParseMonth(w.To)
			if errF != nil {
				bad(k+".baseline_window.from", "%v", errF)
			}
			if errT != nil {
				bad(k+".baseline_window.to", "%v", errT)
			}
			if errF == nil && errT == nil && to.Before(from) {
				bad(k+".baseline_window.to", "%s is before from %s", w.To, w.From)
			}
		}
		if o.CashShare != nil && (*o.CashShare < 0 || *o.CashShare > 1) {
			bad(k+".cash_share", "%v is not a share between 0 and 1", *o.CashShare)
		}
		if o.CashFrom != "" {
			if _, err := ParseMonth(o.CashFrom); err != nil {
				bad(k+".cash_from", "%v", err)
			}
			if o.CashShare == nil {
				bad(k+".cash_from", "is set without cash_share: give the organisation's cash_share with it")
			}
		}
	}
	return errs
}
