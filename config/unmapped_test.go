package config

import (
	"errors"
	"strings"
	"testing"
)

// sources.<name>.unmapped is reject (the default) or keep, in any case;
// anything else is an error naming the key.
func TestSourceUnmapped(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"", "reject", ""}, {"KEEP", "keep", ""}, {"reject", "reject", ""},
		{"ignore", "", `sources.sak.unmapped: "ignore" is not reject or keep`},
	} {
		cfg := Default()
		cfg.Sources = map[string]Source{"sak": {Kind: "submissions", Unmapped: c.in}}
		err := cfg.Validate()
		switch {
		case c.err != "" && (!errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.err)):
			t.Errorf("unmapped %q: err %v, want %q", c.in, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("unmapped %q: %v", c.in, err)
		case c.err == "" && cfg.Sources["sak"].Unmapped != c.want:
			t.Errorf("unmapped %q became %q, want %q", c.in, cfg.Sources["sak"].Unmapped, c.want)
		}
	}
}
