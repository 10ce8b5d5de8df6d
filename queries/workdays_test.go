package queries

import (
	"context"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// TestLeadTimeInWorkingDays: office minutes on working days between
// receipt and decision (SPEC §11), default office hours [08:00, 15:30),
// 450 minutes a day, Norwegian holidays.
func TestLeadTimeInWorkingDays(t *testing.T) {
	d := openTest(t, config.Config{})
	importTest(t, d, KindSubmissions, writeFile(t, "s.csv", `submission_id,org,service,channel,received_at,decided_at,case_id
w1,k,bh,paper,2024-03-01 14:30:00,2024-03-04 09:00:00,C1
w2,k,bh,paper,2024-03-06 16:00:00,2024-03-06 20:00:00,C2
w3,k,bh,paper,2024-03-27 10:00:00,2024-04-02 10:00:00,C3
`))
	importTest(t, d, KindTime, writeFile(t, "t.csv", `registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity
r1,k,e1,clerk,2024-03-04,60,C1,,,
r2,k,e1,clerk,2024-03-06,30,C2,,,
r3,k,e1,clerk,2024-03-27,90,C3,,,
`))
	rows, err := d.Metrics(context.Background(), Filter{Grain: GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("rows %+v", rows)
	}
	r := rows[0]
	// w1: Friday 14:30–15:30 and Monday 08:00–09:00 = 120 minutes = 0.2667
	// days (2.77 on the clock). w2: decided the same evening, after hours:
	// 0. w3: Wednesday 27 March 10:00–15:30 = 330, then Maundy Thursday,
	// Good Friday, the weekend and Easter Monday, then Tuesday 08:00–10:00
	// = 120: 450 minutes = 1 working day (6 on the clock).
	// Sorted 0, 0.2667, 1: median 0.2667, p90 0.2667 + 0.8 × 0.7333.
	w1 := 120.0 / 450
	wantNull(t, "median", r.LeadTimeMedianWorkingDays, w1)
	wantNull(t, "p90", r.LeadTimeP90WorkingDays, w1+0.8*(1-w1))
	// Touch time over working time, without w2 (no working time):
	// (60 + 90) / (120 + 450).
	wantNull(t, "touch share", r.TouchTimeShare, 150.0/570)
	wantNull(t, "wall-clock median", r.LeadTimeMedianDays, (18.5+48)/24)
}
