package config

import (
	"strings"
	"testing"
)

// FuzzSourceValidate validates a source built from fuzzed names, mappings
// and settings (`make fuzz`; the seeds run in `make test`). Validate must
// never panic, and a source it accepts is normalised: lower-case name,
// trimmed lower-case column keys, canonical targets, known settings.
func FuzzSourceValidate(f *testing.F) {
	f.Add(`sak "x" 'y'; --`, "submissions", `Skjema"nr'`, "submission_id", "channel", `Pa'pir"`, "paper", ";", "auto", "hours")
	f.Add("Timeark", "time", " Timer ", "minutes", "role", "Saksbehandler", "case_officer", `\t`, "comma", "minutes")
	f.Add("", "volumes", "", "", "", "", "", "", "", "")
	f.Add("ÆØÅ", "TIME", "Reg.id", "registration_id", "activity", "", "", "ab", "dot", "days")
	f.Fuzz(func(t *testing.T, name, kind, from, to, valCol, valFrom, valTo, delim, decimal, unit string) {
		c := Config{Sources: map[string]Source{name: {
			Kind: kind, Delimiter: delim, Decimal: decimal, MinutesUnit: unit,
			Columns: map[string]string{from: to},
			Values:  map[string]map[string]string{valCol: {valFrom: valTo}},
		}}}
		if err := c.Validate(); err != nil {
			if !strings.Contains(err.Error(), "sources.") && !strings.Contains(err.Error(), "invalid configuration") {
				t.Fatalf("error does not name a key: %v", err)
			}
			return
		}
		s, ok := c.Sources[strings.ToLower(name)]
		if !ok || len(c.Sources) != 1 {
			t.Fatalf("source %q not kept under its lower-case name: %v", name, c.Sources)
		}
		for k, v := range s.Columns {
			if k != strings.ToLower(strings.TrimSpace(k)) {
				t.Fatalf("column key %q not normalised", k)
			}
			found := false
			for _, canon := range CanonicalColumns(s.Kind) {
				found = found || canon == v
			}
			if !found {
				t.Fatalf("column %q maps to %q, not a canonical %s column", k, v, s.Kind)
			}
		}
		for col := range s.Values {
			if col != strings.ToLower(col) {
				t.Fatalf("value map column %q not lower-case", col)
			}
		}
		if s.Decimal != "auto" && s.Decimal != "comma" && s.Decimal != "point" {
			t.Fatalf("decimal %q accepted", s.Decimal)
		}
	})
}
