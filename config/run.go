package config

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Run is the configured batch job that `gevinst run` carries out: every
// import in order, then every report (SPEC §6).
type Run struct {
	// Imports are done in order; each file is its own atomic batch, and a
	// file already imported is skipped, so re-running the job is safe.
	Imports []RunImport `mapstructure:"imports"`
	// Reports are written after all imports succeeded.
	Reports []RunReport `mapstructure:"reports"`
}

// RunImport imports the files matching Files (globs, in name order) as Kind,
// through the named source when Source is set.
type RunImport struct {
	Kind   string   `mapstructure:"kind"`
	Source string   `mapstructure:"source"`
	Files  []string `mapstructure:"files"`
}

// RunReport writes one dashboard. Out may contain {date}, replaced by the
// run's date (YYYY-MM-DD).
type RunReport struct {
	Out  string `mapstructure:"out"`
	Lang string `mapstructure:"lang"`
	From string `mapstructure:"from"`
	To   string `mapstructure:"to"`
	Org  string `mapstructure:"org"`
}

// validateRun checks the batch job against the rest of the config.
func (c *Config) validateRun() []error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrInvalid, key, fmt.Sprintf(format, args...)))
	}
	for i, im := range c.Run.Imports {
		key := fmt.Sprintf("run.imports[%d]", i)
		im.Kind = strings.ToLower(im.Kind)
		if _, ok := canonical[im.Kind]; !ok {
			bad(key+".kind", "%q is not submissions, time or volumes", im.Kind)
		}
		if im.Source != "" {
			src, ok := c.Sources[strings.ToLower(im.Source)]
			switch {
			case !ok:
				bad(key+".source", "%q is not under sources", im.Source)
			case src.Kind != "" && src.Kind != im.Kind:
				bad(key+".source", "source %q is for %s, not %s", im.Source, src.Kind, im.Kind)
			}
		}
		if len(im.Files) == 0 {
			bad(key+".files", "no file patterns")
		}
		for _, p := range im.Files {
			if _, err := filepath.Match(p, ""); err != nil {
				bad(key+".files", "%q is not a valid pattern: %v", p, err)
			}
		}
		c.Run.Imports[i] = im
	}
	for i, r := range c.Run.Reports {
		key := fmt.Sprintf("run.reports[%d]", i)
		if !strings.EqualFold(filepath.Ext(r.Out), ".xlsx") {
			bad(key+".out", "%q is not an .xlsx file", r.Out)
		}
		if r.Lang != "" && r.Lang != "nb" && r.Lang != "en" {
			bad(key+".lang", "%q is not nb or en", r.Lang)
		}
	}
	return errs
}
