// Package config holds gevinst's one configuration struct, its defaults and
// its validation. It is decoded once (by viper, in cmd/gevinst) and passed
// down; no other package reads viper or the environment. CheckYAML refuses
// a config file with a key the struct does not decode.
package config

import (
	_ "embed"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
)

// ExampleYAML is the documented example configuration written by
// `gevinst init` and loaded by a test, so it cannot drift from the struct.
//
//go:embed gevinst.example.yaml
var ExampleYAML []byte

// ErrInvalid is the base error of every configuration problem.
var ErrInvalid = errors.New("invalid configuration")

// Config is the whole configuration of gevinst. Keys are snake_case in the
// YAML file; every key can also be set as GEVINST_<KEY> in the environment
// (nested keys joined with '_', e.g. GEVINST_PRIVACY_MIN_CELL).
type Config struct {
	// DB is the path of the embedded DuckDB database file.
	DB string `mapstructure:"db"`
	// LogFormat is "text" (default) or "json" for scheduled runs.
	LogFormat string `mapstructure:"log_format"`
	// Quiet suppresses progress and the per-file summaries on stderr.
	Quiet bool `mapstructure:"quiet"`
	// PseudonymKey is the secret key of the employee pseudonyms (SPEC §8),
	// normally given as GEVINST_PSEUDONYM_KEY; never written anywhere.
	PseudonymKey string `mapstructure:"pseudonym_key"`
	// PseudonymKeyFile holds the key when PseudonymKey is empty (default:
	// gevinst.key beside the database; created with mode 0600 if missing).
	PseudonymKeyFile string `mapstructure:"pseudonym_key_file"`
	// Org is the organisation code used for input rows without an org column.
	Org string `mapstructure:"org"`
	// TimeZone is the IANA zone that timestamps with an offset are
	// converted to; wall-clock values without an offset are kept as written.
	TimeZone string `mapstructure:"time_zone"`
	// Channels lists the channels and names the baseline and target channel.
	Channels Channels `mapstructure:"channels"`
	// OfficeHours defines what counts as "after hours" (SPEC §4).
	OfficeHours OfficeHours `mapstructure:"office_hours"`
	// Baseline holds the rules for the baseline unit cost (SPEC §5).
	Baseline Baseline `mapstructure:"baseline"`
	// Services holds per-service settings, keyed by service code.
	Services map[string]Service `mapstructure:"services"`
	// Costs holds hourly rates and channel unit costs (SPEC §4 staff_cost).
	Costs Costs `mapstructure:"costs"`
	// HoursPerFTE converts hours to FTE-years (default 1695).
	HoursPerFTE float64 `mapstructure:"hours_per_fte"`
	// Privacy holds the small-cell suppression threshold (SPEC §8).
	Privacy Privacy `mapstructure:"privacy"`
	// Import holds import limits.
	Import Import `mapstructure:"import"`
	// DuckDB holds the embedded database's memory and thread settings.
	DuckDB DuckDB `mapstructure:"duckdb"`
	// Report holds dashboard settings.
	Report Report `mapstructure:"report"`
	// Sources are the named inputs and their mappings (--source NAME).
	Sources map[string]Source `mapstructure:"sources"`
	// Run is the batch job of `gevinst run`: imports, then reports.
	Run Run `mapstructure:"run"`
	// Changes are the go-live months of channels (SPEC §11; config/changes.go).
	Changes []Change `mapstructure:"changes"`
	// Evaluate holds the settings of `gevinst evaluate`.
	Evaluate Evaluate `mapstructure:"evaluate"`

	// The benefits model from configuration (SPEC §5; config/benefits.go).
	// Register is the benefits register with targets.
	Register []RegisterEntry `mapstructure:"register"`
	// ChangeCosts are the costs of the change and the NPV settings.
	ChangeCosts ChangeCosts `mapstructure:"change_costs"`
	// ITPOSMO holds the dated design–reality gap assessments.
	ITPOSMO ITPOSMO `mapstructure:"itposmo"`
	// Appraisal holds the R-109 appraisal settings (SPEC §12; config/funder.go).
	Appraisal Appraisal `mapstructure:"appraisal"`
	// BenefitPlan is the benefit realisation plan of the funder's report.
	BenefitPlan BenefitPlan `mapstructure:"benefit_plan"`
	// AssumptionsFile is a filled-in assumptions workbook (`gevinst init
	// --assumptions`), read at startup; relative to the config file. Its
	// filled sheets replace the matching YAML sections.
	AssumptionsFile string `mapstructure:"assumptions_file"`

	// origins maps a key to where its value came from when not from the
	// YAML file (SetOrigin, config/origin.go); not a config key.
	origins map[string]string
	// replaced lists the parts the assumptions workbook replaced although
	// the config file set them otherwise (NoteReplaced).
	replaced [][2]string
	// set holds the keys the config file, the environment or a flag set
	// (MarkSet): a value there is the user's, not a default.
	set map[string]bool
}

// Channels is the open, configured list of channels (SPEC §1).
type Channels struct {
	// List is every channel a submission may have, in display order
	// (the usual order is the road from paper to integrated).
	List []string `mapstructure:"list"`
	// Baseline is the "before" channel (default paper).
	Baseline string `mapstructure:"baseline"`
	// Target is the channel where savings appear (default integrated).
	Target string `mapstructure:"target"`
}

// OfficeHours is the half-open interval [Start, End) of local wall-clock
// time on working days; weekends and holidays are after hours.
type OfficeHours struct {
	// Start is "HH:MM" (default 08:00); a submission at Start is inside.
	Start string `mapstructure:"start"`
	// End is "HH:MM" (default 15:30); a submission at End is after hours.
	End string `mapstructure:"end"`
	// Holidays is the public-holiday calendar: "norway" (default) or "none".
	Holidays string `mapstructure:"holidays"`
	// ExtraHolidays are further closed days, "YYYY-MM-DD".
	ExtraHolidays []string `mapstructure:"extra_holidays"`
}

// Baseline holds the fallback rule for the baseline unit cost.
type Baseline struct {
	// MinSubmissions is the least number of baseline-channel submissions
	// for the baseline channel's minutes per submission to be used (default 30).
	MinSubmissions int `mapstructure:"min_submissions"`
}

// Service holds the settings of one service.
type Service struct {
	// Name is the display name of the service code.
	Name string `mapstructure:"name"`
	// BaselineWindow is the measured "before" (nullpunkt), months inclusive.
	BaselineWindow *Window `mapstructure:"baseline_window"`
	// CashShare is the share of value saved that is cash-releasing (default 0).
	CashShare float64 `mapstructure:"cash_share"`
	// CashFrom is the month ("YYYY-MM") the cash-releasing decision took
	// effect: before it nothing is cash-releasing; empty: always.
	CashFrom string `mapstructure:"cash_from"`
	// Orgs override the baseline window and the cash decision for single
	// organisations (config/rates.go).
	Orgs []OrgService `mapstructure:"orgs"`
}

// Window is an inclusive range of months, "YYYY-MM".
type Window struct {
	From string `mapstructure:"from"`
	To   string `mapstructure:"to"`
}

// Costs holds rates and unit costs. With no hourly rates at all, cost
// columns are empty; with some, every role in the data needs one.
type Costs struct {
	// Currency is the label of money figures (default NOK).
	Currency string `mapstructure:"currency"`
	// HourlyRates maps a role to its fully loaded cost per hour.
	HourlyRates map[string]float64 `mapstructure:"hourly_rates"`
	// ChannelUnitCosts maps a channel to its cost per submission
	// (postage, printing, platform fee); default 0.
	ChannelUnitCosts map[string]float64 `mapstructure:"channel_unit_costs"`
	// Overhead is a standard overhead rate added on top of every hourly
	// rate (0.25 = +25 %); default 0 (config/rates.go).
	Overhead float64 `mapstructure:"overhead"`
	// RateChanges are dated and per-organisation hourly rates: wage
	// settlements and organisations that pay differently.
	RateChanges []RateChange `mapstructure:"rate_changes"`
}

// Privacy holds the small-cell rule.
type Privacy struct {
	// MinCell is the least number of distinct employees or submissions
	// behind a figure shown in the workbook (default 5).
	MinCell int `mapstructure:"min_cell"`
}

// Import holds import limits (SPEC §8 input limits, §9 reject share).
// A file over a limit is refused whole with a message that names the key.
type Import struct {
	// MaxRejectShare refuses a whole file whose reject share exceeds it
	// (default 0.05).
	MaxRejectShare float64 `mapstructure:"max_reject_share"`
	// MaxFileBytes is the largest input file (default 16 GiB).
	MaxFileBytes int64 `mapstructure:"max_file_bytes"`
	// MaxLineBytes is the longest line of a CSV file, and of a JSON line
	// (there a longer line is a rejected row). Default 1 MiB; at most
	// 2,000,000, DuckDB's own CSV line limit.
	MaxLineBytes int64 `mapstructure:"max_line_bytes"`
	// MaxColumns is the most columns a CSV header may have (default 1000).
	MaxColumns int `mapstructure:"max_columns"`
	// MaxRows is the most lines a CSV or JSON lines file may have
	// (default 200,000,000).
	MaxRows int64 `mapstructure:"max_rows"`
	// MaxUnzipBytes is the most an .xlsx workbook may unzip to, checked
	// before anything is unzipped (default 1 GiB).
	MaxUnzipBytes int64 `mapstructure:"max_unzip_bytes"`
	// MaxCellChars is the longest .xlsx cell in characters (default 32,767,
	// Excel's own limit); a longer cell rejects its row.
	MaxCellChars int `mapstructure:"max_cell_chars"`
}

// Defaults of the import limits.
const (
	DefaultMaxFileBytes  = 16 << 30
	DefaultMaxLineBytes  = 1 << 20
	MaxMaxLineBytes      = 2_000_000 // DuckDB's read_csv max_line_size default
	DefaultMaxColumns    = 1000
	DefaultMaxRows       = 200_000_000
	DefaultMaxUnzipBytes = 1 << 30
	DefaultMaxCellChars  = 32_767
)

// DuckDB holds the settings applied to the embedded database at open
// (SPEC §10: peak memory bounded, spilling to disk beyond).
type DuckDB struct {
	// MemoryLimit is DuckDB's memory_limit, e.g. "1.25GB" or "512MiB"
	// (default 1.25GB); larger intermediate results spill to a temporary
	// directory beside the database file. It bounds DuckDB's buffer
	// manager, not the process, which needs about 0.5 GB on top.
	MemoryLimit string `mapstructure:"memory_limit"`
	// Threads is DuckDB's worker thread count; 0 (default) means one per core.
	Threads int `mapstructure:"threads"`
}

// memoryLimit is what DuckDB accepts as a memory_limit.
var memoryLimit = regexp.MustCompile(`(?i)^\d+(\.\d+)?\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)$`)

// Report holds dashboard settings.
type Report struct {
	// Lang is "nb" (default) or "en".
	Lang string `mapstructure:"lang"`
}

// Default returns a configuration with every default applied.
func Default() Config {
	var c Config
	if err := c.Validate(); err != nil {
		panic(err) // the defaults are valid by construction
	}
	return c
}

// Validate applies defaults to unset keys and rejects bad combinations with
// a message that names the key. It normalises codes to lower case, since
// viper lower-cases map keys.
func (c *Config) Validate() error {
	var errs []error
	// In this order: costs check against the normalised channels, sources,
	// run and benefits against the rest.
	for _, step := range []func() []error{
		c.validateBasics, c.validateChannels, c.validateOfficeHours, c.validateServices,
		c.validateCosts, c.validatePrivacy, c.validateImport, c.validateDuckDB, c.validateReport,
		c.validateSources, c.validateRun, c.validateBenefits, c.validateEvaluate, c.validateFunder,
	} {
		errs = append(errs, step()...)
	}
	return errors.Join(errs...)
}

// problems collects what a validation step rejects.
type problems []error

// bad adds an ErrInvalid that names the key.
func (p *problems) bad(key, format string, args ...any) {
	*p = append(*p, fmt.Errorf("%w: %s: %s", ErrInvalid, key, fmt.Sprintf(format, args...)))
}

// validateBasics applies the defaults of and checks the database, key
// file, log format, organisation and time zone.
func (c *Config) validateBasics() []error {
	var p problems
	bad := p.bad
	if c.DB == "" {
		c.DB = "gevinst.duckdb"
	}
	if c.PseudonymKeyFile == "" {
		c.PseudonymKeyFile = filepath.Join(filepath.Dir(c.DB), "gevinst.key")
	}
	switch c.LogFormat {
	case "":
		c.LogFormat = "text"
	case "text", "json":
	default:
		bad("log_format", "%q is not text or json", c.LogFormat)
	}
	if c.Org == "" {
		c.Org = "default"
	}
	if c.TimeZone == "" {
		c.TimeZone = "Europe/Oslo"
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		bad("time_zone", "%q is not a known IANA time zone", c.TimeZone)
	}
	return p
}

// validateChannels applies the defaults of and checks channels: the list,
// the baseline and the target.
func (c *Config) validateChannels() []error {
	var p problems
	bad := p.bad
	if len(c.Channels.List) == 0 {
		c.Channels.List = []string{"paper", "eform", "integrated"}
	}
	for i, ch := range c.Channels.List {
		c.Channels.List[i] = strings.ToLower(strings.TrimSpace(ch))
		if c.Channels.List[i] == "" {
			bad("channels.list", "entry %d is empty", i+1)
		}
	}
	if c.Channels.Baseline == "" {
		c.Channels.Baseline = "paper"
	}
	if c.Channels.Target == "" {
		c.Channels.Target = "integrated"
	}
	c.Channels.Baseline = strings.ToLower(c.Channels.Baseline)
	c.Channels.Target = strings.ToLower(c.Channels.Target)
	if !slices.Contains(c.Channels.List, c.Channels.Baseline) {
		bad("channels.baseline", "%q is not in channels.list %v", c.Channels.Baseline, c.Channels.List)
	}
	if !slices.Contains(c.Channels.List, c.Channels.Target) {
		bad("channels.target", "%q is not in channels.list %v", c.Channels.Target, c.Channels.List)
	}
	if c.Channels.Baseline == c.Channels.Target {
		bad("channels.target", "must differ from channels.baseline (%q)", c.Channels.Baseline)
	}
	return p
}

// validateOfficeHours applies the defaults of and checks office_hours: the
// hours and the holiday calendar.
func (c *Config) validateOfficeHours() []error {
	var p problems
	bad := p.bad
	if c.OfficeHours.Start == "" {
		c.OfficeHours.Start = "08:00"
	}
	if c.OfficeHours.End == "" {
		c.OfficeHours.End = "15:30"
	}
	start, err1 := ParseClock(c.OfficeHours.Start)
	if err1 != nil {
		bad("office_hours.start", "%v", err1)
	}
	end, err2 := ParseClock(c.OfficeHours.End)
	if err2 != nil {
		bad("office_hours.end", "%v", err2)
	}
	if err1 == nil && err2 == nil && end <= start {
		bad("office_hours.end", "%s is not after office_hours.start %s", c.OfficeHours.End, c.OfficeHours.Start)
	}
	switch c.OfficeHours.Holidays {
	case "":
		c.OfficeHours.Holidays = "norway"
	case "norway", "none":
	default:
		bad("office_hours.holidays", "%q is not norway or none", c.OfficeHours.Holidays)
	}
	for _, d := range c.OfficeHours.ExtraHolidays {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			bad("office_hours.extra_holidays", "%q is not a date (expected YYYY-MM-DD)", d)
		}
	}
	return p
}

// validateServices applies the defaults of and checks
// baseline.min_submissions and services: baseline windows, cash shares,
// codes in lower case.
func (c *Config) validateServices() []error {
	var p problems
	bad := p.bad
	if c.Baseline.MinSubmissions == 0 {
		c.Baseline.MinSubmissions = 30
	}
	if c.Baseline.MinSubmissions < 1 {
		bad("baseline.min_submissions", "%d is not a positive count", c.Baseline.MinSubmissions)
	}

	services := make(map[string]Service, len(c.Services))
	for code, s := range c.Services {
		key := "services." + code
		if s.BaselineWindow != nil {
			from, errF := ParseMonth(s.BaselineWindow.From)
			to, errT := ParseMonth(s.BaselineWindow.To)
			if errF != nil {
				bad(key+".baseline_window.from", "%v", errF)
			}
			if errT != nil {
				bad(key+".baseline_window.to", "%v", errT)
			}
			if errF == nil && errT == nil && to.Before(from) {
				bad(key+".baseline_window.to", "%s is before from %s", s.BaselineWindow.To, s.BaselineWindow.From)
			}
		}
		if s.CashShare < 0 || s.CashShare > 1 {
			bad(key+".cash_share", "%v is not a share between 0 and 1", s.CashShare)
		}
		if s.CashFrom != "" {
			if _, err := ParseMonth(s.CashFrom); err != nil {
				bad(key+".cash_from", "%v", err)
			}
		}
		p = append(p, validateOrgServices(key, s.Orgs)...)
		services[strings.ToLower(code)] = s
	}
	c.Services = services
	return p
}

// validateCosts applies the defaults of and checks costs (currency, hourly
// rates, unit costs of channels in channels.list) and hours_per_fte.
func (c *Config) validateCosts() []error {
	var p problems
	bad := p.bad
	if c.Costs.Currency == "" {
		c.Costs.Currency = "NOK"
	}
	c.Costs.HourlyRates = lowerKeys(c.Costs.HourlyRates)
	for role, r := range c.Costs.HourlyRates {
		if r < 0 {
			bad("costs.hourly_rates."+role, "%v is negative", r)
		}
	}
	c.Costs.ChannelUnitCosts = lowerKeys(c.Costs.ChannelUnitCosts)
	for ch, u := range c.Costs.ChannelUnitCosts {
		if !slices.Contains(c.Channels.List, ch) {
			bad("costs.channel_unit_costs."+ch, "%q is not in channels.list %v", ch, c.Channels.List)
		}
		if u < 0 {
			bad("costs.channel_unit_costs."+ch, "%v is negative", u)
		}
	}

	if c.HoursPerFTE == 0 {
		c.HoursPerFTE = 1695
	}
	if c.HoursPerFTE < 0 {
		bad("hours_per_fte", "%v is negative", c.HoursPerFTE)
	}
	return p
}

// validatePrivacy applies the defaults of and checks privacy.min_cell.
func (c *Config) validatePrivacy() []error {
	var p problems
	bad := p.bad
	if c.Privacy.MinCell == 0 {
		c.Privacy.MinCell = 5
	}
	if c.Privacy.MinCell < 1 {
		bad("privacy.min_cell", "%d is not a positive count", c.Privacy.MinCell)
	}
	return p
}

// validateImport applies the defaults of and checks import: the reject
// share and the input limits (SPEC §8).
func (c *Config) validateImport() []error {
	var p problems
	bad := p.bad
	if c.Import.MaxRejectShare == 0 {
		c.Import.MaxRejectShare = 0.05
	}
	if c.Import.MaxRejectShare < 0 || c.Import.MaxRejectShare > 1 {
		bad("import.max_reject_share", "%v is not a share between 0 and 1", c.Import.MaxRejectShare)
	}
	positive := func(key string, v *int64, def int64) {
		if *v == 0 {
			*v = def
		}
		if *v < 0 {
			bad(key, "%d is not a positive number", *v)
		}
	}
	positive("import.max_file_bytes", &c.Import.MaxFileBytes, DefaultMaxFileBytes)
	positive("import.max_line_bytes", &c.Import.MaxLineBytes, DefaultMaxLineBytes)
	if c.Import.MaxLineBytes > MaxMaxLineBytes {
		bad("import.max_line_bytes", "%d is over %d, the longest CSV line DuckDB reads", c.Import.MaxLineBytes, MaxMaxLineBytes)
	}
	positive("import.max_rows", &c.Import.MaxRows, DefaultMaxRows)
	positive("import.max_unzip_bytes", &c.Import.MaxUnzipBytes, DefaultMaxUnzipBytes)
	cols, cells := int64(c.Import.MaxColumns), int64(c.Import.MaxCellChars)
	positive("import.max_columns", &cols, DefaultMaxColumns)
	positive("import.max_cell_chars", &cells, DefaultMaxCellChars)
	c.Import.MaxColumns, c.Import.MaxCellChars = int(cols), int(cells)
	return p
}

// validateDuckDB applies the defaults of and checks duckdb: the memory
// limit and threads.
func (c *Config) validateDuckDB() []error {
	var p problems
	bad := p.bad
	if c.DuckDB.MemoryLimit == "" {
		c.DuckDB.MemoryLimit = "1.25GB"
	}
	if !memoryLimit.MatchString(strings.TrimSpace(c.DuckDB.MemoryLimit)) {
		bad("duckdb.memory_limit", "%q is not a size (expected e.g. 2GB, 512MB or 1.5GiB)", c.DuckDB.MemoryLimit)
	}
	if c.DuckDB.Threads < 0 {
		bad("duckdb.threads", "%d is negative (0 means one per core)", c.DuckDB.Threads)
	}
	return p
}

// validateReport applies the defaults of and checks report.lang.
func (c *Config) validateReport() []error {
	var p problems
	bad := p.bad
	switch c.Report.Lang {
	case "":
		c.Report.Lang = "nb"
	case "nb", "en":
	default:
		bad("report.lang", "%q is not nb or en", c.Report.Lang)
	}
	return p
}

// ServiceName returns the configured display name of a service code, or the
// code itself.
func (c *Config) ServiceName(code string) string {
	if s, ok := c.Services[strings.ToLower(code)]; ok && s.Name != "" {
		return s.Name
	}
	return code
}

// ParseClock parses "HH:MM" into the duration since midnight.
func ParseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a time of day (expected HH:MM)", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// ParseMonth parses "YYYY-MM" into the first day of that month.
func ParseMonth(s string) (time.Time, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a month (expected YYYY-MM)", s)
	}
	return t, nil
}

func lowerKeys(m map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return out
}

// Keys lists every leaf key of Config as viper names it ("privacy.min_cell"),
// so each can be bound to its GEVINST_* environment variable. Map-valued
// keys (services, rates) are listed by their own name.
func Keys() []string {
	var keys []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := prefix + f.Tag.Get("mapstructure")
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type, name+".")
				continue
			}
			keys = append(keys, name)
		}
	}
	walk(reflect.TypeFor[Config](), "")
	return keys
}

// Redacted returns a copy without secrets, for showing the config used.
func (c Config) Redacted() Config {
	if c.PseudonymKey != "" {
		c.PseudonymKey = "(set, not shown)"
	}
	return c
}

// Assumptions returns the config without secrets and without the settings
// of where and how gevinst runs (database and key file paths, logging,
// DuckDB memory, the batch job): what is left decides the figures, so the
// same data under the same assumptions hashes the same wherever and by
// whomever it is recomputed (the evidence sidecar and `gevinst verify`).
// The assumptions workbook's content is hashed on its own.
func (c Config) Assumptions() Config {
	c = c.Redacted()
	c.PseudonymKey, c.PseudonymKeyFile = "", ""
	c.DB, c.LogFormat, c.Quiet = "", "", false
	c.DuckDB = DuckDB{}
	c.Run = Run{}
	c.AssumptionsFile = ""
	return c
}
