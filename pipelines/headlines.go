package pipelines

import "github.com/gevinst/gevinst/reports"

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
	return h
}
