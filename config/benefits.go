package config

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The classes of a benefit in the register (SPEC §5).
var BenefitClasses = []string{"cash_releasing", "capacity", "quality", "citizen"}

// RegisterIndicators are the indicators a register entry can track; each
// is measured over the 12 months ending with the as-of month
// (docs/method.md). "down" indicators improve as they fall.
var RegisterIndicators = []string{
	"digital_share", "target_share", "minutes_per_submission",
	"hours_saved_12m", "fte_saved_12m", "value_saved_12m", "cash_releasing_12m",
}

// CostKinds are the kinds of a cost of the change: a one-off investment
// or a running cost per year.
var CostKinds = []string{"one_off", "running"}

// ITPOSMODimensions are Heeks's seven design–reality gap dimensions, in
// order, as named in the config and the assumptions workbook.
var ITPOSMODimensions = []string{
	"information", "technology", "processes", "objectives_values",
	"staffing_skills", "management_systems", "time_money",
}

// RegisterEntry is one benefit in the benefits register (SPEC §5): who owns
// it, what is measured and the target with its dates.
type RegisterEntry struct {
	// Org limits the entry to one organisation; empty means every
	// organisation that has data for the service.
	Org string `mapstructure:"org"`
	// Service is the service code.
	Service string `mapstructure:"service"`
	// Owner is the benefit owner (gevinstansvarlig).
	Owner string `mapstructure:"owner"`
	// Indicator is one of RegisterIndicators.
	Indicator string `mapstructure:"indicator"`
	// Class is one of BenefitClasses.
	Class string `mapstructure:"class"`
	// DataSource says where the indicator's data comes from.
	DataSource string `mapstructure:"data_source"`
	// BaselineValue is the indicator's value at BaselineDate.
	BaselineValue float64 `mapstructure:"baseline_value"`
	// BaselineDate is "YYYY-MM-DD" (or "YYYY-MM": the first of the month).
	BaselineDate string `mapstructure:"baseline_date"`
	// TargetValue is the value to reach by TargetDate.
	TargetValue float64 `mapstructure:"target_value"`
	// TargetDate is "YYYY-MM-DD" (or "YYYY-MM"), after BaselineDate.
	TargetDate string `mapstructure:"target_date"`
}

// ChangeCosts are the costs of the change and the appraisal settings
// (SPEC §5: net benefit, payback month, net present value).
type ChangeCosts struct {
	// DiscountRate is the real discount rate per year (default 0.04, the
	// Norwegian Ministry of Finance's R-109 rate); 0 is allowed.
	DiscountRate *float64 `mapstructure:"discount_rate"`
	// HorizonYears is the appraisal horizon in years (default 10).
	HorizonYears int `mapstructure:"horizon_years"`
	// Items are the one-off investments and running costs.
	Items []CostItem `mapstructure:"items"`
}

// CostItem is one cost of the change, for one service or for all of an
// organisation's services.
type CostItem struct {
	// Name describes the cost ("e-form platform licence").
	Name string `mapstructure:"name"`
	// Org is the organisation that bears it (default: the config's org).
	Org string `mapstructure:"org"`
	// Service is the service it belongs to; empty means the organisation
	// as a whole (it then counts only in the all-services row).
	Service string `mapstructure:"service"`
	// Kind is one_off (Amount paid once, at Date) or running (Amount per
	// year, from Date).
	Kind string `mapstructure:"kind"`
	// Amount is in the configured currency; negative for a saving that
	// is not measured in the data (a licence decommissioned).
	Amount float64 `mapstructure:"amount"`
	// Date is "YYYY-MM-DD" or "YYYY-MM": when a one-off is paid or a
	// running cost starts.
	Date string `mapstructure:"date"`
	// EndDate is "YYYY-MM-DD" or "YYYY-MM", running costs only: the cost
	// runs up to and including that month; empty: it does not end.
	EndDate string `mapstructure:"end_date"`
}

// ITPOSMO is the design–reality gap assessment (Heeks; SPEC §5).
type ITPOSMO struct {
	// Bands rate the total (0–70); default: 0–14 likely success, 15–28 may
	// succeed, 29–42 may fail, 43–56 likely failure, 57–70 very likely failure.
	Bands []Band `mapstructure:"bands"`
	// Assessments are dated scorings, tracked over time.
	Assessments []Assessment `mapstructure:"assessments"`
}

// Band is a rating band: totals up to and including Max (after the
// previous band's Max) get Label.
type Band struct {
	Max   int    `mapstructure:"max"`
	Label string `mapstructure:"label"`
}

// Assessment scores the seven ITPOSMO dimensions 0–10 (0 = no gap between
// the design and the reality, 10 = radical gap) on a date.
type Assessment struct {
	// Date is "YYYY-MM-DD" (or "YYYY-MM").
	Date string `mapstructure:"date"`
	// Scope is what was assessed (an organisation, service or project);
	// changes over time are tracked per scope.
	Scope string `mapstructure:"scope"`
	// Assessor and Note document who scored and why.
	Assessor string `mapstructure:"assessor"`
	Note     string `mapstructure:"note"`
	// The seven dimensions, 0–10 each.
	Information       int `mapstructure:"information"`
	Technology        int `mapstructure:"technology"`
	Processes         int `mapstructure:"processes"`
	ObjectivesValues  int `mapstructure:"objectives_values"`
	StaffingSkills    int `mapstructure:"staffing_skills"`
	ManagementSystems int `mapstructure:"management_systems"`
	TimeMoney         int `mapstructure:"time_money"`
}

// Scores returns the seven scores in ITPOSMODimensions order.
func (a Assessment) Scores() []int {
	return []int{a.Information, a.Technology, a.Processes, a.ObjectivesValues,
		a.StaffingSkills, a.ManagementSystems, a.TimeMoney}
}

// Total is the sum of the seven scores (0–70).
func (a Assessment) Total() int {
	t := 0
	for _, s := range a.Scores() {
		t += s
	}
	return t
}

// DefaultBands are Heeks's rating bands of the ITPOSMO total.
func DefaultBands() []Band {
	return []Band{
		{14, "likely success"}, {28, "may succeed"}, {42, "may fail"},
		{56, "likely failure"}, {70, "very likely failure"},
	}
}

// BandOf returns the label of the band a total falls in, or "" when no
// band covers it.
func (i ITPOSMO) BandOf(total int) string {
	for _, b := range i.Bands {
		if total <= b.Max {
			return b.Label
		}
	}
	return ""
}

// Rate returns the discount rate in use (default 0.04).
func (c ChangeCosts) Rate() float64 {
	if c.DiscountRate == nil {
		return 0.04
	}
	return *c.DiscountRate
}

// ParseDate parses "YYYY-MM-DD", or "YYYY-MM" as the first of the month.
func ParseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (expected YYYY-MM-DD or YYYY-MM)", s)
}

// validateBenefits applies the defaults of the benefits model (register,
// costs of the change, ITPOSMO, assumptions file) and checks them; each
// message names the key.
func (c *Config) validateBenefits() []error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrInvalid, c.Where(key), fmt.Sprintf(format, args...)))
	}
	date := func(key, s string) time.Time {
		t, err := ParseDate(s)
		if err != nil {
			bad(key, "%v", err)
		}
		return t
	}
	for i := range c.Register {
		e := &c.Register[i]
		key := fmt.Sprintf("register[%d]", i)
		e.Service = strings.ToLower(strings.TrimSpace(e.Service))
		e.Indicator = strings.ToLower(strings.TrimSpace(e.Indicator))
		e.Class = strings.ToLower(strings.TrimSpace(e.Class))
		if e.Service == "" {
			bad(key+".service", "is empty (required)")
		}
		if !slices.Contains(RegisterIndicators, e.Indicator) {
			bad(key+".indicator", "%q is not one of %s", e.Indicator, strings.Join(RegisterIndicators, ", "))
		}
		if !slices.Contains(BenefitClasses, e.Class) {
			bad(key+".class", "%q is not one of %s", e.Class, strings.Join(BenefitClasses, ", "))
		}
		bd := date(key+".baseline_date", e.BaselineDate)
		td := date(key+".target_date", e.TargetDate)
		if !bd.IsZero() && !td.IsZero() && !td.After(bd) {
			bad(key+".target_date", "%s is not after baseline_date %s", e.TargetDate, e.BaselineDate)
		}
	}

	cc := &c.ChangeCosts
	if cc.DiscountRate != nil && (*cc.DiscountRate < 0 || *cc.DiscountRate >= 1) {
		bad("change_costs.discount_rate", "%v is not a rate between 0 and 1", *cc.DiscountRate)
	}
	if cc.HorizonYears == 0 {
		cc.HorizonYears = 10
	}
	if cc.HorizonYears < 0 || cc.HorizonYears > 100 {
		bad("change_costs.horizon_years", "%d is not a number of years between 1 and 100", cc.HorizonYears)
	}
	for i := range cc.Items {
		it := &cc.Items[i]
		key := fmt.Sprintf("change_costs.items[%d]", i)
		if it.Org == "" {
			it.Org = c.Org
		}
		it.Service = strings.ToLower(strings.TrimSpace(it.Service))
		it.Kind = strings.ToLower(strings.TrimSpace(it.Kind))
		if !slices.Contains(CostKinds, it.Kind) {
			bad(key+".kind", "%q is not one_off or running", it.Kind)
		}
		start := date(key+".date", it.Date)
		if it.EndDate != "" {
			end := date(key+".end_date", it.EndDate)
			switch {
			case it.Kind == "one_off":
				bad(key+".end_date", "a one_off cost is paid once and has no end_date")
			case !start.IsZero() && !end.IsZero() && end.Before(start):
				bad(key+".end_date", "%s is before date %s", it.EndDate, it.Date)
			}
		}
	}

	it := &c.ITPOSMO
	if len(it.Bands) == 0 {
		it.Bands = DefaultBands()
	}
	prev := -1
	for i, b := range it.Bands {
		if b.Max <= prev {
			bad(fmt.Sprintf("itposmo.bands[%d].max", i), "%d is not above the previous band's %d", b.Max, prev)
		}
		prev = b.Max
	}
	if prev < 70 {
		bad("itposmo.bands", "the last band ends at %d, not 70: a total would have no band", prev)
	}
	for i, a := range it.Assessments {
		key := fmt.Sprintf("itposmo.assessments[%d]", i)
		date(key+".date", a.Date)
		for j, s := range a.Scores() {
			if s < 0 || s > 10 {
				bad(key+"."+ITPOSMODimensions[j], "%d is not a score from 0 to 10", s)
			}
		}
	}
	return errs
}
