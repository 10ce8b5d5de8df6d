// Package assumptions writes and reads the assumptions workbook: the
// .xlsx in which finance officers and benefit owners give what gevinst
// cannot measure (hourly rates, channel unit costs, the benefits register
// with targets, the costs of the change, the appraisal settings, the
// ITPOSMO assessments, the services' cash decisions and baseline windows
// and the benefit plan), so that nobody has to edit YAML. `gevinst init
// --assumptions FILE.xlsx` writes the template; the config key
// assumptions_file points to a filled-in one, which is read at startup.
//
// Every sheet has the same layout: row 1 instructions in Norwegian
// bokmål, row 2 in English, row 3 the column headers in bokmål, row 4 the
// same in English (the keys the reader checks), data from row 5. A bad
// cell is refused with its sheet, cell, value and what was expected.
package assumptions

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/config"
)

// ErrAssumptions is the base error of every problem in an assumptions workbook.
var ErrAssumptions = errors.New("assumptions workbook")

// Sheet names, in the order they are written.
const (
	SheetInstructions = "Instructions"
	SheetRates        = "Rates"
	SheetRateChanges  = "RateChanges"
	SheetChannelCosts = "ChannelCosts"
	SheetRegister     = "Register"
	SheetChangeCosts  = "ChangeCosts"
	SheetSettings     = "Settings"
	SheetITPOSMO      = "ITPOSMO"
	// SheetServices holds each service's cash decision and baseline
	// window and an organisation's own (services.<code> and its orgs).
	SheetServices = "Services"
	// SheetPlan and SheetPlanYears hold the benefit plan (benefit_plan):
	// one row per benefit, and one per benefit and year.
	SheetPlan      = "BenefitPlan"
	SheetPlanYears = "PlanYears"
)

// firstDataRow is the row of the first value under the four header rows.
const firstDataRow = 5

// lastValidatedRow bounds the drop-down validations.
const lastValidatedRow = 500

type kind int

const (
	text kind = iota
	number
	integer
	date
)

// column is one column of a sheet: its English key (row 4), bokmål
// header (row 3), type, allowed values (a drop-down) and whether a data
// row must fill it.
type column struct {
	key, nb  string
	kind     kind
	enum     []string
	required bool
	min, max float64 // for number and integer; max 0 means none
	// added marks a last column added to the template later: a workbook
	// of the older template, without its header, still loads.
	added bool
}

type sheet struct {
	name   string
	nb, en string // instructions
	cols   []column
}

// settingRow is a row of the Settings sheet (settingRows).
type settingRow struct {
	name, key string
	signed    bool
	get       func(*config.Config) any
	set       func(*config.Config, float64)
}

// settingRows are the rows of the Settings sheet, each with its config
// key, whether it may be negative (a year of falling prices or real wages;
// every other setting is a number ≥ 0), its value in the config as the
// template writes it (nil: left empty, so that a template written from a
// config without it does not override the YAML's) and how a filled cell
// sets it.
var settingRows = []settingRow{
	{"discount_rate", "change_costs.discount_rate", false,
		func(c *config.Config) any { return c.ChangeCosts.Rate() },
		func(c *config.Config, v float64) { c.ChangeCosts.DiscountRate = &v }},
	{"horizon_years", "change_costs.horizon_years", false,
		func(c *config.Config) any { return c.ChangeCosts.HorizonYears },
		func(c *config.Config, v float64) { c.ChangeCosts.HorizonYears = int(v) }},
	{"hours_per_fte", "hours_per_fte", false,
		func(c *config.Config) any { return c.HoursPerFTE },
		func(c *config.Config, v float64) { c.HoursPerFTE = v }},
	{"overhead", "costs.overhead", false,
		func(c *config.Config) any { return c.Costs.Overhead },
		func(c *config.Config, v float64) { c.Costs.Overhead = v }},
	{"deviation_threshold", "benefit_plan.deviation_threshold", false,
		func(c *config.Config) any {
			if t := c.BenefitPlan.DeviationThreshold; t != nil {
				return *t
			}
			return nil
		},
		func(c *config.Config, v float64) { c.BenefitPlan.DeviationThreshold = &v }},
	{"value_of_time", "benefit_plan.value_of_time", false,
		func(c *config.Config) any { return nonZero(c.BenefitPlan.ValueOfTime) },
		func(c *config.Config, v float64) { c.BenefitPlan.ValueOfTime = v }},
	{"price_growth", "appraisal.price_growth", true,
		func(c *config.Config) any { return nonZero(c.Appraisal.PriceGrowth) },
		func(c *config.Config, v float64) { c.Appraisal.PriceGrowth = v }},
	{"real_wage_growth", "appraisal.real_wage_growth", true,
		func(c *config.Config) any { return nonZero(c.Appraisal.RealWageGrowth) },
		func(c *config.Config, v float64) { c.Appraisal.RealWageGrowth = v }},
}

// nonZero is v, or nil (an empty cell) for 0.
func nonZero(v float64) any {
	if v == 0 {
		return nil
	}
	return v
}

// settings are the names of the Settings sheet's rows, in order.
var settings = func() []string {
	var names []string
	for _, r := range settingRows {
		names = append(names, r.name)
	}
	return names
}()

// setting returns the Settings row called name (the sheet's drop-down
// holds no other).
func setting(name string) (settingRow, bool) {
	for _, r := range settingRows {
		if r.name == name {
			return r, true
		}
	}
	return settingRow{}, false
}

func sheets(cfg *config.Config) []sheet {
	services := make([]string, 0, len(cfg.Services))
	for code := range cfg.Services {
		services = append(services, code)
	}
	slices.Sort(services)
	scores := make([]column, len(config.ITPOSMODimensions))
	nbDims := []string{"Informasjon", "Teknologi", "Prosesser", "Mål og verdier", "Bemanning og kompetanse", "Styringssystemer og struktur", "Tid og penger"}
	for i, d := range config.ITPOSMODimensions {
		scores[i] = column{key: d, nb: nbDims[i], kind: integer, required: true, min: 0, max: 10}
	}
	return []sheet{
		{SheetRates,
			"Fullt belastet timekost per rolle. Hver rolle i timeregistreringene må ha en sats. Tom sats: raden brukes ikke.",
			"Fully loaded cost per hour by role. Every role in the time registrations needs a rate. An empty rate: the row is not used.",
			[]column{{key: "role", nb: "Rolle", required: true}, {key: "hourly_rate", nb: "Timesats", kind: number}}},
		{SheetRateChanges,
			"Daterte timesatser (lønnsoppgjør) og satser for én organisasjon: satsen gjelder fra første dag i datoens måned til rollens neste endring. Organisasjon tom: alle; en organisasjons egen sats går foran den felles fra sin dato.",
			"Dated hourly rates (wage settlements) and rates for one organisation: the rate holds from the first day of the date's month until the role's next change. Org empty: every organisation; an organisation's own rate wins over the common one from its date.",
			[]column{{key: "role", nb: "Rolle", required: true}, {key: "org", nb: "Organisasjon"},
				{key: "from", nb: "Fra", kind: date, required: true}, {key: "hourly_rate", nb: "Timesats", kind: number, required: true}}},
		{SheetChannelCosts,
			"Kostnad per innsending per kanal: porto, trykk, plattformavgift. Tom: 0. Innbyggerens minutter per innsending i kanalen (utfylling, porto, reise) gir gevinstplanens klasse 3 med verdien av tid (Settings: value_of_time).",
			"Cost per submission by channel: postage, printing, platform fee. Empty: 0. The citizen's minutes per submission in the channel (filling in, postage, travel) give the benefit plan's class 3 with the value of time (Settings: value_of_time).",
			[]column{{key: "channel", nb: "Kanal", required: true, enum: cfg.Channels.List}, {key: "unit_cost", nb: "Kostnad per innsending", kind: number},
				{key: "citizen_minutes", nb: "Innbyggerens minutter", kind: number, added: true}}},
		{SheetRegister,
			"Gevinstregister: én rad per gevinst. Indikatoren måles over de siste 12 månedene; målbanen går rett fra basis til mål. Org tom: alle organisasjoner.",
			"Benefits register: one row per benefit. The indicator is measured over the last 12 months; the trajectory runs straight from baseline to target. Org empty: every organisation.",
			[]column{
				{key: "org", nb: "Organisasjon"},
				{key: "service", nb: "Tjeneste", required: true, enum: services},
				{key: "owner", nb: "Gevinstansvarlig"},
				{key: "indicator", nb: "Indikator", required: true, enum: config.RegisterIndicators},
				{key: "class", nb: "Gevinsttype", required: true, enum: config.BenefitClasses},
				{key: "data_source", nb: "Datakilde"},
				{key: "baseline_value", nb: "Basisverdi", kind: number, required: true, min: -1e300},
				{key: "baseline_date", nb: "Basisdato", kind: date, required: true},
				{key: "target_value", nb: "Målverdi", kind: number, required: true, min: -1e300},
				{key: "target_date", nb: "Måldato", kind: date, required: true},
			}},
		{SheetChangeCosts,
			"Kostnader ved endringen: engangsinvesteringer (one_off, betalt på datoen) og løpende kostnader (running, per år fra datoen til og med sluttdatoens måned). Negativt beløp: en kostnad som faller bort. Tjeneste tom: hele organisasjonen.",
			"Costs of the change: one-off investments (one_off, paid on the date) and running costs (running, per year from the date up to and including the end date's month). A negative amount: a cost that goes away. Service empty: the whole organisation.",
			[]column{
				{key: "name", nb: "Navn"},
				{key: "org", nb: "Organisasjon"},
				{key: "service", nb: "Tjeneste", enum: services},
				{key: "kind", nb: "Type", required: true, enum: config.CostKinds},
				{key: "amount", nb: "Beløp", kind: number, required: true, min: -1e300},
				{key: "date", nb: "Dato", kind: date, required: true},
				{key: "end_date", nb: "Sluttdato", kind: date, added: true},
			}},
		{SheetSettings,
			"Forutsetninger for nåverdi og årsverk: realrente (0,04 = 4 %), horisont i år, timer per årsverk, påslag for felleskostnader på timesatsene (0,25 = 25 %), gevinstplanens terskel for avvik som krever forklaring (0,10 = 10 %), verdien av en innbyggers time, og for R-109-analysen prisvekst per år (0,02 = 2 %; gjør hvert års nominelle beløp om til faste priser i rapportåret) og reallønnsvekst per år (verdien av spart arbeidstid vokser med den). Tom: standardverdien.",
			"Assumptions of the NPV and FTE figures: real discount rate (0.04 = 4 %), horizon in years, hours per FTE, overhead on the hourly rates (0.25 = 25 %), the benefit plan's threshold for a deviation that needs an explanation (0.10 = 10 %), the value of a citizen's hour, and for the R-109 appraisal the price growth per year (0.02 = 2 %; turns each year's nominal amounts into real prices of the report's year) and the real wage growth per year (the value of staff time saved grows by it). Empty: the default.",
			[]column{{key: "setting", nb: "Forutsetning", required: true, enum: settings}, {key: "value", nb: "Verdi", kind: number, min: -1e300}}},
		{SheetITPOSMO,
			"ITPOSMO (Heeks): avstand mellom design og virkelighet, 0 (ingen) til 10 (radikal) per dimensjon, datert, så utviklingen kan følges.",
			"ITPOSMO (Heeks): the gap between design and reality, 0 (none) to 10 (radical) per dimension, dated so it can be tracked over time.",
			slices.Concat([]column{{key: "date", nb: "Dato", kind: date, required: true}, {key: "scope", nb: "Omfang"}},
				scores, []column{{key: "assessor", nb: "Vurdert av"}, {key: "note", nb: "Merknad"}})},
		{SheetServices,
			"Kontantvedtak og nullpunkt per tjeneste: andelen av spart verdi som tas ut av budsjettet (0,25 = 25 %) fra vedtakets måned (tom: alltid) og basisvinduet (måneder, fra og til). Organisasjon tom: tjenestens egne; en organisasjon: dens egne (kontantvedtakets måned hører til dens egen andel). Rader med bare tjeneste brukes ikke; en tjeneste med rader her erstatter sine innstillinger i YAML-filen.",
			"Cash decision and baseline per service: the share of value saved taken out of the budget (0.25 = 25 %) from the decision's month (empty: always) and the baseline window (months, from and to). Org empty: the service's own; an organisation: its own (the decision's month goes with its own share). A row with only the service is not used; a service with rows here replaces its settings in the YAML file.",
			[]column{{key: "service", nb: "Tjeneste", required: true, enum: services}, {key: "org", nb: "Organisasjon"},
				{key: "cash_share", nb: "Kontantandel", kind: number, max: 1}, {key: "cash_from", nb: "Kontant fra", kind: date},
				{key: "baseline_from", nb: "Basis fra", kind: date}, {key: "baseline_to", nb: "Basis til", kind: date}}},
		{SheetPlan,
			"Gevinstrealiseringsplanen (DFØ Prosjektveiviseren): én rad per gevinst med eier, tiltak og effekt (gevinstkartet) og klasse: budget (1 budsjettgevinst), capacity (2 frigjort kapasitet), others (3 prissatt for andre), non_priced (4 ikke-prissatt, med vurdering -- til ++ og tekst). Planlagte verdier per år står på arket PlanYears.",
			"The benefit realisation plan (DFØ Prosjektveiviseren): one row per benefit with its owner, measure and effect (the benefit map) and class: budget (1 budget effect), capacity (2 freed capacity), others (3 priced for others), non_priced (4 non-priced, with a score -- to ++ and a text). Planned values per year go on the PlanYears sheet.",
			[]column{{key: "id", nb: "Nr.", required: true}, {key: "name", nb: "Gevinst"},
				{key: "class", nb: "Gevinstklasse", required: true, enum: config.PlanClasses},
				{key: "org", nb: "Organisasjon"}, {key: "service", nb: "Tjeneste", enum: services},
				{key: "owner", nb: "Gevinsteier", required: true}, {key: "measure", nb: "Tiltak"}, {key: "effect", nb: "Effekt"},
				{key: "score", nb: "Vurdering", enum: config.Scores}, {key: "text", nb: "Beskrivelse"}}},
		{SheetPlanYears,
			"Planlagt gevinst, beløp tatt ut av budsjettet og forklaring på avvik, per gevinst (Nr. fra arket BenefitPlan) og år.",
			"Planned benefit, the amount taken out of budgets and the explanation of a deviation, per benefit (ID from the BenefitPlan sheet) and year.",
			[]column{{key: "id", nb: "Nr.", required: true}, {key: "year", nb: "År", kind: integer, required: true, min: 1900, max: 2200},
				{key: "planned", nb: "Planlagt", kind: number, min: -1e300}, {key: "taken_out", nb: "Tatt ut av budsjett", kind: number},
				{key: "explanation", nb: "Forklaring"}}},
	}
}

// Write writes an assumptions workbook to path: the template, with the
// values of cfg already in it (none for a fresh config), drop-downs for
// channels, services, indicators, classes and kinds, and whole-number
// validation of the ITPOSMO scores.
func Write(path string, cfg *config.Config) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetInstructions); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	intro := [][2]string{
		{"Forutsetninger for gevinst", "gevinst assumptions"},
		{"Fyll inn arkene og la konfigurasjonen peke hit (assumptions_file). Et ark med rader erstatter samme del av YAML-filen. Rad 4 må stå urørt.",
			"Fill in the sheets and point the configuration here (assumptions_file). A sheet with rows replaces the same part of the YAML file. Leave row 4 as it is."},
		{"Datoer: ÅÅÅÅ-MM-DD eller en Excel-dato. Tall med punktum eller komma.", "Dates: YYYY-MM-DD or an Excel date. Numbers with a point or a comma."},
	}
	for i, l := range intro {
		if err := f.SetSheetRow(SheetInstructions, fmt.Sprintf("A%d", i+1), &[]any{l[0], l[1]}); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(SheetInstructions, "A", "B", 70); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetInstructions, "A2", "B3", wrap); err != nil {
		return err
	}
	for _, s := range sheets(cfg) {
		if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		nb, en := make([]any, len(s.cols)), make([]any, len(s.cols))
		for i, c := range s.cols {
			nb[i], en[i] = c.nb, c.key
		}
		for row, vals := range [][]any{{s.nb}, {s.en}, nb, en} {
			if err := f.SetSheetRow(s.name, fmt.Sprintf("A%d", row+1), &vals); err != nil {
				return err
			}
		}
		last, _ := excelize.CoordinatesToCellName(len(s.cols), 4)
		if err := f.SetCellStyle(s.name, "A3", last, bold); err != nil {
			return err
		}
		lastCol, _ := excelize.ColumnNumberToName(len(s.cols))
		if err := f.SetColWidth(s.name, "A", lastCol, 18); err != nil {
			return err
		}
		if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 4, TopLeftCell: "A5", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for i, c := range s.cols {
			col, _ := excelize.ColumnNumberToName(i + 1)
			sqref := fmt.Sprintf("%s%d:%s%d", col, firstDataRow, col, lastValidatedRow)
			var dv *excelize.DataValidation
			switch {
			case len(c.enum) > 0:
				dv = excelize.NewDataValidation(true)
				if err := dv.SetDropList(c.enum); err != nil {
					return fmt.Errorf("%s %s: %w", s.name, c.key, err)
				}
			case c.kind == integer && c.max > 0:
				dv = excelize.NewDataValidation(true)
				if err := dv.SetRange(int(c.min), int(c.max), excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
					return err
				}
			default:
				continue
			}
			dv.SetSqref(sqref)
			if err := f.AddDataValidation(s.name, dv); err != nil {
				return err
			}
		}
		for r, vals := range rowsOf(s.name, cfg) {
			if err := f.SetSheetRow(s.name, fmt.Sprintf("A%d", firstDataRow+r), &vals); err != nil {
				return err
			}
		}
	}
	return f.SaveAs(path)
}

// rowsOf renders the part of cfg that a sheet holds.
func rowsOf(name string, cfg *config.Config) [][]any {
	var out [][]any
	switch name {
	case SheetRates:
		for _, role := range sortedKeys(cfg.Costs.HourlyRates) {
			out = append(out, []any{role, cfg.Costs.HourlyRates[role]})
		}
	case SheetRateChanges:
		for _, c := range cfg.Costs.RateChanges {
			out = append(out, []any{c.Role, c.Org, c.From, c.Rate})
		}
	case SheetChannelCosts:
		for _, ch := range cfg.Channels.List {
			row := []any{ch, nil, nil}
			if u, ok := cfg.Costs.ChannelUnitCosts[ch]; ok {
				row[1] = u
			}
			if m, ok := cfg.BenefitPlan.CitizenMinutes[ch]; ok {
				row[2] = m
			}
			out = append(out, row)
		}
	case SheetServices:
		codes := make([]string, 0, len(cfg.Services))
		for code := range cfg.Services {
			codes = append(codes, code)
		}
		slices.Sort(codes)
		window := func(w *config.Window) (any, any) {
			if w == nil {
				return nil, nil
			}
			return w.From, w.To
		}
		for _, code := range codes {
			sv := cfg.Services[code]
			if sv.CashShare == 0 && sv.CashFrom == "" && sv.BaselineWindow == nil {
				out = append(out, []any{code})
			} else {
				from, to := window(sv.BaselineWindow)
				out = append(out, []any{code, nil, sv.CashShare, sv.CashFrom, from, to})
			}
			for _, o := range sv.Orgs {
				var share any
				if o.CashShare != nil {
					share = *o.CashShare
				}
				from, to := window(o.BaselineWindow)
				out = append(out, []any{code, o.Org, share, o.CashFrom, from, to})
			}
		}
	case SheetPlan:
		for _, b := range cfg.BenefitPlan.Benefits {
			out = append(out, []any{b.ID, b.Name, b.Class, b.Org, b.Service, b.Owner, b.Measure, b.Effect, b.Score, b.Text})
		}
	case SheetPlanYears:
		for _, b := range cfg.BenefitPlan.Benefits {
			years := map[string]bool{}
			for y := range b.Planned {
				years[y] = true
			}
			for y := range b.TakenOut {
				years[y] = true
			}
			for y := range b.Explanations {
				years[y] = true
			}
			ys := make([]string, 0, len(years))
			for y := range years {
				ys = append(ys, y)
			}
			slices.Sort(ys)
			for _, y := range ys {
				row := []any{b.ID, y, nil, nil, b.Explanations[y]}
				if v, ok := b.Planned[y]; ok {
					row[2] = v
				}
				if v, ok := b.TakenOut[y]; ok {
					row[3] = v
				}
				if n, err := strconv.Atoi(y); err == nil {
					row[1] = n
				}
				out = append(out, row)
			}
		}
	case SheetRegister:
		for _, e := range cfg.Register {
			out = append(out, []any{e.Org, e.Service, e.Owner, e.Indicator, e.Class, e.DataSource,
				e.BaselineValue, e.BaselineDate, e.TargetValue, e.TargetDate})
		}
	case SheetChangeCosts:
		for _, it := range cfg.ChangeCosts.Items {
			out = append(out, []any{it.Name, it.Org, it.Service, it.Kind, it.Amount, it.Date, it.EndDate})
		}
	case SheetSettings:
		for _, r := range settingRows {
			out = append(out, []any{r.name, r.get(cfg)})
		}
	case SheetITPOSMO:
		for _, a := range cfg.ITPOSMO.Assessments {
			row := []any{a.Date, a.Scope}
			for _, s := range a.Scores() {
				row = append(row, s)
			}
			out = append(out, append(row, a.Assessor, a.Note))
		}
	}
	return out
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Apply reads the assumptions workbook at path and puts its values into
// cfg: each sheet with at least one data row replaces the matching part
// of the configuration (rates, channel unit costs, the register, the
// costs of the change, the ITPOSMO assessments); each filled setting
// replaces its key. cfg should be validated before (its channels and
// services make the drop-downs' lists) and must be validated again after.
// Every bad cell is reported, each with sheet, cell, value and expectation.
func Apply(path string, cfg *config.Config) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return fmt.Errorf("%w %s: %w", ErrAssumptions, path, err)
	}
	defer f.Close()
	var errs []error
	known := []string{SheetInstructions}
	for _, s := range sheets(cfg) {
		known = append(known, s.name)
	}
	for _, name := range f.GetSheetList() {
		if !slices.ContainsFunc(known, func(k string) bool { return strings.EqualFold(k, name) }) {
			errs = append(errs, fmt.Errorf("%w %s: sheet %q is not a sheet of the template%s (the sheets are %s); a sheet gevinst does not read would be ignored",
				ErrAssumptions, path, name, didYouMean(name, known), strings.Join(known, ", ")))
		}
	}
	data := map[string][]map[string]any{}
	for _, s := range sheets(cfg) {
		rows, err := readSheet(f, s)
		if err != nil {
			errs = append(errs, fmt.Errorf("%w %s: %w", ErrAssumptions, path, err))
		}
		data[s.name] = rows
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := crossCheck(cfg, data); err != nil {
		return fmt.Errorf("%w %s: %w", ErrAssumptions, path, err)
	}
	// The parts a sheet replaces are new maps and slices below, so this
	// shallow copy keeps the config file's values for noteReplaced.
	before := *cfg
	defer noteReplaced(&before, cfg, path, data)
	str := func(r map[string]any, k string) string { s, _ := r[k].(string); return s }
	num := func(r map[string]any, k string) float64 { x, _ := r[k].(float64); return x }
	if rows := data[SheetRates]; len(rows) > 0 {
		cfg.Costs.HourlyRates = map[string]float64{}
		for _, r := range rows {
			if _, ok := r["hourly_rate"]; ok {
				cfg.Costs.HourlyRates[strings.ToLower(str(r, "role"))] = num(r, "hourly_rate")
			}
		}
	}
	if rows := data[SheetRateChanges]; len(rows) > 0 {
		cfg.Costs.RateChanges = nil
		for _, r := range rows {
			// A change holds from the first of its date's month.
			cfg.Costs.RateChanges = append(cfg.Costs.RateChanges, config.RateChange{Role: strings.ToLower(str(r, "role")),
				Org: str(r, "org"), From: str(r, "from")[:7], Rate: num(r, "hourly_rate")})
		}
	}
	if rows := data[SheetChannelCosts]; len(rows) > 0 {
		cfg.Costs.ChannelUnitCosts = map[string]float64{}
		for _, r := range rows {
			if _, ok := r["unit_cost"]; ok {
				cfg.Costs.ChannelUnitCosts[str(r, "channel")] = num(r, "unit_cost")
			}
		}
		// The citizens' minutes replace the YAML's only when the column
		// has a value (a workbook of the older template has none).
		if slices.ContainsFunc(rows, func(r map[string]any) bool { _, ok := r["citizen_minutes"]; return ok }) {
			cfg.BenefitPlan.CitizenMinutes = map[string]float64{}
			for _, r := range rows {
				if _, ok := r["citizen_minutes"]; ok {
					cfg.BenefitPlan.CitizenMinutes[str(r, "channel")] = num(r, "citizen_minutes")
				}
			}
		}
	}
	applyServices(cfg, data[SheetServices])
	applyPlan(cfg, data[SheetPlan], data[SheetPlanYears])
	if rows := data[SheetRegister]; len(rows) > 0 {
		cfg.Register = nil
		for _, r := range rows {
			cfg.Register = append(cfg.Register, config.RegisterEntry{
				Org: str(r, "org"), Service: str(r, "service"), Owner: str(r, "owner"),
				Indicator: str(r, "indicator"), Class: str(r, "class"), DataSource: str(r, "data_source"),
				BaselineValue: num(r, "baseline_value"), BaselineDate: str(r, "baseline_date"),
				TargetValue: num(r, "target_value"), TargetDate: str(r, "target_date"),
			})
		}
	}
	if rows := data[SheetChangeCosts]; len(rows) > 0 {
		cfg.ChangeCosts.Items = nil
		for _, r := range rows {
			cfg.ChangeCosts.Items = append(cfg.ChangeCosts.Items, config.CostItem{
				Name: str(r, "name"), Org: str(r, "org"), Service: str(r, "service"),
				Kind: str(r, "kind"), Amount: num(r, "amount"), Date: str(r, "date"), EndDate: str(r, "end_date"),
			})
		}
	}
	for _, r := range data[SheetSettings] {
		if v, ok := r["value"].(float64); ok {
			if st, ok := setting(str(r, "setting")); ok {
				st.set(cfg, v)
			}
		}
	}
	recordOrigins(cfg, data)
	if rows := data[SheetITPOSMO]; len(rows) > 0 {
		cfg.ITPOSMO.Assessments = nil
		for _, r := range rows {
			sc := func(k string) int { return int(num(r, k)) }
			cfg.ITPOSMO.Assessments = append(cfg.ITPOSMO.Assessments, config.Assessment{
				Date: str(r, "date"), Scope: str(r, "scope"), Assessor: str(r, "assessor"), Note: str(r, "note"),
				Information: sc("information"), Technology: sc("technology"), Processes: sc("processes"),
				ObjectivesValues: sc("objectives_values"), StaffingSkills: sc("staffing_skills"),
				ManagementSystems: sc("management_systems"), TimeMoney: sc("time_money"),
			})
		}
	}
	return nil
}

// readSheet reads the data rows of one sheet as maps by column key: text
// as string, numbers as float64, dates as "YYYY-MM-DD"; empty cells are
// absent. A missing sheet holds no rows.
func readSheet(f *excelize.File, s sheet) ([]map[string]any, error) {
	if idx, _ := f.GetSheetIndex(s.name); idx < 0 {
		return nil, nil
	}
	rows, err := f.GetRows(s.name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("sheet %s: %w", s.name, err)
	}
	var errs []error
	bad := func(col, row int, value, expected string) {
		cell, _ := excelize.CoordinatesToCellName(col+1, row)
		errs = append(errs, fmt.Errorf("sheet %s, cell %s: %q: expected %s", s.name, cell, value, expected))
	}
	if len(rows) < 4 {
		return nil, fmt.Errorf("sheet %s: no header row 4 (expected %s)", s.name, keys(s))
	}
	for i, c := range s.cols {
		if got := cellAt(rows[3], i); got != c.key && !(c.added && got == "") {
			bad(i, 4, got, fmt.Sprintf("the header %q (row 4 is the template's and must stay as written)", c.key))
		}
	}
	// A cell right of the template's columns would be ignored: a header
	// there is an unknown column, a value there is outside every column.
	outside := func(row []string, r int) {
		for i := len(s.cols); i < len(row); i++ {
			v := strings.TrimSpace(row[i])
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, r)
			if r == 4 {
				errs = append(errs, fmt.Errorf("sheet %s, cell %s: unknown column %q%s (this sheet's columns are %s)",
					s.name, cell, v, didYouMean(v, colKeys(s)), keys(s)))
			} else {
				errs = append(errs, fmt.Errorf("sheet %s, cell %s: %q is right of the sheet's last column (%s) and would be ignored: move or clear it",
					s.name, cell, v, s.cols[len(s.cols)-1].key))
			}
		}
	}
	outside(rows[3], 4)
	for ri := firstDataRow - 1; ri < len(rows); ri++ {
		outside(rows[ri], ri+1)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var out []map[string]any
	for ri := firstDataRow - 1; ri < len(rows); ri++ {
		row := rows[ri]
		if slices.IndexFunc(row, func(v string) bool { return strings.TrimSpace(v) != "" }) < 0 {
			continue
		}
		m := map[string]any{rowKey: ri + 1}
		for i, c := range s.cols {
			v := strings.TrimSpace(cellAt(row, i))
			if v == "" {
				if c.required {
					bad(i, ri+1, v, c.key+" (required)")
				}
				continue
			}
			switch c.kind {
			case text:
				if len(c.enum) > 0 && !slices.Contains(c.enum, strings.ToLower(v)) {
					bad(i, ri+1, v, "one of "+strings.Join(c.enum, ", "))
					continue
				}
				if len(c.enum) > 0 {
					v = strings.ToLower(v)
				}
				m[c.key] = v
			case number, integer:
				x, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), ",", "."), 64)
				switch {
				case err != nil:
					bad(i, ri+1, v, "a number")
				case c.kind == integer && x != float64(int64(x)):
					bad(i, ri+1, v, "a whole number")
				case x < c.min || (c.max > 0 && x > c.max):
					if c.max > 0 {
						bad(i, ri+1, v, fmt.Sprintf("a number from %g to %g", c.min, c.max))
					} else {
						bad(i, ri+1, v, "a number ≥ 0")
					}
				default:
					m[c.key] = x
				}
			case date:
				d, ok := parseCellDate(v)
				if !ok {
					bad(i, ri+1, v, "a date (YYYY-MM-DD or an Excel date)")
					continue
				}
				m[c.key] = d
			}
		}
		out = append(out, m)
	}
	return out, errors.Join(errs...)
}

// parseCellDate reads an Excel date serial, YYYY-MM-DD, YYYY-MM or
// DD.MM.YYYY as "YYYY-MM-DD" (YYYY-MM stays a month).
func parseCellDate(v string) (string, bool) {
	if x, err := strconv.ParseFloat(v, 64); err == nil && x > 0 && x < 2958466 {
		t, err := excelize.ExcelDateToTime(x, false)
		if err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	if _, err := config.ParseDate(v); err == nil {
		return v, true
	}
	if t, err := time.Parse("02.01.2006", v); err == nil {
		return t.Format(time.DateOnly), true
	}
	return "", false
}

func cellAt(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

func keys(s sheet) string { return strings.Join(colKeys(s), ", ") }

func colKeys(s sheet) []string {
	k := make([]string, len(s.cols))
	for i, c := range s.cols {
		k[i] = c.key
	}
	return k
}

// didYouMean is "; did you mean X?" for the name nearest to word, or "".
func didYouMean(word string, names []string) string {
	if n := config.Suggest(word, names); n != "" {
		return fmt.Sprintf("; did you mean %s?", n)
	}
	return ""
}

// replacedParts are the parts of the configuration a sheet replaces
// whole (a map or a list: empty when the config file does not set it).
var replacedParts = []struct {
	key, sheet string
	get        func(*config.Config) any
}{
	{"costs.hourly_rates", SheetRates, func(c *config.Config) any { return c.Costs.HourlyRates }},
	{"costs.rate_changes", SheetRateChanges, func(c *config.Config) any { return c.Costs.RateChanges }},
	{"costs.channel_unit_costs", SheetChannelCosts, func(c *config.Config) any { return c.Costs.ChannelUnitCosts }},
	{"benefit_plan.citizen_minutes", SheetChannelCosts, func(c *config.Config) any { return c.BenefitPlan.CitizenMinutes }},
	{"register", SheetRegister, func(c *config.Config) any { return c.Register }},
	{"change_costs.items", SheetChangeCosts, func(c *config.Config) any { return c.ChangeCosts.Items }},
	{"itposmo.assessments", SheetITPOSMO, func(c *config.Config) any { return c.ITPOSMO.Assessments }},
}

// noteReplaced records in cfg each part the config file set (before) that
// a sheet of the workbook at path replaced with other values, and each
// setting the user set (in the file, the environment or a flag:
// Config.WasSet; a default is no one's choice) that a cell of the
// Settings sheet (data, as Apply read it) replaced with another value.
func noteReplaced(before, cfg *config.Config, path string, data map[string][]map[string]any) {
	for _, p := range replacedParts {
		was, now := p.get(before), p.get(cfg)
		if reflect.ValueOf(was).Len() > 0 && !reflect.DeepEqual(was, now) {
			cfg.NoteReplaced(p.key, fmt.Sprintf("sheet %s of %s", p.sheet, filepath.Base(path)))
		}
	}
	for _, r := range data[SheetSettings] {
		st, ok := setting(str(r, "setting"))
		if _, isNum := r["value"].(float64); !ok || !isNum || !cfg.WasSet(st.key) || reflect.DeepEqual(st.get(before), st.get(cfg)) {
			continue
		}
		cfg.NoteReplaced(st.key, fmt.Sprintf("sheet %s, cell %s of %s",
			SheetSettings, cellOf(cfg, SheetSettings, "value", r), filepath.Base(path)))
	}
}
