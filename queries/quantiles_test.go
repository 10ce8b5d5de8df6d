package queries

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/model"
)

// TestQuantilesOverMonthsExact: over several months metrics.sql finds its
// quantiles in the kept buckets (0005_fig_quant.sql) and adds up the month
// cells' sums. Every quantile must equal DuckDB's quantile_cont over the
// submissions themselves bit for bit, and the sums the per-submission
// ones up to the order of addition, at every grain but month, over a
// sub-range and for one org. The data is made to be hard on buckets:
// lead times of whole days (1, 4, 9 and 16 days sit exactly on bucket
// edges), minutes on edges too (16, 64), many ties, cells of one and of
// two submissions, undecided submissions and receipts without a time.
func TestQuantilesOverMonthsExact(t *testing.T) {
	subs, times := quantileData(rand.New(rand.NewPCG(15, 2026)))
	var c config.Config
	c.Channels = config.Channels{List: []string{"paper", "eform"}, Baseline: "paper", Target: "eform"}
	d := openTest(t, c)
	for _, f := range []struct {
		kind Kind
		name string
		text string
	}{{KindSubmissions, "submissions.csv", subs}, {KindTime, "time.csv", times}} {
		p := writeFile(t, f.name, f.text)
		if res := importTest(t, d, f.kind, p); res.RowsRejected != 0 {
			t.Fatalf("%s: %d rows rejected: %+v", f.name, res.RowsRejected, res.Rejects)
		}
	}
	ctx := context.Background()
	filters := []Filter{
		{Grain: GrainAll}, {Grain: GrainYear}, {Grain: GrainQuarter},
		{Grain: GrainAll, From: month("2023-05"), To: month("2024-02")},
		{Grain: GrainQuarter, From: month("2023-02"), To: month("2023-11"), Org: "o2"},
		{Grain: GrainYear, Service: "b"},
	}
	for _, f := range filters {
		name := fmt.Sprintf("%s %s..%s org %q service %q", f.Grain, f.From.Format("2006-01"), f.To.Format("2006-01"), f.Org, f.Service)
		got, err := d.Metrics(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		want := quantileReference(t, d, f) // after Metrics: the range and filters it applied
		if len(got) == 0 || len(got) != len(want) {
			t.Fatalf("%s: %d metric rows, %d reference rows", name, len(got), len(want))
		}
		ones := 0
		for _, r := range got {
			k := r.Org + "|" + r.Service + "|" + r.Channel + "|" + r.Period
			w, ok := want[k]
			if !ok {
				t.Fatalf("%s: %s has no reference row", name, k)
			}
			if r.TimedSubmissions == 1 {
				ones++
			}
			for _, q := range []struct {
				what      string
				got, want model.Null
			}{
				{"median case minutes", r.MedianCaseMinutes, w.q[0]},
				{"p90 case minutes", r.P90CaseMinutes, w.q[1]},
				{"median lead days", r.LeadTimeMedianDays, w.q[2]},
				{"p90 lead days", r.LeadTimeP90Days, w.q[3]},
				{"median lead working days", r.LeadTimeMedianWorkingDays, w.q[4]},
				{"p90 lead working days", r.LeadTimeP90WorkingDays, w.q[5]},
			} {
				if q.got.Valid != q.want.Valid || math.Float64bits(q.got.Float64) != math.Float64bits(q.want.Float64) {
					t.Errorf("%s: %s %s = %v, quantile_cont over the submissions gives %v", name, k, q.what, q.got, q.want)
				}
			}
			if r.TimedSubmissions != w.timed {
				t.Errorf("%s: %s timed submissions %d, want %d", name, k, r.TimedSubmissions, w.timed)
			}
			for _, s := range []struct {
				what      string
				got, want model.Null
			}{
				{"after-hours share", r.AfterHoursShare, w.afterHours},
				{"touch-time share", r.TouchTimeShare, w.touch},
			} {
				if s.got.Valid != s.want.Valid || (s.got.Valid && math.Abs(s.got.Float64-s.want.Float64) > 1e-12*math.Abs(s.want.Float64)) {
					t.Errorf("%s: %s %s = %v, over the submissions %v", name, k, s.what, s.got, s.want)
				}
			}
		}
		if f.Grain == GrainQuarter && f.Org == "" && ones == 0 {
			t.Errorf("%s: no cell of one timed submission: the data does not test that case", name)
		}
		if f.Grain == GrainAll && f.From.IsZero() {
			if w, ok := want["o2|e|eform|"+got[0].Period]; !ok || w.afterHours.Valid {
				t.Errorf("%s: o2 e eform should be a cell without an after-hours share: %+v", name, w)
			}
		}
	}
}

// quantileRef is one reference row: the six quantiles in metrics.sql's
// order, the timed count and two shares.
type quantileRef struct {
	q                 [6]model.Null
	timed             int64
	afterHours, touch model.Null
}

// quantileReference computes the quantiles and shares metrics.sql gives
// over several months the plain way: DuckDB's own aggregates over every
// submission (fig_sub), at the grain and range the filter set.
func quantileReference(t *testing.T, d *DB, f Filter) map[string]quantileRef {
	t.Helper()
	rows, err := d.conn.QueryContext(context.Background(), `
		SELECT org, service, channel, gevinst_period(gevinst_period_start(month)),
		       quantile_cont(case_minutes, [0.5, 0.9]), quantile_cont(lead_days, [0.5, 0.9]),
		       quantile_cont(lead_work_days, [0.5, 0.9]),
		       count(case_minutes), avg(after_hours),
		       fsum(case_minutes) FILTER (WHERE lead_work_days > 0)
		           / (fsum(lead_work_days) FILTER (WHERE case_minutes IS NOT NULL AND lead_work_days > 0)
		              * gevinst_office_minutes())
		FROM fig_sub
		WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
		  AND (getvariable('org') IS NULL OR org = getvariable('org'))
		  AND (getvariable('service') IS NULL OR service = getvariable('service'))
		GROUP BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]quantileRef{}
	for rows.Next() {
		var org, service, channel, period string
		var qs [3]any
		var r quantileRef
		if err := rows.Scan(&org, &service, &channel, &period, &qs[0], &qs[1], &qs[2], &r.timed, &r.afterHours, &r.touch); err != nil {
			t.Fatal(err)
		}
		for i, q := range qs {
			if l, ok := q.([]any); ok {
				r.q[2*i], r.q[2*i+1] = asNull(l[0]), asNull(l[1])
			}
		}
		out[org+"|"+service+"|"+channel+"|"+period] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func asNull(v any) model.Null {
	if f, ok := v.(float64); ok {
		return model.Some(f)
	}
	return sql.NullFloat64{}
}

// quantileData writes submissions and time registrations over 18 months
// for two orgs, two services and two channels, with the ties and edges
// TestQuantilesOverMonthsExact needs.
func quantileData(r *rand.Rand) (subs, times string) {
	var s, tm strings.Builder
	s.WriteString("submission_id,org,service,channel,received_at,decided_at,case_id\n")
	tm.WriteString("registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity\n")
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	reg := 0
	minutes := []string{"16", "64", "30", "64", "7.5", "16", "120", "0.25"}
	for i := range 2400 {
		org, service, channel := "o1", "a", "paper"
		if r.IntN(3) == 0 {
			org = "o2"
		}
		if r.IntN(2) == 0 {
			service = "b"
		}
		if r.IntN(2) == 0 {
			channel = "eform"
		}
		received := start.AddDate(0, 0, r.IntN(540)).Add(time.Duration(r.IntN(86400)) * time.Second)
		recv := received.Format("2006-01-02 15:04:05")
		if r.IntN(10) == 0 {
			recv = received.Format("2006-01-02") // no time: after hours unknown
		}
		dec := ""
		switch r.IntN(8) {
		case 0: // undecided
		case 1, 2, 3: // whole days, on bucket edges and tied
			days := []int{0, 1, 4, 9, 16, 4, 1}[r.IntN(7)]
			if recv == received.Format("2006-01-02") {
				received = received.Truncate(24 * time.Hour)
			}
			dec = received.AddDate(0, 0, days).Format("2006-01-02 15:04:05")
		default:
			if recv == received.Format("2006-01-02") {
				received = received.Truncate(24 * time.Hour)
			}
			dec = received.Add(time.Duration(r.IntN(40*86400)) * time.Second).Format("2006-01-02 15:04:05")
		}
		caseID := fmt.Sprintf("C%04d", i)
		if i%7 == 3 {
			caseID = fmt.Sprintf("C%04d", i-1) // shared: fractional minutes
		}
		fmt.Fprintf(&s, "S%04d,%s,%s,%s,%s,%s,%s\n", i, org, service, channel, recv, dec, caseID)
		for range r.IntN(3) {
			reg++
			fmt.Fprintf(&tm, "R%05d,%s,%s-e%d,clerk,%s,%s,%s,,,casework\n", reg, org, org, r.IntN(9),
				received.AddDate(0, 0, r.IntN(5)).Format("2006-01-02"), minutes[r.IntN(len(minutes))], caseID)
		}
	}
	// A cell with a single submission, one with two, and one whose
	// receipts all lack a time (no after-hours share: NULL, not NaN).
	fmt.Fprintf(&s, "S9001,o2,c,eform,2023-06-05 10:00:00,2023-06-09 10:00:00,C9001\n")
	fmt.Fprintf(&s, "S9004,o2,e,eform,2023-08-07,2023-08-09 12:00:00,C9004\n")
	fmt.Fprintf(&s, "S9005,o2,e,eform,2023-10-02,,C9005\n")
	fmt.Fprintf(&s, "S9002,o2,d,paper,2023-07-03 09:00:00,2023-07-04 09:00:00,C9002\n")
	fmt.Fprintf(&s, "S9003,o2,d,paper,2023-09-03 09:00:00,2023-09-19 09:00:00,C9003\n")
	for _, c := range []string{"C9001", "C9002", "C9003"} {
		reg++
		fmt.Fprintf(&tm, "R%05d,o2,o2-e1,clerk,2023-07-05,64,%s,,,casework\n", reg, c)
	}
	return s.String(), tm.String()
}
