package reports

import (
	"math"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// The handling-time table is drawn from model.MetricSchema's labelled
// columns: each header is its column's label, and each figure is its
// column's value of the row drawn (matched by org, submissions and staff
// minutes), so a header and its figures cannot drift apart.
func TestHandlingColumnsFromSchema(t *testing.T) {
	in := testInput("en")
	in.MinCell = 0
	f, _ := write(t, in)
	sh := labels["sheet.handling"].en
	cols := model.MetricSchema.Labelled()
	if len(cols) < 10 {
		t.Fatalf("only %d labelled metric columns", len(cols))
	}
	rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	hr := -1
	for i, row := range rows {
		if len(row) > 0 && row[0] == labels[cols[0].Label].en {
			hr = i
			break
		}
	}
	if hr < 0 {
		t.Fatal("header row not found")
	}
	for i, c := range cols {
		if got, want := rows[hr][i], labels[c.Label].en; got != want {
			t.Errorf("header %d (%s) = %q, want %q", i+1, c.Name, got, want)
		}
	}
	idx := map[string]int{}
	for i, c := range cols {
		idx[c.Name] = i
	}
	checked := 0
	for _, row := range rows[hr+1:] {
		if len(row) <= idx["staff_minutes"] || row[0] == "" {
			break
		}
		var m *model.MetricRow
		for k, o := range in.Overall {
			if o.Org == row[0] && strconv.FormatInt(o.Submissions, 10) == row[idx["submissions"]] &&
				row[idx["staff_minutes"]] == strconv.FormatFloat(o.StaffMinutes, 'f', -1, 64) {
				m = &in.Overall[k]
			}
		}
		if m == nil {
			t.Fatalf("handling row %q matches no metrics row", row)
		}
		for i, c := range cols {
			got := ""
			if i < len(row) {
				got = row[i]
			}
			var want float64
			switch v := c.Get(*m).(type) {
			case int64:
				if c.Name == "ci_n" && m.Submissions == 0 {
					continue
				}
				want = float64(v)
			case float64:
				want = v
			case model.Null:
				if !v.Valid {
					if got != "" {
						t.Errorf("%s of %v = %q, want empty", c.Name, row[:3], got)
					}
					continue
				}
				want = v.Float64
			default:
				continue
			}
			x, err := strconv.ParseFloat(got, 64)
			if err != nil || math.Abs(x-want) > 1e-9 {
				t.Errorf("%s of %v = %q, want %v", c.Name, row[:3], got, want)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d figures checked", checked)
	}
}

// The Evaluation sheet's headers are model.EvaluationSchema's labels, in
// schema order: the sheet lists the columns of `gevinst evaluate`.
func TestEvaluationHeadersFromSchema(t *testing.T) {
	in := testInput("en")
	in.Evaluation = testEvaluation()
	f, _ := write(t, in)
	sh := labels["sheet.evaluation"].en
	hr := headerRow(t, f, sh, "tblEvaluation")
	cols := model.EvaluationSchema.Labelled()
	if len(cols) != len(model.EvaluationSchema) {
		t.Errorf("%d of %d evaluation columns have a label", len(cols), len(model.EvaluationSchema))
	}
	for i, c := range cols {
		if got, want := raw(t, f, sh, cell(i+1, hr)), labels[c.Label].en; got != want {
			t.Errorf("header %d (%s) = %q, want %q", i+1, c.Name, got, want)
		}
	}
}
