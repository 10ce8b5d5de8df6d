package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/pipelines/bench"
	"github.com/gevinst/gevinst/queries"
)

// sheetRow is one row of the yardstick's sheet.
type sheetRow struct {
	Submissions          int64
	StaffMinutes         float64
	MinutesPerSubmission *float64
}

// runYardstick runs yardstick.py on the two CSVs and returns its sheet
// (keyed org/service/channel/month, read back with openpyxl) and the
// number of charts in the workbook. It skips the test without pandas.
func runYardstick(t *testing.T, subs, tm string) (map[string]sheetRow, []string, int) {
	t.Helper()
	py, err := Python()
	if err != nil {
		t.Skipf("the yardstick needs Python with pandas and openpyxl: %v", err)
	}
	dir := t.TempDir()
	script, err := WriteYardstick(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.xlsx")
	b, err := exec.Command(py, script, subs, tm, out).CombinedOutput()
	if err != nil {
		t.Fatalf("yardstick.py: %v\n%s", err, b)
	}
	var timings map[string]float64
	if err := json.Unmarshal([]byte(lastLine(string(b))), &timings); err != nil {
		t.Fatalf("yardstick.py's last line is not the benchmark's JSON: %q", lastLine(string(b)))
	}
	dump := `import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({"sheets": wb.sheetnames, "rows": [list(r[:7]) for r in wb.active.iter_rows(values_only=True)]}))`
	b, err = exec.Command(py, "-c", dump, out).CombinedOutput()
	if err != nil {
		t.Fatalf("reading the workbook: %v\n%s", err, b)
	}
	var wb struct {
		Sheets []string
		Rows   [][]any
	}
	if err := json.Unmarshal(b, &wb); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(wb.Rows[0]); got != "[org service channel month submissions staff_minutes minutes_per_submission]" {
		t.Fatalf("header %s", got)
	}
	sheet := map[string]sheetRow{}
	var order []string
	for _, r := range wb.Rows[1:] {
		if r[0] == nil {
			continue // below the table: the chart's data only
		}
		key := fmt.Sprintf("%v/%v/%v/%v", r[0], r[1], r[2], r[3])
		row := sheetRow{Submissions: int64(r[4].(float64)), StaffMinutes: r[5].(float64)}
		if r[6] != nil {
			v := r[6].(float64)
			row.MinutesPerSubmission = &v
		}
		sheet[key] = row
		order = append(order, key)
	}
	if int(timings["rows"]) != len(sheet) {
		t.Errorf("the script reports %v rows, the sheet has %d", timings["rows"], len(sheet))
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	charts := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			charts++
		}
	}
	if len(wb.Sheets) != 1 {
		t.Errorf("sheets %v, want one", wb.Sheets)
	}
	return sheet, order, charts
}

// The yardstick on a small pair worked out by hand: a case shared by two
// submissions, the same case id in another org, a case-linked row whose
// own service is ignored, an orphan with service and channel (pooled), a
// service-only row spread 1:2 over the month's channels, one in a month
// without submissions (unattributed), pooled time in a cell without
// submissions, and rows attributable nowhere.
func TestYardstickByHand(t *testing.T) {
	dir := t.TempDir()
	subs := filepath.Join(dir, "s.csv")
	tm := filepath.Join(dir, "t.csv")
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(subs, `org,submission_id,service,channel,received_at,decided_at,case_id
a,S1,bygg,paper,2020-01-10 09:00:00,,C1
a,S2,bygg,eform,2020-01-11 09:00:00,2020-01-20 10:00:00,C1
a,S3,bygg,eform,2020-01-31 23:00:00,,C3
a,S4,bygg,paper,2020-02-03 10:00:00,,
b,S5,bygg,paper,2020-01-15 09:00:00,,C3
`)
	write(tm, `registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity
R1,a,E1,clerk,2020-01-20,30,C1,,,reply
R2,a,E1,clerk,2020-02-20,10,C3,sfo,paper,reply
R3,b,E2,clerk,2020-01-02,7,C3,,,reply
R4,a,E1,clerk,2020-01-05,12,X9,bygg,paper,reply
R5,a,E1,clerk,2020-01-06,9,,bygg,,reply
R6,a,E1,clerk,2020-03-01,5,,bygg,,reply
R7,a,E1,clerk,2020-03-01,4.5,,sfo,integrated,reply
R8,b,E2,clerk,2020-01-02,8,C1,,,reply
R9,a,E1,clerk,2020-02-01,6,,,,reply
`)
	sheet, order, charts := runYardstick(t, subs, tm)
	mps := func(v float64) *float64 { return &v }
	want := []struct {
		key string
		row sheetRow
	}{
		// S2, S3: half of R1 (15), R2 (10), two thirds of R5 (6).
		{"a/bygg/eform/2020-01", sheetRow{2, 31, mps(15.5)}},
		// S1: half of R1 (15), R4 (12), a third of R5 (3).
		{"a/bygg/paper/2020-01", sheetRow{1, 30, mps(30)}},
		{"a/bygg/paper/2020-02", sheetRow{1, 0, mps(0)}},
		{"a/sfo/integrated/2020-03", sheetRow{0, 4.5, nil}},
		{"b/bygg/paper/2020-01", sheetRow{1, 7, mps(7)}},
	}
	if len(order) != len(want) {
		t.Errorf("rows %v, want %d", order, len(want))
	}
	for i, w := range want {
		if i < len(order) && order[i] != w.key {
			t.Errorf("row %d is %s, want %s (sorted by org, service, channel, month)", i, order[i], w.key)
		}
		g, ok := sheet[w.key]
		if !ok {
			t.Errorf("%s: missing", w.key)
			continue
		}
		if g.Submissions != w.row.Submissions || !near(g.StaffMinutes, w.row.StaffMinutes) ||
			(g.MinutesPerSubmission == nil) != (w.row.MinutesPerSubmission == nil) ||
			(g.MinutesPerSubmission != nil && !near(*g.MinutesPerSubmission, *w.row.MinutesPerSubmission)) {
			t.Errorf("%s: %+v (mps %v), want %+v (mps %v)", w.key, g, deref(g.MinutesPerSubmission), w.row, deref(w.row.MinutesPerSubmission))
		}
	}
	if charts != 1 {
		t.Errorf("%d charts, want one", charts)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// The yardstick computes, on generated data, the submissions and staff
// minutes gevinst's metrics compute for every (org, service, channel,
// month): the comparison in the benchmark is of the same attribution.
func TestYardstickMatchesMetrics(t *testing.T) {
	if _, err := Python(); err != nil {
		t.Skipf("the yardstick needs Python with pandas and openpyxl: %v", err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	sh := bench.Shape{Submissions: 2000, TimeRows: 6000}
	subs, err := bench.WriteSubmissions(filepath.Join(dir, "s.csv"), sh)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := bench.WriteTime(filepath.Join(dir, "t.csv"), sh)
	if err != nil {
		t.Fatal(err)
	}
	sheet, _, charts := runYardstick(t, subs.Path, tm.Path)
	if charts != 1 {
		t.Errorf("%d charts, want one", charts)
	}
	cfg, err := Config(":memory:", "1GB", 0)
	if err != nil {
		t.Fatal(err)
	}
	db, err := queries.Open(ctx, "", &cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for kind, path := range map[queries.Kind]string{queries.KindSubmissions: subs.Path, queries.KindTime: tm.Path} {
		if _, err := pipelines.Import(ctx, db, &cfg, pipelines.ImportOptions{Kind: kind, Files: []string{path}}, io.Discard, log); err != nil {
			t.Fatal(err)
		}
	}
	metrics, err := db.Metrics(ctx, queries.Filter{Grain: queries.GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	var pooledOnly int
	for _, m := range metrics {
		key := strings.Join([]string{m.Org, m.Service, m.Channel, m.Period}, "/")
		g, ok := sheet[key]
		if !ok {
			t.Errorf("%s: in metrics, not in the yardstick's sheet", key)
			continue
		}
		delete(sheet, key)
		if m.Submissions == 0 {
			pooledOnly++
		}
		if g.Submissions != m.Submissions || math.Abs(g.StaffMinutes-m.StaffMinutes) > 1e-6 {
			t.Errorf("%s: yardstick %d submissions, %v minutes; metrics %d, %v", key, g.Submissions, g.StaffMinutes, m.Submissions, m.StaffMinutes)
		}
		if m.MinutesPerSubmission.Valid != (g.MinutesPerSubmission != nil) ||
			(g.MinutesPerSubmission != nil && math.Abs(*g.MinutesPerSubmission-m.MinutesPerSubmission.Float64) > 1e-6) {
			t.Errorf("%s: minutes per submission %v, metrics %+v", key, deref(g.MinutesPerSubmission), m.MinutesPerSubmission)
		}
	}
	for key := range sheet {
		t.Errorf("%s: in the yardstick's sheet, not in metrics", key)
	}
	if pooledOnly == 0 {
		t.Error("no cell with pooled time and no submissions: the data does not test that case")
	}
	if len(metrics) < 1000 {
		t.Errorf("only %d cells: the data is too thin to compare", len(metrics))
	}
}
