package pipelines

import (
	"context"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
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
	// HoursSaved and FTESaved are the sums of the benefits over the range
	// (services whose baseline is not computable count nothing).
	HoursSaved, FTESaved float64
}

// ComputeHeadlines sums the overall metrics and the monthly benefits.
func ComputeHeadlines(ctx context.Context, db *queries.DB, cfg *config.Config) (Headlines, error) {
	h := Headlines{MinutesPerSubmission: map[string]float64{}}
	overall, err := db.Metrics(ctx, queries.Filter{Grain: queries.GrainAll})
	if err != nil {
		return h, err
	}
	perService := map[string]int64{}
	for _, r := range overall {
		perService[r.Service] += r.Submissions
		h.Submissions += r.Submissions
		if h.Service == "" || perService[r.Service] > perService[h.Service] ||
			(perService[r.Service] == perService[h.Service] && r.Service < h.Service) {
			h.Service = r.Service
		}
	}
	minutes := map[string]float64{}
	subs := map[string]int64{}
	for _, r := range overall {
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
	benefits, err := db.Benefits(ctx, queries.Filter{Grain: queries.GrainAll})
	if err != nil {
		return h, err
	}
	for _, b := range benefits {
		h.HoursSaved += b.HoursSaved.Float64
		h.FTESaved += b.FTESaved.Float64
	}
	first, last, _, err := db.Range(ctx)
	h.From, h.To = first.Format("2006-01"), last.Format("2006-01")
	return h, err
}
