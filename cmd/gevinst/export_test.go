package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/ipc"
)

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestExport(t *testing.T) {
	c := newCLI(t)
	c.importFixtureA()
	cfg := fixtureA + "gevinst.yaml"
	tables := []string{"metrics", "metrics_range", "benefits", "channel_mix", "activities", "register", "appraisal",
		"itposmo", "organisations", "batches", "rejects", "data_quality"}

	// CSV, suppressed (fixture A's cells have fewer than 5 submissions).
	dir := filepath.Join(c.dir, "csv")
	out := c.mustRun("--config", cfg, "export", "--format", "csv", "--out", dir)
	if n := strings.Count(out, "\n"); n != len(tables) {
		t.Errorf("export printed %d paths, want %d:\n%s", n, len(tables), out)
	}
	for _, name := range tables {
		if _, err := os.Stat(filepath.Join(dir, name+".csv")); err != nil {
			t.Errorf("no %s.csv: %v", name, err)
		}
	}
	m := readCSV(t, filepath.Join(dir, "metrics.csv"))
	head := m[0]
	mps := slices.Index(head, "minutes_per_submission")
	sup := slices.Index(head, "suppressed")
	if mps < 0 || sup != len(head)-1 || head[0] != "org" {
		t.Fatalf("metrics header %v", head)
	}
	hidden := 0
	for _, r := range m[1:] {
		if r[sup] == "true" {
			hidden++
			if r[mps] != "" {
				t.Errorf("suppressed row shows minutes_per_submission %q: %v", r[mps], r)
			}
		}
	}
	if hidden == 0 {
		t.Error("no metrics row suppressed, want fixture A's small cells hidden")
	}
	// --no-suppress: the same rows with their figures.
	dir2 := filepath.Join(c.dir, "csv-all")
	c.mustRun("--config", cfg, "export", "--format", "csv", "--out", dir2, "--no-suppress")
	m2 := readCSV(t, filepath.Join(dir2, "metrics.csv"))
	if len(m2) != len(m) {
		t.Fatalf("rows %d vs %d", len(m2), len(m))
	}
	shown := 0
	for _, r := range m2[1:] {
		if r[sup] != "false" {
			t.Errorf("--no-suppress row marked suppressed: %v", r)
		}
		if r[mps] != "" {
			shown++
		}
	}
	if shown == 0 {
		t.Error("--no-suppress shows no minutes per submission")
	}

	// Parquet through DuckDB COPY, Arrow IPC through arrow-go.
	pq := filepath.Join(c.dir, "pq")
	c.mustRun("--config", cfg, "export", "--format", "parquet", "--out", pq)
	b, err := os.ReadFile(filepath.Join(pq, "benefits.parquet"))
	if err != nil || len(b) < 8 || string(b[:4]) != "PAR1" || string(b[len(b)-4:]) != "PAR1" {
		t.Errorf("benefits.parquet is not Parquet (%v)", err)
	}
	ar := filepath.Join(c.dir, "arrow")
	c.mustRun("--config", cfg, "export", "--format", "arrow", "--out", ar)
	f, err := os.Open(filepath.Join(ar, "metrics.arrow"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := ipc.NewFileReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rows int64
	for i := 0; i < r.NumRecords(); i++ {
		rec, err := r.Record(i)
		if err != nil {
			t.Fatal(err)
		}
		rows += rec.NumRows()
	}
	if rows != int64(len(m)-1) {
		t.Errorf("metrics.arrow has %d rows, metrics.csv %d", rows, len(m)-1)
	}
	if got := r.Schema().Field(0).Name; got != "org" {
		t.Errorf("arrow first column %q", got)
	}

	if code, _, _ := c.run("--config", cfg, "export", "--format", "xml", "--out", ar); code != 2 {
		t.Errorf("--format xml exit %d, want 2", code)
	}
}
