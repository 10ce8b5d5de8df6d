package demo

import (
	"crypto/sha256"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// demoSet is one generated data set, parsed, shared by the shape tests.
type demoSet struct {
	files       Files
	subs, times [][]string // without header
	subHeader   []string
	timeHeader  []string
}

var (
	sharedOnce sync.Once
	sharedDir  string
	shared     *demoSet
	sharedErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// load generates the demo once per test binary and parses both CSVs.
func load(t *testing.T) *demoSet {
	t.Helper()
	sharedOnce.Do(func() {
		sharedDir, sharedErr = os.MkdirTemp("", "gevinst-demo-")
		if sharedErr != nil {
			return
		}
		var d demoSet
		if d.files, sharedErr = Generate(sharedDir); sharedErr != nil {
			return
		}
		if d.subHeader, d.subs, sharedErr = readCSV(d.files.Submissions); sharedErr != nil {
			return
		}
		d.timeHeader, d.times, sharedErr = readCSV(d.files.Time)
		shared = &d
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func readCSV(path string) (header []string, rows [][]string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = false
	all, err := r.ReadAll()
	if err != nil {
		return nil, nil, err
	}
	return all[0], all[1:], nil
}

func sha(t *testing.T, path string) [32]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return [32]byte(h.Sum(nil))
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]string{
		{a.Submissions, b.Submissions}, {a.Time, b.Time}, {a.Config, b.Config}, {a.Assumptions, b.Assumptions},
	} {
		if !filepath.IsAbs(p[0]) {
			t.Errorf("path %s is not absolute", p[0])
		}
		if sha(t, p[0]) != sha(t, p[1]) {
			t.Errorf("%s differs between two runs", filepath.Base(p[0]))
		}
	}
}

func TestHeaders(t *testing.T) {
	d := load(t)
	tests := []struct {
		file      string
		got, want []string
	}{
		{"submissions.csv", d.subHeader, strings.Split("submission_id,org,service,channel,received_at,decided_at,case_id", ",")},
		{"time.csv", d.timeHeader, strings.Split("registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity", ",")},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s header = %v, want %v", tt.file, tt.got, tt.want)
		}
	}
}

var knownChannels = []string{"paper", "eform", "integrated"}

// parseStamp reads both timestamp forms of submissions.csv; ISO values
// with an offset are converted to Oslo wall-clock time.
func parseStamp(s string) (time.Time, bool) {
	if t, err := time.Parse(wallLayout, s); err == nil {
		return t, true
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, false
	}
	_, off := t.Zone()
	return t.UTC().Add(time.Duration(off) * time.Second), true
}

// subProblem returns why a submission row would be rejected, or "".
func subProblem(r []string) string {
	switch {
	case r[subReceived] == "":
		return "received_at empty"
	case r[subService] == "":
		return "service empty"
	case !slices.Contains(knownChannels, r[subChannel]):
		return "unknown channel"
	}
	if _, ok := parseStamp(r[subReceived]); !ok {
		return "received_at not a date"
	}
	if _, ok := parseStamp(r[subDecided]); r[subDecided] != "" && !ok {
		return "decided_at not a date"
	}
	return ""
}

// timeProblem returns why a time row would be rejected, or "".
func timeProblem(r []string) string {
	if r[timeEmployee] == "" {
		return "employee empty"
	}
	if _, err := time.Parse(time.DateOnly, r[timeWorkDate]); err != nil {
		return "work_date not a date"
	}
	if r[timeChannel] != "" && !slices.Contains(knownChannels, r[timeChannel]) {
		return "unknown channel"
	}
	m, err := strconv.ParseFloat(r[timeMinutes], 64)
	switch {
	case err != nil:
		return "minutes not a number"
	case m <= 0:
		return "minutes not positive"
	case m > 1440:
		return "minutes over 1440"
	}
	return ""
}

func TestBadRows(t *testing.T) {
	d := load(t)
	tests := []struct {
		file  string
		rows  [][]string
		check func([]string) string
		kinds []string
	}{
		{"submissions", d.subs, subProblem,
			[]string{"received_at empty", "service empty", "unknown channel", "received_at not a date"}},
		{"time", d.times, timeProblem,
			[]string{"employee empty", "work_date not a date", "unknown channel",
				"minutes not a number", "minutes not positive", "minutes over 1440"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			counts := map[string]int{}
			bad := 0
			for _, r := range tt.rows {
				if p := tt.check(r); p != "" {
					counts[p]++
					bad++
				}
			}
			for _, k := range tt.kinds {
				if counts[k] < 5 {
					t.Errorf("%d rows with %q, want at least 5", counts[k], k)
				}
			}
			if len(counts) != len(tt.kinds) {
				t.Errorf("bad row kinds = %v, want exactly %v", counts, tt.kinds)
			}
			if share := float64(bad) / float64(len(tt.rows)); share >= 0.01 {
				t.Errorf("bad share %.4f, want under 1 %%", share)
			}
		})
	}
}

// goodSubmission is a parsed, valid submission row.
type goodSubmission struct {
	org, service, channel, caseID string
	received, decided             time.Time
	isDecided                     bool
}

func goodSubmissions(d *demoSet) []goodSubmission {
	var out []goodSubmission
	for _, r := range d.subs {
		if subProblem(r) != "" {
			continue
		}
		s := goodSubmission{org: r[subOrg], service: r[subService], channel: r[subChannel], caseID: r[subCase]}
		s.received, _ = parseStamp(r[subReceived])
		s.decided, s.isDecided = parseStamp(r[subDecided])
		out = append(out, s)
	}
	return out
}

func TestSizesAndCoverage(t *testing.T) {
	d := load(t)
	subs := goodSubmissions(d)
	if n := len(subs); n < 25000 || n > 40000 {
		t.Errorf("%d submissions, want 25,000–40,000", n)
	}
	seen := map[string]bool{}
	for _, s := range subs {
		seen[s.org] = true
		seen[s.service] = true
	}
	for _, want := range []string{"halden", "sarpsborg", "barnehage", "byggesak", "startlan", "skolefritid"} {
		if !seen[want] {
			t.Errorf("no submissions of %s", want)
		}
	}
	c := caseMinutes(d, subs)
	timed := 0
	for i := range subs {
		if _, ok := c.perSubmission[i]; ok {
			timed++
		}
	}
	if cov := float64(timed) / float64(len(subs)); cov < 0.7 || cov > 0.9 {
		t.Errorf("timed coverage %.3f, want about 0.8", cov)
	}
	if per := float64(len(d.times)) / float64(timed); per < 4 || per > 6.5 {
		t.Errorf("%.2f time rows per timed submission, want about 4–6", per)
	}
	if share := float64(c.orphans) / float64(len(d.times)); share < 0.002 || share > 0.01 {
		t.Errorf("orphan share %.4f, want about 0.5 %%", share)
	}
	if c.shared < 100 {
		t.Errorf("%d case ids shared by several submissions, want ~1 %% of submissions", c.shared)
	}
}

// caseLinks holds case-linked minutes per submission (index into the
// goodSubmission slice), split equally over submissions sharing a case
// id (SPEC §3 rule 1).
type caseLinks struct {
	perSubmission map[int]float64
	// activities per submission index, for the re-keying check.
	activities map[int][]string
	orphans    int
	shared     int
}

func caseMinutes(d *demoSet, subs []goodSubmission) caseLinks {
	type key struct{ org, caseID string }
	byCase := map[key][]int{}
	for i, s := range subs {
		if s.caseID != "" {
			k := key{s.org, s.caseID}
			byCase[k] = append(byCase[k], i)
		}
	}
	c := caseLinks{perSubmission: map[int]float64{}, activities: map[int][]string{}}
	for _, idx := range byCase {
		if len(idx) > 1 {
			c.shared++
		}
	}
	for _, r := range d.times {
		if timeProblem(r) != "" || r[timeCase] == "" {
			continue
		}
		idx, ok := byCase[key{r[timeOrg], r[timeCase]}]
		if !ok {
			c.orphans++
			continue
		}
		m, _ := strconv.ParseFloat(r[timeMinutes], 64)
		for _, i := range idx {
			c.perSubmission[i] += m / float64(len(idx))
			c.activities[i] = append(c.activities[i], r[timeActivity])
		}
	}
	return c
}

func TestMinutesPerSubmissionTellTheStory(t *testing.T) {
	d := load(t)
	subs := goodSubmissions(d)
	c := caseMinutes(d, subs)
	type cell struct{ service, channel string }
	sum, n := map[cell]float64{}, map[cell]int{}
	for i, m := range c.perSubmission {
		s := subs[i]
		if !s.isDecided { // undecided cases are still being worked on
			continue
		}
		sum[cell{s.service, s.channel}] += m
		n[cell{s.service, s.channel}]++
	}
	mean := func(svc, ch string) float64 {
		k := cell{svc, ch}
		if n[k] < 20 {
			t.Fatalf("%s/%s: only %d timed decided submissions", svc, ch, n[k])
		}
		return sum[k] / float64(n[k])
	}
	for _, svc := range []string{"barnehage", "byggesak", "startlan", "skolefritid"} {
		t.Run(svc, func(t *testing.T) {
			p, e, i := mean(svc, "paper"), mean(svc, "eform"), mean(svc, "integrated")
			if i >= 0.75*p {
				t.Errorf("integrated %.1f min, paper %.1f: want integrated < 0.75 × paper", i, p)
			}
			if e < 0.9*p || e > 1.1*p {
				t.Errorf("eform %.1f min, paper %.1f: want within 10 %%", e, p)
			}
		})
	}
	if bygg, bh := mean("byggesak", "paper"), mean("barnehage", "paper"); bygg < 3*bh {
		t.Errorf("byggesak paper %.1f min, barnehage %.1f: want byggesak much heavier", bygg, bh)
	}
}

func TestNoRekeyingOnIntegrated(t *testing.T) {
	d := load(t)
	subs := goodSubmissions(d)
	c := caseMinutes(d, subs)
	checked := 0
	for i, acts := range c.activities {
		if subs[i].channel != "integrated" {
			continue
		}
		checked++
		if slices.Contains(acts, "rekeying") {
			t.Fatalf("integrated submission %+v has rekeying rows", subs[i])
		}
	}
	if checked == 0 {
		t.Fatal("no timed integrated submissions")
	}
}

func TestEmployeesWithinPools(t *testing.T) {
	d := load(t)
	roles := map[string]map[string]string{} // org → employee → role
	for _, r := range d.times {
		if timeProblem(r) != "" {
			continue
		}
		if roles[r[timeOrg]] == nil {
			roles[r[timeOrg]] = map[string]string{}
		}
		if prev, ok := roles[r[timeOrg]][r[timeEmployee]]; ok && prev != r[timeRole] {
			t.Errorf("%s %s has roles %s and %s", r[timeOrg], r[timeEmployee], prev, r[timeRole])
		}
		roles[r[timeOrg]][r[timeEmployee]] = r[timeRole]
	}
	for _, org := range []string{"halden", "sarpsborg"} {
		perRole := map[string]int{}
		for _, role := range roles[org] {
			perRole[role]++
		}
		for r := range nRoles {
			got, pool := perRole[roleNames[r]], poolSizes[r]
			if got < 1 || got > pool {
				t.Errorf("%s: %d distinct %s employees, want 1..%d", org, got, roleNames[r], pool)
			}
		}
		if len(perRole) != int(nRoles) {
			t.Errorf("%s: roles %v, want exactly %v", org, perRole, roleNames)
		}
	}
}

// afterHours applies SPEC §4's default office hours (without holidays).
func afterHours(t time.Time) bool {
	mins := t.Hour()*60 + t.Minute()
	return isWeekend(t) || mins < 8*60 || mins >= 15*60+30
}

func TestAfterHoursAndLeadTime(t *testing.T) {
	d := load(t)
	after, total := map[string]int{}, map[string]int{}
	lead := map[string][]float64{}
	for _, s := range goodSubmissions(d) {
		total[s.channel]++
		if afterHours(s.received) {
			after[s.channel]++
		}
		if s.isDecided {
			lead[s.channel] = append(lead[s.channel], s.decided.Sub(s.received).Hours()/24)
		}
	}
	share := func(ch string) float64 { return float64(after[ch]) / float64(total[ch]) }
	if p := share("paper"); p > 0.1 {
		t.Errorf("paper after-hours share %.3f, want mostly office hours", p)
	}
	for _, ch := range []string{"eform", "integrated"} {
		if s := share(ch); s < 0.3 || s > 0.4 {
			t.Errorf("%s after-hours share %.3f, want 0.30–0.40", ch, s)
		}
	}
	median := func(ch string) float64 {
		v := slices.Clone(lead[ch])
		slices.Sort(v)
		return v[len(v)/2]
	}
	if p, e, i := median("paper"), median("eform"), median("integrated"); !(p > e && e > i) {
		t.Errorf("median lead days paper %.1f, eform %.1f, integrated %.1f: want decreasing", p, e, i)
	}
}

func TestUndecidedOnlyAtTheEnd(t *testing.T) {
	d := load(t)
	cutoff := periodEnd.AddDate(0, 0, -7*8)
	undecided, late := 0, 0
	for _, s := range goodSubmissions(d) {
		if s.isDecided {
			if s.decided.Before(s.received) {
				t.Fatalf("decided before received: %+v", s)
			}
			continue
		}
		undecided++
		if s.received.After(cutoff) {
			late++
		}
	}
	if undecided == 0 || float64(late) < 0.8*float64(undecided) {
		t.Errorf("%d undecided, %d of them in the last 8 weeks: want some, nearly all late", undecided, late)
	}
}

func TestISOStampsUseOsloOffset(t *testing.T) {
	d := load(t)
	iso := 0
	for _, r := range d.subs {
		if !strings.Contains(r[subReceived], "T") {
			continue
		}
		iso++
		if r[subChannel] == "paper" {
			t.Errorf("paper row with ISO stamp: %v", r)
		}
		wall, err := time.Parse(isoLayout, r[subReceived][:19])
		if err != nil {
			t.Fatal(err)
		}
		want := "+01:00"
		if h, _ := osloOffset(wall); h == 2 {
			want = "+02:00"
		}
		if !strings.HasSuffix(r[subReceived], want) {
			t.Errorf("%s: want offset %s", r[subReceived], want)
		}
	}
	if iso < 50 {
		t.Errorf("%d ISO stamps, want ~2 %% of e-form rows", iso)
	}
}

func TestOsloOffsetMatchesZoneDatabase(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	for h := periodStart; h.Before(periodEnd.AddDate(0, 0, 1)); h = h.Add(time.Hour) {
		got, ok := osloOffset(h)
		if !ok {
			continue
		}
		local := time.Date(h.Year(), h.Month(), h.Day(), h.Hour(), 0, 0, 0, loc)
		if _, off := local.Zone(); off != got*3600 {
			t.Fatalf("%s: offset %d h, zone database %d s", h.Format(wallLayout), got, off)
		}
	}
}

func TestConfigNamesEveryServiceAndRole(t *testing.T) {
	d := load(t)
	b, err := os.ReadFile(d.files.Config)
	if err != nil {
		t.Fatal(err)
	}
	yaml := string(b)
	for _, want := range []string{
		"org: halden", "lang: nb", `baseline_window: {from: "2006-01", to: "2006-08"}`, "cash_share: 0.2",
		"reception: 520", "clerk: 560", "case_officer: 690", "archive: 540",
		"paper: 12", "eform: 4", "integrated: 6",
	} {
		if !strings.Contains(yaml, want) {
			t.Errorf("gevinst.yaml lacks %q", want)
		}
	}
	for _, s := range services {
		if !strings.Contains(yaml, "\n  "+s.code+":\n    name: ") {
			t.Errorf("gevinst.yaml has no name for service %s", s.code)
		}
	}
	rolesUsed := map[string]bool{}
	for _, r := range d.times {
		rolesUsed[r[timeRole]] = true
	}
	for role := range rolesUsed {
		if !strings.Contains(yaml, "\n    "+role+": ") {
			t.Errorf("role %s in time.csv has no hourly rate in gevinst.yaml", role)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if _, err := Generate(dir); err != nil {
			b.Fatal(err)
		}
	}
}
