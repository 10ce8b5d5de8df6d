package pipelines

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
)

// TestRunMakesReportFoldersBeforeOpening: a report folder that cannot be
// made fails the job before the database is opened, and the folders that
// can be made exist when it is.
func TestRunMakesReportFoldersBeforeOpening(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	out := filepath.Join(dir, "a", "b", "dash.xlsx")
	errOpen := errors.New("open refused by the test")
	existed := false
	_, err := Run(context.Background(), &cfg, RunOptions{
		Reports: []ReportJob{{Out: out}},
		Open: func(context.Context) (*queries.DB, error) {
			_, serr := os.Stat(filepath.Dir(out))
			existed = serr == nil
			return nil, errOpen
		},
		Now:     time.Now,
		Streams: Streams{Stdout: io.Discard, Stderr: io.Discard, Progress: io.Discard, Log: quiet},
	})
	if !errors.Is(err, errOpen) || !existed {
		t.Fatalf("err %v, folder existed at open: %v", err, existed)
	}

	blocked := filepath.Join(dir, "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	opened := false
	_, err = Run(context.Background(), &cfg, RunOptions{
		Reports: []ReportJob{{Out: filepath.Join(blocked, "dash.xlsx")}},
		Open:    func(context.Context) (*queries.DB, error) { opened = true; return nil, errOpen },
	})
	if err == nil || opened || !strings.Contains(err.Error(), "run.reports[0]") {
		t.Fatalf("err %v, opened %v: want a run.reports[0] error before opening", err, opened)
	}
}

// TestRunWritesNoReportWhenAnImportFails: a refused file stops the
// reports, and the rows other files rejected are counted.
func TestRunWritesNoReportWhenAnImportFails(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	good := filepath.Join(dir, "t1.csv")
	bad := filepath.Join(dir, "t2.csv")
	if err := os.WriteFile(good, []byte("employee,role,work_date,minutes,service,channel\ne1,clerk,2024-01-02,12,bh,paper\ne2,clerk,2024-01-03,oops,bh,eform\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("no,such,columns\n1,2,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.Run.Imports = []config.RunImport{{Kind: "time", Files: []string{filepath.Join(dir, "t*.csv")}}}
	out := filepath.Join(dir, "dash.xlsx")
	var stdout strings.Builder
	res, err := Run(context.Background(), &cfg, RunOptions{
		Reports: []ReportJob{{Out: out, ReportOptions: ReportOptions{Lang: "en"}}},
		Open:    func(ctx context.Context) (*queries.DB, error) { return queries.Open(ctx, cfg.DB, &cfg) },
		Now:     func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		Streams: Streams{Stdout: &stdout, Stderr: io.Discard, Progress: io.Discard, Log: quiet},
	})
	if err == nil || !strings.Contains(err.Error(), "1 import(s) failed, so no report was written") {
		t.Fatalf("err %v", err)
	}
	if res.Rejected != 1 {
		t.Errorf("rejected %d, want 1", res.Rejected)
	}
	if _, serr := os.Stat(out); !errors.Is(serr, os.ErrNotExist) || stdout.Len() != 0 {
		t.Errorf("a report was written (%v), stdout %q", serr, stdout.String())
	}
}

// TestDemoDirOfAnEarlierVersion: a demo directory whose config an earlier
// version wrote (other bytes than today's demo config) is a previous demo
// while the config still has the digest its stamp records; once edited,
// or without a stamp, it is refused.
func TestDemoDirOfAnEarlierVersion(t *testing.T) {
	dir := t.TempDir()
	if _, err := PrepareDemo(dir, false); err != nil {
		t.Fatal(err)
	}
	if err := CheckDemoDir(dir); err != nil {
		t.Fatalf("today's demo: %v", err)
	}
	// An earlier version's demo: its own config and its own stamp.
	older := []byte("# the demo config of an earlier version\norg: halden\n")
	cfgPath := filepath.Join(dir, "gevinst.yaml")
	if err := os.WriteFile(cfgPath, older, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(older)
	if err := os.WriteFile(filepath.Join(dir, demoStamp), []byte(hex.EncodeToString(sum[:])+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckDemoDir(dir); err != nil {
		t.Fatalf("an earlier version's unedited demo: %v", err)
	}
	// Edited after the demo wrote it: refused.
	if err := os.WriteFile(cfgPath, append(older, []byte("privacy: {min_cell: 3}\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckDemoDir(dir); err == nil || !strings.Contains(err.Error(), "not the demo's config") {
		t.Fatalf("an edited demo config: %v, want a refusal", err)
	}
	// No stamp and not today's config: refused.
	if err := os.Remove(filepath.Join(dir, demoStamp)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfgPath, older, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckDemoDir(dir); err == nil {
		t.Fatal("a config without a stamp that is not today's demo config: accepted")
	}
}
