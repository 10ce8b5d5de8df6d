package queries

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

// The benefits model from configuration (SPEC §5): the register with
// targets and RAG, the appraisal of the costs of the change, the ITPOSMO
// assessments and the comparison across organisations. These are built
// in Go from the typed rows of the SQL queries (Metrics, Mix, Benefits):
// the config lists are small, and every figure stays traceable to a
// column of `gevinst metrics` or `gevinst benefits`. The functions here
// are pure: the caller fetches the rows once (DB.Span resolves a
// filter's range) and passes them in, so a report that already holds a
// table does not ask DuckDB for it again.

// monthsBetween counts the calendar months from a to b inclusive.
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month()) + 1
}

func endOfMonth(m time.Time) time.Time { return m.AddDate(0, 1, -1) }

// Trajectory is the value of the straight line from (baseline date,
// baseline value) to (target date, target value) at day t (SPEC §5): the
// baseline value before the baseline date, the target value after the
// target date, linear by days in between.
func Trajectory(baseline float64, baselineDate time.Time, target float64, targetDate, t time.Time) float64 {
	switch {
	case !t.After(baselineDate):
		return baseline
	case !t.Before(targetDate):
		return target
	}
	share := t.Sub(baselineDate).Hours() / targetDate.Sub(baselineDate).Hours()
	return baseline + (target-baseline)*share
}

// RAG rates an actual value against the trajectory (SPEC §5): green at or
// beyond the trajectory, amber when the achievement is at least 90 %, red
// below. up says whether the indicator should rise (target ≥ baseline).
// The achievement is the delivered share of the change planned by now:
// (actual − baseline) ÷ (trajectory − baseline), which for an indicator
// that should fall is (baseline − actual) ÷ (baseline − trajectory): from
// 240 minutes towards a trajectory of 190, an actual of 212.9 has
// delivered 27.1 of the 50 minutes, 54 % (not 190 ÷ 212.9 = 89 %, which
// rates every small drop as nearly done). It is null when no change is
// planned yet (trajectory = baseline); the status is then green or red
// alone.
func RAG(actual model.Null, baseline, trajectory float64, up bool) (achievement model.Null, rag string) {
	if !actual.Valid {
		return model.Null{}, "no data"
	}
	a := actual.Float64
	onTrack := (up && a >= trajectory) || (!up && a <= trajectory)
	if planned := trajectory - baseline; planned != 0 {
		achievement = model.Some((a - baseline) / planned)
	}
	switch {
	case onTrack:
		return achievement, "green"
	case achievement.Valid && achievement.Float64 >= 0.9:
		return achievement, "amber"
	}
	return achievement, "red"
}

// cash12m is the register's cash_releasing_12m of b, the benefits row of
// the as-of month: value_saved_12m × the cash share when the cash
// decision is undated or precedes the 12 months from start; else the sum
// sumCash of the window's monthly cash_releasing, which counts the months
// from the decision on only. When the range f begins after the decision
// and inside the window, the months between are not in ben: null rather
// than a figure that misses them.
func cash12m(cfg *config.Config, f Filter, b model.BenefitRow, start string, sumCash float64) model.Null {
	if !b.ValueSaved12m.Valid {
		return model.Null{}
	}
	from := cfg.CashFromOf(b.Org, b.Service)
	if from == "" || from <= start {
		return model.Some(b.ValueSaved12m.Float64 * cfg.CashShareOf(b.Org, b.Service))
	}
	if !f.From.IsZero() && f.From.Format("2006-01") > from && from <= b.Period {
		return model.Null{}
	}
	return model.Some(sumCash)
}

// Register returns the benefits register (SPEC §5) with each entry's
// actual over the 12 months ending with the as-of month f.To, its
// trajectory and RAG. An entry without an org gets one row per
// organisation with data for its service.
//
// f's range must be resolved (DB.Span); a zero f.To stands for an empty
// database: every entry, with no data. ben are the monthly benefits of
// f.From..f.To for f.Org (Benefits; every service: Register filters the
// entries by f.Service); mix and metrics are Mix and Metrics over
// RegisterWindow(f): metrics at any grain (their minutes and submissions
// are summed per org and service).
func Register(cfg *config.Config, f Filter, ben []model.BenefitRow, mix []model.MixRow, metrics []model.MetricRow) []model.RegisterRow {
	asOf := f.To
	if asOf.IsZero() {
		// An empty database: every entry, with no data.
		var out []model.RegisterRow
		for _, e := range cfg.Register {
			out = append(out, model.RegisterRow{Org: e.Org, Service: e.Service, Indicator: e.Indicator, Class: e.Class,
				Owner: e.Owner, DataSource: e.DataSource, BaselineValue: e.BaselineValue, BaselineDate: e.BaselineDate,
				TargetValue: e.TargetValue, TargetDate: e.TargetDate, Trajectory: e.BaselineValue, RAG: "no data"})
		}
		return out
	}
	type os = [2]string
	values := map[os]map[string]model.Null{}
	orgsOf := map[string][]string{}
	val := func(k os) map[string]model.Null {
		if values[k] == nil {
			values[k] = map[string]model.Null{}
			orgsOf[k[1]] = append(orgsOf[k[1]], k[0])
		}
		return values[k]
	}
	for _, m := range mix {
		v := val(os{m.Org, m.Service})
		v["digital_share"], v["target_share"] = m.DigitalShare, m.TargetShare
	}
	staff, subs := map[os]float64{}, map[os]float64{}
	for _, m := range metrics {
		k := os{m.Org, m.Service}
		staff[k] += m.StaffMinutes
		subs[k] += float64(m.Submissions)
	}
	for k := range staff {
		val(k)["minutes_per_submission"] = ratioNull(staff[k], subs[k])
	}
	month := asOf.Format("2006-01")
	// The cash-releasing months of the window: a cash decision dated
	// inside it (cash_from) makes only its months from the decision on
	// cash-releasing, as the benefits rows do; their cash_releasing is
	// summed.
	start := asOf.AddDate(0, -11, 0).Format("2006-01")
	cashIn := map[os]float64{}
	for _, b := range ben {
		if b.Period >= start && b.Period <= month && b.CashReleasing.Valid {
			cashIn[os{b.Org, b.Service}] += b.CashReleasing.Float64
		}
	}
	for _, b := range ben {
		if b.Period != month {
			continue
		}
		v := val(os{b.Org, b.Service})
		v["hours_saved_12m"], v["fte_saved_12m"], v["value_saved_12m"] = b.HoursSaved12m, b.FTESaved12m, b.ValueSaved12m
		v["cash_releasing_12m"] = cash12m(cfg, f, b, start, cashIn[os{b.Org, b.Service}])
	}
	at := endOfMonth(asOf)
	var out []model.RegisterRow
	// Services are lower case in the config, as in the queries' filter.
	f.Service = strings.ToLower(f.Service)
	for _, e := range cfg.Register {
		if f.Service != "" && e.Service != f.Service {
			continue
		}
		orgs := []string{e.Org}
		if e.Org == "" {
			if orgs = slices.Clone(orgsOf[e.Service]); len(orgs) == 0 {
				orgs = []string{f.Org}
			}
		}
		if f.Org != "" && !slices.Contains(orgs, f.Org) {
			continue
		}
		slices.Sort(orgs)
		bd, _ := config.ParseDate(e.BaselineDate)
		td, _ := config.ParseDate(e.TargetDate)
		for _, org := range orgs {
			r := model.RegisterRow{Org: org, Service: e.Service, Indicator: e.Indicator, Class: e.Class,
				Owner: e.Owner, DataSource: e.DataSource,
				BaselineValue: e.BaselineValue, BaselineDate: bd.Format(time.DateOnly),
				TargetValue: e.TargetValue, TargetDate: td.Format(time.DateOnly),
				AsOf: at.Format(time.DateOnly)}
			r.Actual = values[os{org, e.Service}][e.Indicator]
			r.Trajectory = Trajectory(e.BaselineValue, bd, e.TargetValue, td, at)
			r.Achievement, r.RAG = RAG(r.Actual, e.BaselineValue, r.Trajectory, e.TargetValue >= e.BaselineValue)
			out = append(out, r)
		}
	}
	return out
}

// RegisterWindow is the filter of the mix and metrics Register reads:
// the whole of the 12 months ending with the as-of month f.To, for f.Org.
func RegisterWindow(f Filter) Filter {
	return Filter{Grain: GrainAll, From: f.To.AddDate(0, -11, 0), To: f.To, Org: f.Org}
}

func ratioNull(a, b float64) model.Null {
	if b == 0 {
		return model.Null{}
	}
	return model.Some(a / b)
}

// NPV is the net present value of a change (SPEC §5): −oneOff at year 0,
// then netAnnual at the end of each of years 1..horizon, discounted at the
// real rate: −I + Σ_{y=1..H} N / (1 + r)^y.
func NPV(oneOff, netAnnual, rate float64, horizon int) float64 {
	v := -oneOff
	for y := 1; y <= horizon; y++ {
		v += netAnnual / math.Pow(1+rate, float64(y))
	}
	return v
}

// Change appraises the costs of the change (SPEC §5) per (org, service),
// per org for its organisation-wide costs (Service "", costs with no
// service and no benefit) and per org over all services (Service "*",
// every cost of the org, computed once), over the filter's range. Each
// row carries two appraisals of the same costs: the economic one, whose
// benefit is value_saved from `benefits` (all value, freed capacity
// included), and the cash one, whose benefit is cash_releasing only. A
// benefit's run-rate is the last 12 months of the range annualised (fewer
// when the range is shorter). With a service filter only that service's
// rows are returned: an org's "*" row sets every service's benefit against
// every cost, which a single service's benefit cannot stand for.
//
// f's range must be resolved (DB.Span); a zero f.To stands for an empty
// database (no rows). ben are the monthly benefits under f (Benefits at
// GrainMonth with f's range, org and service).
func Change(cfg *config.Config, f Filter, ben []model.BenefitRow) ([]model.ChangeRow, error) {
	// Services are lower case in the config (its cost items), as in the
	// queries' filter: --service BH is bh on both sides.
	f.Service = strings.ToLower(f.Service)
	from, to := f.From, f.To
	if from.IsZero() || to.IsZero() {
		return nil, nil
	}
	type os = [2]string
	value := map[os]map[time.Time]float64{}
	cash := map[os]map[time.Time]float64{}
	valid := map[os]bool{}
	add := func(k os, m time.Time, v, c model.Null) {
		if value[k] == nil {
			value[k], cash[k] = map[time.Time]float64{}, map[time.Time]float64{}
		}
		if v.Valid {
			value[k][m] += v.Float64
			valid[k] = true
		}
		if c.Valid {
			cash[k][m] += c.Float64
		}
	}
	for _, b := range ben {
		m, err := config.ParseMonth(b.Period)
		if err != nil {
			return nil, err
		}
		add(os{b.Org, b.Service}, m, b.ValueSaved, b.CashReleasing)
		if f.Service == "" {
			add(os{b.Org, "*"}, m, b.ValueSaved, b.CashReleasing)
		}
	}
	for _, it := range cfg.ChangeCosts.Items {
		if (f.Org != "" && it.Org != f.Org) || (f.Service != "" && it.Service != f.Service) {
			continue
		}
		add(os{it.Org, it.Service}, from, model.Null{}, model.Null{})
		if it.Service == "" {
			// Organisation-wide costs carry no benefit of their own: the
			// row is appraised against a benefit of zero.
			valid[os{it.Org, ""}] = true
		}
		if f.Service == "" {
			add(os{it.Org, "*"}, from, model.Null{}, model.Null{})
		}
	}
	rate, horizon := cfg.ChangeCosts.Rate(), cfg.ChangeCosts.HorizonYears
	runFrom := to.AddDate(0, -11, 0)
	if runFrom.Before(from) {
		runFrom = from
	}
	runMonths := monthsBetween(runFrom, to)
	var out []model.ChangeRow
	for k := range value {
		r := model.ChangeRow{Org: k[0], Service: k[1], HorizonYears: int64(horizon), DiscountRate: rate,
			RunRateMonths: int64(runMonths)}
		var costs ChangeCosts
		for _, it := range cfg.ChangeCosts.Items {
			if it.Org != k[0] || (k[1] != "*" && it.Service != k[1]) {
				continue
			}
			dt, _ := config.ParseDate(it.Date)
			dm := time.Date(dt.Year(), dt.Month(), 1, 0, 0, 0, 0, time.UTC)
			if it.Kind == "one_off" {
				r.OneOffCost += it.Amount
				costs.OneOff = append(costs.OneOff, DatedCost{dm, it.Amount})
			} else {
				r.RunningCostPerYear += it.Amount
				costs.Running = append(costs.Running, DatedCost{dm, it.Amount})
				if end, err := config.ParseDate(it.EndDate); err == nil {
					// A running cost that ends is the same cost, negated,
					// from the month after its last (docs/method.md).
					stop := time.Date(end.Year(), end.Month()+1, 1, 0, 0, 0, 0, time.UTC)
					r.RunningCostPerYear -= it.Amount
					costs.Running = append(costs.Running, DatedCost{stop, -it.Amount})
				}
			}
		}
		if valid[k] {
			p := AppraisalPeriod{From: from, To: to, RunFrom: runFrom, Rate: rate, Horizon: horizon}
			e := Appraise(value[k], costs, p)
			r.BenefitRunRate, r.NetAnnualBenefit, r.ValueSavedToDate, r.NetBenefitToDate = e.RunRate, e.NetAnnual, e.ToDate, e.NetToDate
			r.PaybackMonth, r.NPV = e.Payback, e.NPV
			c := Appraise(cash[k], costs, p)
			r.CashRunRate, r.CashNetAnnualBenefit, r.CashSavedToDate, r.CashNetBenefitToDate = c.RunRate, c.NetAnnual, c.ToDate, c.NetToDate
			r.CashPaybackMonth, r.CashNPV = c.Payback, c.NPV
		}
		out = append(out, r)
	}
	// By org; within an org the services, then its organisation-wide
	// costs, then its total.
	rank := func(svc string) int {
		switch svc {
		case "*":
			return 2
		case "":
			return 1
		}
		return 0
	}
	slices.SortFunc(out, func(a, b model.ChangeRow) int {
		return cmp.Or(cmp.Compare(a.Org, b.Org), cmp.Compare(rank(a.Service), rank(b.Service)), cmp.Compare(a.Service, b.Service))
	})
	return out, nil
}

// DatedCost is one cost of the change in the month it is paid (one-off)
// or starts (running, per year).
type DatedCost struct {
	Month  time.Time
	Amount float64
}

// ChangeCosts are the dated one-off and running costs of one appraisal.
type ChangeCosts struct {
	OneOff, Running []DatedCost
}

// AppraisalPeriod is the reporting range (first days of months), the
// start of the run-rate window, and the discount rate and horizon.
type AppraisalPeriod struct {
	From, To, RunFrom time.Time
	Rate              float64
	Horizon           int
}

// Appraisal is one appraisal of a change: a monthly benefit against the
// costs of the change (SPEC §5). Change computes it twice per row, with
// value saved (economic) and with cash-releasing (cash).
type Appraisal struct {
	// RunRate is the benefit of the run-rate window × 12 / its months;
	// NetAnnual subtracts the running costs per year.
	RunRate, NetAnnual model.Null
	// ToDate is the benefit over the range; NetToDate subtracts the
	// one-offs paid and the running costs accrued by its end.
	ToDate, NetToDate model.Null
	// Payback is the first month, on or after the last one-off, in which
	// the cumulative net benefit is no longer negative, projected at the
	// net run-rate when after the range; "" when never or with no one-off.
	Payback string
	// NPV is −one-offs + Σ over the horizon of NetAnnual discounted.
	NPV model.Null
}

// Appraise appraises the monthly benefit series (keyed by the first day
// of the month; missing months are 0) against costs over p. It is the
// only place the net benefit, payback and NPV are computed.
func Appraise(series map[time.Time]float64, costs ChangeCosts, p AppraisalPeriod) Appraisal {
	var oneOffTotal, runningTotal float64
	lastOneOff := time.Time{}
	for _, o := range costs.OneOff {
		oneOffTotal += o.Amount
		if o.Month.After(lastOneOff) {
			lastOneOff = o.Month
		}
	}
	for _, c := range costs.Running {
		runningTotal += c.Amount
	}
	var run, total, cum float64
	payback := time.Time{}
	for m := p.From; !m.After(p.To); m = m.AddDate(0, 1, 0) {
		v := series[m]
		total += v
		if !m.Before(p.RunFrom) {
			run += v
		}
		cum += v
		for _, c := range costs.Running {
			switch {
			case m.Equal(p.From) && c.Month.Before(p.From):
				// Accrued from its date up to and including the range's
				// first month, as a one-off before the range is paid in
				// full there (docs/method.md).
				cum -= c.Amount / 12 * float64(monthsBetween(c.Month, p.From))
			case !c.Month.After(m):
				cum -= c.Amount / 12
			}
		}
		for _, o := range costs.OneOff {
			if o.Month.Equal(m) || (m.Equal(p.From) && o.Month.Before(p.From)) {
				cum -= o.Amount
			}
		}
		if payback.IsZero() && oneOffTotal > 0 && !m.Before(lastOneOff) && cum >= 0 {
			payback = m
		}
	}
	var a Appraisal
	runRate := run * 12 / float64(monthsBetween(p.RunFrom, p.To))
	net := runRate - runningTotal
	a.RunRate, a.NetAnnual = model.Some(runRate), model.Some(net)
	a.ToDate, a.NetToDate = model.Some(total), model.Some(cum)
	if payback.IsZero() && oneOffTotal > 0 && net > 0 {
		// Not yet paid back: project at the net run-rate; one-offs
		// dated after the range are still to be paid.
		remaining := -cum
		for _, o := range costs.OneOff {
			if o.Month.After(p.To) {
				remaining += o.Amount
			}
		}
		payback = p.To.AddDate(0, int(math.Ceil(remaining/(net/12))), 0)
		if payback.Before(lastOneOff) {
			payback = lastOneOff
		}
	}
	if !payback.IsZero() {
		a.Payback = payback.Format("2006-01")
	}
	a.NPV = model.Some(NPV(oneOffTotal, net, p.Rate, p.Horizon))
	return a
}

// Risk returns the ITPOSMO assessments (SPEC §5) in date order with their
// total, band and the change from the previous assessment of the same scope.
func Risk(cfg *config.Config) []model.RiskRow {
	type dated struct {
		t time.Time
		a config.Assessment
	}
	var list []dated
	for _, a := range cfg.ITPOSMO.Assessments {
		t, _ := config.ParseDate(a.Date)
		list = append(list, dated{t, a})
	}
	slices.SortStableFunc(list, func(x, y dated) int {
		return cmp.Or(x.t.Compare(y.t), cmp.Compare(x.a.Scope, y.a.Scope))
	})
	prev := map[string]int64{}
	var out []model.RiskRow
	for _, d := range list {
		r := model.RiskRow{Date: d.t.Format(time.DateOnly), Scope: d.a.Scope, Assessor: d.a.Assessor, Note: d.a.Note}
		for i, s := range d.a.Scores() {
			r.Scores[i] = int64(s)
		}
		r.Total = int64(d.a.Total())
		r.Band = cfg.ITPOSMO.BandOf(d.a.Total())
		if p, ok := prev[d.a.Scope]; ok {
			r.ChangeFromPrevious = model.NullInt{Int64: r.Total - p, Valid: true}
		}
		prev[d.a.Scope] = r.Total
		out = append(out, r)
	}
	return out
}

// Compare returns the comparison across organisations over the filter's
// range: per (org, service), and per org over all services (Service "*"),
// the digital and target share, minutes per submission per channel and
// hours saved per 1,000 submissions (services whose baseline is not
// computable count in neither the hours nor their submissions). Rows are
// sorted by service, then org, so the organisations stand side by side.
// metrics and ben are Metrics and Benefits under the filter at GrainAll.
func Compare(cfg *config.Config, metrics []model.MetricRow, ben []model.BenefitRow) []model.CompareRow {
	type os = [2]string
	type acc struct {
		subs, digital, target float64
		staff, chanSubs       map[string]float64
		hours, hoursSubs      float64
		hoursValid            bool
	}
	accs := map[os]*acc{}
	get := func(k os) *acc {
		if accs[k] == nil {
			accs[k] = &acc{staff: map[string]float64{}, chanSubs: map[string]float64{}}
		}
		return accs[k]
	}
	for _, m := range metrics {
		for _, k := range []os{{m.Org, m.Service}, {m.Org, "*"}} {
			a := get(k)
			n := float64(m.Submissions)
			a.subs += n
			if m.Channel != cfg.Channels.Baseline {
				a.digital += n
			}
			if m.Channel == cfg.Channels.Target {
				a.target += n
			}
			a.staff[m.Channel] += m.StaffMinutes
			a.chanSubs[m.Channel] += n
		}
	}
	for _, b := range ben {
		if !b.HoursSaved.Valid {
			continue
		}
		for _, k := range []os{{b.Org, b.Service}, {b.Org, "*"}} {
			a := get(k)
			a.hours += b.HoursSaved.Float64
			a.hoursSubs += float64(b.Submissions)
			a.hoursValid = true
		}
	}
	var out []model.CompareRow
	for k, a := range accs {
		r := model.CompareRow{Org: k[0], Service: k[1], Submissions: int64(a.subs),
			DigitalShare: ratioNull(a.digital, a.subs), TargetShare: ratioNull(a.target, a.subs),
			MinutesPerSubmission: map[string]model.Null{}}
		for _, ch := range cfg.Channels.List {
			r.MinutesPerSubmission[ch] = ratioNull(a.staff[ch], a.chanSubs[ch])
		}
		if a.hoursValid {
			r.HoursSaved = model.Some(a.hours)
			r.HoursSavedPer1000 = ratioNull(a.hours*1000, a.hoursSubs)
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b model.CompareRow) int {
		// "*" (all services) last within each org's block.
		as, bs := a.Service == "*", b.Service == "*"
		if as != bs {
			if as {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Service, b.Service), cmp.Compare(a.Org, b.Org))
	})
	return out
}
