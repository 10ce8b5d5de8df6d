package bench

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

func TestGeneratorIsDeterministicAndShaped(t *testing.T) {
	dir := t.TempDir()
	sh := Shape{Submissions: 2000, TimeRows: 6000, BadShare: 0.01, IDPrefix: "a"}
	var sums [2][]byte
	for i := range sums {
		s, err := WriteSubmissions(filepath.Join(dir, "s.csv"), sh)
		if err != nil {
			t.Fatal(err)
		}
		tm, err := WriteTime(filepath.Join(dir, "t.csv"), sh)
		if err != nil {
			t.Fatal(err)
		}
		if s.Rows != 2000 || tm.Rows != 6000 || s.Bad == 0 || tm.Bad == 0 {
			t.Fatalf("rows %d/%d, bad %d/%d", s.Rows, tm.Rows, s.Bad, tm.Bad)
		}
		a, _ := os.ReadFile(s.Path)
		b, _ := os.ReadFile(tm.Path)
		sums[i] = append(a, b...)
		if got := bytes.Count(a, []byte("\n")); got != 2001 {
			t.Errorf("submissions: %d lines, want 2001", got)
		}
		if !bytes.HasPrefix(b, []byte("registration_id,org,employee,")) || !bytes.Contains(b, []byte("\naR1,")) {
			t.Errorf("time file does not start as expected: %.80q", b)
		}
	}
	if !bytes.Equal(sums[0], sums[1]) {
		t.Error("the same shape gave different bytes")
	}
}

// One more month lands after the data's last month: every submission is
// received in it, every pooled registration worked in it, and no case id
// or row id is one of the full data's, so importing it replaces nothing
// and links to nothing old.
func TestMonthLandsAfterTheLastMonth(t *testing.T) {
	dir := t.TempDir()
	full := Shape{Submissions: 3000, TimeRows: 9000}
	month := full.Month(300, 900)
	if got := full.LastMonth().Format("2006-01"); got != "2009-12" {
		t.Errorf("last month of the default shape: %s, want 2009-12", got)
	}
	if got := month.LastMonth().Format("2006-01"); got != "2010-01" {
		t.Errorf("the month after: last month %s, want 2010-01", got)
	}
	read := func(name string, sh Shape, write func(string, Shape) (Generated, error)) [][]string {
		t.Helper()
		g, err := write(filepath.Join(dir, name), sh)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(g.Path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs[1:]
	}
	fullSubs := read("fs.csv", full, WriteSubmissions)
	fullTime := read("ft.csv", full, WriteTime)
	subs := read("ms.csv", month, WriteSubmissions)
	tm := read("mt.csv", month, WriteTime)
	if len(subs) != 300 || len(tm) != 900 {
		t.Fatalf("month: %d submissions, %d time rows", len(subs), len(tm))
	}
	lastFull := ""
	ids, cases := map[string]bool{}, map[string]bool{}
	for _, r := range fullSubs {
		lastFull = max(lastFull, r[4][:7])
		ids[r[1]] = true
		if r[6] != "" {
			cases[r[0]+"/"+r[6]] = true
		}
	}
	for _, r := range fullTime {
		ids[r[0]] = true
	}
	if lastFull != "2009-12" {
		t.Errorf("full data's last received month %s", lastFull)
	}
	monthCases := map[string]bool{}
	for _, r := range subs {
		if r[4][:7] != "2010-01" {
			t.Errorf("month submission %s received %s, want 2010-01", r[1], r[4])
		}
		if ids[r[1]] || cases[r[0]+"/"+r[6]] {
			t.Errorf("month submission %s (case %s) collides with the full data", r[1], r[6])
		}
		if r[6] != "" {
			monthCases[r[0]+"/"+r[6]] = true
		}
	}
	linked := 0
	for _, r := range tm {
		if ids[r[0]] {
			t.Errorf("month registration id %s is one of the full data's", r[0])
		}
		if r[6] != "" && cases[r[1]+"/"+r[6]] {
			t.Errorf("month registration %s links to the full data's case %s", r[0], r[6])
		}
		if monthCases[r[1]+"/"+r[6]] {
			linked++
		}
		if r[4] < "2010-01-01" {
			t.Errorf("month registration %s worked %s, before the month", r[0], r[4])
		}
		if r[7] != "" && r[4][:7] != "2010-01" {
			t.Errorf("pooled month registration %s worked %s, want 2010-01", r[0], r[4])
		}
	}
	if linked < 900*3/4 {
		t.Errorf("only %d of 900 month registrations link to the month's submissions", linked)
	}
}
