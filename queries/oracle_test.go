package queries

// An independent check of the metric SQL: a naive Go reimplementation of
// SPEC §3 (attribution), §4 (metrics, channel mix, role/activity
// breakdown) and §5 (benefits), written from the SPEC text with loops and
// maps, reading testdata/fixture-b with encoding/csv. Every column of every
// row of d.Metrics, d.Benefits, d.Mix, d.Activities and d.Quality is
// compared with it, over several grains, ranges and filters and two
// configurations.
//
// testdata/fixture-b is committed; it was written once by the deterministic
// generator at the bottom of this file:
//
//	go test ./queries/ -run TestOracleFixtureB$ -update-fixture-b

import (
	"cmp"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the oracle converts offsets itself, whatever the host has

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

var updateFixtureB = flag.Bool("update-fixture-b", false, "rewrite testdata/fixture-b from its deterministic generator")

const fixtureBDir = "../testdata/fixture-b"

// fixtureBFiles are imported in this order: the second file of each kind
// is a later, overlapping export (SPEC §2.1/§2.2: same key replaces).
var fixtureBFiles = []struct {
	kind Kind
	name string
}{
	{KindSubmissions, "submissions.csv"},
	{KindSubmissions, "submissions-2.csv"},
	{KindTime, "time.csv"},
	{KindTime, "time-2.csv"},
}

var fixtureBOnce sync.Once

// fixtureBConfig is the main configuration: a non-default channel list
// with a fourth channel, a baseline window for barnehage, and
// min_submissions 12 so that byggesak (o1) uses the baseline channel over
// the reporting range, startlan (o1) falls back to all loaded data on the
// 2024-02..2024-10 sub-range and startlan (o2) is not computable.
func fixtureBConfig() config.Config {
	var c config.Config
	c.Org = "o1" // rows with an empty org belong to o1
	c.Channels = config.Channels{List: []string{"counter", "paper", "eform", "integrated"}, Baseline: "paper", Target: "integrated"}
	c.Baseline.MinSubmissions = 12
	c.Services = map[string]config.Service{
		"barnehage": {BaselineWindow: &config.Window{From: "2023-11", To: "2024-01"}, CashShare: 0.25},
		"byggesak":  {CashShare: 0.5},
	}
	c.Costs.HourlyRates = map[string]float64{"reception": 560, "clerk": 610, "case_officer": 745.5, "archive": 520, "manager": 900}
	c.Costs.ChannelUnitCosts = map[string]float64{"counter": 35, "paper": 14.5, "eform": 3.2, "integrated": 0.8}
	return c
}

// fixtureBAltConfig changes everything the SQL reads from config: baseline
// (eform) and target (counter) channel, a baseline window with no data (not
// computable), office hours, no holiday calendar but one extra closed day,
// hours per FTE, cash shares and unit costs (some defaulting to 0).
// min_submissions 12 is exactly o1 startlan's eform count in all data
// ("at least": the baseline channel is used).
func fixtureBAltConfig() config.Config {
	var c config.Config
	c.Org = "o1"
	c.Channels = config.Channels{List: []string{"counter", "paper", "eform", "integrated"}, Baseline: "eform", Target: "counter"}
	c.Baseline.MinSubmissions = 12
	c.Services = map[string]config.Service{
		"byggesak": {BaselineWindow: &config.Window{From: "2022-01", To: "2022-06"}},
		"startlan": {CashShare: 1},
	}
	c.OfficeHours = config.OfficeHours{Start: "07:30", End: "16:00", Holidays: "none", ExtraHolidays: []string{"2024-12-24"}}
	c.HoursPerFTE = 1600
	c.Costs.HourlyRates = map[string]float64{"reception": 500, "clerk": 500, "case_officer": 800, "archive": 450, "manager": 1000}
	c.Costs.ChannelUnitCosts = map[string]float64{"paper": 20}
	return c
}

// loadFixtureB opens a database with cfg, imports fixture B, and builds the
// oracle from the same CSV files.
func loadFixtureB(t *testing.T, cfg config.Config) (*DB, *oracle) {
	t.Helper()
	fixtureBOnce.Do(func() {
		if *updateFixtureB {
			if err := writeFixtureB(fixtureBDir); err != nil {
				t.Fatal(err)
			}
		}
	})
	d := openTest(t, cfg) // applies the defaults to cfg's copy only
	for _, f := range fixtureBFiles {
		res := importTest(t, d, f.kind, filepath.Join(fixtureBDir, f.name))
		if res.RowsRejected != 0 {
			t.Fatalf("%s: %d rows rejected: %+v", f.name, res.RowsRejected, res.Rejects)
		}
	}
	return d, oracleFixtureB(t, cfg)
}

// oracleFixtureB builds the oracle from fixture B's CSV files alone.
func oracleFixtureB(t *testing.T, cfg config.Config) *oracle {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	o := newOracle(t, cfg)
	for _, f := range fixtureBFiles {
		o.read(t, f.kind, filepath.Join(fixtureBDir, f.name))
	}
	o.attribute()
	return o
}

// oracleFilters are the reporting ranges, grains and filters compared.
var oracleFilters = []Filter{
	{Grain: GrainMonth},
	{Grain: GrainQuarter},
	{Grain: GrainYear},
	{Grain: GrainMonth, From: month("2024-02"), To: month("2024-10"), Org: "o1"},
	{Grain: GrainMonth, From: month("2024-02"), To: month("2024-10"), Service: "startlan"},
	{Grain: GrainMonth, From: month("2024-02"), To: month("2024-10")},
	{Grain: GrainQuarter, From: month("2024-02"), To: month("2024-10")}, // cuts 2024-Q1 and 2024-Q4
	{Grain: GrainYear, Org: "o2", Service: "byggesak"},
	{Grain: GrainMonth, From: month("2023-12"), To: month("2024-01")}, // across the year boundary
	{Grain: GrainQuarter, From: month("2024-06")},                     // open end
	{Grain: GrainMonth, To: month("2024-03"), Org: "o2"},              // open start
}

func filterName(f Filter) string {
	s := string(f.Grain)
	if !f.From.IsZero() {
		s += " from " + f.From.Format("2006-01")
	}
	if !f.To.IsZero() {
		s += " to " + f.To.Format("2006-01")
	}
	if f.Org != "" {
		s += " org " + f.Org
	}
	if f.Service != "" {
		s += " service " + f.Service
	}
	return s
}

func TestOracleFixtureB(t *testing.T) {
	d, o := loadFixtureB(t, fixtureBConfig())
	for _, f := range oracleFilters {
		t.Run(filterName(f), func(t *testing.T) { compareAll(t, d, o, f) })
	}
}

func TestOracleFixtureBAltConfig(t *testing.T) {
	d, o := loadFixtureB(t, fixtureBAltConfig())
	for _, f := range []Filter{
		{Grain: GrainMonth},
		{Grain: GrainQuarter, From: month("2024-02"), To: month("2024-10"), Org: "o2"},
		{Grain: GrainMonth, From: month("2024-02"), To: month("2024-10")},
		{Grain: GrainYear, Service: "byggesak"},
	} {
		t.Run(filterName(f), func(t *testing.T) { compareAll(t, d, o, f) })
	}
}

// TestFixtureBShape guards the fixture's purpose: if it is regenerated,
// every case it exists for must still be in it.
func TestFixtureBShape(t *testing.T) {
	o := oracleFixtureB(t, fixtureBConfig())
	rules := map[int]int{}
	orphans, caseLinkedWithOwnFields := 0, 0
	for _, r := range o.regs {
		for _, p := range r.parts {
			rules[p.rule]++
		}
		if r.orphan {
			orphans++
		}
		if len(r.parts) > 0 && r.parts[0].rule == 1 && r.service != "" {
			caseLinkedWithOwnFields++
		}
	}
	if rules[1] == 0 || rules[2] == 0 || rules[3] == 0 || rules[4] == 0 || orphans == 0 || caseLinkedWithOwnFields == 0 {
		t.Errorf("attribution rules %v, orphans %d, case-linked with own service %d", rules, orphans, caseLinkedWithOwnFields)
	}
	// Rule 3 with no submissions that month (→ unattributed), and a
	// case-linked registration whose work month is not the submission's.
	var rule3Unattributed, crossMonth, fractional bool
	for _, r := range o.regs {
		if r.service != "" && r.channel == "" && r.caseMatches == 0 && r.parts[0].rule == 4 {
			rule3Unattributed = true
		}
		if r.caseMatches > 0 && !monthOf(r.day).Equal(monthOf(r.parts[0].sub.recv)) {
			crossMonth = true
		}
		if r.minutes != math.Trunc(r.minutes) {
			fractional = true
		}
	}
	if !rule3Unattributed || !crossMonth || !fractional {
		t.Errorf("rule 3 unattributed %v, cross-month case time %v, fractional minutes %v", rule3Unattributed, crossMonth, fractional)
	}
	// Shared case ids: one shared by 3 submissions; a case id string used
	// in both orgs, with time in both.
	var triple bool
	inOrgs := map[string]map[string]bool{}
	for k, subs := range o.byCase {
		if len(subs) == 3 {
			triple = true
		}
		if inOrgs[k[1]] == nil {
			inOrgs[k[1]] = map[string]bool{}
		}
		inOrgs[k[1]][k[0]] = true
	}
	bothOrgs := 0
	for _, r := range o.regs {
		if r.caseMatches > 0 && len(inOrgs[r.caseID]) == 2 {
			bothOrgs++
		}
	}
	if !triple || bothOrgs == 0 {
		t.Errorf("triple shared case %v, case-linked registrations on a case id used in both orgs %d", triple, bothOrgs)
	}
	// Timestamps: weekends, holidays, the office-hour edges, offsets.
	seen := map[string]bool{}
	for _, s := range o.subs {
		wd := s.recv.Weekday()
		clock := s.recv.Format("15:04:05")
		switch {
		case wd == time.Saturday || wd == time.Sunday:
			seen["weekend"] = true
		case o.cfg.holidays[s.recv.Format(time.DateOnly)]:
			seen["holiday"] = true
		}
		if clock == "08:00:00" || clock == "15:30:00" {
			seen[clock] = true
		}
		if s.offset {
			seen["offset"] = true
		}
		if !s.decided {
			seen["undecided"] = true
		}
	}
	for _, k := range []string{"weekend", "holiday", "08:00:00", "15:30:00", "offset", "undecided"} {
		if !seen[k] {
			t.Errorf("no submission with %s", k)
		}
	}
	// Every baseline basis, and a metric cell with pooled time but no submissions.
	bases := map[string]bool{}
	for _, f := range oracleFilters {
		for _, b := range o.benefits(f) {
			bases[b.BaselineBasis] = true
		}
	}
	for _, k := range []string{basisWindow, basisRange, basisAll, basisNone} {
		if !bases[k] {
			t.Errorf("no benefit row with baseline basis %q", k)
		}
	}
	// The alternative config: exactly min_submissions baseline-channel
	// submissions still make a baseline; a window without data does not.
	alt := oracleFixtureB(t, fixtureBAltConfig())
	altBases := map[string]string{}
	for _, b := range alt.benefits(Filter{Grain: GrainYear}) {
		altBases[b.Org+" "+b.Service] = b.BaselineBasis
	}
	if altBases["o1 startlan"] != basisRange || alt.basisN[[2]string{"o1", "startlan"}] != 12 || altBases["o1 byggesak"] != basisNone {
		t.Errorf("alt config bases %v, o1 startlan n %d", altBases, alt.basisN[[2]string{"o1", "startlan"}])
	}
	// The interval and 12-month columns are compared with values, not
	// only with nulls.
	var ci, roll, mci bool
	for _, b := range o.benefits(Filter{Grain: GrainMonth}) {
		ci = ci || b.MinutesSavedCILow.Valid
		roll = roll || b.ValueSaved12m.Valid
	}
	for _, r := range o.metrics(Filter{Grain: GrainQuarter}) {
		mci = mci || r.MinutesPerSubmissionCILow.Valid
	}
	if !ci || !roll || !mci {
		t.Errorf("benefit intervals %v, 12-month totals %v, metric intervals %v", ci, roll, mci)
	}
	zero := false
	for _, r := range o.metrics(Filter{Grain: GrainMonth}) {
		if r.Submissions == 0 {
			zero = true
		}
	}
	if !zero {
		t.Error("no metric cell with pooled time and no submissions")
	}
	if n := len(o.subs); n < 280 || n > 330 {
		t.Errorf("%d submissions, want about 300", n)
	}
	if n := len(o.regs); n < 1100 || n > 1300 {
		t.Errorf("%d time registrations, want about 1200", n)
	}
}

// TestMixSharesZeroNotNull is the smallest case of a disagreement the
// oracle found (SPEC §4: digital_share = Σ non-baseline-channel
// submissions / submissions; target_share = target-channel submissions /
// submissions): a cell with one paper submission has digital and target
// share 0, not null. mix.sql sums with FILTER over the window, and a sum
// over no rows is NULL when no row of the (org, service, period) has a
// non-baseline (or the target) channel at all.
func TestMixSharesZeroNotNull(t *testing.T) {
	d := openTest(t, config.Config{})
	importTest(t, d, KindSubmissions, writeFile(t, "s.csv",
		"submission_id,org,service,channel,received_at\ns1,k1,bh,paper,2024-01-10 09:00:00\n"))
	rows, err := d.Mix(context.Background(), Filter{Grain: GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Submissions != 1 {
		t.Fatalf("mix rows %+v, want one row with 1 submission", rows)
	}
	wantNull(t, "digital_share", rows[0].DigitalShare, 0)
	wantNull(t, "target_share", rows[0].TargetShare, 0)
}

// ---------------------------------------------------------------------
// Comparison.

func compareAll(t *testing.T, d *DB, o *oracle, f Filter) {
	ctx := context.Background()

	gotM, err := d.Metrics(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	compareRows(t, "metrics", model.MetricColumns, 4, rowValues(gotM), rowValues(o.metrics(f)))

	gotB, err := d.Benefits(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	wantB := o.benefits(f)
	// baseline_basis is free text: compare it by what it must say.
	basisCol := slices.Index(model.BenefitColumns, "baseline_basis")
	drop := func(rows [][]any) [][]any {
		for i := range rows {
			rows[i] = slices.Delete(rows[i], basisCol, basisCol+1)
		}
		return rows
	}
	bcols := slices.Delete(slices.Clone(model.BenefitColumns), basisCol, basisCol+1)
	compareRows(t, "benefits", bcols, 3, drop(rowValues(gotB)), drop(rowValues(wantB)))
	want := map[string]model.BenefitRow{}
	for _, w := range wantB {
		want[w.Org+"|"+w.Service] = w
	}
	for _, g := range gotB {
		w, ok := want[g.Org+"|"+g.Service]
		if !ok {
			continue // reported by compareRows
		}
		n := o.basisN[[2]string{g.Org, g.Service}]
		var markers []string
		switch w.BaselineBasis {
		case basisWindow:
			markers = []string{"baseline window", fmt.Sprintf("(%d submissions", n)}
		case basisRange:
			markers = []string{o.cfg.baseline, "reporting range", fmt.Sprintf("(%d submissions", n)}
		case basisAll:
			markers = []string{o.cfg.baseline, "all loaded data", fmt.Sprintf("(%d submissions", n)}
		case basisNone:
			markers = []string{"not computable"}
		}
		for _, m := range markers {
			if !strings.Contains(g.BaselineBasis, m) {
				t.Errorf("benefits %s %s %s: baseline_basis %q, want %s (%q)", g.Org, g.Service, g.Period, g.BaselineBasis, w.BaselineBasis, m)
			}
		}
		if w.BaselineBasis == basisNone && !strings.HasPrefix(g.BaselineBasis, "not computable") {
			t.Errorf("benefits %s %s %s: baseline_basis %q does not start with \"not computable\"", g.Org, g.Service, g.Period, g.BaselineBasis)
		}
	}

	gotMix, err := d.Mix(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	compareMix(t, gotMix, o.mix(f))

	gotA, err := d.Activities(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	cols := []string{"org", "service", "channel", "period", "activity", "role", "staff_minutes", "employees"}
	compareRows(t, "activities", cols, 6, activityValues(gotA), activityValues(o.activities(f)))

	t.Logf("compared %d metric, %d benefit, %d mix and %d activity rows", len(gotM), len(gotB), len(gotMix), len(gotA))

	gotQ, err := d.Quality(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	wantQ := o.quality(f)
	qcols := []string{"total_minutes", "case_linked_minutes", "pooled_minutes", "unattributed_minutes",
		"unattributed_rows", "orphan_rows", "orphan_minutes", "submissions", "timed_submissions", "shared_case_ids"}
	compareRows(t, "quality", qcols, 0, [][]any{qualityValues(gotQ)}, [][]any{qualityValues(wantQ)})
}

func rowValues[R interface{ Values() []any }](rows []R) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = r.Values()
	}
	return out
}

func activityValues(rows []model.ActivityRow) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.Org, r.Service, r.Channel, r.Period, r.Activity, r.Role, r.StaffMinutes, r.Employees}
	}
	return out
}

func qualityValues(q model.Quality) []any {
	return []any{q.TotalMinutes, q.CaseLinkedMinutes, q.PooledMinutes, q.UnattributedMinutes,
		q.UnattributedRows, q.OrphanRows, q.OrphanMinutes, q.Submissions, q.TimedSubmissions, q.SharedCaseIDs}
}

// compareRows matches got and want rows on their first nKey (string)
// columns, requires the same key sets and got sorted by key (SPEC §6),
// and compares every other column: ints exactly, floats to 1e-9 relative,
// nulls as nulls.
func compareRows(t *testing.T, what string, cols []string, nKey int, got, want [][]any) {
	t.Helper()
	key := func(r []any) string {
		parts := make([]string, nKey)
		for i := range nKey {
			parts[i] = r[i].(string)
		}
		return strings.Join(parts, " ")
	}
	wantBy := map[string][]any{}
	for _, w := range want {
		wantBy[key(w)] = w
	}
	gotBy := map[string][]any{}
	var prev []any
	for _, g := range got {
		k := key(g)
		if _, dup := gotBy[k]; dup {
			t.Errorf("%s: duplicate row %s", what, k)
		}
		gotBy[k] = g
		if prev != nil && slices.Compare(keyStrings(prev, nKey), keyStrings(g, nKey)) >= 0 {
			t.Errorf("%s: row %s is not after row %s (rows must be sorted by the grain columns)", what, k, key(prev))
		}
		prev = g
	}
	errs := 0
	report := func(format string, args ...any) {
		errs++
		if errs <= 40 {
			t.Errorf(format, args...)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(wantBy)) {
		if _, ok := gotBy[k]; !ok {
			report("%s: missing row %s: want %v", what, k, wantBy[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(gotBy)) {
		w, ok := wantBy[k]
		if !ok {
			report("%s: unexpected row %s: got %v", what, k, gotBy[k])
			continue
		}
		g := gotBy[k]
		for i := nKey; i < len(cols); i++ {
			if msg := diffValue(g[i], w[i]); msg != "" {
				report("%s %s: %s %s", what, k, cols[i], msg)
			}
		}
	}
	if errs > 40 {
		t.Errorf("%s: %d differences in all", what, errs)
	}
}

func keyStrings(r []any, n int) []string {
	out := make([]string, n)
	for i := range n {
		out[i] = r[i].(string)
	}
	return out
}

func diffValue(got, want any) string {
	switch w := want.(type) {
	case string:
		if g := got.(string); g != w {
			return fmt.Sprintf("= %q, want %q", g, w)
		}
	case int64:
		if g := got.(int64); g != w {
			return fmt.Sprintf("= %d, want %d", g, w)
		}
	case float64:
		if g := got.(float64); !near(g, w) {
			return fmt.Sprintf("= %v, want %v", g, w)
		}
	case bool:
		if g := got.(bool); g != w {
			return fmt.Sprintf("= %v, want %v", g, w)
		}
	case model.NullInt:
		if g := got.(model.NullInt); g != w {
			return fmt.Sprintf("= %v, want %v", g, w)
		}
	case model.NullBool:
		if g := got.(model.NullBool); g != w {
			return fmt.Sprintf("= %v, want %v", g, w)
		}
	case model.Null:
		g := got.(model.Null)
		switch {
		case !w.Valid && g.Valid:
			return fmt.Sprintf("= %v, want null", g.Float64)
		case w.Valid && !g.Valid:
			return fmt.Sprintf("= null, want %v", w.Float64)
		case w.Valid && !near(g.Float64, w.Float64):
			return fmt.Sprintf("= %v, want %v", g.Float64, w.Float64)
		}
	default:
		panic(fmt.Sprintf("diffValue: %T", want))
	}
	return ""
}

// compareMix compares the channel mix; a channel listed with 0
// submissions counts as absent.
func compareMix(t *testing.T, got, want []model.MixRow) {
	t.Helper()
	row := func(r model.MixRow) []any {
		var counts []string
		for _, ch := range slices.Sorted(maps.Keys(r.ByChannel)) {
			if r.ByChannel[ch] != 0 {
				counts = append(counts, fmt.Sprintf("%s=%d", ch, r.ByChannel[ch]))
			}
		}
		return []any{r.Org, r.Service, r.Period, r.Submissions, strings.Join(counts, ","), r.DigitalShare, r.TargetShare}
	}
	conv := func(rows []model.MixRow) [][]any {
		out := make([][]any, len(rows))
		for i, r := range rows {
			out[i] = row(r)
		}
		return out
	}
	cols := []string{"org", "service", "period", "submissions", "by_channel", "digital_share", "target_share"}
	compareRows(t, "mix", cols, 3, conv(got), conv(want))
}

// ---------------------------------------------------------------------
// The oracle: SPEC §2–§5 from the words, over the CSV files.

type oracleConfig struct {
	defaultOrg             string
	loc                    *time.Location
	baseline, target       string
	officeStart, officeEnd time.Duration
	holidays               map[string]bool // YYYY-MM-DD
	minSubmissions         int
	windows                map[string][2]time.Time // service → first, last month
	cashShare              map[string]float64
	rates, unitCost        map[string]float64
	hoursPerFTE            float64
}

type oSub struct {
	org, id, service, channel, caseID string
	recv, dec                         time.Time // local wall-clock, kept in UTC
	decided, offset                   bool
}

type oReg struct {
	org, id, employee, role, activity, caseID, service, channel string
	day                                                         time.Time
	minutes                                                     float64
	// Filled by attribute.
	caseMatches int
	orphan      bool
	parts       []oPart
}

// oPart is one place (some of) a registration's minutes went.
type oPart struct {
	rule                  int
	org, service, channel string // channel "" for rule 4
	month                 time.Time
	minutes               float64
	sub                   *oSub // rule 1
}

type oCellKey struct {
	org, service, channel string
	month                 time.Time
}

type oCell struct {
	subs      []*oSub
	minutes   float64 // §3 rules 1–3
	staffCost float64
	hasTime   bool
}

type oracle struct {
	cfg   oracleConfig
	subs  []*oSub
	regs  []*oReg
	subBy map[[2]string]*oSub // (org, submission_id), later import replaces
	regBy map[[2]string]*oReg // (org, registration_id)

	byCase      map[[2]string][]*oSub // (org, case_id)
	caseMinutes map[*oSub]float64
	cells       map[oCellKey]*oCell
	first, last time.Time // months holding any data
	// basisN is the submission count behind each (org, service)'s
	// baseline in the last benefits call.
	basisN map[[2]string]int64
}

func newOracle(t *testing.T, c config.Config) *oracle {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		t.Fatal(err)
	}
	clock := func(s string) time.Duration {
		h, _ := strconv.Atoi(s[:2])
		m, _ := strconv.Atoi(s[3:5])
		return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	}
	oc := oracleConfig{
		defaultOrg: c.Org, loc: loc,
		baseline: c.Channels.Baseline, target: c.Channels.Target,
		officeStart: clock(c.OfficeHours.Start), officeEnd: clock(c.OfficeHours.End),
		holidays:       map[string]bool{},
		minSubmissions: c.Baseline.MinSubmissions,
		windows:        map[string][2]time.Time{},
		cashShare:      map[string]float64{},
		rates:          c.Costs.HourlyRates,
		unitCost:       c.Costs.ChannelUnitCosts,
		hoursPerFTE:    c.HoursPerFTE,
	}
	if c.OfficeHours.Holidays == "norway" {
		// Written out by hand (not from NorwegianHolidays): the Norwegian
		// public holidays of the years the fixture touches.
		for _, d := range []string{
			"2023-01-01", "2023-04-06", "2023-04-07", "2023-04-09", "2023-04-10", "2023-05-01", "2023-05-17",
			"2023-05-18", "2023-05-28", "2023-05-29", "2023-12-25", "2023-12-26",
			"2024-01-01", "2024-03-28", "2024-03-29", "2024-03-31", "2024-04-01", "2024-05-01", "2024-05-09",
			"2024-05-17", "2024-05-19", "2024-05-20", "2024-12-25", "2024-12-26",
			"2025-01-01", "2025-04-17", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-17",
			"2025-05-29", "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26",
		} {
			oc.holidays[d] = true
		}
	}
	for _, d := range c.OfficeHours.ExtraHolidays {
		oc.holidays[d] = true
	}
	for code, s := range c.Services {
		oc.cashShare[code] = s.CashShare
		if s.BaselineWindow != nil {
			f, _ := time.Parse("2006-01", s.BaselineWindow.From)
			l, _ := time.Parse("2006-01", s.BaselineWindow.To)
			oc.windows[code] = [2]time.Time{f, l}
		}
	}
	return &oracle{cfg: oc, subBy: map[[2]string]*oSub{}, regBy: map[[2]string]*oReg{}}
}

// readCSV returns the rows of a canonical CSV file as maps by column name.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for i, h := range header {
			m[h] = strings.TrimSpace(rec[i])
		}
		out = append(out, m)
	}
}

// parseLocal reads a timestamp as local wall-clock time (SPEC §2.1): one
// with an offset or Z is converted to the configured zone.
func (o *oracle) parseLocal(s string) (t time.Time, offset bool, err error) {
	if u, err := time.Parse(time.RFC3339, s); err == nil {
		l := u.In(o.cfg.loc)
		return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC), true, nil
	}
	for _, layout := range []string{time.DateTime, "2006-01-02T15:04:05", "02.01.2006 15:04:05", "02.01.2006 15:04"} {
		if v, err := time.Parse(layout, s); err == nil {
			return v, false, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("not a timestamp with a time: %q", s)
}

func parseDay(s string) (time.Time, error) {
	if v, err := time.Parse(time.DateOnly, s); err == nil {
		return v, nil
	}
	return time.Parse("02.01.2006", s)
}

func (o *oracle) read(t *testing.T, kind Kind, path string) {
	t.Helper()
	org := func(s string) string { return cmp.Or(s, o.cfg.defaultOrg) }
	for i, r := range readCSV(t, path) {
		where := fmt.Sprintf("%s line %d", path, i+2)
		switch kind {
		case KindSubmissions:
			s := &oSub{org: org(r["org"]), id: r["submission_id"], service: r["service"], channel: r["channel"], caseID: r["case_id"]}
			var err error
			if s.recv, s.offset, err = o.parseLocal(r["received_at"]); err != nil {
				t.Fatal(where, err)
			}
			if r["decided_at"] != "" {
				if s.dec, _, err = o.parseLocal(r["decided_at"]); err != nil {
					t.Fatal(where, err)
				}
				s.decided = true
			}
			k := [2]string{s.org, s.id}
			if prev := o.subBy[k]; prev != nil {
				*prev = *s // SPEC §2.1: the later import replaces
			} else {
				o.subBy[k] = s
				o.subs = append(o.subs, s)
			}
		case KindTime:
			g := &oReg{org: org(r["org"]), id: r["registration_id"], employee: r["employee"], role: r["role"],
				activity: r["activity"], caseID: r["case_id"], service: r["service"], channel: r["channel"]}
			var err error
			if g.day, err = parseDay(r["work_date"]); err != nil {
				t.Fatal(where, err)
			}
			if g.minutes, err = strconv.ParseFloat(r["minutes"], 64); err != nil || g.minutes <= 0 || g.minutes > 1440 {
				t.Fatal(where, "minutes", r["minutes"], err)
			}
			k := [2]string{g.org, g.id}
			if prev := o.regBy[k]; prev != nil {
				*prev = *g // SPEC §2.2: the same key replaces
			} else {
				o.regBy[k] = g
				o.regs = append(o.regs, g)
			}
		}
	}
}

func monthOf(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }

// attribute sends every registration to exactly one place (SPEC §3) and
// builds the month cells.
func (o *oracle) attribute() {
	o.byCase = map[[2]string][]*oSub{}
	o.caseMinutes = map[*oSub]float64{}
	o.cells = map[oCellKey]*oCell{}
	cell := func(k oCellKey) *oCell {
		if o.cells[k] == nil {
			o.cells[k] = &oCell{}
		}
		return o.cells[k]
	}
	for _, s := range o.subs {
		if s.caseID != "" {
			k := [2]string{s.org, s.caseID}
			o.byCase[k] = append(o.byCase[k], s)
		}
		c := cell(oCellKey{s.org, s.service, s.channel, monthOf(s.recv)})
		c.subs = append(c.subs, s)
		o.see(monthOf(s.recv))
	}
	for _, g := range o.regs {
		o.see(monthOf(g.day))
		var matches []*oSub
		if g.caseID != "" {
			matches = o.byCase[[2]string{g.org, g.caseID}]
			g.orphan = len(matches) == 0
		}
		g.caseMatches = len(matches)
		work := monthOf(g.day)
		switch {
		case len(matches) > 0: // rule 1: split equally over the case's submissions
			for _, s := range matches {
				share := g.minutes / float64(len(matches))
				g.parts = append(g.parts, oPart{1, s.org, s.service, s.channel, monthOf(s.recv), share, s})
				o.caseMinutes[s] += share
			}
		case g.service != "" && g.channel != "": // rule 2
			g.parts = append(g.parts, oPart{2, g.org, g.service, g.channel, work, g.minutes, nil})
		case g.service != "": // rule 3: by that month's submission counts per channel
			counts := map[string]int{}
			total := 0
			for _, s := range o.subs {
				if s.org == g.org && s.service == g.service && monthOf(s.recv).Equal(work) {
					counts[s.channel]++
					total++
				}
			}
			if total == 0 {
				g.parts = append(g.parts, oPart{4, g.org, g.service, "", work, g.minutes, nil})
			}
			for _, ch := range slices.Sorted(maps.Keys(counts)) {
				g.parts = append(g.parts, oPart{3, g.org, g.service, ch, work, g.minutes * float64(counts[ch]) / float64(total), nil})
			}
		default: // rule 4
			g.parts = append(g.parts, oPart{4, g.org, g.service, "", work, g.minutes, nil})
		}
		for _, p := range g.parts {
			if p.rule == 4 {
				continue
			}
			c := cell(oCellKey{p.org, p.service, p.channel, p.month})
			c.minutes += p.minutes
			c.staffCost += p.minutes / 60 * o.cfg.rates[g.role]
			c.hasTime = true
		}
	}
}

func (o *oracle) see(m time.Time) {
	if o.first.IsZero() || m.Before(o.first) {
		o.first = m
	}
	if o.last.IsZero() || m.After(o.last) {
		o.last = m
	}
}

// span is a filter's reporting range; a zero end means the first/last
// month holding data (submissions or time registrations).
func (o *oracle) span(f Filter) (from, to time.Time) {
	from, to = f.From, f.To
	if from.IsZero() {
		from = o.first
	}
	if to.IsZero() {
		to = o.last
	}
	return from, to
}

func inSpan(m, from, to time.Time) bool { return !m.Before(from) && !m.After(to) }

func periodOf(g Grain, m time.Time) string {
	switch g {
	case GrainQuarter:
		return fmt.Sprintf("%d-Q%d", m.Year(), (int(m.Month())+2)/3)
	case GrainYear:
		return strconv.Itoa(m.Year())
	}
	return m.Format("2006-01")
}

func (o *oracle) isAfterHours(ts time.Time) bool {
	if ts.Weekday() == time.Saturday || ts.Weekday() == time.Sunday || o.cfg.holidays[ts.Format(time.DateOnly)] {
		return true
	}
	clock := time.Duration(ts.Hour())*time.Hour + time.Duration(ts.Minute())*time.Minute + time.Duration(ts.Second())*time.Second
	return clock < o.cfg.officeStart || clock >= o.cfg.officeEnd
}

// workMinutes walks the days from a to b and sums the office minutes of
// the working days (not weekends or holidays) that lie between them.
func (o *oracle) workMinutes(a, b time.Time) float64 {
	var m float64
	for d := a.Truncate(24 * time.Hour); d.Before(b); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || o.cfg.holidays[d.Format(time.DateOnly)] {
			continue
		}
		lo, hi := d.Add(o.cfg.officeStart), d.Add(o.cfg.officeEnd)
		if a.After(lo) {
			lo = a
		}
		if b.Before(hi) {
			hi = b
		}
		if hi.After(lo) {
			m += hi.Sub(lo).Minutes()
		}
	}
	return m
}

// quantile is the continuous quantile with linear interpolation (numpy's default).
func quantile(xs []float64, q float64) model.Null {
	if len(xs) == 0 {
		return model.Null{}
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	pos := q * float64(len(s)-1)
	lo := math.Floor(pos)
	hi := math.Ceil(pos)
	return model.Some(s[int(lo)] + (pos-lo)*(s[int(hi)]-s[int(lo)]))
}

func ratio(a, b float64) model.Null {
	if b == 0 {
		return model.Null{}
	}
	return model.Some(a / b)
}

// tHalf is the half-width of the 95 % t-interval of the mean of xs:
// t(0.975, n−1) × s/√n with the sample standard deviation s (n − 1 in the
// denominator); ok is false for fewer than two values.
func tHalf(xs []float64) (h float64, ok bool) {
	n := float64(len(xs))
	if len(xs) < 2 {
		return 0, false
	}
	mean := 0.0
	for _, x := range xs {
		mean += x
	}
	mean /= n
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return TQuantile(0.975, n-1) * math.Sqrt(ss/(n-1)) / math.Sqrt(n), true
}

// agg is a sum over month cells.
type agg struct {
	subs    []*oSub
	minutes float64
	cost    float64 // staff cost
	unit    float64 // submissions × channel unit cost
	any     bool
}

func (a *agg) add(c *oCell, unitCost float64) {
	a.subs = append(a.subs, c.subs...)
	a.minutes += c.minutes
	a.cost += c.staffCost
	a.unit += float64(len(c.subs)) * unitCost
	a.any = true
}

func (o *oracle) wanted(f Filter, org, service string) bool {
	return (f.Org == "" || f.Org == org) && (f.Service == "" || f.Service == service)
}

// metrics is SPEC §4 at grain (org, service, channel, period).
func (o *oracle) metrics(f Filter) []model.MetricRow {
	from, to := o.span(f)
	type key struct{ org, service, channel, period string }
	groups := map[key]*agg{}
	for k, c := range o.cells {
		if !inSpan(k.month, from, to) || !o.wanted(f, k.org, k.service) {
			continue
		}
		gk := key{k.org, k.service, k.channel, periodOf(f.Grain, k.month)}
		if groups[gk] == nil {
			groups[gk] = &agg{}
		}
		groups[gk].add(c, o.cfg.unitCost[k.channel])
	}
	var out []model.MetricRow
	for k, a := range groups {
		n := float64(len(a.subs))
		r := model.MetricRow{Org: k.org, Service: k.service, Channel: k.channel, Period: k.period,
			Submissions: int64(len(a.subs)), StaffMinutes: a.minutes}
		var caseMins, leads, workLeads []float64
		var touch, touchWork float64
		after := 0
		day := (o.cfg.officeEnd - o.cfg.officeStart).Minutes()
		for _, s := range a.subs {
			if s.decided {
				r.Decided++
				leads = append(leads, s.dec.Sub(s.recv).Seconds()/86400)
				w := o.workMinutes(s.recv, s.dec)
				workLeads = append(workLeads, w/day)
				if m, timed := o.caseMinutes[s]; timed && w > 0 {
					touch += m
					touchWork += w
				}
			}
			if m, timed := o.caseMinutes[s]; timed {
				r.TimedSubmissions++
				caseMins = append(caseMins, m)
			}
			if o.isAfterHours(s.recv) {
				after++
			}
		}
		r.MinutesPerSubmission = ratio(a.minutes, n)
		r.TimedCoverage = ratio(float64(r.TimedSubmissions), n)
		r.MedianCaseMinutes, r.P90CaseMinutes = quantile(caseMins, 0.5), quantile(caseMins, 0.9)
		r.LeadTimeMedianDays, r.LeadTimeP90Days = quantile(leads, 0.5), quantile(leads, 0.9)
		r.LeadTimeMedianWorkingDays, r.LeadTimeP90WorkingDays = quantile(workLeads, 0.5), quantile(workLeads, 0.9)
		r.TouchTimeShare = ratio(touch, touchWork)
		r.AfterHoursShare = ratio(float64(after), n)
		r.StaffCost = model.Some(a.cost)
		r.CostPerSubmission = ratio(a.cost+a.unit, n)
		// §5 uncertainty: minutes per submission ± t(0.975, n−1) × s/√n
		// of the case-linked minutes of the timed submissions.
		r.CIN, r.CISmallN = int64(len(caseMins)), len(caseMins) < 30
		if h, ok := tHalf(caseMins); ok && r.MinutesPerSubmission.Valid {
			r.MinutesPerSubmissionCILow = model.Some(r.MinutesPerSubmission.Float64 - h)
			r.MinutesPerSubmissionCIHigh = model.Some(r.MinutesPerSubmission.Float64 + h)
		}
		out = append(out, r)
	}
	return out
}

// The baseline bases of SPEC §5.
const (
	basisWindow = "baseline window"
	basisRange  = "baseline channel, reporting range"
	basisAll    = "baseline channel, all loaded data"
	basisNone   = "not computable"
)

// benefits is SPEC §5 at grain (org, service, period).
func (o *oracle) benefits(f Filter) []model.BenefitRow {
	from, to := o.span(f)
	// Sums per (org, service[, channel]) over the range, over all data,
	// and over the service's baseline window.
	type os2 = [2]string
	type os3 = [3]string
	inRange, window := map[os2]*agg{}, map[os2]*agg{}
	chanRange, chanAll := map[os2]*agg{}, map[os2]*agg{}
	unitRange := map[os3]*agg{}
	get := func(m map[os2]*agg, k os2) *agg {
		if m[k] == nil {
			m[k] = &agg{}
		}
		return m[k]
	}
	for k, c := range o.cells {
		u := o.cfg.unitCost[k.channel]
		k2 := os2{k.org, k.service}
		if inSpan(k.month, from, to) {
			get(inRange, k2).add(c, u)
			if unitRange[os3{k.org, k.service, k.channel}] == nil {
				unitRange[os3{k.org, k.service, k.channel}] = &agg{}
			}
			unitRange[os3{k.org, k.service, k.channel}].add(c, u)
			if k.channel == o.cfg.baseline {
				get(chanRange, k2).add(c, u)
			}
		}
		if k.channel == o.cfg.baseline {
			get(chanAll, k2).add(c, u)
		}
		if w, ok := o.cfg.windows[k.service]; ok && inSpan(k.month, w[0], w[1]) {
			get(window, k2).add(c, u)
		}
	}
	type base struct {
		b, bc model.Null
		basis string
		h     float64 // half-width of B's 95 % interval
		hOK   bool
		n     int64      // timed submissions behind B
		rate  model.Null // staff cost per staff minute behind B
	}
	bases := map[os2]base{}
	o.basisN = map[os2]int64{}
	for k := range inRange {
		var src *agg
		var basis string
		if _, ok := o.cfg.windows[k[1]]; ok {
			if w := window[k]; w != nil && len(w.subs) > 0 {
				src, basis = w, basisWindow
			}
		} else if c := chanRange[k]; c != nil && len(c.subs) >= o.cfg.minSubmissions {
			src, basis = c, basisRange
		} else if c := chanAll[k]; c != nil && len(c.subs) >= o.cfg.minSubmissions {
			src, basis = c, basisAll
		}
		if src == nil {
			bases[k] = base{basis: basisNone}
			continue
		}
		n := float64(len(src.subs))
		var caseMins []float64
		for _, s := range src.subs {
			if m, timed := o.caseMinutes[s]; timed {
				caseMins = append(caseMins, m)
			}
		}
		h, hOK := tHalf(caseMins)
		bases[k] = base{model.Some(src.minutes / n), model.Some((src.cost + src.unit) / n), basis, h, hOK, int64(len(caseMins)), model.Null{}}
		if src.minutes > 0 {
			bb := bases[k]
			bb.rate = model.Some(src.cost / src.minutes)
			bases[k] = bb
		}
		o.basisN[k] = int64(len(src.subs))
	}
	// Per (org, service, period), with the per-channel sums for potential.
	type pk struct{ org, service, period string }
	per := map[pk]map[string]*agg{}
	for k, c := range o.cells {
		if !inSpan(k.month, from, to) || !o.wanted(f, k.org, k.service) {
			continue
		}
		p := pk{k.org, k.service, periodOf(f.Grain, k.month)}
		if per[p] == nil {
			per[p] = map[string]*agg{}
		}
		if per[p][k.channel] == nil {
			per[p][k.channel] = &agg{}
		}
		per[p][k.channel].add(c, o.cfg.unitCost[k.channel])
	}
	nul := model.Null{}
	var out []model.BenefitRow
	for p, chans := range per {
		b := bases[os2{p.org, p.service}]
		var subs, actual, cost float64
		for _, a := range chans {
			subs += float64(len(a.subs))
			actual += a.minutes
			cost += a.cost + a.unit
		}
		r := model.BenefitRow{Org: p.org, Service: p.service, Period: p.period, Submissions: int64(subs),
			ActualMinutes: actual, BaselineMinutes: b.b, BaselineBasis: b.basis}
		r.CounterfactualMinutes, r.MinutesSaved, r.HoursSaved, r.FTESaved = nul, nul, nul, nul
		r.ValueSaved, r.CashReleasing, r.CapacityFreed = nul, nul, nul
		if b.b.Valid {
			cf := subs * b.b.Float64
			saved := cf - actual
			r.CounterfactualMinutes = model.Some(cf)
			r.MinutesSaved = model.Some(saved)
			r.HoursSaved = model.Some(saved / 60)
			r.FTESaved = model.Some(saved / 60 / o.cfg.hoursPerFTE)
		}
		if b.bc.Valid {
			value := subs*b.bc.Float64 - cost
			cash := value * o.cfg.cashShare[p.service]
			r.ValueSaved = model.Some(value)
			r.CashReleasing = model.Some(cash)
			r.CapacityFreed = model.Some(value - cash)
			r.BaselineCost = b.bc
			r.CounterfactualCost = model.Some(subs * b.bc.Float64)
			if b.hOK && b.rate.Valid {
				w := subs * b.h * b.rate.Float64
				r.ValueSavedCILow, r.ValueSavedCIHigh = model.Some(value-w), model.Some(value+w)
			}
		}
		r.ActualCost = model.Some(cost)
		if b.b.Valid {
			r.CIN = model.NullInt{Int64: b.n, Valid: true}
			r.CISmallN = model.NullBool{Bool: b.n < 30, Valid: true}
			if b.hOK {
				r.BaselineCILow, r.BaselineCIHigh = model.Some(b.b.Float64-b.h), model.Some(b.b.Float64+b.h)
				saved := r.MinutesSaved.Float64
				r.MinutesSavedCILow, r.MinutesSavedCIHigh = model.Some(saved-subs*b.h), model.Some(saved+subs*b.h)
			}
		}
		// Rolling 12 months to the period's last month in the range, over
		// all data; annualised run-rate = the period × 12 / its months.
		var last time.Time
		months := 0
		for m := from; !m.After(to); m = m.AddDate(0, 1, 0) {
			if periodOf(f.Grain, m) == p.period {
				last = m
				months++
			}
		}
		var s12, m12, c12 float64
		for k, c := range o.cells {
			if k.org == p.org && k.service == p.service && inSpan(k.month, last.AddDate(0, -11, 0), last) {
				s12 += float64(len(c.subs))
				m12 += c.minutes
				c12 += c.staffCost + float64(len(c.subs))*o.cfg.unitCost[k.channel]
			}
		}
		complete := !last.AddDate(0, -11, 0).Before(o.first)
		if b.b.Valid {
			saved := subs*b.b.Float64 - actual
			r.HoursSavedRunRate = model.Some(saved / 60 * 12 / float64(months))
			r.FTESavedRunRate = model.Some(saved / 60 / o.cfg.hoursPerFTE * 12 / float64(months))
			r.ValueSavedRunRate = model.Some((subs*b.bc.Float64 - cost) * 12 / float64(months))
			if complete {
				r.HoursSaved12m = model.Some((s12*b.b.Float64 - m12) / 60)
				r.FTESaved12m = model.Some((s12*b.b.Float64 - m12) / 60 / o.cfg.hoursPerFTE)
				r.ValueSaved12m = model.Some(s12*b.bc.Float64 - c12)
			}
		}
		// potential: Σ_c≠target submissions_c × (U_c − U_target), U over the range.
		unit := func(ch string) (float64, bool) {
			a := unitRange[os3{p.org, p.service, ch}]
			if a == nil || len(a.subs) == 0 {
				return 0, false
			}
			return a.minutes / float64(len(a.subs)), true
		}
		if ut, ok := unit(o.cfg.target); ok {
			pot := 0.0
			for ch, a := range chans {
				if ch == o.cfg.target || len(a.subs) == 0 {
					continue
				}
				uc, _ := unit(ch)
				pot += float64(len(a.subs)) * (uc - ut)
			}
			r.PotentialMinutes = model.Some(pot)
		}
		out = append(out, r)
	}
	return out
}

// mix is the channel mix at grain (org, service, period).
func (o *oracle) mix(f Filter) []model.MixRow {
	from, to := o.span(f)
	rows := map[[3]string]*model.MixRow{}
	for k, c := range o.cells {
		if !inSpan(k.month, from, to) || !o.wanted(f, k.org, k.service) {
			continue
		}
		rk := [3]string{k.org, k.service, periodOf(f.Grain, k.month)}
		if rows[rk] == nil {
			rows[rk] = &model.MixRow{Org: k.org, Service: k.service, Period: rk[2], ByChannel: map[string]int64{}}
		}
		rows[rk].ByChannel[k.channel] += int64(len(c.subs))
		rows[rk].Submissions += int64(len(c.subs))
	}
	var out []model.MixRow
	for _, r := range rows {
		var digital, target int64
		for ch, n := range r.ByChannel {
			if ch != o.cfg.baseline {
				digital += n
			}
			if ch == o.cfg.target {
				target += n
			}
		}
		r.DigitalShare = ratio(float64(digital), float64(r.Submissions))
		r.TargetShare = ratio(float64(target), float64(r.Submissions))
		out = append(out, *r)
	}
	return out
}

// activities is staff minutes by activity and role (rules 1–3).
func (o *oracle) activities(f Filter) []model.ActivityRow {
	from, to := o.span(f)
	type key struct{ org, service, channel, period, activity, role string }
	mins := map[key]float64{}
	emps := map[key]map[string]bool{}
	for _, g := range o.regs {
		for _, p := range g.parts {
			if p.rule == 4 || !inSpan(p.month, from, to) || !o.wanted(f, p.org, p.service) {
				continue
			}
			k := key{p.org, p.service, p.channel, periodOf(f.Grain, p.month), g.activity, g.role}
			mins[k] += p.minutes
			if emps[k] == nil {
				emps[k] = map[string]bool{}
			}
			emps[k][g.employee] = true
		}
	}
	var out []model.ActivityRow
	for k, m := range mins {
		out = append(out, model.ActivityRow{Org: k.org, Service: k.service, Channel: k.channel, Period: k.period,
			Activity: k.activity, Role: k.role, StaffMinutes: m, Employees: int64(len(emps[k]))})
	}
	return out
}

// quality is the attribution summary over the range and the org filter:
// minutes in the month they were attributed to (the submission's month for
// case-linked time, else the work month).
func (o *oracle) quality(f Filter) model.Quality {
	from, to := o.span(f)
	var q model.Quality
	for _, g := range o.regs {
		if f.Org != "" && g.org != f.Org {
			continue
		}
		unattributed, anyIn := false, false
		for _, p := range g.parts {
			if !inSpan(p.month, from, to) {
				continue
			}
			anyIn = true
			q.TotalMinutes += p.minutes
			switch p.rule {
			case 1:
				q.CaseLinkedMinutes += p.minutes
			case 2, 3:
				q.PooledMinutes += p.minutes
			case 4:
				q.UnattributedMinutes += p.minutes
				unattributed = true
			}
			if g.orphan {
				q.OrphanMinutes += p.minutes
			}
		}
		if unattributed {
			q.UnattributedRows++
		}
		if g.orphan && anyIn {
			q.OrphanRows++
		}
	}
	shared := map[[2]string]bool{}
	for _, s := range o.subs {
		if (f.Org != "" && s.org != f.Org) || !inSpan(monthOf(s.recv), from, to) {
			continue
		}
		q.Submissions++
		if _, timed := o.caseMinutes[s]; timed {
			q.TimedSubmissions++
		}
		if k := [2]string{s.org, s.caseID}; s.caseID != "" && len(o.byCase[k]) > 1 {
			shared[k] = true
		}
	}
	q.SharedCaseIDs = int64(len(shared))
	return q
}

// ---------------------------------------------------------------------
// The generator of testdata/fixture-b (run with -update-fixture-b).

type genSub struct {
	org, id, service, channel, recv, dec, caseID string
	wall                                         time.Time // as generated
}

type genReg struct {
	org, id, employee, role, day, minutes, caseID, service, channel, activity string
}

func writeFixtureB(dir string) error {
	r := rand.New(rand.NewPCG(20231101, 20241231))
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		return err
	}
	first := time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC)
	const months = 14
	var subs []*genSub
	nextSub, nextCase := map[string]int{}, map[string]int{}
	pick := func(weights map[string]float64) string {
		total := 0.0
		keys := slices.Sorted(maps.Keys(weights))
		for _, k := range keys {
			total += weights[k]
		}
		x := r.Float64() * total
		for _, k := range keys {
			if x < weights[k] {
				return k
			}
			x -= weights[k]
		}
		return keys[len(keys)-1]
	}
	// fmtTime writes a wall-clock time in one of the accepted forms.
	fmtTime := func(wall time.Time) string {
		k := r.IntN(20)
		switch {
		case k >= 3:
			return wall.Format(time.DateTime)
		case k == 0: // the same instant in UTC
			l := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, oslo)
			return l.UTC().Format(time.RFC3339)
		case k == 1: // the wall clock with a fixed +02:00 (an hour off in winter)
			return wall.Format("2006-01-02T15:04:05") + "+02:00"
		default:
			return wall.Format("02.01.2006 15:04")
		}
	}
	newSub := func(org, service, channel string) *genSub {
		nextSub[org]++
		s := &genSub{org: org, id: fmt.Sprintf("S%04d", nextSub[org]), service: service, channel: channel}
		if r.Float64() < 0.88 {
			nextCase[org]++
			s.caseID = fmt.Sprintf("SAK-%04d", nextCase[org])
		}
		subs = append(subs, s)
		return s
	}
	decide := func(s *genSub) {
		if r.Float64() < 0.75 {
			lead := 0.1 + r.Float64()*r.Float64()*40
			dec := s.wall.Add(time.Duration(lead * 86400 * float64(time.Second))).Truncate(time.Second)
			if r.IntN(10) == 0 {
				l := time.Date(dec.Year(), dec.Month(), dec.Day(), dec.Hour(), dec.Minute(), dec.Second(), 0, oslo)
				s.dec = l.UTC().Format(time.RFC3339)
			} else {
				s.dec = dec.Format(time.DateTime)
			}
		}
	}
	for m := range months {
		start := first.AddDate(0, m, 0)
		days := start.AddDate(0, 1, -1).Day()
		p := float64(m) / (months - 1)
		all := map[string]float64{"paper": 1 - p, "counter": 0.15, "eform": 0.5, "integrated": p}
		digital := map[string]float64{"counter": 0.2, "eform": 0.6*(1-p) + 0.1, "integrated": p}
		noIntegrated := map[string]float64{"counter": 0.3, "eform": 0.7}
		type plan struct {
			org, service string
			channels     []string
		}
		var plans []plan
		add := func(org, service string, chans ...string) { plans = append(plans, plan{org, service, chans}) }
		for range 5 {
			add("o1", "barnehage", pick(all))
		}
		add("o1", "byggesak", "paper", "paper", pick(digital), pick(digital))
		if m <= 2 || m >= 12 {
			add("o1", "startlan", "paper", "paper", "paper")
		} else {
			add("o1", "startlan", "paper", pick(noIntegrated), pick(noIntegrated))
		}
		if m >= 2 {
			add("o2", "barnehage", pick(all), pick(all), pick(all))
		}
		add("o2", "byggesak", "paper", pick(digital), pick(digital))
		if m == 4 || m == 9 {
			add("o2", "startlan", "paper", pick(digital))
		} else {
			add("o2", "startlan", pick(digital), pick(digital))
		}
		for _, pl := range plans {
			for _, ch := range pl.channels {
				s := newSub(pl.org, pl.service, ch)
				day := start.AddDate(0, 0, r.IntN(days))
				var secs int
				switch x := r.Float64(); {
				case x < 0.7:
					secs = 8*3600 + r.IntN(7*3600+1800)
				case x < 0.85:
					secs = r.IntN(8 * 3600)
				default:
					secs = 15*3600 + 1800 + r.IntN(8*3600+1800)
				}
				s.wall = day.Add(time.Duration(secs) * time.Second)
				s.recv = fmtTime(s.wall)
				decide(s)
			}
		}
	}
	// Hand-placed timestamps: holidays, the edges of office hours, offsets
	// across a month and a year boundary, and lead times across DST.
	special := []struct{ org, service, channel, recv, dec string }{
		{"o1", "barnehage", "eform", "2024-05-17 10:00:00", ""},                               // 17 May
		{"o1", "byggesak", "paper", "2024-03-28 09:30:00", "2024-04-03 09:30:00"},             // Maundy Thursday
		{"o2", "byggesak", "integrated", "2024-05-09 11:00:00", "2024-05-10 11:00:00"},        // Ascension Day
		{"o1", "barnehage", "integrated", "2024-04-02 08:00:00", "2024-04-02 20:00:00"},       // 08:00:00 is inside
		{"o1", "barnehage", "counter", "2024-04-03 15:30:00", ""},                             // 15:30:00 is after
		{"o2", "barnehage", "eform", "2024-04-04 07:59:59", "2024-04-05 07:59:59"},            // just before
		{"o2", "barnehage", "eform", "2024-04-05 15:29:59", ""},                               // just inside
		{"o1", "startlan", "eform", "2024-12-24 10:00:00", "2024-12-27 10:00:00"},             // not a public holiday
		{"o1", "barnehage", "eform", "2023-12-31T23:30:00Z", "2024-01-03 12:00:00"},           // → 2024-01-01 00:30
		{"o2", "byggesak", "eform", "2024-01-31T23:30:00Z", ""},                               // → 2024-02-01 00:30
		{"o1", "byggesak", "integrated", "2024-06-03T15:45:00+02:00", "2024-06-04 15:45:00"},  // after hours
		{"o1", "barnehage", "integrated", "2024-01-10T09:00:00+02:00", "2024-01-11 08:00:00"}, // → 08:00:00 CET
		{"o2", "startlan", "integrated", "2024-07-01T13:30:00Z", "2024-07-02 15:30:00"},       // → 15:30:00 CEST
		{"o1", "byggesak", "eform", "2024-10-26T10:00:00Z", "2024-10-28T11:00:00Z"},           // 2.0 days across DST
		{"o2", "barnehage", "paper", "2024-03-30 12:00:00", "2024-04-02T10:00:00Z"},           // 3.0 days across DST
		{"o1", "startlan", "counter", "15.08.2024 14:00", "20.08.2024 14:00"},                 // DD.MM.YYYY
		{"o1", "barnehage", "paper", "2023-11-01 00:00:00", "2023-11-30 23:59:59"},            // first second
		{"o2", "byggesak", "integrated", "2024-12-31 23:59:59", ""},                           // last second
		{"o2", "startlan", "eform", "2024-02-29 10:00:00", "2024-03-01T09:00:00+01:00"},       // leap day
		{"o1", "byggesak", "counter", "2024-03-31T00:30:00Z", "2024-03-31T01:30:00Z"},         // DST switch, Easter Sunday
		{"o2", "barnehage", "integrated", "2024-12-26 09:00:00", "2024-12-30 09:00:00"},       // Boxing Day
		{"o1", "barnehage", "counter", "2024-09-14 11:00:00", "2024-09-16 11:00:00"},          // Saturday
		{"o2", "byggesak", "paper", "2023-12-25T09:00:00+01:00", "2024-01-02T09:00:00+01:00"}, // Christmas, year boundary
		{"o1", "startlan", "integrated", "2024-11-04 08:00:00", "2024-11-04 08:00:01"},        // lead one second
		{"o2", "startlan", "counter", "2024-01-01T07:00:00Z", "2024-01-01T08:00:00+01:00"},    // lead zero
		{"o1", "byggesak", "paper", "2024-11-11 12:00:00", "2024-12-11 12:00:00"},
	}
	for _, sp := range special {
		s := newSub(sp.org, sp.service, sp.channel)
		s.recv, s.dec = sp.recv, sp.dec
		o := &oracle{cfg: oracleConfig{loc: oslo}}
		s.wall, _, err = o.parseLocal(sp.recv)
		if err != nil {
			return err
		}
	}
	// Shared case ids: one case of three submissions across services,
	// channels, months and the year boundary; pairs in both orgs under the
	// same case id string; SAK-0777 also a plain case in o2.
	find := func(org, service, channel, month string, skip ...*genSub) *genSub {
		for _, s := range subs {
			if s.org == org && s.service == service && (channel == "" || s.channel == channel) &&
				s.wall.Format("2006-01") == month && !slices.Contains(skip, s) {
				return s
			}
		}
		panic(fmt.Sprintf("no %s %s %s %s submission", org, service, channel, month))
	}
	find("o1", "barnehage", "", "2023-12").caseID = "SAK-0777"
	find("o1", "barnehage", "", "2024-01").caseID = "SAK-0777"
	find("o1", "startlan", "", "2024-03").caseID = "SAK-0777"
	find("o2", "byggesak", "", "2024-05").caseID = "SAK-0777"
	a := find("o1", "byggesak", "paper", "2024-02")
	a.caseID = "SAK-0500"
	find("o1", "byggesak", "", "2024-04").caseID = "SAK-0500"
	b := find("o2", "barnehage", "", "2024-06")
	b.caseID = "SAK-0500"
	find("o2", "barnehage", "", "2024-06", b).caseID = "SAK-0500"
	find("o2", "byggesak", "", "2024-06").caseID = "SAK-0501"
	find("o2", "byggesak", "", "2024-07").caseID = "SAK-0501"

	// The later export: decisions filled in for undecided submissions, one
	// channel corrected, one case id changed (its time becomes orphaned),
	// and new December submissions.
	var later []*genSub
	shared := []string{"SAK-0777", "SAK-0500", "SAK-0501"}
	var candidates []*genSub // for a changed case id, chosen below
	undecided := 0
	for _, s := range subs {
		if s.dec != "" || undecided >= 10 || s.wall.Year() != 2024 {
			continue
		}
		undecided++
		c := *s
		c.dec = s.wall.AddDate(0, 0, 5).Add(12 * time.Hour).Format(time.DateTime)
		switch undecided {
		case 3:
			c.channel = map[string]string{"paper": "eform", "counter": "eform", "eform": "integrated", "integrated": "eform"}[s.channel]
		}
		if undecided > 3 && s.caseID != "" && !slices.Contains(shared, s.caseID) {
			candidates = append(candidates, &c)
		}
		later = append(later, &c)
	}
	var fresh []*genSub
	for i := range 5 {
		nextSub["o2"]++
		s := &genSub{org: "o2", id: fmt.Sprintf("S%04d", nextSub["o2"]), service: []string{"barnehage", "byggesak", "startlan"}[i%3],
			channel: []string{"integrated", "eform", "counter", "integrated", "paper"}[i], caseID: fmt.Sprintf("SAK-09%02d", i)}
		s.wall = time.Date(2024, 12, 2+3*i, 9+i, 15, 0, 0, time.UTC)
		s.recv = s.wall.Format(time.DateTime)
		decide(s)
		fresh = append(fresh, s)
	}
	later = append(later, fresh...)

	// Time registrations.
	var regs []*genReg
	nextReg := map[string]int{}
	minutes := func(lo, hi float64) string {
		x := lo + r.Float64()*(hi-lo)
		if r.IntN(10) == 0 {
			return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
		}
		return strconv.FormatFloat(math.Round(x*4)/4, 'f', -1, 64)
	}
	day := func(d time.Time) string {
		if r.IntN(15) == 0 {
			return d.Format("02.01.2006")
		}
		return d.Format(time.DateOnly)
	}
	addReg := func(org, role, activity string, d time.Time, mins, caseID, service, channel string) *genReg {
		nextReg[org]++
		g := &genReg{org: org, id: fmt.Sprintf("R%05d", nextReg[org]), employee: fmt.Sprintf("%s-emp%02d", org, r.IntN(14)),
			role: role, day: day(d), minutes: mins, caseID: caseID, service: service, channel: channel, activity: activity}
		if org == "o1" && r.IntN(10) == 0 {
			g.org = "" // the configured default org
		}
		regs = append(regs, g)
		return g
	}
	services := []string{"barnehage", "byggesak", "startlan"}
	channels := []string{"counter", "paper", "eform", "integrated"}
	caseTime := func(s *genSub) {
		if s.caseID == "" || r.Float64() < 0.1 {
			return // untimed
		}
		type step struct {
			role, activity string
			lo, hi         float64
		}
		steps := map[string][]step{
			"paper":      {{"reception", "scanning", 3, 8}, {"clerk", "rekeying", 8, 25}, {"case_officer", "casework", 20, 90}, {"archive", "archiving", 2, 6}},
			"counter":    {{"reception", "reception", 5, 15}, {"case_officer", "casework", 15, 60}},
			"eform":      {{"clerk", "rekeying", 6, 20}, {"case_officer", "casework", 20, 80}, {"case_officer", "reply", 5, 10}},
			"integrated": {{"case_officer", "casework", 15, 60}, {"case_officer", "reply", 5, 10}},
		}[s.channel]
		for i, st := range steps {
			if i == len(steps)-1 && len(steps) > 2 && r.IntN(2) == 0 {
				continue
			}
			g := addReg(s.org, st.role, st.activity, s.wall.AddDate(0, 0, r.IntN(13)), minutes(st.lo, st.hi), s.caseID, "", "")
			if r.IntN(10) == 0 { // its own service/channel, ignored by rule 1
				g.service, g.channel = services[r.IntN(3)], channels[r.IntN(4)]
			}
		}
	}
	for _, s := range subs {
		caseTime(s)
	}
	for _, s := range fresh {
		caseTime(s)
	}
	for m := range months {
		start := first.AddDate(0, m, 0)
		days := start.AddDate(0, 1, -1).Day()
		on := func() time.Time { return start.AddDate(0, 0, r.IntN(days)) }
		for _, org := range []string{"o1", "o2"} {
			for _, svc := range services {
				// rule 2: pooled with channel (also to channels without
				// submissions that month).
				addReg(org, "reception", "scanning", on(), minutes(20, 120), "", svc, "paper")
				addReg(org, "archive", "archiving", on(), minutes(10, 60), "", svc, "paper")
				addReg(org, "reception", "reception", on(), minutes(10, 45), "", svc, "counter")
				// rule 3: pooled without channel (unattributed in months
				// without submissions of the service).
				addReg(org, "case_officer", "casework", on(), minutes(30, 240), "", svc, "")
				addReg(org, "clerk", "", on(), minutes(15, 90), "", svc, "")
			}
			// rule 4: no service.
			addReg(org, "manager", "meeting", on(), minutes(30, 180), "", "", "")
			addReg(org, "case_officer", "training", on(), minutes(60, 420), "", "", "")
			addReg(org, "clerk", "", on(), minutes(10, 60), "", "", "")
			addReg(org, "reception", "reception", on(), minutes(10, 60), "", "", channels[r.IntN(4)])
		}
	}
	// Orphans: unknown case ids falling through to rules 2, 3 and 4, and
	// o1-only case ids registered in o2.
	o1Max := nextCase["o1"]
	for i := range 40 {
		org := []string{"o1", "o2"}[i%2]
		caseID := fmt.Sprintf("SAK-9%03d", i)
		if org == "o2" && i%4 == 1 {
			caseID = fmt.Sprintf("SAK-%04d", o1Max-i/4) // a case of o1 only
		}
		d := first.AddDate(0, 0, r.IntN(420))
		switch i % 5 {
		case 0, 1:
			addReg(org, "clerk", "rekeying", d, minutes(5, 30), caseID, services[r.IntN(3)], channels[r.IntN(4)])
		case 2, 3:
			addReg(org, "case_officer", "casework", d, minutes(10, 60), caseID, services[r.IntN(3)], "")
		default:
			addReg(org, "case_officer", "casework", d, minutes(10, 60), caseID, "", "")
		}
	}
	// Late pooled time after the last submission, and a full day.
	addReg("o1", "archive", "archiving", time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), "45.5", "", "byggesak", "paper")
	addReg("o2", "case_officer", "training", time.Date(2024, 8, 12, 0, 0, 0, 0, time.UTC), "1440", "", "", "")

	// The later time export: corrections of earlier registrations (same
	// key; one given with the default org written out, one moved to
	// another case) and time on the new December cases.
	var laterRegs []*genReg
	n := 0
	for _, g := range regs {
		if g.caseID == "" || n >= 8 || r.IntN(40) != 0 {
			continue
		}
		n++
		c := *g
		c.minutes = minutes(1, 30)
		if c.org == "" {
			c.org = "o1"
		}
		if n == 5 && c.org == "o1" {
			c.caseID = "SAK-0777" // moved to the case of three submissions
		}
		laterRegs = append(laterRegs, &c)
	}
	nOld := len(regs)
	for _, s := range fresh {
		caseTime(s)
	}
	laterRegs = append(laterRegs, regs[nOld:]...)
	regs = regs[:nOld]
	// One later row changes a timed submission's case id: its time is
	// orphaned.
	changed := false
	for _, c := range candidates {
		if slices.ContainsFunc(regs, func(g *genReg) bool { return g.caseID == c.caseID && cmp.Or(g.org, "o1") == c.org }) {
			c.caseID, changed = "SAK-0888", true
			break
		}
	}
	if !changed {
		return fmt.Errorf("no timed submission among %d candidates for a changed case id", len(candidates))
	}
	if nextCase["o2"] >= o1Max-10 {
		return fmt.Errorf("o2 has case numbers up to %d, o1 up to %d: the o1-only orphans are not o1-only", nextCase["o2"], o1Max)
	}

	// Every decision after its receipt, as the oracle reads them (the
	// import rejects the others).
	check := &oracle{cfg: oracleConfig{loc: oslo}}
	for _, s := range slices.Concat(subs, later) {
		recv, _, err := check.parseLocal(s.recv)
		if err != nil {
			return err
		}
		if s.dec == "" {
			continue
		}
		dec, _, err := check.parseLocal(s.dec)
		if err != nil {
			return err
		}
		if dec.Before(recv) {
			s.dec = ""
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	writeSubs := func(name string, rows []*genSub) error {
		recs := [][]string{{"submission_id", "org", "service", "channel", "received_at", "decided_at", "case_id"}}
		for _, s := range rows {
			recs = append(recs, []string{s.id, s.org, s.service, s.channel, s.recv, s.dec, s.caseID})
		}
		return writeCSV(filepath.Join(dir, name), recs)
	}
	writeRegs := func(name string, rows []*genReg) error {
		recs := [][]string{{"registration_id", "org", "employee", "role", "work_date", "minutes", "case_id", "service", "channel", "activity"}}
		for _, g := range rows {
			recs = append(recs, []string{g.id, g.org, g.employee, g.role, g.day, g.minutes, g.caseID, g.service, g.channel, g.activity})
		}
		return writeCSV(filepath.Join(dir, name), recs)
	}
	if err := writeSubs("submissions.csv", subs); err != nil {
		return err
	}
	if err := writeSubs("submissions-2.csv", later); err != nil {
		return err
	}
	if err := writeRegs("time.csv", regs); err != nil {
		return err
	}
	return writeRegs("time-2.csv", laterRegs)
}

func writeCSV(path string, recs [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(recs); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
