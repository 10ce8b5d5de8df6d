package queries

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// mappedRun is one import of a file through a mapping, by one path.
type mappedRun struct {
	path    string // "fast", "staged" or "dry run"
	res     ImportResult
	err     error
	table   string   // the kind's rows, sorted
	rejects string   // the stored rejects, sorted
	minutes []string // time registrations' minutes by work_date
	batches int
}

// importMapped imports the file with the mapping into a fresh database by
// each path: the fast import, the staged one, and a dry run (validate).
func importMapped(t *testing.T, kind Kind, path string, m Mapping, share float64) []mappedRun {
	t.Helper()
	var runs []mappedRun
	for _, how := range []string{"fast", "staged", "dry run"} {
		d := openTest(t, config.Config{})
		req := ImportRequest{Kind: kind, Path: path, Name: filepath.Base(path), SHA256: fileSum(t, path),
			Source: "kommune", Mapping: m, MaxRejectShare: share, Now: fixedNow, RejectSample: -1,
			Lines: lineMap(t, path), DryRun: how == "dry run"}
		r := mappedRun{path: how}
		r.res, r.err = d.importWith(context.Background(), req, importOptions{Staged: how == "staged"})
		r.table = dump(t, d, `SELECT * EXCLUDE (batch_id) FROM `+QuoteIdent(tableOf[kind])+` ORDER BY ALL`)
		r.rejects = dump(t, d, `SELECT line, column_name, raw_value, reason, reason_kind FROM rejects ORDER BY ALL`)
		if kind == KindTime {
			r.minutes = strings.Fields(dump(t, d, `SELECT minutes::VARCHAR FROM time_registrations ORDER BY work_date`))
		}
		if err := d.conn.QueryRowContext(context.Background(), `SELECT count(*) FROM batches`).Scan(&r.batches); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, r)
	}
	fast, staged := runs[0], runs[1]
	if fast.table != staged.table || fast.rejects != staged.rejects || !reflect.DeepEqual(fast.res, staged.res) {
		t.Errorf("the fast and the staged import differ:\nfast   %+v\n%s%s\nstaged %+v\n%s%s",
			fast.res, fast.table, fast.rejects, staged.res, staged.table, staged.rejects)
	}
	return runs
}

// reasons lists a result's rejects as "line column value: reason".
func reasons(res ImportResult) []string {
	var out []string
	for _, r := range res.Rejects {
		out = append(out, fmt.Sprintf("%d %s %s: %s", r.Line, r.Column, r.Value, r.Reason))
	}
	return out
}

// A columns mapping that names a column the file lacks is an error that
// names the file, the column and the columns the file has, for an
// optional canonical column too (a misspelt Vedtatt: decided_at would
// load every decided_at empty); nothing is written.
func TestMappedColumnTheFileLacks(t *testing.T) {
	path := writeFile(t, "saker.csv", "Skjemanr;Tjeneste;Kanal;Innsendt;Vedtatt\n"+
		"H1;barnehage;paper;02.01.2008 10:00;05.01.2008 10:00\n")
	m := Mapping{Columns: map[string]string{"skjemanr": "submission_id", "tjeneste": "service", "kanal": "channel",
		"innsendt": "received_at", "vedtat": "decided_at"}}
	for _, r := range importMapped(t, KindSubmissions, path, m, 1) {
		if !errors.Is(r.err, ErrMissingColumn) {
			t.Fatalf("%s: err = %v, want ErrMissingColumn", r.path, r.err)
		}
		for _, want := range []string{"saker.csv", "sources.kommune", `"vedtat" (→ decided_at)`, "Skjemanr, Tjeneste, Kanal, Innsendt, Vedtatt"} {
			if !strings.Contains(r.err.Error(), want) {
				t.Errorf("%s: %q lacks %q", r.path, r.err, want)
			}
		}
		if r.table != "" || r.batches != 0 {
			t.Errorf("%s: wrote %d batches, rows %q", r.path, r.batches, r.table)
		}
	}
	// The right name loads decided_at.
	m.Columns["vedtatt"] = "decided_at"
	delete(m.Columns, "vedtat")
	for _, r := range importMapped(t, KindSubmissions, path, m, 1) {
		if r.err != nil || (r.path != "dry run" && !strings.Contains(r.table, "2008-01-05 10:00:00")) {
			t.Errorf("%s: err %v, rows %q", r.path, r.err, r.table)
		}
	}

	// start_column and end_column too.
	span := writeFile(t, "skanning.csv", "Ansatt,Rolle,Dato,Fra,Slutt\nola,clerk,2008-01-02,08:00,09:00\n")
	m = Mapping{Columns: map[string]string{"ansatt": "employee", "rolle": "role", "dato": "work_date"},
		Start: "Fra", End: "Til"}
	for _, r := range importMapped(t, KindTime, span, m, 1) {
		if !errors.Is(r.err, ErrMissingColumn) || !strings.Contains(r.err.Error(), `"til" (→ end_column)`) {
			t.Errorf("%s: err = %v, want a missing end_column til", r.path, r.err)
		}
	}
}

// A value of org, role, activity or service that the column's value map
// lacks rejects its row (one reason per value, quoted as written, counted
// toward max_reject_share), unless the source keeps unmapped values; an
// empty value is no value to map.
func TestUnmappedValuesAreRejected(t *testing.T) {
	subs := writeFile(t, "saker.csv", "submission_id,org,service,channel,received_at\n"+
		"a,Halden kommune,Barnehage,paper,2008-01-02 10:00\n"+
		"b,Fredrikstad,barnehage,paper,2008-01-02 10:00\n"+ // org unmapped
		"c,SARPSBORG KOMMUNE,Byggesak,paper,2008-01-02 10:00\n"+ // both unmapped, case kept
		"d,,barnehage,paper,2008-01-02 10:00\n"+ // no org: the default org, no reject
		"e, halden kommune ,BARNEHAGE,paper,2008-01-02 10:00\n") // case and blanks as the map ignores them
	m := Mapping{Values: map[string]map[string]string{
		"org":     {"halden kommune": "halden"},
		"service": {"barnehage": "barnehage"},
	}}
	want := []string{
		"3 org Fredrikstad: org 'Fredrikstad' is not in sources.kommune.values.org (add it there, or set sources.kommune.unmapped: keep)",
		"4 org SARPSBORG KOMMUNE: org 'SARPSBORG KOMMUNE' is not in sources.kommune.values.org (add it there, or set sources.kommune.unmapped: keep)",
		"4 service Byggesak: service 'Byggesak' is not in sources.kommune.values.service (add it there, or set sources.kommune.unmapped: keep)",
	}
	for _, r := range importMapped(t, KindSubmissions, subs, m, 1) {
		if r.err != nil {
			t.Fatalf("%s: %v", r.path, r.err)
		}
		if got := reasons(r.res); !slices.Equal(got, want) {
			t.Errorf("%s: rejects\n%s\nwant\n%s", r.path, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if r.res.RowsRead != 5 || r.res.RowsLoaded != 3 || r.res.RowsRejected != 2 {
			t.Errorf("%s: %+v", r.path, r.res)
		}
		if r.path != "dry run" && (!strings.Contains(r.rejects, "value not in map") || strings.Contains(r.table, "Fredrikstad")) {
			t.Errorf("%s: rejects %q, rows %q", r.path, r.rejects, r.table)
		}
	}
	// The unmapped rows count toward max_reject_share: 2 of 5 is over 30 %.
	for _, r := range importMapped(t, KindSubmissions, subs, m, 0.3) {
		if !errors.Is(r.err, ErrRejectShare) || !r.res.Refused || r.table != "" {
			t.Errorf("%s: err %v, refused %v, rows %q", r.path, r.err, r.res.Refused, r.table)
		}
	}
	// unmapped: keep imports them as written.
	m.KeepUnmapped = true
	for _, r := range importMapped(t, KindSubmissions, subs, m, 1) {
		if r.err != nil || r.res.RowsRejected != 0 || r.res.RowsLoaded != 5 {
			t.Errorf("%s (keep): err %v, %+v", r.path, r.err, r.res)
		}
		if r.path != "dry run" && !strings.Contains(r.table, "Fredrikstad b barnehage") {
			t.Errorf("%s (keep): rows\n%s", r.path, r.table)
		}
	}

	// Time registrations: role and activity; volumes: service.
	tm := writeFile(t, "timer.csv", "employee,role,work_date,minutes,activity\n"+
		"e1,Saksbehandler,2008-01-02,30,Skanning\n"+
		"e2,Konsulent,2008-01-02,30,Skanning\n"+
		"e3,Saksbehandler,2008-01-02,30,Kaffe\n"+
		"e4,Saksbehandler,2008-01-02,30,\n")
	m = Mapping{Values: map[string]map[string]string{
		"role":     {"saksbehandler": "case_officer"},
		"activity": {"skanning": "scanning"},
	}}
	want = []string{
		"3 role Konsulent: role 'Konsulent' is not in sources.kommune.values.role (add it there, or set sources.kommune.unmapped: keep)",
		"4 activity Kaffe: activity 'Kaffe' is not in sources.kommune.values.activity (add it there, or set sources.kommune.unmapped: keep)",
	}
	for _, r := range importMapped(t, KindTime, tm, m, 1) {
		if got := reasons(r.res); r.err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: err %v, rejects\n%s", r.path, r.err, strings.Join(got, "\n"))
		}
	}
	vol := writeFile(t, "volum.csv", "service,channel,period,count\nBarnehage,paper,2008-01,3\nSFO,paper,2008-01,4\n")
	m = Mapping{Values: map[string]map[string]string{"service": {"barnehage": "barnehage"}}}
	runs := importMapped(t, KindVolumes, vol, m, 1)
	for _, r := range runs[1:] { // volumes are always staged
		want := []string{"3 service SFO: service 'SFO' is not in sources.kommune.values.service (add it there, or set sources.kommune.unmapped: keep)"}
		if got := reasons(r.res); r.err != nil || !slices.Equal(got, want) {
			t.Errorf("volumes %s: err %v, rejects %q", r.path, r.err, got)
		}
	}
}

// Minutes converted from hours or from clock times are rounded to 1/1000
// minute: 1.5083333 hours is 90.5 minutes, not 90.499998.
func TestConvertedMinutesAreRounded(t *testing.T) {
	read := func(r mappedRun) []string { return r.minutes }
	hours := writeFile(t, "timer.csv", "registration_id,employee,role,work_date,minutes\n"+
		"r1,e1,clerk,2008-01-02,1.5083333\n"+
		"r2,e1,clerk,2008-01-03,0.0166667\n"+ // one minute
		"r3,e1,clerk,2008-01-04,2.25\n")
	comma := writeFile(t, "timer-komma.csv", "registration_id;employee;role;work_date;minutes\n"+
		"r1;e1;clerk;2008-01-02;1,5083333\n"+
		"r2;e1;clerk;2008-01-03;0,0166667\n"+
		"r3;e1;clerk;2008-01-04;2,25\n")
	for _, path := range []string{hours, comma} {
		for _, r := range importMapped(t, KindTime, path, Mapping{Hours: true}, 1)[:2] {
			if got := read(r); r.err != nil || !slices.Equal(got, []string{"90.5", "1.0", "135.0"}) {
				t.Errorf("%s %s: err %v, minutes %v, want [90.5 1.0 135.0]", filepath.Base(path), r.path, r.err, got)
			}
		}
	}
	clock := writeFile(t, "klokke.csv", "employee,role,work_date,fra,til\n"+
		"e1,clerk,2008-01-02,08:00:00,08:00:20\n"+ // 20 s: 0.333 minutes
		"e1,clerk,2008-01-03,08:00:00,09:30:30\n") // 90.5
	for _, r := range importMapped(t, KindTime, clock, Mapping{Start: "fra", End: "til"}, 1)[:2] {
		if got := read(r); r.err != nil || !slices.Equal(got, []string{"0.333", "90.5"}) {
			t.Errorf("clock %s: err %v, minutes %v, want [0.333 90.5]", r.path, r.err, got)
		}
	}
	// Minutes written as minutes are kept as written.
	plain := writeFile(t, "minutter.csv", "employee,role,work_date,minutes\ne1,clerk,2008-01-02,12.34567\n")
	for _, r := range importMapped(t, KindTime, plain, Mapping{}, 1)[:2] {
		if got := read(r); r.err != nil || !slices.Equal(got, []string{"12.34567"}) {
			t.Errorf("minutes %s: err %v, minutes %v", r.path, r.err, got)
		}
	}
}

// A reject reason quotes the value as the file writes it, not lower-cased.
func TestRejectReasonsQuoteValuesAsWritten(t *testing.T) {
	subs := writeFile(t, "s.csv", "submission_id,service,channel,received_at\na,bh,Fax,2008-01-02 10:00\nb,bh,Paper,2008-01-02 10:00\n")
	tm := writeFile(t, "t.csv", "employee,role,work_date,minutes,channel\ne1,clerk,2008-01-02,5,Telefon\ne1,clerk,2008-01-03,5,EFORM\n")
	vol := writeFile(t, "v.csv", "service,channel,period,count\nbh,Fax,2008-01,3\nbh,PAPER,2008-01,3\n")
	for _, c := range []struct {
		kind  Kind
		path  string
		value string
	}{{KindSubmissions, subs, "Fax"}, {KindTime, tm, "Telefon"}, {KindVolumes, vol, "Fax"}} {
		want := []string{"2 channel " + c.value + ": channel '" + c.value +
			"' is not a configured channel (expected one of: paper, eform, integrated; " +
			"map it in sources.kommune.values.channel, or add it to channels.list)"}
		for _, r := range importMapped(t, c.kind, c.path, Mapping{}, 1) {
			if got := reasons(r.res); r.err != nil || !slices.Equal(got, want) {
				t.Errorf("%s %s: err %v, rejects %q, want %q", c.kind, r.path, r.err, got, want)
			}
			if r.path != "dry run" && !strings.Contains(r.rejects, "2 channel "+c.value+" channel '"+c.value+"'") {
				t.Errorf("%s %s: stored rejects %q", c.kind, r.path, r.rejects)
			}
		}
	}
	// A mapped value that is no configured channel is quoted as mapped.
	m := Mapping{Values: map[string]map[string]string{"channel": {"fax": "Telefaks"}}}
	for _, r := range importMapped(t, KindSubmissions, subs, m, 1) {
		if got := reasons(r.res); len(got) != 1 || !strings.Contains(got[0], "channel 'Telefaks' is not") {
			t.Errorf("%s: rejects %q", r.path, got)
		}
	}
}

// A batch is a file read one way: the same file through another source
// is a new batch (a time file is refused); through the same source again
// it is skipped.
func TestBatchIsFileAndSource(t *testing.T) {
	d := openTest(t, config.Config{})
	path := writeFile(t, "s.csv", "submission_id,service,channel,received_at\na,bh,paper,2008-01-02 10:00\n")
	imp := func(source string) ImportResult {
		t.Helper()
		res, err := d.Import(context.Background(), ImportRequest{Kind: KindSubmissions, Path: path, Name: "s.csv",
			SHA256: fileSum(t, path), Source: source, MaxRejectShare: 1, Now: fixedNow, Lines: lineMap(t, path)})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := imp("a")
	if again := imp("a"); !again.Skipped || again.Previous.BatchID != first.BatchID || again.Previous.Source != "a" {
		t.Errorf("same source again: %+v", again)
	}
	if other := imp("b"); other.Skipped || other.BatchID == first.BatchID {
		t.Errorf("another source was skipped: %+v", other)
	}

	// A time file read again through another source would count its rows
	// without registration ids twice: refused, validate too.
	tm := writeFile(t, "t.csv", "employee,role,work_date,minutes\ne1,clerk,2008-01-02,30\n")
	for i, c := range []struct {
		source string
		dry    bool
		want   string // "" loads or skips
	}{{"skanning", false, ""}, {"skanning", false, ""}, {"", false, "t.csv was imported as batch 3 through source skanning"},
		{"timeark", true, "read again through source timeark, its time registrations would be counted twice"}} {
		res, err := d.Import(context.Background(), ImportRequest{Kind: KindTime, Path: tm, Name: "t.csv", SHA256: fileSum(t, tm),
			Source: c.source, DryRun: c.dry, MaxRejectShare: 1, Now: fixedNow, Lines: lineMap(t, tm)})
		switch {
		case c.want == "" && err != nil:
			t.Errorf("time %d: %v", i, err)
		case c.want == "" && (res.Skipped != (i == 1)):
			t.Errorf("time %d: %+v", i, res)
		case c.want != "" && (!errors.Is(err, ErrInput) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("time %d: err %v, want %q", i, err, c.want)
		}
	}
	var minutes float64
	if err := d.conn.QueryRowContext(context.Background(), `SELECT sum(minutes) FROM time_registrations`).Scan(&minutes); err != nil || minutes != 30 {
		t.Errorf("minutes %v (%v), want 30", minutes, err)
	}
}
