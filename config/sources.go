package config

import (
	"fmt"
	"slices"
	"strings"
)

// Source describes one named input (an export from one system) and how
// its files map onto the canonical columns of SPEC §2. Every field is
// optional: without a source, files are canonical CSV and the format and
// dialect are detected.
type Source struct {
	// Kind is submissions, time or volumes; `gevinst import KIND` must agree.
	Kind string `mapstructure:"kind"`
	// Format is auto (default), csv, xlsx, jsonl or parquet.
	Format string `mapstructure:"format"`
	// Encoding is auto (default: UTF-8/UTF-16 by BOM, else UTF-8 if valid,
	// else Windows-1252), utf-8, utf-16, latin-1 or windows-1252.
	Encoding string `mapstructure:"encoding"`
	// Delimiter is the CSV field separator (default: detected).
	Delimiter string `mapstructure:"delimiter"`
	// Decimal is the decimal separator of numbers: auto (default), comma or point.
	Decimal string `mapstructure:"decimal"`
	// Sheet is the xlsx sheet to read (default: the first).
	Sheet string `mapstructure:"sheet"`
	// Org is a constant org for every row (overrides the default org;
	// an org column in the file still wins).
	Org string `mapstructure:"org"`
	// Columns renames source columns to canonical ones, e.g. Saksnr: case_id.
	// Source names are matched case-insensitively.
	Columns map[string]string `mapstructure:"columns"`
	// Values maps source values to canonical ones per canonical column,
	// case-insensitively, e.g. channel: {Papir: paper, Web: eform}.
	Values map[string]map[string]string `mapstructure:"values"`
	// Unmapped says what happens to a value that the Values map of org,
	// service, role or activity lacks: UnmappedReject (default) rejects the
	// row with the value and column named; UnmappedKeep keeps the value as
	// written. A channel must always map to a configured channel; maps of
	// other columns translate only the values they list.
	Unmapped string `mapstructure:"unmapped"`
	// MinutesUnit is the unit of the minutes column: minutes (default) or hours.
	MinutesUnit string `mapstructure:"minutes_unit"`
	// StartColumn and EndColumn, when both set, give minutes as end − start
	// (times of day or timestamps) for files without a minutes column.
	StartColumn string `mapstructure:"start_column"`
	EndColumn   string `mapstructure:"end_column"`
	// ReplacePeriod makes every import of this source replace the source's
	// earlier time rows in the file's date range (for exports without
	// registration ids that overlap).
	ReplacePeriod bool `mapstructure:"replace_period"`
}

// The values of Source.Unmapped.
const (
	// UnmappedReject rejects a row whose value the column's values map
	// lacks (the default).
	UnmappedReject = "reject"
	// UnmappedKeep keeps such a value as written.
	UnmappedKeep = "keep"
)

// Canonical columns per kind (SPEC §2), for validating mappings.
var canonical = map[string][]string{
	"submissions": {"submission_id", "org", "service", "channel", "received_at", "decided_at", "case_id"},
	"time":        {"registration_id", "org", "employee", "role", "work_date", "minutes", "case_id", "service", "channel", "activity"},
	"volumes":     {"org", "service", "channel", "period", "count"},
}

// CanonicalColumns returns the canonical column names of a kind.
func CanonicalColumns(kind string) []string { return canonical[kind] }

// validateSources normalises and checks every configured source.
func (c *Config) validateSources() []error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrInvalid, key, fmt.Sprintf(format, args...)))
	}
	out := make(map[string]Source, len(c.Sources))
	for name, s := range c.Sources {
		key := "sources." + name
		s.Kind = strings.ToLower(s.Kind)
		if _, ok := canonical[s.Kind]; !ok {
			bad(key+".kind", "%q is not submissions, time or volumes", s.Kind)
		}
		s.Format = defaultLower(s.Format, "auto")
		if !slices.Contains([]string{"auto", "csv", "xlsx", "jsonl", "parquet"}, s.Format) {
			bad(key+".format", "%q is not auto, csv, xlsx, jsonl or parquet", s.Format)
		}
		s.Encoding = defaultLower(s.Encoding, "auto")
		if !slices.Contains([]string{"auto", "utf-8", "utf-16", "latin-1", "windows-1252"}, s.Encoding) {
			bad(key+".encoding", "%q is not auto, utf-8, utf-16, latin-1 or windows-1252", s.Encoding)
		}
		s.Decimal = defaultLower(s.Decimal, "auto")
		if !slices.Contains([]string{"auto", "comma", "point"}, s.Decimal) {
			bad(key+".decimal", "%q is not auto, comma or point", s.Decimal)
		}
		if len([]rune(s.Delimiter)) > 1 && s.Delimiter != `\t` {
			bad(key+".delimiter", "%q is more than one character", s.Delimiter)
		}
		s.MinutesUnit = defaultLower(s.MinutesUnit, "minutes")
		if s.MinutesUnit != "minutes" && s.MinutesUnit != "hours" {
			bad(key+".minutes_unit", "%q is not minutes or hours", s.MinutesUnit)
		}
		s.Unmapped = defaultLower(strings.TrimSpace(s.Unmapped), UnmappedReject)
		if s.Unmapped != UnmappedReject && s.Unmapped != UnmappedKeep {
			bad(key+".unmapped", "%q is not %s or %s", s.Unmapped, UnmappedReject, UnmappedKeep)
		}
		if (s.StartColumn == "") != (s.EndColumn == "") {
			bad(key+".start_column", "start_column and end_column go together")
		}
		cols := make(map[string]string, len(s.Columns))
		for from, to := range s.Columns {
			to = strings.ToLower(strings.TrimSpace(to))
			if s.Kind != "" && !slices.Contains(canonical[s.Kind], to) {
				bad(key+".columns."+from, "%q is not a canonical %s column %v%s", to, s.Kind, canonical[s.Kind], didYouMean(to, canonical[s.Kind]))
			}
			cols[strings.ToLower(strings.TrimSpace(from))] = to
		}
		s.Columns = cols
		vals := make(map[string]map[string]string, len(s.Values))
		for col, m := range s.Values {
			col = strings.ToLower(col)
			if s.Kind != "" && !slices.Contains(canonical[s.Kind], col) {
				bad(key+".values."+col, "%q is not a canonical %s column %v%s", col, s.Kind, canonical[s.Kind], didYouMean(col, canonical[s.Kind]))
			}
			vm := make(map[string]string, len(m))
			for from, to := range m {
				vm[strings.ToLower(strings.TrimSpace(from))] = to
			}
			vals[col] = vm
		}
		s.Values = vals
		if s.ReplacePeriod && s.Kind != "time" {
			bad(key+".replace_period", "only time sources replace periods (submissions and volumes replace by key)")
		}
		out[strings.ToLower(name)] = s
	}
	c.Sources = out
	return errs
}

// didYouMean is "; did you mean X?" for the word nearest to w, or "".
func didYouMean(w string, words []string) string {
	if n := Suggest(w, words); n != "" {
		return "; did you mean " + n + "?"
	}
	return ""
}

func defaultLower(s, def string) string {
	if s == "" {
		return def
	}
	return strings.ToLower(s)
}
