package queries

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gevinst/gevinst/config"
)

// TestRejectLinesAfterUnreadableLines checks that a reject's line is its
// line in the file even after lines DuckDB could not read, in a file large
// enough to be read in parallel chunks.
func TestRejectLinesAfterUnreadableLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("submission_id,service,channel,received_at\n")
	line := 1
	// Several row groups (DuckDB reads and stages them in parallel).
	for i := range 300000 {
		line++
		switch i {
		case 1000, 1001, 130000:
			b.WriteString("broken,line\n") // too few fields
		case 245000:
			fmt.Fprintf(&b, "s%d,bh,paper,2024-02-30 10:00:00\n", i) // not a date
			if line != 245002 {
				t.Fatalf("fixture arithmetic: line %d", line)
			}
		default:
			fmt.Fprintf(&b, "s%d,bh,paper,2024-01-02 10:00:00\n", i)
		}
	}
	d := openTest(t, config.Config{})
	res := importTest(t, d, KindSubmissions, writeFile(t, "big.csv", b.String()))
	if res.RowsRead != 300000 || res.RowsRejected != 4 || res.RowsLoaded != 299996 {
		t.Fatalf("read %d rejected %d loaded %d", res.RowsRead, res.RowsRejected, res.RowsLoaded)
	}
	got := map[int64]string{}
	for _, r := range res.Rejects {
		got[r.Line] = r.Column
	}
	want := map[int64]string{1002: "(whole line)", 1003: "(whole line)", 130002: "(whole line)", 245002: "received_at"}
	for l, c := range want {
		if got[l] != c {
			t.Errorf("line %d: got %q, want a reject on %q (all: %v)", l, got[l], c, got)
		}
	}
}

func TestTimestampsWithOffsetBecomeOsloWallClock(t *testing.T) {
	d := openTest(t, config.Config{})
	csv := "submission_id,service,channel,received_at\n" +
		"a,bh,eform,2008-07-04T21:15:00+00:00\n" + // summer: UTC+2 → 23:15
		"b,bh,eform,2008-01-04T21:15:00Z\n" + // winter: UTC+1 → 22:15
		"c,bh,eform,2008-01-04 21:15\n" + // no offset: as written
		"d,bh,eform,04.01.2008 07:59\n" + // Norwegian, before office hours
		"e,bh,eform,04.01.2008\n" // a date only: time unknown
	importTest(t, d, KindSubmissions, writeFile(t, "s.csv", csv))
	rows, err := d.conn.QueryContext(context.Background(),
		`SELECT submission_id, strftime(received_at, '%Y-%m-%d %H:%M'), received_time_known FROM submissions ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := []string{"a 2008-07-04 23:15 true", "b 2008-01-04 22:15 true", "c 2008-01-04 21:15 true",
		"d 2008-01-04 07:59 true", "e 2008-01-04 00:00 false"}
	var got []string
	for rows.Next() {
		var id, ts string
		var known bool
		if err := rows.Scan(&id, &ts, &known); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %s %v", id, ts, known))
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	// After hours: a, b, c (evening), d (07:59) are after hours; e unknown → 4/4.
	m, err := d.Metrics(context.Background(), Filter{Grain: GrainYear})
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 1 || !m[0].AfterHoursShare.Valid || m[0].AfterHoursShare.Float64 != 1 {
		t.Errorf("after_hours_share: %+v", m)
	}
}

func TestReimportReplacesAndNeverDoubleCounts(t *testing.T) {
	d := openTest(t, config.Config{})
	first := "submission_id,service,channel,received_at,decided_at\n" +
		"a,bh,paper,2024-01-02 10:00,\n" +
		"b,bh,paper,2024-01-03 10:00,\n"
	// The later export overlaps: b now decided, c new.
	second := "submission_id,service,channel,received_at,decided_at\n" +
		"b,bh,paper,2024-01-03 10:00,2024-01-05 10:00\n" +
		"c,bh,eform,2024-01-04 10:00,\n"
	importTest(t, d, KindSubmissions, writeFile(t, "1.csv", first))
	res := importTest(t, d, KindSubmissions, writeFile(t, "2.csv", second))
	if res.RowsLoaded != 2 || res.RowsReplaced != 1 {
		t.Errorf("loaded %d replaced %d, want 2 and 1", res.RowsLoaded, res.RowsReplaced)
	}
	m, err := d.Metrics(context.Background(), Filter{Grain: GrainMonth})
	if err != nil {
		t.Fatal(err)
	}
	var subs, decided int64
	for _, r := range m {
		subs += r.Submissions
		decided += r.Decided
	}
	if subs != 3 || decided != 1 {
		t.Errorf("submissions %d decided %d, want 3 and 1", subs, decided)
	}
}

// A file's decimal separator is detected after staging, which reads with a
// point: a file found to use commas is read again with commas, so "1.000"
// is a thousand (a thousands point), not one.
func TestDetectedDecimalCommaRereadsTheNumbers(t *testing.T) {
	d := openTest(t, config.Config{})
	importTest(t, d, KindTime, writeFile(t, "t.csv", "employee,role,work_date,minutes\n"+
		"e1,clerk,2024-01-02,\"7,5\"\n"+
		"e2,clerk,2024-01-02,1.000\n"+
		"e3,clerk,2024-01-02,12\n"))
	res := importTest(t, d, KindVolumes, writeFile(t, "v.csv", "service,channel,period,count\n"+
		"bh,paper,2024-01,1.500\n"+
		"bh,eform,2024-01,\"2,0\"\n"))
	if res.Decimal != "comma" || res.RowsLoaded != 2 {
		t.Fatalf("volumes: decimal %q, %d loaded (%+v)", res.Decimal, res.RowsLoaded, res.Rejects)
	}
	var minutes, counts string
	if err := d.conn.QueryRowContext(context.Background(), `SELECT string_agg(minutes::VARCHAR, ' ' ORDER BY minutes) FROM time_registrations`).Scan(&minutes); err != nil {
		t.Fatal(err)
	}
	if err := d.conn.QueryRowContext(context.Background(), `SELECT string_agg(count::VARCHAR, ' ' ORDER BY count) FROM volumes`).Scan(&counts); err != nil {
		t.Fatal(err)
	}
	if minutes != "7.5 12.0 1000.0" || counts != "2 1500" {
		t.Errorf("minutes %q, counts %q; want \"7.5 12.0 1000.0\" and \"2 1500\"", minutes, counts)
	}
}

// Each problem of a row is one reject, and a row's good values raise none:
// the stage keeps a value's text only where a reject quotes it.
func TestOneRejectPerProblem(t *testing.T) {
	d := openTest(t, config.Config{})
	res := importTest(t, d, KindTime, writeFile(t, "t.csv", "employee,role,work_date,minutes\n"+
		"e1,,2024-01-02,12\n"+ // role only
		"e2,clerk,,12\n"+ // work_date empty
		"e3,clerk,2024-13-45,x\n"+ // not a date, not a number
		"e4,clerk,2024-01-02,12\n"))
	subs := importTest(t, d, KindSubmissions, writeFile(t, "s.csv", "submission_id,service,channel,received_at,decided_at\n"+
		"a,,paper,2024-01-02 10:00:00,2024-01-01 10:00:00\n"+ // service; decided before received
		"b,bh,paper,,\n"+ // received_at empty
		"c,bh,paper,2024-01-02 10:00:00,\n"))
	var got []string
	for _, r := range append(res.Rejects, subs.Rejects...) {
		got = append(got, fmt.Sprintf("%s:%d:%s:%s", r.FileName, r.Line, r.Column, r.Value))
	}
	want := []string{"t.csv:2:role:", "t.csv:3:work_date:", "t.csv:4:minutes:x", "t.csv:4:work_date:2024-13-45",
		"s.csv:2:decided_at:2024-01-01 10:00:00", "s.csv:2:service:", "s.csv:3:received_at:"}
	if !slices.Equal(got, want) {
		t.Errorf("rejects\n got %q\nwant %q", got, want)
	}
}

func TestHeaderOnlyAndSkippedFiles(t *testing.T) {
	d := openTest(t, config.Config{})
	path := writeFile(t, "h.csv", "submission_id,service,channel,received_at\n")
	res := importTest(t, d, KindSubmissions, path)
	if res.RowsRead != 0 || res.BatchID == 0 {
		t.Errorf("header-only file: %+v", res)
	}
	again := importTest(t, d, KindSubmissions, path)
	if !again.Skipped || again.Previous.BatchID != res.BatchID {
		t.Errorf("the same file twice was not skipped: %+v", again)
	}
}

func TestRefusedFileLeavesDatabaseUnchanged(t *testing.T) {
	d := openTest(t, config.Config{})
	importTest(t, d, KindSubmissions, writeFile(t, "ok.csv", "submission_id,service,channel,received_at\na,bh,paper,2024-01-02 10:00\n"))
	before := tableCounts(t, d)
	bad := writeFile(t, "bad.csv", "submission_id,service,channel,received_at\na,bh,fax,2024-01-02 10:00\nb,bh,paper,2024-01-02 10:00\n")
	_, err := d.Import(context.Background(), ImportRequest{Kind: KindSubmissions, Path: bad, Name: "bad.csv",
		SHA256: fileSum(t, bad), MaxRejectShare: 0.05, Now: time.Now})
	if !errors.Is(err, ErrRejectShare) {
		t.Fatalf("err = %v, want ErrRejectShare", err)
	}
	if after := tableCounts(t, d); after != before {
		t.Errorf("tables changed by a refused file: %s → %s", before, after)
	}
}

func tableCounts(t *testing.T, d *DB) string {
	t.Helper()
	var s string
	err := d.conn.QueryRowContext(context.Background(), `SELECT
		(SELECT count(*) FROM batches) || '/' || (SELECT count(*) FROM submissions) || '/' ||
		(SELECT count(*) FROM time_registrations) || '/' || (SELECT count(*) FROM rejects)`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEasterAndHolidays(t *testing.T) {
	for year, want := range map[int]string{2008: "2008-03-23", 2024: "2024-03-31", 2009: "2009-04-12", 2000: "2000-04-23"} {
		if got := Easter(year).Format(time.DateOnly); got != want {
			t.Errorf("Easter(%d) = %s, want %s", year, got, want)
		}
	}
	h := NorwegianHolidays(2024)
	got := make([]string, len(h))
	for i, d := range h {
		got[i] = d.Format("01-02")
	}
	want := "01-01 03-28 03-29 03-31 04-01 05-01 05-17 05-09 05-19 05-20 12-25 12-26"
	if strings.Join(got, " ") != want {
		t.Errorf("2024 holidays %v, want %s", got, want)
	}
}

func TestParsePeriod(t *testing.T) {
	for in, want := range map[string]string{
		"2024-02": "2024-02..2024-02", "2024-Q3": "2024-07..2024-09", "2024": "2024-01..2024-12",
	} {
		f, l, err := ParsePeriod(in)
		if err != nil || f.Format("2006-01")+".."+l.Format("2006-01") != want {
			t.Errorf("ParsePeriod(%s) = %v %v %v, want %s", in, f, l, err, want)
		}
	}
	for _, bad := range []string{"2024-13", "2024-Q5", "24", "Q1-2024", ""} {
		if _, _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
}

// TestOpenWhileAnotherCreatesTheFile: a file that is not yet a DuckDB
// database but is only seconds old is being created by another process:
// Open reports it as in use (so --wait waits); an old one is just not a
// database.
func TestOpenWhileAnotherCreatesTheFile(t *testing.T) {
	cfg := config.Config{}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "new.duckdb", strings.Repeat("\x00", 4096))
	_, err := Open(context.Background(), path, &cfg)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "may still be creating it") {
		t.Errorf("a seconds-old non-database: %v, want ErrLocked", err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), path, &cfg)
	if err == nil || errors.Is(err, ErrLocked) {
		t.Errorf("an old non-database: %v, want a plain open error", err)
	}
}

// DuckDB's sniffer reads a sample of the first rows: when none of them is
// quoted it reports no quote character, and a quoted field with a comma
// further down used to split into too many fields (an unreadable record,
// rejected). The RFC 4180 quote applies instead.
func TestQuotedFieldAfterTheSnifferSample(t *testing.T) {
	var b strings.Builder
	b.WriteString("registration_id,employee,role,work_date,minutes,activity\n")
	const n, quoted = 30000, 29000 // the sample is 20,480 rows
	for i := range n {
		activity := "reply"
		if i == quoted {
			activity = `"reply, phone"`
		}
		fmt.Fprintf(&b, "R%d,E%d,clerk,2024-01-%02d,%d,%s\n", i, i%50, 1+i%28, 5+i%90, activity)
	}
	d := openTest(t, config.Config{})
	res := importTest(t, d, KindTime, writeFile(t, "quoted.csv", b.String()))
	if res.RowsLoaded != n || res.RowsRejected != 0 {
		t.Fatalf("loaded %d, rejected %d (%+v); want %d and 0", res.RowsLoaded, res.RowsRejected, res.Rejects, n)
	}
	if got := dump(t, d, `SELECT activity FROM time_registrations WHERE registration_id = 'R29000'`); got != "reply, phone\n" {
		t.Errorf("R29000's activity %q, want \"reply, phone\"", got)
	}
}
