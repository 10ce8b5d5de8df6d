package config

import (
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/go-viper/mapstructure/v2"
	"go.yaml.in/yaml/v3"
)

// ExampleMarker is the comment line above each block of made-up example
// values in gevinst.example.yaml. A block is the comment lines that follow
// at the marker's indentation; it has no effect until uncommented.
const ExampleMarker = "# Example (off until uncommented):"

var exampleMarker = regexp.MustCompile(`^(\s*)` + regexp.QuoteMeta(ExampleMarker) + `$`)

// UncommentExamples returns src with every example block uncommented as a
// user turns one on ("# " removed from each of its lines), and the number
// of blocks.
func UncommentExamples(src []byte) ([]byte, int) {
	lines := strings.Split(string(src), "\n")
	blocks := 0
	for i := 0; i < len(lines); i++ {
		m := exampleMarker.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		blocks++
		indent := m[1]
		j := i + 1
		for ; j < len(lines) && strings.HasPrefix(lines[j], indent+"#"); j++ {
			rest := strings.TrimPrefix(lines[j], indent+"#")
			lines[j] = indent + strings.TrimPrefix(rest, " ")
		}
		i = j - 1
	}
	return []byte(strings.Join(lines, "\n")), blocks
}

// example is the example config with its blocks uncommented, validated.
var example = sync.OnceValues(func() (Config, error) {
	src, _ := UncommentExamples(ExampleYAML)
	var m map[string]any
	if err := yaml.Unmarshal(src, &m); err != nil {
		return Config{}, err
	}
	var c Config
	if err := mapstructure.Decode(m, &c); err != nil {
		return Config{}, err
	}
	return c, c.Validate()
})

// ExampleParts lists the parts of c (validated) that still hold the made-up
// values of an example block of gevinst.example.yaml, unchanged: the
// blocks were uncommented but not edited, so figures built on them are
// not the user's. Empty when none is.
func (c *Config) ExampleParts() []string {
	ex, err := example()
	if err != nil {
		return nil // the example's own tests fail first
	}
	var parts []string
	same := func(part string, mine, theirs any) {
		v := reflect.ValueOf(mine)
		if v.Len() > 0 && reflect.DeepEqual(mine, theirs) {
			parts = append(parts, part)
		}
	}
	same("costs.hourly_rates", c.Costs.HourlyRates, ex.Costs.HourlyRates)
	same("costs.channel_unit_costs", c.Costs.ChannelUnitCosts, ex.Costs.ChannelUnitCosts)
	same("register", c.Register, ex.Register)
	same("itposmo.assessments", c.ITPOSMO.Assessments, ex.ITPOSMO.Assessments)
	same("changes", c.Changes, ex.Changes)
	same("costs.rate_changes", c.Costs.RateChanges, ex.Costs.RateChanges)
	same("benefit_plan.benefits", c.BenefitPlan.Benefits, ex.BenefitPlan.Benefits)
	// A cost item's org defaults to the config's org: compare without it.
	items := func(its []CostItem) []CostItem {
		out := slices.Clone(its)
		for i := range out {
			out[i].Org = ""
		}
		return out
	}
	same("change_costs.items", items(c.ChangeCosts.Items), items(ex.ChangeCosts.Items))
	for _, group := range []struct {
		part         string
		mine, theirs reflect.Value
	}{
		{"services", reflect.ValueOf(c.Services), reflect.ValueOf(ex.Services)},
		{"sources", reflect.ValueOf(c.Sources), reflect.ValueOf(ex.Sources)},
	} {
		var names []string
		for _, k := range group.theirs.MapKeys() {
			mine := group.mine.MapIndex(k)
			if mine.IsValid() && reflect.DeepEqual(mine.Interface(), group.theirs.MapIndex(k).Interface()) {
				names = append(names, group.part+"."+k.String())
			}
		}
		sort.Strings(names)
		parts = append(parts, names...)
	}
	return parts
}
