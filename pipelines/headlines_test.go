package pipelines

import (
	"testing"

	"github.com/gevinst/gevinst/queries/model"
	"github.com/gevinst/gevinst/reports"
)

func TestHeadlinesOf(t *testing.T) {
	in := reports.Input{From: "2024-01", To: "2024-12",
		Overall: []model.MetricRow{
			{Org: "a", Service: "bh", Channel: "paper", Submissions: 10, StaffMinutes: 600},
			{Org: "b", Service: "bh", Channel: "paper", Submissions: 30, StaffMinutes: 1400},
			{Org: "a", Service: "bh", Channel: "integrated", Submissions: 20, StaffMinutes: 400},
			{Org: "a", Service: "sfo", Channel: "paper", Submissions: 50, StaffMinutes: 9000},
			{Org: "a", Service: "sfo", Channel: "eform", Submissions: 5, StaffMinutes: 100},
		},
		Benefits: []model.BenefitRow{
			{HoursSaved: model.Some(3), FTESaved: model.Some(0.5)},
			{HoursSaved: model.Some(-1), FTESaved: model.Some(-0.25)},
			{}, // not computable: counts nothing
		},
	}
	h := HeadlinesOf(in)
	// bh has 60 submissions, sfo 55: bh is compared.
	if h.Service != "bh" || h.Submissions != 115 || h.From != "2024-01" {
		t.Fatalf("%+v", h)
	}
	// Paper over both orgs: (600 + 1400) / (10 + 30) = 50, not the mean of 60 and 46.7.
	if h.MinutesPerSubmission["paper"] != 50 || h.MinutesPerSubmission["integrated"] != 20 || len(h.MinutesPerSubmission) != 2 {
		t.Errorf("minutes per submission %v", h.MinutesPerSubmission)
	}
	if h.HoursSaved != 2 || h.FTESaved != 0.25 {
		t.Errorf("saved %v h, %v FTE; want 2 and 0.25", h.HoursSaved, h.FTESaved)
	}
	// The run-rate: the 12 months ending with To. Over 2023-07..2024-12
	// the window is 2024-01..2024-12; the 2023 row counts in the whole
	// range only.
	in.From = "2023-07"
	in.Benefits = []model.BenefitRow{
		{Period: "2023-09", HoursSaved: model.Some(100), FTESaved: model.Some(1)},
		{Period: "2024-01", HoursSaved: model.Some(3), FTESaved: model.Some(0.5)},
		{Period: "2024-12", HoursSaved: model.Some(-1), FTESaved: model.Some(-0.25)},
	}
	h = HeadlinesOf(in)
	if h.Window12 != "2024-01..2024-12" || h.HoursSaved12 != 2 || h.FTESaved12 != 0.25 || h.HoursSaved != 102 {
		t.Errorf("12 months %s: %v h, %v FTE; whole range %v h; want 2024-01..2024-12, 2, 0.25, 102",
			h.Window12, h.HoursSaved12, h.FTESaved12, h.HoursSaved)
	}
	// A range shorter than 12 months is its own window.
	if got := window12("2024-05", "2024-08"); got != "2024-05..2024-08" {
		t.Errorf("window12 = %q", got)
	}
}
