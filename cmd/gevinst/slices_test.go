package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/pipelines/demo"
)

// TestMonthlySlicesEqualOneImport imports the demo in twelve slices of
// consecutive months, kinds interleaved in a shuffled order, with a
// replacing re-export of one slice in the middle (changed channels and
// minutes under the same keys) and checks that every exported table
// equals the tables of one import of the same final data (issue 15: the
// kept figures, refreshed per batch for the partitions it changes, are
// the figures of a full build). A registration can arrive before or after
// the submission its case id links it to, so rules 1-4 change hands
// between batches.
func TestMonthlySlicesEqualOneImport(t *testing.T) {
	dir := t.TempDir()
	files, err := demo.Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	subHead, subs := readRecords(t, files.Submissions)
	timeHead, times := readRecords(t, files.Time)
	// Column 4 is received_at (submissions) and work_date (time).
	if subHead[4] != "received_at" || timeHead[4] != "work_date" || subHead[1] != "org" || timeHead[1] != "org" {
		t.Fatalf("demo headers changed: %v / %v", subHead, timeHead)
	}
	const n = 12
	subSlice := sliceByMonth(subs, n)
	timeSlice := sliceByMonth(times, n)

	// The re-export of slice 5: every 7th submission in another channel,
	// every 5th registration with twice its minutes.
	const again = 5
	// The demo's configured channels (a "fax" row is one of its bad rows).
	chans := []string{"paper", "eform", "integrated"}
	channels := map[string]bool{}
	for _, c := range chans {
		channels[c] = true
	}
	finalSubs := slices.Clone(subs)
	finalTimes := slices.Clone(times)
	var changedSubs, changedTimes int
	for i, r := range subs {
		if subSlice[i] == again && i%7 == 0 && len(r) == len(subHead) && channels[r[3]] {
			c := slices.Clone(r)
			c[3] = chans[(slices.Index(chans, r[3])+1)%len(chans)]
			finalSubs[i], changedSubs = c, changedSubs+1
		}
	}
	for i, r := range times {
		if timeSlice[i] == again && i%5 == 0 && len(r) == len(timeHead) && r[0] != "" {
			if m, err := strconv.ParseFloat(r[5], 64); err == nil && m > 0 && m <= 600 {
				c := slices.Clone(r)
				c[5] = strconv.FormatFloat(2*m, 'f', -1, 64)
				finalTimes[i], changedTimes = c, changedTimes+1
			}
		}
	}
	if changedSubs < 20 || changedTimes < 100 {
		t.Fatalf("the re-export changes too little: %d submissions, %d registrations", changedSubs, changedTimes)
	}

	sliced := newCLI(t)
	cfg := []string{"--config", files.Config}
	type step struct {
		kind  string
		slice int
	}
	var steps []step
	for k := range n {
		steps = append(steps, step{"submissions", k}, step{"time", k})
	}
	rng := rand.New(rand.NewPCG(15, 2026))
	rng.Shuffle(len(steps), func(i, j int) { steps[i], steps[j] = steps[j], steps[i] })
	// The re-export comes in the middle, after its slice's first import.
	mid := len(steps) / 2
	for i, s := range steps {
		if s.slice == again && i > mid {
			steps[i], steps[mid] = steps[mid], steps[i]
		}
	}
	steps = slices.Insert(steps, mid+1, step{"submissions", -1}, step{"time", -1})
	for i, s := range steps {
		var path string
		switch {
		case s.slice < 0 && s.kind == "submissions":
			path = writeRecords(t, sliced.dir, "again-submissions.csv", subHead, pick(finalSubs, subSlice, again))
		case s.slice < 0:
			path = writeRecords(t, sliced.dir, "again-time.csv", timeHead, pick(finalTimes, timeSlice, again))
		case s.kind == "submissions":
			path = writeRecords(t, sliced.dir, fmt.Sprintf("s%02d-submissions.csv", s.slice), subHead, pick(subs, subSlice, s.slice))
		default:
			path = writeRecords(t, sliced.dir, fmt.Sprintf("s%02d-time.csv", s.slice), timeHead, pick(times, timeSlice, s.slice))
		}
		code, out, errOut := sliced.run(append(cfg, "import", s.kind, path)...)
		if code != 0 && code != 3 {
			t.Fatalf("step %d (%s slice %d): exit %d\n%s%s", i, s.kind, s.slice, code, out, errOut)
		}
	}

	whole := newCLI(t)
	whole.mustRun(append(cfg, "import", "submissions", writeRecords(t, whole.dir, "submissions.csv", subHead, finalSubs))...)
	whole.mustRun(append(cfg, "import", "time", writeRecords(t, whole.dir, "time.csv", timeHead, finalTimes))...)

	for _, c := range []*cli{sliced, whole} {
		c.mustRun(append(cfg, "export", "--format", "csv", "--no-suppress", "--out", filepath.Join(c.dir, "out"))...)
	}
	tables, err := filepath.Glob(filepath.Join(whole.dir, "out", "*.csv"))
	if err != nil || len(tables) < 8 {
		t.Fatalf("export wrote %v (%v)", tables, err)
	}
	for _, p := range tables {
		name := filepath.Base(p)
		if name == "batches.csv" || name == "rejects.csv" {
			continue // the batches differ by design
		}
		_, want := readRecords(t, p)
		_, got := readRecords(t, filepath.Join(sliced.dir, "out", name))
		if len(want) < 1 {
			t.Errorf("%s: empty", name)
		}
		sameTable(t, name, got, want)
	}
}

// sameTable compares two exported tables cell by cell: numbers to 1e-9
// relative (a sum over the same rows in another order), the rest exactly.
func sameTable(t *testing.T, name string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d", name, len(got), len(want))
		return
	}
	bad := 0
	for i := range want {
		for j := range want[i] {
			g, w := got[i][j], want[i][j]
			if g == w {
				continue
			}
			gf, e1 := strconv.ParseFloat(g, 64)
			wf, e2 := strconv.ParseFloat(w, 64)
			if e1 == nil && e2 == nil && math.Abs(gf-wf) <= 1e-9*math.Max(1, math.Max(math.Abs(gf), math.Abs(wf))) {
				continue
			}
			if bad++; bad <= 5 {
				t.Errorf("%s row %d column %d: %q, want %q (row %v)", name, i+1, j+1, g, w, want[i])
			}
		}
	}
}

var monthPrefix = regexp.MustCompile(`^\d{4}-\d{2}`)

// sliceByMonth gives each record a slice 0..n-1: the months in order cut
// into n runs of consecutive months, by the month of column 4; a record
// whose key (org, column 0) came before goes with its first record, so
// that "the last line of a key wins" means the same in one file and in
// slices; a record without a month goes to slice 0.
func sliceByMonth(recs [][]string, n int) []int {
	monthOf := func(r []string) string {
		if len(r) > 4 {
			return monthPrefix.FindString(r[4])
		}
		return ""
	}
	var months []string
	for _, r := range recs {
		if m := monthOf(r); m != "" {
			months = append(months, m)
		}
	}
	slices.Sort(months)
	months = slices.Compact(months)
	first := map[string]int{}
	out := make([]int, len(recs))
	for i, r := range recs {
		key := ""
		if len(r) > 1 && r[0] != "" {
			key = r[1] + "\x00" + r[0]
		}
		if k, ok := first[key]; ok && key != "" {
			out[i] = k
			continue
		}
		if m := monthOf(r); m != "" {
			pos, _ := slices.BinarySearch(months, m)
			out[i] = pos * n / len(months)
		}
		if key != "" {
			first[key] = out[i]
		}
	}
	return out
}

// pick returns the records of one slice.
func pick(recs [][]string, slice []int, k int) [][]string {
	var out [][]string
	for i, r := range recs {
		if slice[i] == k {
			out = append(out, r)
		}
	}
	return out
}

func readRecords(t *testing.T, path string) (header []string, recs [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	all, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(all) == 0 {
		t.Fatalf("%s: empty", path)
	}
	return all[0], all[1:]
}

func writeRecords(t *testing.T, dir, name string, header []string, recs [][]string) string {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(header)
	w.WriteAll(recs)
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
