package reports

import (
	"sort"
	"strconv"

	"github.com/gevinst/gevinst/queries/model"
)

// The workbook aggregates the typed rows only by summing counts and minutes
// and dividing sums (SPEC §4: never averages of averages).

// inRange reports whether period p (YYYY-MM) lies in the reporting range;
// an empty bound is open.
func (b *book) inRange(p string) bool {
	return (b.in.From == "" || p >= b.in.From) && (b.in.To == "" || p <= b.in.To)
}

// months returns every month from From to To, plus any other month found in
// the monthly rows within the range, sorted.
func (b *book) months() []string {
	set := map[string]bool{}
	if fy, fm, ok := parseMonth(b.in.From); ok {
		if ty, tm, ok := parseMonth(b.in.To); ok {
			for y, m := fy, fm; y < ty || (y == ty && m <= tm); {
				set[formatMonth(y, m)] = true
				if m++; m > 12 {
					y, m = y+1, 1
				}
				if len(set) > 1200 { // guard against absurd ranges
					break
				}
			}
		}
	}
	for _, r := range b.in.Mix {
		if b.inRange(r.Period) {
			set[r.Period] = true
		}
	}
	for _, r := range b.in.Benefits {
		if b.inRange(r.Period) {
			set[r.Period] = true
		}
	}
	return sortedKeys(set)
}

func parseMonth(s string) (y, m int, ok bool) {
	if len(s) != 7 || s[4] != '-' {
		return 0, 0, false
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || m < 1 || m > 12 {
		return 0, 0, false
	}
	return y, m, true
}

func formatMonth(y, m int) string {
	s := strconv.Itoa(y) + "-"
	if m < 10 {
		s += "0"
	}
	return s + strconv.Itoa(m)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// mix is summed channel mix: submissions in total and per channel.
type mix struct {
	Submissions int64
	ByChannel   map[string]int64
}

func (m *mix) add(r model.MixRow) {
	if m.ByChannel == nil {
		m.ByChannel = map[string]int64{}
	}
	m.Submissions += r.Submissions
	for ch, n := range r.ByChannel {
		m.ByChannel[ch] += n
	}
}

// digital is Σ non-baseline-channel submissions / submissions (SPEC §4).
func (m mix) digital(baseline string) model.Null {
	if m.Submissions == 0 {
		return model.Null{}
	}
	var n int64
	for ch, v := range m.ByChannel {
		if ch != baseline {
			n += v
		}
	}
	return model.Some(float64(n) / float64(m.Submissions))
}

// target is target-channel submissions / submissions (SPEC §4).
func (m mix) target(target string) model.Null {
	if m.Submissions == 0 {
		return model.Null{}
	}
	return model.Some(float64(m.ByChannel[target]) / float64(m.Submissions))
}

// mixBy sums the Mix rows in range by key(row).
func (b *book) mixBy(key func(model.MixRow) string) map[string]*mix {
	out := map[string]*mix{}
	for _, r := range b.in.Mix {
		if !b.inRange(r.Period) {
			continue
		}
		k := key(r)
		if out[k] == nil {
			out[k] = &mix{ByChannel: map[string]int64{}}
		}
		out[k].add(r)
	}
	return out
}

// sumNull adds the present values; the sum is null when none is present.
type sumNull struct{ model.Null }

func (s *sumNull) add(v model.Null) {
	if v.Valid {
		s.Float64 += v.Float64
		s.Valid = true
	}
}

// benefitSum is the Benefit columns summed.
type benefitSum struct {
	Hours, FTE, Value sumNull
}

func (s *benefitSum) add(r model.BenefitRow) {
	s.Hours.add(r.HoursSaved)
	s.FTE.add(r.FTESaved)
	s.Value.add(r.ValueSaved)
}

// benefitsBy sums the Benefit rows in range by key(row).
func (b *book) benefitsBy(key func(model.BenefitRow) string) map[string]*benefitSum {
	out := map[string]*benefitSum{}
	for _, r := range b.in.Benefits {
		if !b.inRange(r.Period) {
			continue
		}
		k := key(r)
		if out[k] == nil {
			out[k] = &benefitSum{}
		}
		out[k].add(r)
	}
	return out
}

// channelList is Input.Channels in order, followed by any channel found in
// the data that is not configured (sorted), so no data is hidden.
func (b *book) channelList() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range b.in.Channels {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	extra := map[string]bool{}
	note := func(c string) {
		if c != "" && !seen[c] {
			extra[c] = true
		}
	}
	for _, r := range b.in.Mix {
		for c := range r.ByChannel {
			note(c)
		}
	}
	for _, r := range b.in.Overall {
		note(r.Channel)
	}
	for _, r := range b.in.Activities {
		note(r.Channel)
	}
	return append(out, sortedKeys(extra)...)
}

// services returns the service codes found in the data, sorted by display
// name.
func (b *book) services() []string {
	set := map[string]bool{}
	for _, r := range b.in.Mix {
		set[r.Service] = true
	}
	for _, r := range b.in.Benefits {
		set[r.Service] = true
	}
	for _, r := range b.in.Overall {
		set[r.Service] = true
	}
	for _, r := range b.in.Activities {
		set[r.Service] = true
	}
	out := sortedKeys(set)
	sort.SliceStable(out, func(i, j int) bool { return b.serviceName(out[i]) < b.serviceName(out[j]) })
	return out
}

// serviceName is the display name of a service code.
func (b *book) serviceName(code string) string {
	if n, ok := b.in.ServiceNames[code]; ok && n != "" {
		return n
	}
	return code
}

// channelName is the display name of a channel code: the default channels
// are translated, others shown as configured.
func (b *book) channelName(code string) string {
	if _, ok := labels["ch."+code]; ok {
		return b.L("ch." + code)
	}
	return code
}

// knownActivities is the display order of the activities SPEC §2.2 names.
var knownActivities = []string{"reception", "scanning", "rekeying", "casework", "followup", "archiving", "reply"}

// activityName is the display name of an activity code.
func (b *book) activityName(code string) string {
	if code == "" {
		return b.L("act.none")
	}
	for _, a := range knownActivities {
		if a == code {
			return b.L("act." + code)
		}
	}
	return code
}

// activityOrder sorts activity codes: the known ones in process order,
// then others alphabetically, unspecified last.
func activityOrder(codes []string) []string {
	rank := func(c string) int {
		if c == "" {
			return len(knownActivities) + 1
		}
		for i, a := range knownActivities {
			if a == c {
				return i
			}
		}
		return len(knownActivities)
	}
	sort.SliceStable(codes, func(i, j int) bool {
		ri, rj := rank(codes[i]), rank(codes[j])
		if ri != rj {
			return ri < rj
		}
		return codes[i] < codes[j]
	})
	return codes
}

// Figure is one headline figure of the workbook, as its Summary tiles
// show it (before formatting); Value is null when not computable.
type Figure struct {
	Key   string
	Value model.Null
}

// Headlines returns the Summary's KPI figures for in, computed exactly as
// the tiles are: each tile's whole-range figure under its key, and its
// last-12-months figure under key + "_12m". The evidence sidecar records
// them and `gevinst verify` compares them.
func Headlines(in Input) []Figure {
	b := &book{in: in, missing: map[string]bool{}}
	var out []Figure
	for _, t := range b.tiles() {
		out = append(out, Figure{t.key, t.whole}, Figure{t.key + "_12m", t.last})
	}
	return append(out, Figure{"net_benefit_to_date", b.netBenefit()})
}
