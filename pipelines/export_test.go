package pipelines

import (
	"slices"
	"testing"

	"github.com/gevinst/gevinst/queries/model"
	"github.com/gevinst/gevinst/reports"
)

// Export hides what the workbook hides (model.Small): a channel count of
// 2, a month of 4 in total, and a range cell of 40 submissions whose
// minutes come from 3 employees; a cell of 40 from 6 employees stays.
func TestExportTablesSmallCells(t *testing.T) {
	in := reports.Input{From: "2024-01", To: "2024-01", Channels: []string{"paper", "eform"},
		Mix: []model.MixRow{
			{Org: "a", Service: "s", Period: "2024-01", Submissions: 42, ByChannel: map[string]int64{"paper": 40, "eform": 2}},
			{Org: "a", Service: "t", Period: "2024-01", Submissions: 4, ByChannel: map[string]int64{"paper": 4}},
		},
		Overall: []model.MetricRow{
			{Org: "a", Service: "s", Channel: "paper", Period: "2024-01..2024-01", Submissions: 40, StaffMinutes: 400, MinutesPerSubmission: model.Some(10)},
			{Org: "a", Service: "t", Channel: "paper", Period: "2024-01..2024-01", Submissions: 40, StaffMinutes: 400, MinutesPerSubmission: model.Some(10)},
		},
		Employees: map[model.CellKey]int64{
			{Org: "a", Service: "s", Channel: "paper", Period: "2024-01..2024-01"}: 3,
			{Org: "a", Service: "t", Channel: "paper", Period: "2024-01..2024-01"}: 6,
		},
	}
	tables := ExportTables(in, 5)
	get := func(name string) Table {
		for _, t := range tables {
			if t.Name == name {
				return t
			}
		}
		t.Fatalf("no table %s", name)
		return Table{}
	}
	mix := get("channel_mix")
	col := func(t Table, c string) int { return slices.Index(t.Cols, c) }
	if r := mix.Rows[0]; r[col(mix, "submissions_eform")] != nil || r[col(mix, "submissions_paper")] != int64(40) || r[len(r)-1] != true {
		t.Errorf("mix row s = %v, want eform hidden, paper 40, suppressed", r)
	}
	// The total 42 and the share 2/42 would give the 2 away.
	if r := mix.Rows[0]; r[col(mix, "submissions")] != nil || r[col(mix, "digital_share")] != nil {
		t.Errorf("mix row s = %v, want total and shares hidden with the eform count", r)
	}
	if r := mix.Rows[1]; r[col(mix, "submissions")] != nil || r[col(mix, "digital_share")] != nil || r[col(mix, "submissions_paper")] != nil {
		t.Errorf("mix row t = %v, want the month of 4 hidden", r)
	}
	m := get("metrics_range")
	if r := m.Rows[0]; r[col(m, "staff_minutes")] != nil || r[col(m, "minutes_per_submission")] != nil || r[len(r)-1] != true {
		t.Errorf("range row from 3 employees = %v, want hidden", r)
	}
	if r := m.Rows[1]; r[col(m, "minutes_per_submission")] != 10.0 || r[len(r)-1] != false {
		t.Errorf("range row from 6 employees = %v, want shown", r)
	}
	if ExportTables(in, 0)[1].Rows[0][6] != 400.0 {
		t.Error("min_cell 0 (--no-suppress) still hides")
	}
}
