package queries

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// TestDatedAndOrgRates: one hour of clerk work in each of three cases.
// Rates: 600 from the beginning, 660 from the wage settlement in May
// 2023, k2's own 800 from January; a 25 % overhead on top. By hand:
// k1 April 600 × 1.25 = 750, k1 June 660 × 1.25 = 825, k2 April 800 ×
// 1.25 = 1,000.
func TestDatedAndOrgRates(t *testing.T) {
	cfg := config.Config{}
	cfg.Costs.HourlyRates = map[string]float64{"clerk": 600}
	cfg.Costs.Overhead = 0.25
	cfg.Costs.RateChanges = []config.RateChange{
		{Role: "clerk", From: "2023-05", Rate: 660},
		{Role: "clerk", Org: "k2", From: "2023-01", Rate: 800},
	}
	d := openTest(t, cfg)
	importTest(t, d, KindSubmissions, writeFile(t, "s.csv", "submission_id,org,service,channel,received_at,case_id\n"+
		"a,k1,s,paper,2023-04-10 10:00:00,A\nb,k1,s,paper,2023-06-10 10:00:00,B\nc,k2,s,paper,2023-04-10 10:00:00,C\n"))
	importTest(t, d, KindTime, writeFile(t, "t.csv", "registration_id,org,employee,role,work_date,minutes,case_id\n"+
		"r1,k1,e1,clerk,2023-04-10,60,A\nr2,k1,e1,clerk,2023-06-10,60,B\nr3,k2,e2,clerk,2023-04-10,60,C\n"))
	rows, err := d.Metrics(context.Background(), Filter{Grain: GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"k1 2023-04": 750, "k1 2023-06": 825, "k2 2023-04": 1000}
	got := map[string]float64{}
	for _, r := range rows {
		if r.StaffCost.Valid && r.StaffCost.Float64 != 0 {
			got[r.Org+" "+r.Period] = r.StaffCost.Float64
		}
	}
	for k, w := range want {
		if !nearEq(got[k], w) {
			t.Errorf("staff cost %s = %v, want %v (all: %v)", k, got[k], w, got)
		}
	}
}

func nearEq(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// TestRateMissingBeforeItsFirstChange: a role whose only rate starts in
// May has none for April's work: an ErrConfig naming the role, org and day.
func TestRateMissingBeforeItsFirstChange(t *testing.T) {
	cfg := config.Config{}
	cfg.Costs.RateChanges = []config.RateChange{{Role: "archive", From: "2023-05", Rate: 500}}
	d := openTest(t, cfg)
	importTest(t, d, KindSubmissions, writeFile(t, "s.csv", "submission_id,org,service,channel,received_at,case_id\n"+
		"a,k1,s,paper,2023-04-10 10:00:00,A\n"))
	importTest(t, d, KindTime, writeFile(t, "t.csv", "registration_id,org,employee,role,work_date,minutes,case_id\n"+
		"r1,k1,e1,archive,2023-04-10,60,A\nr2,k1,e1,archive,2023-05-10,60,A\n"))
	_, err := d.Metrics(context.Background(), Filter{Grain: GrainMonth})
	if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "archive in k1 from 2023-04-10") {
		t.Errorf("err = %v, want ErrConfig naming archive in k1 from 2023-04-10", err)
	}
}
