package pipelines

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"sort"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
	"github.com/gevinst/gevinst/reports"
)

// ReportOptions selects what the dashboard covers.
type ReportOptions struct {
	Lang string
	// From and To bound the reporting range (zero: the data's range).
	From, To time.Time
	Org      string
	// Now is the generation time printed in the workbook.
	Now time.Time
	// Version is the product version.
	Version string
}

// ReportInput runs every query the dashboard needs and returns them as
// the workbook's input; the workbook itself runs no SQL.
func ReportInput(ctx context.Context, db *queries.DB, cfg *config.Config, opts ReportOptions) (reports.Input, error) {
	first, last, ok, err := db.Range(ctx)
	if err != nil {
		return reports.Input{}, err
	}
	if !ok {
		return reports.Input{}, fmt.Errorf("%w: the database %s holds no data yet: import submissions and time first", queries.ErrInput, cfg.DB)
	}
	if opts.From.IsZero() {
		opts.From = first
	}
	if opts.To.IsZero() {
		opts.To = last
	}
	monthly := queries.Filter{Grain: queries.GrainMonth, From: opts.From, To: opts.To, Org: opts.Org}
	overall := monthly
	overall.Grain = queries.GrainAll
	// The Savings sheet's years and the Summary's run-rate window (the
	// last 12 months of the range) hide small cells by the employees of
	// their own grain too (SPEC §8).
	yearly := monthly
	yearly.Grain = queries.GrainYear
	window := overall
	if w := time.Date(opts.To.Year(), opts.To.Month()-11, 1, 0, 0, 0, 0, time.UTC); w.After(opts.From) {
		window.From = w
	}

	in := reports.Input{
		Lang: opts.Lang, GeneratedAt: opts.Now,
		From: opts.From.Format("2006-01"), To: opts.To.Format("2006-01"),
		Currency: cfg.Costs.Currency, Channels: cfg.Channels.List,
		Baseline: cfg.Channels.Baseline, Target: cfg.Channels.Target,
		ServiceNames: map[string]string{}, HoursPerFTE: cfg.HoursPerFTE,
		MinCell: cfg.Privacy.MinCell, MinSubmissions: cfg.Baseline.MinSubmissions,
		Version: opts.Version, QueryVersion: queries.Version(),
	}
	for code, s := range cfg.Services {
		if s.Name != "" {
			in.ServiceNames[code] = s.Name
		}
	}
	in.Risk = queries.Risk(cfg)
	in.Assumptions = assumptionsOf(cfg)
	in.ExampleParts = cfg.ExampleParts()
	steps := []func() error{
		func() (err error) { in.Monthly, err = db.Metrics(ctx, monthly); return },
		func() (err error) { in.Overall, err = db.Metrics(ctx, overall); return },
		func() (err error) { in.Benefits, err = db.Benefits(ctx, monthly); return },
		func() (err error) { in.Mix, err = db.Mix(ctx, monthly); return },
		func() (err error) { in.Activities, err = db.Activities(ctx, overall); return },
		func() (err error) {
			in.Employees, err = cellEmployees(ctx, db, monthly, overall, yearly, window)
			return
		},
		func() (err error) { in.Quality, err = db.Quality(ctx, overall); return },
		func() (err error) { in.Batches, err = db.Batches(ctx); return },
		func() (err error) { in.Rejects, err = db.RejectSummary(ctx); return },
		func() (err error) { in.RejectSamples, err = db.RejectSamples(ctx); return },
		func() (err error) { in.ConfigYAML, err = ConfigYAML(cfg); return },
		// The benefits model reads the tables above (each asked for once).
		func() (err error) { in.Register, err = register(ctx, db, cfg, monthly, in.Benefits); return },
		func() (err error) { in.Change, err = queries.Change(cfg, monthly, in.Benefits); return },
		func() (err error) { in.Compare, err = compare(ctx, db, cfg, overall, in.Overall); return },
		func() (err error) {
			// Evaluation's tables, read once: its baselines are the
			// report's monthly benefits, and its series (every org, all
			// months) the report's monthly metrics when the report covers
			// every org over all data.
			eo := EvaluateOptions{Org: opts.Org, From: opts.From, To: opts.To}
			series := in.Monthly
			if opts.Org != "" || !opts.From.Equal(first) || !opts.To.Equal(last) {
				if series, err = db.Metrics(ctx, eo.seriesFilter()); err != nil {
					return err
				}
			}
			in.Evaluation, err = evaluationOf(cfg, eo, series, in.Benefits)
			return
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return reports.Input{}, err
		}
	}
	in.AssumptionsFile = cfg.AssumptionsFile
	in.ConfigSHA256, in.AssumptionsSHA256, err = inputSums(in)
	if err != nil {
		return reports.Input{}, err
	}
	return in, nil
}

// cellEmployees is the employees behind every cell at each of the grains.
func cellEmployees(ctx context.Context, db *queries.DB, grains ...queries.Filter) (map[model.CellKey]int64, error) {
	out := map[model.CellKey]int64{}
	for _, f := range grains {
		m, err := db.CellEmployees(ctx, f)
		if err != nil {
			return nil, err
		}
		maps.Copy(out, m)
	}
	return out, nil
}

// ConfigYAML renders the configuration that decides the figures (secrets
// and run-time settings removed, config.Assumptions), with the same keys
// as the config file, in the struct's order (SPEC §7 Method sheet; hashed
// in the evidence).
func ConfigYAML(cfg *config.Config) (string, error) {
	n, err := configNode(reflect.ValueOf(cfg.Assumptions()))
	if err != nil {
		return "", fmt.Errorf("render config: %w", err)
	}
	b, err := yaml.Marshal(n)
	if err != nil {
		return "", fmt.Errorf("render config: %w", err)
	}
	return string(b), nil
}

// configNode turns a config value into a YAML node: structs by their
// mapstructure tags in field order, maps by sorted key, nil pointers as
// null.
func configNode(v reflect.Value) (*yaml.Node, error) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
		}
		return configNode(v.Elem())
	case reflect.Struct:
		n := &yaml.Node{Kind: yaml.MappingNode}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name := f.Tag.Get("mapstructure")
			if !f.IsExported() || name == "" || name == "-" {
				continue
			}
			c, err := configNode(v.Field(i))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: name}, c)
		}
		return n, nil
	case reflect.Map:
		n := &yaml.Node{Kind: yaml.MappingNode}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			c, err := configNode(v.MapIndex(k))
			if err != nil {
				return nil, fmt.Errorf("%v: %w", k, err)
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(k)}, c)
		}
		return n, nil
	case reflect.Slice, reflect.Array:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for i := range v.Len() {
			c, err := configNode(v.Index(i))
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	}
	n := &yaml.Node{}
	if err := n.Encode(v.Interface()); err != nil {
		return nil, err
	}
	return n, nil
}

// assumptionsOf collects the assumptions register from the config.
func assumptionsOf(cfg *config.Config) reports.Assumptions {
	a := reports.Assumptions{
		HourlyRates: map[string]float64{}, ChannelUnitCosts: map[string]float64{},
		BaselineWindows: map[string]string{}, CashShares: map[string]float64{},
		DiscountRate: cfg.ChangeCosts.Rate(), HorizonYears: cfg.ChangeCosts.HorizonYears,
	}
	maps.Copy(a.HourlyRates, cfg.Costs.HourlyRates)
	maps.Copy(a.ChannelUnitCosts, cfg.Costs.ChannelUnitCosts)
	for code, s := range cfg.Services {
		if w := s.BaselineWindow; w != nil {
			a.BaselineWindows[code] = w.From + ".." + w.To
		}
		if s.CashShare != 0 {
			a.CashShares[code] = s.CashShare
		}
	}
	for _, it := range cfg.ChangeCosts.Items {
		a.CostItems = append(a.CostItems, reports.CostItem{Name: it.Name, Org: it.Org, Service: it.Service,
			Kind: it.Kind, Date: it.Date, Amount: it.Amount})
	}
	for _, b := range cfg.ITPOSMO.Bands {
		a.Bands = append(a.Bands, reports.Band{Max: b.Max, Label: b.Label})
	}
	return a
}
