package assumptions

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/config"
)

// rowKey holds a data row's number in the maps readSheet returns, so a
// rule across cells can name the cell that breaks it.
const rowKey = "\x00row"

// cellOf names the cell of column key in a data row of sheet name.
func cellOf(cfg *config.Config, name, key string, r map[string]any) string {
	row, _ := r[rowKey].(int)
	for _, s := range sheets(cfg) {
		if s.name != name {
			continue
		}
		for i, c := range s.cols {
			if c.key == key {
				cell, _ := excelize.CoordinatesToCellName(i+1, row)
				return cell
			}
		}
	}
	return "row " + strconv.Itoa(row)
}

func str(r map[string]any, k string) string { s, _ := r[k].(string); return s }

func has(r map[string]any, k string) bool { _, ok := r[k]; return ok }

// serviceSettings are the columns of the Services sheet that set
// something; a row without any is not used.
var serviceSettings = []string{"cash_share", "cash_from", "baseline_from", "baseline_to"}

func usedServiceRow(r map[string]any) bool {
	return slices.ContainsFunc(serviceSettings, func(k string) bool { return has(r, k) })
}

// crossCheck applies the rules across the cells of a row or across rows
// of the Services, BenefitPlan and PlanYears sheets; every error names
// the sheet and the cell.
func crossCheck(cfg *config.Config, data map[string][]map[string]any) error {
	var errs []error
	bad := func(sheet, key string, r map[string]any, format string, args ...any) {
		errs = append(errs, fmt.Errorf("sheet %s, cell %s: %s", sheet, cellOf(cfg, sheet, key, r), fmt.Sprintf(format, args...)))
	}

	seen := map[[2]string]string{}
	for _, r := range data[SheetServices] {
		if !usedServiceRow(r) {
			continue
		}
		k := [2]string{str(r, "service"), str(r, "org")}
		if _, ok := cfg.Services[k[0]]; !ok {
			bad(SheetServices, "service", r, "%q: expected a service configured under services: (none is)", k[0])
			continue
		}
		at := "org"
		if k[1] == "" {
			at = "service"
		}
		if prev, dup := seen[k]; dup {
			bad(SheetServices, at, r, "%s %s is already in cell %s: one row per service and organisation", k[0], cmpOr(k[1], "(the service's own)"), prev)
		}
		seen[k] = cellOf(cfg, SheetServices, at, r)
		if k[1] != "" && has(r, "cash_from") && !has(r, "cash_share") {
			bad(SheetServices, "cash_share", r, "empty, but cash_from is set: an organisation's cash decision needs its own cash_share in the same row")
		}
		switch from, to := str(r, "baseline_from"), str(r, "baseline_to"); {
		case from != "" && to == "":
			bad(SheetServices, "baseline_to", r, "empty: expected the baseline window's last month (baseline_from is set)")
		case from == "" && to != "":
			bad(SheetServices, "baseline_from", r, "empty: expected the baseline window's first month (baseline_to is set)")
		case from != "" && from[:7] > to[:7]:
			bad(SheetServices, "baseline_to", r, "%q: expected a month not before baseline_from %q", to, from)
		}
	}

	for _, r := range data[SheetSettings] {
		if v, ok := r["value"].(float64); ok && v < 0 {
			if st, _ := setting(str(r, "setting")); st.signed {
				continue
			}
			bad(SheetSettings, "value", r, "%v: expected a number ≥ 0 for %s", v, str(r, "setting"))
		}
	}

	ids := map[string]string{}
	classes := map[string]string{}
	for _, r := range data[SheetPlan] {
		id, class := str(r, "id"), str(r, "class")
		if prev, dup := ids[id]; dup {
			bad(SheetPlan, "id", r, "%q is already the benefit in cell %s: expected a unique id", id, prev)
		}
		ids[id] = cellOf(cfg, SheetPlan, "id", r)
		classes[id] = class
		switch {
		case class == "non_priced" && !has(r, "score"):
			bad(SheetPlan, "score", r, "empty: a non_priced benefit needs a score, one of %s", strings.Join(config.Scores, " "))
		case class != "non_priced" && has(r, "score"):
			bad(SheetPlan, "score", r, "%q: only a non_priced benefit is scored (class is %s)", str(r, "score"), class)
		}
	}
	if len(data[SheetPlan]) == 0 {
		for _, b := range cfg.BenefitPlan.Benefits {
			classes[b.ID] = b.Class
		}
	}
	known := make([]string, 0, len(classes))
	for id := range classes {
		known = append(known, id)
	}
	slices.Sort(known)
	years := map[[2]string]string{}
	for _, r := range data[SheetPlanYears] {
		id := str(r, "id")
		class, ok := classes[id]
		if !ok {
			bad(SheetPlanYears, "id", r, "%q: expected the id of a benefit on sheet %s%s (%s)", id, SheetPlan,
				didYouMean(id, known), cmpOr(strings.Join(known, ", "), "none yet"))
			continue
		}
		y, _ := r["year"].(float64)
		k := [2]string{id, strconv.Itoa(int(y))}
		if prev, dup := years[k]; dup {
			bad(SheetPlanYears, "year", r, "%s %s is already in cell %s: one row per benefit and year", k[0], k[1], prev)
		}
		years[k] = cellOf(cfg, SheetPlanYears, "year", r)
		if class == "non_priced" {
			for _, c := range []string{"planned", "taken_out"} {
				if has(r, c) {
					bad(SheetPlanYears, c, r, "%v: %s is non_priced: it has a score on sheet %s, not values", r[c], id, SheetPlan)
				}
			}
		}
	}
	return errors.Join(errs...)
}

func cmpOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// applyServices replaces, for each service with a used row, its cash
// decision, baseline window and organisations' own settings by the rows.
func applyServices(cfg *config.Config, rows []map[string]any) {
	reset := map[string]bool{}
	window := func(r map[string]any) *config.Window {
		if !has(r, "baseline_from") {
			return nil
		}
		return &config.Window{From: str(r, "baseline_from")[:7], To: str(r, "baseline_to")[:7]}
	}
	month := func(r map[string]any) string {
		if m := str(r, "cash_from"); m != "" {
			return m[:7]
		}
		return ""
	}
	for _, r := range rows {
		if !usedServiceRow(r) {
			continue
		}
		code := str(r, "service")
		sv := cfg.Services[code]
		if !reset[code] {
			reset[code] = true
			sv.CashShare, sv.CashFrom, sv.BaselineWindow, sv.Orgs = 0, "", nil, nil
		}
		share, hasShare := r["cash_share"].(float64)
		if org := str(r, "org"); org == "" {
			sv.CashShare, sv.CashFrom, sv.BaselineWindow = share, month(r), window(r)
		} else {
			o := config.OrgService{Org: org, CashFrom: month(r), BaselineWindow: window(r)}
			if hasShare {
				o.CashShare = &share
			}
			sv.Orgs = append(sv.Orgs, o)
		}
		cfg.Services[code] = sv
	}
}

// applyPlan replaces the plan's benefits by the BenefitPlan sheet's rows
// when it has any, and the benefits' planned values, amounts taken out
// and explanations by the PlanYears sheet's when it has any.
func applyPlan(cfg *config.Config, benefits, years []map[string]any) {
	p := &cfg.BenefitPlan
	if len(benefits) > 0 {
		p.Benefits = nil
		for _, r := range benefits {
			p.Benefits = append(p.Benefits, config.PlannedBenefit{ID: str(r, "id"), Name: str(r, "name"),
				Class: str(r, "class"), Org: str(r, "org"), Service: str(r, "service"), Owner: str(r, "owner"),
				Measure: str(r, "measure"), Effect: str(r, "effect"), Score: str(r, "score"), Text: str(r, "text")})
		}
	}
	if len(years) == 0 {
		return
	}
	for i := range p.Benefits {
		b := &p.Benefits[i]
		b.Planned, b.TakenOut, b.Explanations = nil, nil, nil
		for _, r := range years {
			if str(r, "id") != b.ID {
				continue
			}
			y, _ := r["year"].(float64)
			year := strconv.Itoa(int(y))
			if v, ok := r["planned"].(float64); ok {
				if b.Planned == nil {
					b.Planned = map[string]float64{}
				}
				b.Planned[year] = v
			}
			if v, ok := r["taken_out"].(float64); ok {
				if b.TakenOut == nil {
					b.TakenOut = map[string]float64{}
				}
				b.TakenOut[year] = v
			}
			if e := str(r, "explanation"); e != "" {
				if b.Explanations == nil {
					b.Explanations = map[string]string{}
				}
				b.Explanations[year] = e
			}
		}
	}
}
