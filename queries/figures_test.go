package queries

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gevinst/gevinst/config"
)

// figures renders what the readers return from the kept figures at month
// grain, floats to 12 significant digits (a sum over the same parts in
// another order may differ in the last bits).
func figures(t *testing.T, d *DB) string {
	t.Helper()
	ctx := context.Background()
	f := Filter{Grain: GrainMonth}
	var b strings.Builder
	show := func(name string, v any, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fmt.Fprintf(&b, "%s: %s\n", name, rounded(reflect.ValueOf(v)))
	}
	m, err := d.Metrics(ctx, f)
	show("metrics", m, err)
	be, err := d.Benefits(ctx, f)
	show("benefits", be, err)
	mix, err := d.Mix(ctx, f)
	show("mix", mix, err)
	a, err := d.Activities(ctx, f)
	show("activities", a, err)
	q, err := d.Quality(ctx, f)
	show("quality", q, err)
	e, err := d.CellEmployees(ctx, f)
	show("employees", e, err)
	return b.String()
}

// rounded prints v with every float to 12 significant digits (also
// inside a scanned any).
func rounded(v reflect.Value) string {
	if v.Kind() == reflect.Interface { // a scanned any
		if v.IsNil() {
			return "NULL"
		}
		return rounded(v.Elem())
	}
	if v.Type() == reflect.TypeFor[time.Time]() {
		return fmt.Sprint(v.Interface())
	}
	switch v.Kind() {
	case reflect.Float64:
		if x := v.Float(); !math.IsNaN(x) {
			return fmt.Sprintf("%.12g", x)
		}
	case reflect.Slice:
		var parts []string
		for i := range v.Len() {
			parts = append(parts, rounded(v.Index(i)))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case reflect.Struct:
		var parts []string
		for i := range v.NumField() {
			parts = append(parts, v.Type().Field(i).Name+":"+rounded(v.Field(i)))
		}
		return "{" + strings.Join(parts, " ") + "}"
	case reflect.Map:
		return fmt.Sprint(v.Interface()) // fmt sorts map keys
	}
	return fmt.Sprint(v.Interface())
}

// keptTables renders every kept table but its gen, rows in order, floats
// to 12 significant digits; a cell's employees as their count (two
// databases number them in the order they met them).
func keptTables(t *testing.T, d *DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT * EXCLUDE (gen) FROM fig_sub ORDER BY ALL`,
		`SELECT * EXCLUDE (gen) FROM fig_sub_month ORDER BY ALL`,
		// A bucket's values are kept in no order, and an addition of new
		// submissions appends rows of its own to a bucket.
		`SELECT org, service, channel, month, bucket, sum(n), list_sort(flatten(list(vals)))
		 FROM fig_quant_case GROUP BY ALL ORDER BY ALL`,
		`SELECT org, service, channel, month, bucket, sum(n), list_sort(flatten(list(vals)))
		 FROM fig_quant_lead GROUP BY ALL ORDER BY ALL`,
		`SELECT org, service, channel, month, bucket, sum(n), list_sort(flatten(list(vals)))
		 FROM fig_quant_work GROUP BY ALL ORDER BY ALL`,
		`SELECT * EXCLUDE (gen) FROM fig_cells ORDER BY ALL`,
		`SELECT * EXCLUDE (gen) FROM fig_pooled ORDER BY ALL`,
		`SELECT * EXCLUDE (gen) FROM fig_vol ORDER BY ALL`,
		`SELECT * EXCLUDE (gen, emps), bit_count(emps) FROM fig_work ORDER BY ALL`,
		`SELECT * EXCLUDE (gen) FROM fig_rate_gaps ORDER BY ALL`,
		`SELECT * EXCLUDE (gen) FROM fig_orphans ORDER BY ALL`,
	} {
		rows, err := d.conn.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cols, _ := rows.Columns()
		fmt.Fprintf(&b, "%s\n", q)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "  %s\n", rounded(reflect.ValueOf(vals)))
		}
		rows.Close()
	}
	return b.String()
}

// rebuilt returns the figures after a full rebuild of the kept figures on
// the same data.
func rebuilt(t *testing.T, d *DB) string {
	t.Helper()
	if _, err := d.conn.ExecContext(context.Background(), `DELETE FROM figures_state`); err != nil {
		t.Fatal(err)
	}
	d.prepared = false
	return figures(t, d)
}

// TestKeptFiguresEqualFullBuild imports small files in an order that makes
// each rule change hands between batches, and after every import checks
// that the figures the import kept equal a full build's: registrations
// that arrive before their submission (orphans, then case-linked, in
// another month than the submission's), a case id shared across months
// whose second submission comes later (the split changes in the first
// one's month), pooled minutes whose rule 3 weights change with a later
// batch, a replaced submission that moves to another month and channel,
// volumes, and a replacing time re-export.
func TestKeptFiguresEqualFullBuild(t *testing.T) {
	cfg := config.Config{}
	cfg.Baseline.MinSubmissions = 1
	cfg.Costs.HourlyRates = map[string]float64{"clerk": 480, "case_officer": 720}
	d := openTest(t, cfg)
	const timeHead = "registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity\n"
	const subHead = "submission_id,org,service,channel,received_at,decided_at,case_id\n"
	steps := []struct {
		kind Kind
		text string
	}{
		{KindTime, timeHead +
			"r1,k1,e1,clerk,2024-05-05,60,C1,,,registration\n" + // C1's submissions come later, in January and March
			"r2,k1,e2,case_officer,2024-03-07,45,C2,,,assessment\n" +
			"r3,k1,e1,clerk,2024-02-06,30,,s,,archiving\n" + // rule 3 over February's channels
			"r4,k1,e3,clerk,2024-02-07,20,,s,paper,archiving\n" + // rule 2
			"r5,k1,e3,clerk,2024-02-08,10,,,,meeting\n"}, // rule 4
		{KindSubmissions, subHead +
			"S1,k1,s,paper,2024-01-15 10:00,2024-01-20 12:00,C1\n" +
			"S2,k1,s,eform,2024-02-10 09:00,,C3\n"},
		{KindSubmissions, subHead +
			"S3,k1,s,eform,2024-03-10 08:00,2024-03-12 09:00,C1\n" + // C1 now shared across months
			"S4,k1,s,integrated,2024-02-20 22:00,2024-03-01 08:00,C2\n"},
		{KindTime, timeHead +
			"r6,k1,e2,case_officer,2024-01-16,25,C3,,,registration\n" +
			"r2,k1,e2,case_officer,2024-03-07,90,C2,,,assessment\n"}, // replaces r2's minutes
		{KindSubmissions, subHead +
			"S2,k1,s,paper,2024-03-02 11:00,2024-03-04 11:00,C3\n"}, // S2 moves to March and paper
		{KindVolumes, "org,service,channel,period,count\n" +
			"k1,s,paper,2024-04,7\nk1,s,eform,2024-02,3\n"},
		{KindSubmissions, subHead +
			"S5,k1,s,paper,2024-04-02 11:00,,C9\n"}, // into a month with a volume row
		// New registrations only (figures_delta.sql adds them to the kept
		// rows): every rule, two new employees, a role without a rate.
		{KindTime, timeHead +
			"r7,k1,e4,clerk,2024-03-15,40,C1,,,assessment\n" + // rule 1, C1 shared by S1 and S3
			"r8,k1,e1,clerk,2024-04-03,15,C9,,,registration\n" + // rule 1, S5's month has a volume row
			"r9,k1,e2,case_officer,2024-02-11,20,,s,,archiving\n" + // rule 3 over February's channels
			"r10,k1,e3,clerk,2024-02-12,12,,s,eform,archiving\n" + // rule 2
			"r11,k1,e5,clerk,2024-05-01,30,,,,meeting\n" + // rule 4
			"r12,k1,e1,clerk,2024-06-01,10,C77,,,registration\n" + // orphan, rule 4
			"r13,k1,e2,clerk,2024-06-02,10,C78,s,paper,registration\n" + // orphan, rule 2, a cell without submissions
			"r14,k1,e3,clerk,2024-07-02,10,,s,,archiving\n"}, // rule 3 without submissions: rule 4
		{KindSubmissions, subHead +
			"S6,k1,s,eform,2024-06-05 10:00,,C77\n"}, // adopts the orphan r12
		{KindTime, timeHead +
			"r15,k1,e1,clerk,2024-06-07,5,C77,,,assessment\n" + // rule 1 to S6
			"r16,k1,e6,clerk,2024-06-08,8,,s,,archiving\n" + // rule 3 over June's channels
			"r17,k1,e4,clerk,2024-03-16,4,C1,,,assessment\n"}, // C1 again
		// New submissions nothing else depends on (figures_add_subs.sql).
		{KindSubmissions, subHead +
			"S7,k1,s,eform,2024-03-20 09:00,2024-03-22 10:00,C100\n" + // into a kept cell
			"S8,k1,s,paper,2024-08-01 09:00,,C101\n" + // a new month, C101 shared in the batch
			"S9,k1,s,integrated,2024-08-02 09:00,2024-08-09 15:00,C101\n" +
			"S10,k1,t,paper,2024-03-03 09:00,,\n"}, // a new service, no case id
		{KindTime, timeHead +
			"r18,k1,e1,clerk,2024-08-05,30,C101,,,assessment\n"}, // split between S8 and S9
		// Submissions other figures depend on: each month is rebuilt.
		{KindSubmissions, subHead + "S11,k1,s,paper,2024-07-10 09:00,,C102\n"}, // r14, rule 4, turns rule 3
		{KindSubmissions, subHead + "S12,k1,s,paper,2024-02-25 09:00,,C103\n"}, // rule 3's weights in February
		{KindSubmissions, subHead + "S13,k1,s,paper,2024-09-01 09:00,,C100\n"}, // shares S7's case id
	}
	// The submissions a batch added to the kept figures wrote again: only
	// those of a time batch's case ids, a submissions batch's own (a
	// partition refresh writes whole months).
	added := map[int]int{7: 3, 9: 3, 10: 4, 11: 2}
	// full imports the same files and builds every figure again after
	// each; d keeps its own across the steps.
	full := openTest(t, cfg)
	for i, s := range steps {
		file := writeFile(t, fmt.Sprintf("step%d.csv", i), s.text)
		importTest(t, d, s.kind, file)
		importTest(t, full, s.kind, file)
		if want, ok := added[i]; ok {
			var n int
			if err := d.conn.QueryRowContext(context.Background(),
				`SELECT count(*) FROM fig_sub WHERE gen = (SELECT gen FROM figures_state)`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Errorf("after step %d, the refresh wrote %d submissions' figures; want %d (the batch's case ids')", i, n, want)
			}
		}
		if kept, built := figures(t, d), rebuilt(t, full); kept != built {
			t.Fatalf("after step %d (%s), the kept figures differ from a full build:\nkept: %s\nfull: %s", i, s.kind, kept, built)
		}
		// The kept tables themselves, also the columns only a later
		// refresh reads (a submission's or a pooled cell's cost).
		if kept, built := keptTables(t, d), keptTables(t, full); kept != built {
			t.Fatalf("after step %d (%s), the kept tables differ from a full build's:\nkept: %s\nfull: %s", i, s.kind, kept, built)
		}
	}
	// The story holds: r1 went to S1 and S3 (C1), half each, in their months.
	q, err := d.Quality(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if q.OrphanRows != 1 || q.SharedCaseIDs != 3 || !near(q.CaseLinkedMinutes, 60+90+25+40+15+10+5+4+30) {
		t.Errorf("quality: %d orphans, %d shared case ids, %v case-linked minutes; want 1, 3, 279",
			q.OrphanRows, q.SharedCaseIDs, q.CaseLinkedMinutes)
	}
	// Added registrations of a role without a rate: the kept first day
	// without one is the earliest, as a full build finds it.
	for i, day := range []string{"2024-05-09", "2024-05-01", "2024-05-20"} {
		importTest(t, d, KindTime, writeFile(t, fmt.Sprintf("gap%d.csv", i),
			timeHead+fmt.Sprintf("g%d,k1,e5,archivist,%s,30,,,,meeting\n", i, day)))
	}
	_, keptErr := d.Metrics(context.Background(), Filter{Grain: GrainMonth})
	if keptErr == nil || !strings.Contains(keptErr.Error(), "archivist in k1 from 2024-05-01") {
		t.Errorf("kept figures: %v; want the archivist's first day 2024-05-01", keptErr)
	}
	if _, err := d.conn.ExecContext(context.Background(), `DELETE FROM figures_state`); err != nil {
		t.Fatal(err)
	}
	d.prepared = false
	if _, fullErr := d.Metrics(context.Background(), Filter{Grain: GrainMonth}); fmt.Sprint(fullErr) != fmt.Sprint(keptErr) {
		t.Errorf("kept figures: %v; a full build: %v", keptErr, fullErr)
	}
}

// reopen closes d (when not nil) and opens the database file again with cfg.
func reopen(t *testing.T, d *DB, path string, cfg config.Config) *DB {
	t.Helper()
	if d != nil {
		d.Close()
	}
	return openTestAt(t, path, cfg)
}

func fixtureAConfig(rate float64) config.Config {
	cfg := config.Config{}
	cfg.Baseline.MinSubmissions = 2
	cfg.Costs.HourlyRates = map[string]float64{"reception": rate, "clerk": rate, "case_officer": rate}
	return cfg
}

// TestKeptFiguresFollowTheRates: the kept figures hold costs at the
// hourly rates of the session that built them; opened with other rates,
// a reader rebuilds them (once) and every cost follows, and going back
// rebuilds them again.
func TestKeptFiguresFollowTheRates(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/g.duckdb"
	d := reopen(t, nil, path, fixtureAConfig(600))
	importTest(t, d, KindSubmissions, "../testdata/fixture-a/submissions.csv")
	importTest(t, d, KindTime, "../testdata/fixture-a/time.csv")
	cost := func(d *DB) (minutes, cost float64, gen int64) {
		rows, err := d.Metrics(ctx, Filter{Grain: GrainAll})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			minutes += r.StaffMinutes
			cost += r.StaffCost.Float64
		}
		if err := d.conn.QueryRowContext(ctx, `SELECT gen FROM figures_state`).Scan(&gen); err != nil {
			t.Fatal(err)
		}
		return minutes, cost, gen
	}
	m1, c1, g1 := cost(d)
	if m1 <= 0 || !near(c1, m1/60*600) {
		t.Fatalf("at 600 NOK/h: %v minutes cost %v, want %v", m1, c1, m1/60*600)
	}
	d = reopen(t, d, path, fixtureAConfig(900))
	m2, c2, g2 := cost(d)
	if !near(m2, m1) || !near(c2, m1/60*900) || g2 != g1+1 {
		t.Errorf("at 900 NOK/h: %v minutes cost %v (refresh %d), want %v minutes, %v, refresh %d", m2, c2, g2, m1, m1/60*900, g1+1)
	}
	// A second reader with the same rates finds them fresh.
	d = reopen(t, d, path, fixtureAConfig(900))
	if _, _, g3 := cost(d); g3 != g2 {
		t.Errorf("the same rates rebuilt the figures again (refresh %d, want %d)", g3, g2)
	}
}

// TestHalfWrittenFiguresAreDropped: kept rows of a refresh that
// figures_state does not record (what a kill inside DuckDB's commit
// leaves) are dropped at open and the figures rebuilt, so the extra rows
// never reach a reader.
func TestHalfWrittenFiguresAreDropped(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/g.duckdb"
	d := reopen(t, nil, path, fixtureAConfig(600))
	importTest(t, d, KindSubmissions, "../testdata/fixture-a/submissions.csv")
	importTest(t, d, KindTime, "../testdata/fixture-a/time.csv")
	want := figures(t, d)
	// A refresh's re-attached rows: a copy of every cell, one gen ahead.
	if _, err := d.conn.ExecContext(ctx, `INSERT INTO fig_cells
		SELECT * EXCLUDE (gen), (SELECT gen + 1 FROM figures_state) FROM fig_cells`); err != nil {
		t.Fatal(err)
	}
	d.prepared = false
	if doubled := figures(t, d); doubled == want {
		t.Fatal("the extra rows do not show: the test cannot see the repair")
	}
	d = reopen(t, d, path, fixtureAConfig(600))
	var state int64
	if err := d.conn.QueryRowContext(ctx, `SELECT count(*) FROM figures_state`).Scan(&state); err != nil || state != 0 {
		t.Fatalf("after the open: %d state rows (%v), want the figures dropped", state, err)
	}
	if got := figures(t, d); got != want {
		t.Errorf("after the repair:\n%s\nwant:\n%s", got, want)
	}
}

// TestKeptEmployeesOutgrowTheirBits: a cell's employees are kept as a
// bitstring of 1024 bits per thousand employees; a batch that brings the
// 1025th employee pads every kept row, and the distinct counts still
// equal a full build's.
func TestKeptEmployeesOutgrowTheirBits(t *testing.T) {
	cfg := config.Config{}
	cfg.Baseline.MinSubmissions = 1
	d := openTest(t, cfg)
	importTest(t, d, KindSubmissions, writeFile(t, "s.csv", "submission_id,org,service,channel,received_at,case_id\n"+
		"S1,k1,s,paper,2024-01-15 10:00,C1\nS2,k1,s,eform,2024-02-15 10:00,C2\n"))
	timeFile := func(name string, from, to int, month string, caseID string) string {
		var b strings.Builder
		b.WriteString("registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity\n")
		for i := from; i < to; i++ {
			fmt.Fprintf(&b, "%s%d,k1,e%d,clerk,2024-%s-10,1,%s,,,registration\n", name, i, i, month, caseID)
		}
		return writeFile(t, name+".csv", b.String())
	}
	importTest(t, d, KindTime, timeFile("a", 0, 1000, "01", "C1"))
	first := figures(t, d)
	if !strings.Contains(first, "Employees:1000") {
		t.Fatalf("1000 employees are not counted:\n%s", first)
	}
	// 100 more employees in February, and 20 of January's again.
	importTest(t, d, KindTime, timeFile("b", 980, 1100, "02", "C2"))
	kept := figures(t, d)
	if full := rebuilt(t, d); kept != full {
		t.Fatalf("after the dictionary outgrew 1024, the kept figures differ from a full build:\nkept: %s\nfull: %s", kept, full)
	}
	var bits int64
	if err := d.conn.QueryRowContext(context.Background(), `SELECT min(bit_length(emps)) FROM fig_work`).Scan(&bits); err != nil || bits != 2048 {
		t.Errorf("bitstrings of %d bits (%v), want 2048", bits, err)
	}
	e, err := d.CellEmployees(context.Background(), Filter{Grain: GrainAll})
	if err != nil {
		t.Fatal(err)
	}
	for k, n := range e {
		if k.Channel == "" && n != 1100 {
			t.Errorf("%v: %d employees, want 1100", k, n)
		}
	}
}

// TestEveryKeptTableIsClearedAndChecked: every table of the kept figures
// (a gen column) is cleared by a full build and by a partition's refresh
// (its month), and checked at open for a killed refresh's rows, so that a
// table added later cannot keep stale or half-written rows.
func TestEveryKeptTableIsClearedAndChecked(t *testing.T) {
	d := openTest(t, config.Config{})
	tables := tablesWithColumn(t, d, "gen", "figures_state")
	if len(tables) < 7 {
		t.Fatalf("tables with gen: %v", tables)
	}
	for _, tbl := range tables {
		for f, want := range map[sqlFile]string{
			"figures_clear_all.sql": "DELETE FROM " + tbl + ";",
			"recover_figures.sql":   "FROM " + tbl + " WHERE gen > getvariable('recover_gen')",
		} {
			if !strings.Contains(mustSQL(f), want) {
				t.Errorf("%s does not cover %s", f, tbl)
			}
		}
		// The employee dictionary is not partitioned: it only grows.
		if tbl != "fig_employees" &&
			!strings.Contains(mustSQL("figures_clear_part.sql"), "DELETE FROM "+tbl+" f USING fig_todo d") {
			t.Errorf("figures_clear_part.sql does not cover %s", tbl)
		}
	}
}
