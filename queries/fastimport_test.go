package queries

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/engine"
)

// timeFixture writes n time registrations with problems of every kind at
// known records, and returns the file and how many rejects of each kind
// the checks must find. Record i (0-based) is on line i + 2 until the
// first unreadable record. A plain file writes every date YYYY-MM-DD and
// every minutes value as digits (plain_time.sql): its would-be bad dates
// and numbers are left empty instead.
func timeFixture(t *testing.T, n int, comma, plain bool) (path string, want map[string]int) {
	t.Helper()
	problem := func(i int) string {
		switch {
		case i == n/3 || i == n-7:
			return "unreadable line"
		case i%1009 == 0:
			return "required value missing"
		case i%1013 == 0 && plain, i%1019 == 0 && plain:
			return "required value missing"
		case i%1013 == 0:
			return "not a date"
		case i%1019 == 0:
			return "not a number"
		case i%1021 == 0:
			return "minutes out of range"
		case i%1031 == 0:
			return "unknown channel"
		}
		return ""
	}
	// Record i repeats the key of record i - 6 (same org), whose line is
	// rejected when both rows are good.
	repeats := func(i int) bool { return i%997 == 0 && i > 6 }
	want = map[string]int{}
	sep := ","
	if comma {
		sep = ";"
	}
	var b strings.Builder
	b.WriteString(strings.ReplaceAll("registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity\n", ",", sep))
	for i := range n {
		p := problem(i)
		if p != "" {
			want[p]++
		}
		if p == "unreadable line" {
			b.WriteString("broken" + sep + "line\n") // too few fields: a record DuckDB cannot read
			continue
		}
		id := fmt.Sprintf("R%d", i)
		if repeats(i) {
			id = fmt.Sprintf("R%d", i-6)
			if p == "" && problem(i-6) == "" {
				want["duplicate key in file"]++
			}
		}
		emp := fmt.Sprintf("E%d", i%50)
		switch i % 7 {
		case 1:
			emp = " " + emp + " "
		case 2:
			emp = "\u00a0" + emp
		}
		role := []string{"clerk", "Clerk ", "case officer"}[i%3]
		date := fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)
		if i%5 == 0 && !plain {
			date = fmt.Sprintf("%02d.%02d.2024", 1+i%28, 1+i%12)
		}
		minutes := fmt.Sprintf("%d.%d", 5+i%90, i%10)
		channel := []string{"", "paper", "EFORM", "integrated"}[i%4]
		switch p {
		case "required value missing":
			switch {
			case i%1013 == 0 && plain:
				date = ""
			case i%1019 == 0 && plain:
				minutes = ""
			default:
				emp = "  "
			}
		case "not a date":
			date = "2024-02-30"
		case "not a number":
			minutes = "abc"
		case "minutes out of range":
			minutes = "2000"
		case "unknown channel":
			channel = "fax"
		}
		if comma {
			minutes = strings.ReplaceAll(minutes, ".", ",")
		}
		fmt.Fprintln(&b, strings.Join([]string{id, []string{"halden", "moss"}[i%2], emp, role, date, minutes,
			fmt.Sprintf("C%d", i%5000), []string{"", "byggesak"}[i%2], channel, []string{"reply", "Scanning"}[i%2]}, sep))
	}
	return writeFile(t, "time.csv", b.String()), want
}

// submissionsFixture is timeFixture for submissions.
func submissionsFixture(t *testing.T, n int) (path string, want map[string]int) {
	t.Helper()
	problem := func(i int) string {
		switch {
		case i == n/2:
			return "unreadable line"
		case i%701 == 0:
			return "not a timestamp"
		case i%709 == 0:
			return "decided before received"
		case i%719 == 0:
			return "unknown channel"
		}
		return ""
	}
	want = map[string]int{}
	var b strings.Builder
	b.WriteString("org,submission_id,service,channel,received_at,decided_at,case_id\n")
	for i := range n {
		p := problem(i)
		if p != "" {
			want[p]++
		}
		if p == "unreadable line" {
			b.WriteString("a,b,c\n")
			continue
		}
		id := fmt.Sprintf(" S%d", i)
		if i%499 == 0 && i > 4 {
			id = fmt.Sprintf("S%d", i-4) // record i - 4's key, same org
			if p == "" && problem(i-4) == "" {
				want["duplicate key in file"]++
			}
		}
		received := fmt.Sprintf("2023-%02d-%02d 10:%02d:00", 1+i%12, 1+i%28, i%60)
		decided := fmt.Sprintf("2023-%02d-%02d 12:00:00", 1+i%12, 1+i%28)
		if i%3 == 0 {
			decided = ""
		}
		channel := []string{"paper", "eform", "Integrated"}[i%3]
		switch p {
		case "not a timestamp":
			received = "yesterday"
		case "decided before received":
			decided = fmt.Sprintf("2022-%02d-01 00:00:00", 1+i%12)
		case "unknown channel":
			channel = "telefax"
		}
		fmt.Fprintf(&b, "%s,%s,bh,%s,%s,%s,C%d\n", []string{"halden", ""}[i%2], id, channel, received, decided, i)
	}
	return writeFile(t, "submissions.csv", b.String()), want
}

// importBoth imports the file into a fresh database twice, once by each
// path, and fails unless both give the same result, rows and rejects. It
// returns the result and the stored rejects counted by reason kind.
func importBoth(t *testing.T, kind Kind, path string, dryRun bool) (ImportResult, map[string]int) {
	t.Helper()
	return importBothTuned(t, kind, path, dryRun, nil)
}

// importBothTuned is importBoth on databases whose sizes tune changes
// (nil: the defaults).
func importBothTuned(t *testing.T, kind Kind, path string, dryRun bool, tune func(*engine.Tuning)) (ImportResult, map[string]int) {
	t.Helper()
	var results [2]ImportResult
	var tables, rejects [2]string
	byKind := map[string]int{}
	for i, staged := range []bool{false, true} {
		d := openTest(t, config.Config{})
		if tune != nil {
			tune(&d.eng.Tune)
		}
		req := ImportRequest{Kind: kind, Path: path, Name: filepath.Base(path), SHA256: fileSum(t, path),
			MaxRejectShare: 1, Now: fixedNow, RejectSample: -1, DryRun: dryRun, Lines: lineMap(t, path)}
		res, err := d.importWith(context.Background(), req, importOptions{Staged: staged})
		if err != nil {
			t.Fatalf("staged=%v: %v", staged, err)
		}
		results[i] = res
		tables[i] = dump(t, d, `SELECT * EXCLUDE (batch_id) FROM `+QuoteIdent(tableOf[kind])+` ORDER BY ALL`)
		rejects[i] = dump(t, d, `SELECT line, column_name, raw_value, reason, reason_kind FROM rejects ORDER BY ALL`)
		if !staged {
			rows, err := d.conn.QueryContext(context.Background(), `SELECT reason_kind, count(*) FROM rejects GROUP BY ALL`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var k string
				var n int
				if err := rows.Scan(&k, &n); err != nil {
					t.Fatal(err)
				}
				byKind[k] = n
			}
			rows.Close()
		}
	}
	if !reflect.DeepEqual(results[0], results[1]) {
		t.Errorf("results differ:\nfast   %+v\nstaged %+v", results[0], results[1])
	}
	if tables[0] != tables[1] {
		t.Errorf("%s rows differ between the fast and the staged import", kind)
	}
	if rejects[0] != rejects[1] {
		t.Errorf("rejects differ:\nfast\n%s\nstaged\n%s", rejects[0], rejects[1])
	}
	return results[0], byKind
}

// dump renders a query's rows as text, one line each.
func dump(t *testing.T, d *DB, query string) string {
	t.Helper()
	rows, err := d.conn.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		v := make([]any, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		if err := rows.Scan(p...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, v...)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The fast path (probe, load, stage only the rows with a problem) and the
// staged path (stage every row) find the same rejects on the same lines
// and load the same rows, across several of DuckDB's row groups.
func TestFastImportMatchesStaged(t *testing.T) {
	const n = 130000
	path, want := timeFixture(t, n, false, false)
	res, got := importBoth(t, KindTime, path, false)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rejects by kind %v, want %v", got, want)
	}
	problems := 0
	for _, c := range want {
		problems += c
	}
	if res.RowsRead != n || res.RowsRejected != int64(problems) || res.RowsLoaded != int64(n-problems) {
		t.Errorf("read %d rejected %d loaded %d, want %d, %d, %d", res.RowsRead, res.RowsRejected, res.RowsLoaded,
			n, problems, n-problems)
	}
	// A repeated key's earlier line is the one rejected, on its own line:
	// record 997 repeats record 991's key (line 993) and is on line 999.
	found := false
	for _, r := range res.Rejects {
		if r.Line == 993 {
			found = r.Column == "registration_id" && strings.Contains(r.Reason, "'R991' appears again on line 999")
		}
	}
	if !found {
		t.Error("no reject on line 993 for the key repeated on line 999")
	}

	path, want = submissionsFixture(t, 20000)
	_, got = importBoth(t, KindSubmissions, path, false)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("submissions: rejects by kind %v, want %v", got, want)
	}
}

// A file whose dates are all YYYY-MM-DD and whose minutes are all plain
// numbers is typed by plain casts in the fast import (plain_time.sql):
// the same rows and rejects as the general expressions of the staged
// import, with a decimal point and a comma. A file with one other date
// keeps the general expressions.
func TestFastImportPlainColumns(t *testing.T) {
	for _, comma := range []bool{false, true} {
		path, want := timeFixture(t, 30000, comma, true)
		_, got := importBoth(t, KindTime, path, false)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("comma=%v: rejects by kind %v, want %v", comma, got, want)
		}
		d := openTest(t, config.Config{})
		importTest(t, d, KindTime, path)
		// With a comma only whole minutes are cast plainly: "12,5" is not.
		if dates, minutes := plainVars(t, d); !dates || minutes == comma {
			t.Errorf("comma=%v: plain_dates %v, plain_minutes %v; want true, %v", comma, dates, minutes, !comma)
		}
	}
	d := openTest(t, config.Config{})
	importTest(t, d, KindTime, writeFile(t, "t.csv", "registration_id,employee,role,work_date,minutes\n"+
		"R1,E1,clerk,2024-01-02,10\nR2,E1,clerk,3.1.2024,20\n"))
	if dates, minutes := plainVars(t, d); dates || !minutes {
		t.Errorf("one DD.MM.YYYY date: plain_dates %v, plain_minutes %v; want false, true", dates, minutes)
	}
	if got := dump(t, d, `SELECT work_date FROM time_registrations ORDER BY ALL`); !strings.Contains(got, "2024-01-03") {
		t.Errorf("dates %q, want 2024-01-02 and 2024-01-03", got)
	}
	// Written YYYY-MM-DD but no date: the general expressions, and the
	// reject says so.
	d = openTest(t, config.Config{})
	res := importTest(t, d, KindTime, writeFile(t, "t.csv", "registration_id,employee,role,work_date,minutes\n"+
		"R1,E1,clerk,2024-01-02,10\nR2,E1,clerk,2024-02-30,20\n"))
	if dates, _ := plainVars(t, d); dates || len(res.Rejects) != 1 || !strings.Contains(res.Rejects[0].Reason, "date") ||
		res.Rejects[0].Value != "2024-02-30" {
		t.Errorf("2024-02-30: plain_dates %v, rejects %+v; want false and one reject of the date", dates, res.Rejects)
	}
}

// plainVars returns the shortcuts the last fast import took.
func plainVars(t *testing.T, d *DB) (dates, minutes bool) {
	t.Helper()
	if err := d.conn.QueryRowContext(context.Background(), `SELECT getvariable('plain_dates'), getvariable('plain_minutes')`).
		Scan(&dates, &minutes); err != nil {
		t.Fatal(err)
	}
	return dates, minutes
}

// A decimal comma is detected from the probe's distinct numbers, and the
// load reads the minutes with it; a dry run (always staged) counts what
// the fast import loads.
func TestFastImportCommaAndDryRun(t *testing.T) {
	path, _ := timeFixture(t, 20000, true, false)
	res, _ := importBoth(t, KindTime, path, false)
	if res.Decimal != "comma" {
		t.Errorf("decimal %q, want comma", res.Decimal)
	}
	dry, _ := importBoth(t, KindTime, path, true)
	if dry.RowsRead != res.RowsRead || dry.RowsLoaded != res.RowsLoaded || dry.RowsRejected != res.RowsRejected {
		t.Errorf("dry run %+v, import %+v", dry, res)
	}
}

// A file whose only problem is records DuckDB cannot read loads the rest
// by the fast path alone, with the unreadable lines as rejects.
func TestFastImportOnlyUnreadableLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("submission_id,service,channel,received_at\n")
	for i := range 5000 {
		if i == 10 || i == 4000 {
			b.WriteString("broken,line\n")
			continue
		}
		fmt.Fprintf(&b, "s%d,bh,paper,2024-01-02 10:00:00\n", i)
	}
	res, got := importBoth(t, KindSubmissions, writeFile(t, "s.csv", b.String()), false)
	if res.RowsRead != 5000 || res.RowsLoaded != 4998 || !reflect.DeepEqual(got, map[string]int{"unreadable line": 2}) {
		t.Errorf("read %d loaded %d rejects %v", res.RowsRead, res.RowsLoaded, got)
	}
	var lines []int64
	for _, r := range res.Rejects {
		lines = append(lines, r.Line)
	}
	if !reflect.DeepEqual(lines, []int64{12, 4002}) {
		t.Errorf("reject lines %v, want [12 4002]", lines)
	}
}

// Replacing runs after the load and spares the batch itself: a second
// file with some of the first file's keys replaces exactly those rows.
func TestFastImportReplacesEarlierKeys(t *testing.T) {
	d := openTest(t, config.Config{})
	first := writeFile(t, "a.csv", "registration_id,employee,role,work_date,minutes\nR1,E1,clerk,2024-01-02,10\nR2,E1,clerk,2024-01-02,20\nR3,E2,clerk,2024-01-03,30\n")
	second := writeFile(t, "b.csv", "registration_id,employee,role,work_date,minutes\nR2,E1,clerk,2024-01-02,25\nR4,E2,clerk,2024-01-04,40\nR4,E2,clerk,2024-01-04,45\n")
	importTest(t, d, KindTime, first)
	res := importTest(t, d, KindTime, second)
	if res.RowsLoaded != 2 || res.RowsRejected != 1 || res.RowsReplaced != 1 {
		t.Errorf("loaded %d rejected %d replaced %d, want 2, 1, 1", res.RowsLoaded, res.RowsRejected, res.RowsReplaced)
	}
	got := dump(t, d, `SELECT registration_id, minutes FROM time_registrations ORDER BY ALL`)
	if want := "R1 10\nR2 25\nR3 30\nR4 45\n"; got != want {
		t.Errorf("rows:\n%swant\n%s", got, want)
	}
}

// The load types a time file as its first records suggest (sample_time.sql)
// and notes every record; when later records need another decimal
// separator or the general expressions, the file is loaded again with what
// the whole file says: the same rows and rejects as the staged import,
// which reads every record before typing any.
func TestLoadAgainWhenTheSampleMisleads(t *testing.T) {
	file := func(minutes func(i int) string, date func(i int) string, later string) string {
		var b strings.Builder
		b.WriteString("registration_id,employee,role,work_date,minutes\n")
		for i := range 40 {
			fmt.Fprintf(&b, "R%d,E%d,clerk,%s,%s\n", i, i%3, date(i), minutes(i))
		}
		b.WriteString(later + "\n")
		return writeFile(t, "t.csv", b.String())
	}
	whole := func(i int) string { return fmt.Sprint(10 + i) }
	point := func(i int) string { return fmt.Sprintf("%d.5", 10+i) }
	iso := func(i int) string { return fmt.Sprintf("2024-01-%02d", 1+i%28) }
	for _, c := range []struct {
		name           string
		minutes        func(int) string
		later          string
		noted          int // maxNotedValues (0: as is)
		decimal        string
		plainDates     bool
		plainMinutes   bool
		stored, reject string
	}{
		{name: "a DD.MM.YYYY date", minutes: whole, later: "R99,E1,clerk,3.1.2024,10",
			decimal: "point", plainMinutes: true, stored: "2024-01-03 10"},
		{name: "a decimal comma after whole minutes", minutes: whole, later: `R99,E1,clerk,2024-01-05,"7,5"`,
			decimal: "comma", plainDates: true, stored: "2024-01-05 7.5"},
		{name: "a thousands comma after decimal points", minutes: point, later: `R99,E1,clerk,2024-01-05,"1,234.5"`,
			decimal: "point", plainDates: true, stored: "2024-01-05 1234.5"},
		{name: "a date that is not one", minutes: whole, later: "R99,E1,clerk,2024-02-30,10",
			decimal: "point", plainMinutes: true, reject: "work_date '2024-02-30' is not a date"},
		{name: "a date after a no-break space", minutes: whole, later: "R99,E1,clerk,\u00a02024-01-03,10",
			decimal: "point", plainMinutes: true, stored: "2024-01-03 10"},
		{name: "minutes after a no-break space", minutes: point, later: "R99,E1,clerk,2024-01-05,\u00a07.5",
			decimal: "point", plainDates: true, stored: "2024-01-05 7.5"},
		{name: "more distinct texts than are noted", minutes: whole, later: `R99,E1,clerk,2024-01-05,"7,5"`, noted: 4,
			decimal: "comma", stored: "2024-01-05 7.5"},
	} {
		tune := func(tu *engine.Tuning) {
			tu.SampleRows = 10
			if c.noted > 0 {
				tu.MaxNotedValues = c.noted
			}
		}
		path := file(c.minutes, iso, c.later)
		res, _ := importBothTuned(t, KindTime, path, false, tune)
		if res.Decimal != c.decimal {
			t.Errorf("%s: decimal %q, want %q", c.name, res.Decimal, c.decimal)
		}
		d := openTest(t, config.Config{})
		tune(&d.eng.Tune)
		res = importTest(t, d, KindTime, path)
		// The second load takes the shortcuts the whole file allows; a
		// first load kept with one it does not allow would show it here.
		if dates, minutes := plainVars(t, d); dates != c.plainDates || minutes != c.plainMinutes {
			t.Errorf("%s: plain_dates %v, plain_minutes %v; want %v, %v", c.name, dates, minutes, c.plainDates, c.plainMinutes)
		}
		if c.stored != "" {
			if got := dump(t, d, `SELECT work_date::VARCHAR, minutes FROM time_registrations WHERE registration_id = 'R99'`); got != c.stored+"\n" {
				t.Errorf("%s: stored %q, want %q", c.name, got, c.stored)
			}
		}
		if c.reject != "" && (len(res.Rejects) != 1 || !strings.Contains(res.Rejects[0].Reason, c.reject)) {
			t.Errorf("%s: rejects %+v, want one: %s", c.name, res.Rejects, c.reject)
		}
		if res.RowsRead != 41 {
			t.Errorf("%s: %d rows read, want 41", c.name, res.RowsRead)
		}
	}

	// Decimal points in the sample and a comma later: the whole file is
	// ambiguous, as the staged import finds, and nothing is written.
	path := file(point, iso, `R99,E1,clerk,2024-01-05,"7,5"`)
	d := openTest(t, config.Config{})
	d.eng.Tune.SampleRows = 10
	_, err := d.Import(context.Background(), ImportRequest{Kind: KindTime, Path: path, Name: "t.csv",
		SHA256: fileSum(t, path), MaxRejectShare: 1, Now: fixedNow, Lines: lineMap(t, path)})
	if !errors.Is(err, ErrAmbiguous) {
		t.Errorf("points then a comma: %v, want %v", err, ErrAmbiguous)
	}
	if got := dump(t, d, `SELECT (SELECT count(*) FROM time_registrations), (SELECT count(*) FROM batches)`); got != "0 0\n" {
		t.Errorf("after the refused file: rows and batches %q, want none", got)
	}
}

// The text columns the sample writes clean (no space at either end, ASCII,
// lower case where lower-cased) are read as written; a later value that is
// not clean has the file loaded again with the general expression for its
// column only, and the rows are the staged import's.
func TestLoadAgainForTextsNotClean(t *testing.T) {
	for _, c := range []struct {
		later, column, query, stored string
	}{
		{"R99,E1,Case Officer,2024-01-05,10,byggesak", "role", `SELECT role FROM time_registrations WHERE registration_id = 'R99'`, "case officer"},
		{"R99,\u00a0E1,clerk,2024-01-05,10,byggesak", "employee", `SELECT count(*) FROM time_registrations WHERE employee = (SELECT employee FROM time_registrations WHERE registration_id = 'R1')`, "14"},
		{"R99 ,E1,clerk,2024-01-05,10,byggesak", "registration_id", `SELECT count(*) FROM time_registrations WHERE registration_id = 'R99'`, "1"},
		{"R99,E1,clerk,2024-01-05,10,Søknad", "service", `SELECT service FROM time_registrations WHERE registration_id = 'R99'`, "søknad"},
	} {
		var b strings.Builder
		b.WriteString("registration_id,employee,role,work_date,minutes,service\n")
		for i := range 40 {
			fmt.Fprintf(&b, "R%d,E%d,clerk,2024-01-%02d,%d,byggesak\n", i, i%3, 1+i%28, 10+i)
		}
		b.WriteString(c.later + "\n")
		path := writeFile(t, "t.csv", b.String())
		short := func(tu *engine.Tuning) { tu.SampleRows = 10 }
		importBothTuned(t, KindTime, path, false, short)
		d := openTest(t, config.Config{})
		short(&d.eng.Tune)
		importTest(t, d, KindTime, path)
		if got := dump(t, d, c.query); got != c.stored+"\n" {
			t.Errorf("%s: %q, want %q", c.later, got, c.stored)
		}
		// every clean_<column> variable the import set (timeTexts)
		rows, err := d.conn.QueryContext(context.Background(),
			`SELECT substr(name, 7), value::BOOLEAN FROM duckdb_variables() WHERE name LIKE 'clean\_%' ESCAPE '\' ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var name string
			var clean bool
			if err := rows.Scan(&name, &clean); err != nil {
				t.Fatal(err)
			}
			n++
			if want := name != c.column; clean != want {
				t.Errorf("%s: clean_%s %v, want %v", c.later, name, clean, want)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if n < 8 {
			t.Errorf("%s: %d clean_ variables, want one per text column", c.later, n)
		}
	}
}
