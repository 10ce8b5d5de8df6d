package config

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// uncommentExamples is UncommentExamples, failing the test on a file
// without example blocks.
func uncommentExamples(t *testing.T, src []byte) []byte {
	t.Helper()
	out, blocks := UncommentExamples(src)
	if blocks == 0 {
		t.Fatal("the example has no example blocks")
	}
	return out
}

// loadStrict decodes YAML as the CLI does: the key check, then viper
// (exact, so the struct and the check agree), then Validate.
func loadStrict(t *testing.T, name string, src []byte) Config {
	t.Helper()
	if err := CheckYAML(name, src); err != nil {
		t.Fatal(err)
	}
	v := viper.NewWithOptions(viper.KeyDelimiter("::"))
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	var c Config
	if err := v.UnmarshalExact(&c); err != nil {
		t.Fatalf("%s has keys the struct lacks: %v", name, err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return c
}

// TestExampleDocumentsEveryKey walks Config (structs, maps of structs,
// slices of structs) and fails on a key that the example, its example
// blocks uncommented, does not show.
func TestExampleDocumentsEveryKey(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal(uncommentExamples(t, ExampleYAML), &doc); err != nil {
		t.Fatal(err)
	}
	var missing []string
	// walk reports each key of t missing from every node in nodes (the
	// entries of a map or list are pooled: a key need be shown once).
	var walk func(t reflect.Type, nodes []*yaml.Node, path string)
	walk = func(t reflect.Type, nodes []*yaml.Node, path string) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			for _, f := range fieldsOf(t) {
				var sub []*yaml.Node
				for _, n := range nodes {
					for _, p := range pairs(n) {
						if p.k.Value == f.name {
							sub = append(sub, p.v)
						}
					}
				}
				key := strings.TrimPrefix(path+"."+f.name, ".")
				if len(sub) == 0 {
					missing = append(missing, key)
					continue
				}
				walk(f.typ, sub, key)
			}
		case reflect.Map:
			var sub []*yaml.Node
			for _, n := range nodes {
				for _, p := range pairs(n) {
					sub = append(sub, p.v)
				}
			}
			if len(sub) == 0 && t.Elem().Kind() == reflect.Struct {
				missing = append(missing, path+".NAME")
				return
			}
			walk(t.Elem(), sub, path+".NAME")
		case reflect.Slice:
			var sub []*yaml.Node
			for _, n := range nodes {
				if n.Kind == yaml.SequenceNode {
					sub = append(sub, n.Content...)
				}
			}
			if len(sub) == 0 && t.Elem().Kind() == reflect.Struct {
				missing = append(missing, path+"[]")
				return
			}
			walk(t.Elem(), sub, path+"[]")
		}
	}
	walk(reflect.TypeFor[Config](), []*yaml.Node{doc.Content[0]}, "")
	if len(missing) > 0 {
		t.Errorf("gevinst.example.yaml does not document: %s", strings.Join(missing, ", "))
	}
}

// TestExampleBlocksAreOff: the example as `gevinst init` writes it loads
// strictly and none of its made-up values is in effect; uncommented, every
// block loads strictly and sets what it shows.
func TestExampleBlocksAreOff(t *testing.T) {
	written := loadStrict(t, "gevinst.example.yaml", ExampleYAML)
	if len(written.Services)+len(written.Costs.HourlyRates)+len(written.Costs.ChannelUnitCosts)+len(written.Sources)+
		len(written.Register)+len(written.ChangeCosts.Items)+len(written.ITPOSMO.Assessments)+len(written.Changes)+
		len(written.Run.Imports)+len(written.Run.Reports) != 0 || written.PseudonymKey != "" {
		t.Errorf("an example value is in effect in the example as written: %+v", written)
	}
	if d := Default(); written.ChangeCosts.Rate() != d.ChangeCosts.Rate() || written.ChangeCosts.HorizonYears != d.ChangeCosts.HorizonYears ||
		!reflect.DeepEqual(written.ITPOSMO.Bands, d.ITPOSMO.Bands) || written.PseudonymKeyFile != d.PseudonymKeyFile {
		t.Errorf("the example's values differ from the defaults:\n%+v\n%+v", written, d)
	}
	on := loadStrict(t, "uncommented", uncommentExamples(t, ExampleYAML))
	if len(on.Register) != 1 || len(on.ChangeCosts.Items) != 4 || on.ChangeCosts.Items[2].EndDate != "2008-06" ||
		len(on.Costs.RateChanges) != 2 || len(on.BenefitPlan.Benefits) != 2 || len(on.ITPOSMO.Assessments) != 1 ||
		on.ITPOSMO.Assessments[0].Total() != 40 || on.Costs.HourlyRates["case_officer"] != 690 ||
		on.Services["barnehage"].BaselineWindow == nil || len(on.Run.Imports) != 2 {
		t.Errorf("the uncommented example lacks its blocks: %+v", on)
	}
	src := on.Sources["sak"]
	if src.Unmapped != UnmappedReject || src.Values["channel"]["papir"] != "paper" || on.Sources["timeark"].MinutesUnit != "hours" ||
		!slices.Contains(CanonicalColumns("time"), on.Sources["skanning"].Columns["kanal"]) {
		t.Errorf("the uncommented sources: %+v", on.Sources)
	}
}

// TestExamplePartsNamesUneditedExamples: uncommented but unedited example
// blocks are named, an edited one is not, and a config without them has none.
func TestExamplePartsNamesUneditedExamples(t *testing.T) {
	if got := loadStrict(t, "as written", ExampleYAML); len(got.ExampleParts()) != 0 {
		t.Errorf("the example as written: %v", got.ExampleParts())
	}
	on := loadStrict(t, "uncommented", uncommentExamples(t, ExampleYAML))
	want := []string{"costs.hourly_rates", "costs.channel_unit_costs", "register", "itposmo.assessments", "changes",
		"costs.rate_changes", "benefit_plan.benefits", "change_costs.items",
		"services.barnehage", "sources.sak", "sources.skanning", "sources.timeark"}
	if got := on.ExampleParts(); !reflect.DeepEqual(got, want) {
		t.Errorf("ExampleParts() = %v, want %v", got, want)
	}
	edited := strings.NewReplacer("#     owner: Kommunalsjef oppvekst", "#     owner: Kari Nordmann",
		"#   clerk: 560", "#   clerk: 600", "#     minutes_unit: hours", "#     minutes_unit: minutes").Replace(string(ExampleYAML))
	on = loadStrict(t, "edited", uncommentExamples(t, []byte(edited)))
	got := strings.Join(on.ExampleParts(), " ")
	if strings.Contains(got, "register") || strings.Contains(got, "hourly_rates") || strings.Contains(got, "timeark") || !strings.Contains(got, "sources.sak") {
		t.Errorf("after editing the register, a rate and a source: %s", got)
	}
}
