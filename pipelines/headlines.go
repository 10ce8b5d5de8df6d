package pipelines

import (
	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/reports"
)

// Headlines are the three figures `gevinst demo` prints: they tell the
// story of SPEC §1 in three lines.
type Headlines struct {
	From, To    string
	Submissions int64
	// Service is the service with the most submissions; channels are
	// compared within one service, since services differ far more in
	// handling time than channels do.
	Service string
	// MinutesPerSubmission per channel of Service over the whole range,
	// all orgs: Σ staff minutes / Σ submissions.
	MinutesPerSubmission map[string]float64
	// HoursSaved and FTESaved are the sums of the monthly benefits over the
	// range (services whose baseline is not computable count nothing).
	HoursSaved, FTESaved float64
	// Window12 is the last 12 months of the range ("2009-01..2009-12";
	// fewer when the range is shorter), and HoursSaved12 and FTESaved12
	// the run-rate over them: the Summary's leading tiles, which a chief
	// executive compares with a year's budget.
	Window12                 string
	HoursSaved12, FTESaved12 float64
}

// HeadlinesOf sums the dashboard's own rows (the whole-range metrics and
// the monthly benefits), so the demo prints what its workbook shows
// without querying again.
func HeadlinesOf(in reports.Input) Headlines {
	h := Headlines{From: in.From, To: in.To, MinutesPerSubmission: map[string]float64{}}
	perService := map[string]int64{}
	for _, r := range in.Overall {
		perService[r.Service] += r.Submissions
		h.Submissions += r.Submissions
	}
	for svc, n := range perService {
		if h.Service == "" || n > perService[h.Service] || (n == perService[h.Service] && svc < h.Service) {
			h.Service = svc
		}
	}
	minutes := map[string]float64{}
	subs := map[string]int64{}
	for _, r := range in.Overall {
		if r.Service == h.Service {
			minutes[r.Channel] += r.StaffMinutes
			subs[r.Channel] += r.Submissions
		}
	}
	for ch, n := range subs {
		if n > 0 {
			h.MinutesPerSubmission[ch] = minutes[ch] / float64(n)
		}
	}
	for _, b := range in.Benefits {
		h.HoursSaved += b.HoursSaved.Float64
		h.FTESaved += b.FTESaved.Float64
	}
	// The 12-month figures as the workbook computes them (one window rule).
	for _, f := range reports.Headlines(in) {
		switch f.Key {
		case "hours_saved_12m":
			h.HoursSaved12 = f.Value.Float64
		case "fte_saved_12m":
			h.FTESaved12 = f.Value.Float64
		}
	}
	h.Window12 = window12(in.From, in.To)
	return h
}

// window12 names the 12 months ending with to, starting no earlier than
// from ("" when either is not a month).
func window12(from, to string) string {
	f, err1 := config.ParseMonth(from)
	t, err2 := config.ParseMonth(to)
	if err1 != nil || err2 != nil {
		return ""
	}
	start := t.AddDate(0, -11, 0)
	if start.Before(f) {
		start = f
	}
	return start.Format("2006-01") + ".." + t.Format("2006-01")
}
