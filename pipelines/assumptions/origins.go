package assumptions

import (
	"fmt"
	"strconv"

	"github.com/gevinst/gevinst/config"
)

// recordOrigins tells cfg which cell each value the workbook put into it
// came from (config.SetOrigin), so that a rule across keys, which only
// cfg.Validate can check (a benefit of class others needs value_of_time;
// two rate changes for the same month), names the sheet and cell rather
// than a YAML key. It follows Apply: a sheet with rows replaced its part
// of the config in row order, so entry i is the sheet's i-th data row.
func recordOrigins(cfg *config.Config, data map[string][]map[string]any) {
	at := func(sheet, col string, r map[string]any) string {
		return fmt.Sprintf("sheet %s, cell %s", sheet, cellOf(cfg, sheet, col, r))
	}
	row := func(sheet string, r map[string]any) string {
		n, _ := r[rowKey].(int)
		return fmt.Sprintf("sheet %s, row %d", sheet, n)
	}
	// fields records entry key's row and the cell of each column under
	// the key's field of the same name (or the name given).
	fields := func(sheet, key string, r map[string]any, cols map[string]string) {
		cfg.SetOrigin(key, row(sheet, r))
		for col, field := range cols {
			cfg.SetOrigin(key+"."+field, at(sheet, col, r))
		}
	}
	for _, r := range data[SheetSettings] {
		if _, isNum := r["value"].(float64); !isNum {
			continue
		}
		if st, ok := setting(str(r, "setting")); ok {
			cfg.SetOrigin(st.key, at(SheetSettings, "value", r))
		}
	}
	for i, r := range data[SheetRateChanges] {
		fields(SheetRateChanges, fmt.Sprintf("costs.rate_changes[%d]", i), r,
			map[string]string{"role": "role", "org": "org", "from": "from", "hourly_rate": "rate"})
	}
	for i, r := range data[SheetRegister] {
		fields(SheetRegister, fmt.Sprintf("register[%d]", i), r, map[string]string{"service": "service", "indicator": "indicator",
			"class": "class", "baseline_date": "baseline_date", "target_date": "target_date"})
	}
	for i, r := range data[SheetChangeCosts] {
		fields(SheetChangeCosts, fmt.Sprintf("change_costs.items[%d]", i), r,
			map[string]string{"kind": "kind", "amount": "amount", "date": "date", "end_date": "end_date"})
	}
	index := map[string]int{}
	for i, b := range cfg.BenefitPlan.Benefits {
		if _, dup := index[b.ID]; !dup {
			index[b.ID] = i
		}
	}
	for i, r := range data[SheetPlan] {
		fields(SheetPlan, fmt.Sprintf("benefit_plan.benefits[%d]", i), r, map[string]string{"id": "id", "class": "class",
			"owner": "owner", "org": "org", "service": "service", "score": "score", "text": "text"})
	}
	first := map[string]bool{}
	for _, r := range data[SheetPlanYears] {
		i, ok := index[str(r, "id")]
		if !ok {
			continue
		}
		y, _ := r["year"].(float64)
		year := strconv.Itoa(int(y))
		for col, field := range map[string]string{"planned": "planned", "taken_out": "taken_out", "explanation": "explanations"} {
			if !has(r, col) {
				continue
			}
			key := fmt.Sprintf("benefit_plan.benefits[%d].%s", i, field)
			cfg.SetOrigin(key+"."+year, at(SheetPlanYears, col, r))
			if !first[key] {
				// The benefit's first row with the field stands for all.
				first[key] = true
				cfg.SetOrigin(key, row(SheetPlanYears, r))
			}
		}
	}
	for _, ch := range cfg.Channels.List {
		for _, r := range data[SheetChannelCosts] {
			if str(r, "channel") != ch {
				continue
			}
			if has(r, "unit_cost") {
				cfg.SetOrigin("costs.channel_unit_costs."+ch, at(SheetChannelCosts, "unit_cost", r))
			}
			if has(r, "citizen_minutes") {
				cfg.SetOrigin("benefit_plan.citizen_minutes."+ch, at(SheetChannelCosts, "citizen_minutes", r))
			}
		}
	}
}
