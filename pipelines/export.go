package pipelines

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
	"github.com/gevinst/gevinst/reports"
)

// ExportOptions selects what `gevinst export` writes.
type ExportOptions struct {
	// Format is parquet, arrow or csv.
	Format string
	// Dir receives one file per table, named TABLE.FORMAT.
	Dir string
	// NoSuppress writes small cells as they are; by default they are
	// null, as the workbook hides them (SPEC §8).
	NoSuppress bool
	From, To   time.Time
	Org        string
	Now        time.Time
	Version    string
}

// Table is one table behind the workbook, ready for a file: column names,
// DuckDB types and rows of plain Go values (nil for null).
type Table struct {
	Name  string
	Cols  []string
	Types []string
	Rows  [][]any
}

// Export writes every table behind the workbook to opts.Dir and returns
// the paths written. Parquet and CSV go through DuckDB's COPY; Arrow IPC
// files are written with arrow-go.
func Export(ctx context.Context, db *queries.DB, cfg *config.Config, opts ExportOptions) ([]string, error) {
	if opts.Format != "parquet" && opts.Format != "csv" && opts.Format != "arrow" {
		return nil, fmt.Errorf("%w: export format %q: expected parquet, arrow or csv", queries.ErrInput, opts.Format)
	}
	in, err := ReportInput(ctx, db, cfg, ReportOptions{Lang: "en", From: opts.From, To: opts.To, Org: opts.Org, Now: opts.Now, Version: opts.Version})
	if err != nil {
		return nil, err
	}
	mc := int64(cfg.Privacy.MinCell)
	if opts.NoSuppress {
		mc = 0
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var paths []string
	for _, t := range ExportTables(in, mc) {
		p := filepath.Join(opts.Dir, t.Name+"."+opts.Format)
		if opts.Format == "arrow" {
			err = writeArrow(p, t)
		} else {
			err = db.CopyTable(ctx, t.Cols, t.Types, t.Rows, p, opts.Format)
		}
		if err != nil {
			return paths, fmt.Errorf("export %s: %w", t.Name, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// ExportTables turns the workbook's input into tables, hiding figures
// built from fewer than minCell submissions or employees (0: none) by the
// workbook's rule (model.Small, Schema.Suppress), with a "suppressed"
// column that says where.
func ExportTables(in reports.Input, minCell int64) []Table {
	mc := int(minCell)
	var out []Table

	metrics := func(name string, rows []model.MetricRow) {
		s := model.MetricSchema
		t := newTable(name, append(s.Names(), "suppressed"))
		for _, r := range rows {
			v := s.Values(r)
			hide := s.Suppress(v, mc, r.Submissions, in.Employees[r.Cell()])
			t.add(append(v, hide))
		}
		out = append(out, t)
	}
	metrics("metrics", in.Monthly)
	metrics("metrics_range", in.Overall)

	bs := model.BenefitSchema
	t := newTable("benefits", append(bs.Names(), "suppressed"))
	for _, r := range in.Benefits {
		v := bs.Values(r)
		hide := bs.Suppress(v, mc, r.Submissions, in.Employees[r.Cell()])
		t.add(append(v, hide))
	}
	out = append(out, t)

	ms := model.MixSchema(in.Channels)
	t = newTable("channel_mix", append(ms.Names(), "suppressed"))
	for _, r := range in.Mix {
		v := ms.Values(r)
		// Each count is a figure of its own; the total and shares stand on
		// all of them.
		hide := false
		ms.Blank(v, func(c model.Column[model.MixRow]) bool {
			small := c.Channel != "" && model.Small(mc, r.ByChannel[c.Channel], 0)
			hide = hide || small
			return small
		})
		// A hidden count would follow from the total less the others, or
		// from the shares: they go too, as on the Channels sheet.
		if hide || model.Small(mc, r.Submissions, 0) {
			ms.Blank(v, func(c model.Column[model.MixRow]) bool { return c.Suppressible && c.Channel == "" })
			hide = true
		}
		t.add(append(v, hide))
	}
	out = append(out, t)

	as := model.ActivitySchema
	t = newTable("activities", append(as.Names(), "suppressed"))
	for _, r := range in.Activities {
		v := as.Values(r)
		hide := as.Suppress(v, mc, 0, r.Employees)
		t.add(append(v, hide))
	}
	out = append(out, t)

	last12 := map[[2]string]int64{}
	if to, err := time.Parse("2006-01", in.To); err == nil {
		from := to.AddDate(0, -11, 0).Format("2006-01")
		for _, m := range in.Mix {
			if m.Period >= from && m.Period <= in.To {
				last12[[2]string{m.Org, m.Service}] += m.Submissions
			}
		}
	}
	rs := model.RegisterSchema
	t = newTable("register", append(rs.Names(), "suppressed"))
	for _, r := range in.Register {
		v := rs.Values(r)
		hide := rs.Suppress(v, mc, last12[[2]string{r.Org, r.Service}], 0)
		t.add(append(v, hide))
	}
	out = append(out, t)

	t = newTable("appraisal", model.ChangeSchema.Names())
	for _, r := range in.Change {
		t.add(model.ChangeSchema.Values(r))
	}
	out = append(out, t)

	t = newTable("itposmo", model.RiskSchema.Names())
	for _, r := range in.Risk {
		t.add(model.RiskSchema.Values(r))
	}
	out = append(out, t)

	cs := model.CompareSchema(in.Channels)
	t = newTable("organisations", append(cs.Names(), "suppressed"))
	for _, r := range in.Compare {
		v := cs.Values(r)
		hide := cs.Suppress(v, mc, r.Submissions, 0)
		t.add(append(v, hide))
	}
	out = append(out, t)

	t = newTable("batches", []string{"batch_id", "kind", "file_name", "sha256", "rows_read", "rows_loaded",
		"rows_rejected", "rows_replaced", "status", "started_at", "finished_at", "source", "format", "sheet"})
	for _, b := range in.Batches {
		t.add([]any{b.BatchID, b.Kind, b.FileName, b.SHA256, b.RowsRead, b.RowsLoaded, b.RowsRejected, b.RowsReplaced,
			b.Status, b.StartedAt, b.FinishedAt, b.Source, b.Format, b.Sheet})
	}
	out = append(out, t)

	t = newTable("rejects", []string{"kind", "column", "reason", "rows"})
	for _, r := range in.Rejects {
		t.add([]any{r.Kind, r.Column, r.Reason, r.Rows})
	}
	out = append(out, t)

	q := in.Quality
	t = newTable("data_quality", []string{"measure", "value"})
	for _, m := range []struct {
		k string
		v float64
	}{
		{"total_minutes", q.TotalMinutes}, {"case_linked_minutes", q.CaseLinkedMinutes}, {"pooled_minutes", q.PooledMinutes},
		{"unattributed_minutes", q.UnattributedMinutes}, {"unattributed_rows", float64(q.UnattributedRows)},
		{"orphan_rows", float64(q.OrphanRows)}, {"orphan_minutes", q.OrphanMinutes}, {"submissions", float64(q.Submissions)},
		{"timed_submissions", float64(q.TimedSubmissions)}, {"shared_case_ids", float64(q.SharedCaseIDs)},
		{"volume_submissions", float64(q.VolumeSubmissions)}, {"volume_conflicts", float64(q.VolumeConflicts)},
		{"volume_conflict_count", float64(q.VolumeConflictCount)},
	} {
		t.add([]any{m.k, m.v})
	}
	out = append(out, t)
	for i := range out {
		out[i].finish()
	}
	return out
}

func newTable(name string, cols []string) Table {
	return Table{Name: name, Cols: append([]string(nil), cols...), Types: make([]string, len(cols))}
}

// add appends a row of model values as plain Go values, learning each
// column's DuckDB type from the first value that shows it.
func (t *Table) add(vals []any) {
	row := make([]any, len(vals))
	for i, v := range vals {
		typ, plain := plainValue(v)
		if t.Types[i] == "" && typ != "" {
			t.Types[i] = typ
		}
		row[i] = plain
	}
	t.Rows = append(t.Rows, row)
}

// finish gives every column with no typed value VARCHAR.
func (t *Table) finish() {
	for i := range t.Types {
		if t.Types[i] == "" {
			t.Types[i] = "VARCHAR"
		}
	}
}

// plainValue maps a model value to its DuckDB type and a driver value.
func plainValue(v any) (string, any) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return "VARCHAR", x
	case int64:
		return "BIGINT", x
	case float64:
		return "DOUBLE", x
	case bool:
		return "BOOLEAN", x
	case time.Time:
		return "TIMESTAMP", x
	case model.Null:
		if !x.Valid {
			return "DOUBLE", nil
		}
		return "DOUBLE", x.Float64
	case model.NullInt:
		if !x.Valid {
			return "BIGINT", nil
		}
		return "BIGINT", x.Int64
	case model.NullBool:
		if !x.Valid {
			return "BOOLEAN", nil
		}
		return "BOOLEAN", x.Bool
	}
	return "VARCHAR", fmt.Sprint(v)
}
