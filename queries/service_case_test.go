package queries

import (
	"context"
	"reflect"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

// `costs --service S` and `register --service S` agree with the queries,
// which lower the service filter: the cost items and register entries of
// a service are found whatever the filter's case, also for a service
// whose costs come before any data (its row is made by its cost items
// alone).
func TestServiceFilterCaseInChangeAndRegister(t *testing.T) {
	cash := map[string]config.Service{"s": {CashShare: 0.25}}
	d := twelveMonthsWith(t, func(c *config.Config) { c.Services = cash })
	cfg := config.Config{Org: "k1"}
	cfg.Services = cash
	cfg.ChangeCosts.Items = []config.CostItem{
		{Name: "platform", Service: "S", Kind: "one_off", Amount: 200, Date: "2023-03"},
		{Name: "portal", Service: "planned", Kind: "one_off", Amount: 300, Date: "2023-06"},
	}
	cfg.Register = []config.RegisterEntry{{Service: "S", Indicator: "digital_share", Class: "citizen",
		BaselineValue: 0, BaselineDate: "2023-01-01", TargetValue: 1, TargetDate: "2024-01-01"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// As pipelines.Change and pipelines.Register fetch the rows the pure
	// model reads.
	change := func(f Filter) ([]model.ChangeRow, error) {
		f, ok, err := d.Span(ctx, f)
		if err != nil || !ok {
			return nil, err
		}
		ben, err := d.Benefits(ctx, Filter{Grain: GrainMonth, From: f.From, To: f.To, Org: f.Org, Service: f.Service})
		if err != nil {
			return nil, err
		}
		return Change(&cfg, f, ben)
	}
	register := func(f Filter) ([]model.RegisterRow, error) {
		f, _, err := d.Span(ctx, f)
		if err != nil {
			return nil, err
		}
		ben, err := d.Benefits(ctx, Filter{Grain: GrainMonth, From: f.From, To: f.To, Org: f.Org})
		if err != nil {
			return nil, err
		}
		win := RegisterWindow(f)
		mix, err := d.Mix(ctx, win)
		if err != nil {
			return nil, err
		}
		metrics, err := d.Metrics(ctx, win)
		if err != nil {
			return nil, err
		}
		return Register(&cfg, f, ben, mix, metrics), nil
	}
	lower, err := change(Filter{Service: "s"})
	if err != nil || len(lower) != 1 || lower[0].OneOffCost != 200 {
		t.Fatalf("--service s: %v %+v", err, lower)
	}
	upper, err := change(Filter{Service: "S"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(upper, lower) {
		t.Errorf("costs --service S\n%+v\nwant the rows of --service s\n%+v", upper, lower)
	}
	planned, err := change(Filter{Service: "Planned"})
	if err != nil || len(planned) != 1 || planned[0].Service != "planned" || planned[0].OneOffCost != 300 {
		t.Errorf("costs --service Planned: %v %+v, want the row of the planned service's cost", err, planned)
	}
	reg, err := register(Filter{Service: "S"})
	if err != nil || len(reg) != 1 || reg[0].Service != "s" {
		t.Errorf("register --service S: %v %+v, want the entry of service s", err, reg)
	}
}
