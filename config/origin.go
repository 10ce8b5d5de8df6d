package config

import "strings"

// Origins: where a value that Validate checks came from, when not from
// the YAML file. The assumptions workbook (pipelines/assumptions) records
// the cell of each value it puts into the config, so that a rule across
// keys, which only Validate can check (a benefit of class others needs
// benefit_plan.value_of_time), names the sheet and cell a finance
// officer filled in, not a YAML key they never saw.

// SetOrigin records that the value of key (as Validate names it, e.g.
// "benefit_plan.benefits[2].class") came from where, e.g. "sheet
// BenefitPlan, cell C7". A key recorded for a list entry or map
// ("benefit_plan.benefits[2]") stands for the keys under it.
func (c *Config) SetOrigin(key, where string) {
	if c.origins == nil {
		c.origins = map[string]string{}
	}
	c.origins[key] = where
}

// Where names key for a message: "where (key)" when SetOrigin recorded
// an origin for key or for the nearest entry above it, else key itself.
func (c *Config) Where(key string) string {
	for k := key; k != ""; k = parentKey(k) {
		if w, ok := c.origins[k]; ok {
			return w + " (" + key + ")"
		}
	}
	return key
}

// parentKey strips the last ".name" or "[i]" of key ("" at the top).
func parentKey(key string) string {
	i := strings.LastIndexAny(key, ".[")
	if i < 0 {
		return ""
	}
	return key[:i]
}

// NoteReplaced records that the assumptions workbook replaced a part of
// the configuration that the config file set to other values (say, the
// hourly rates): the CLI warns, as an edit to the file would otherwise
// change nothing without a word.
func (c *Config) NoteReplaced(key, where string) {
	c.replaced = append(c.replaced, [2]string{key, where})
}

// Replaced returns what NoteReplaced recorded: each key and the sheet
// that replaced it.
func (c *Config) Replaced() [][2]string { return c.replaced }

// MarkSet records that the config file, the environment or a flag set
// key (as Keys names it), so that a value replacing it can be told from
// one replacing a default (WasSet).
func (c *Config) MarkSet(key string) {
	if c.set == nil {
		c.set = map[string]bool{}
	}
	c.set[key] = true
}

// WasSet reports whether MarkSet recorded key.
func (c *Config) WasSet(key string) bool { return c.set[key] }
