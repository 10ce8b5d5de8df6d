package pipelines

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/pipelines/demo"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/reports"
)

// Streams is where a job writes: results on Stdout, the summaries of
// files refused on Stderr, per-file summaries on Progress (io.Discard
// under --quiet), events on Log.
type Streams struct {
	Stdout, Stderr, Progress io.Writer
	Log                      *slog.Logger
}

// ReportJob is one dashboard to write: the workbook's path and what it
// covers. Its settings are checked by the caller (the CLI turns a bad one
// into a usage error).
type ReportJob struct {
	// Out is the workbook, .xlsx; its evidence sidecar goes beside it.
	Out string
	ReportOptions
}

// PrepareOutDir creates the folder a file is written into, as export does
// for its directory, so a missing folder is never a failure about a
// temporary file after the work is done.
func PrepareOutDir(file string) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create the folder %s for %s: %w", dir, file, err)
	}
	return nil
}

// WriteReport builds the dashboard's input from the database, writes the
// workbook and its evidence (the tamper-evident sidecar `gevinst verify`
// checks), then prints the workbook's absolute path on s.Stdout. It
// returns the input, for callers that print figures from it.
func WriteReport(ctx context.Context, db *queries.DB, cfg *config.Config, job ReportJob, s Streams) (reports.Input, error) {
	in, err := ReportInput(ctx, db, cfg, job.ReportOptions)
	if err != nil {
		return reports.Input{}, err
	}
	if err := PrepareOutDir(job.Out); err != nil {
		return reports.Input{}, err
	}
	if err := reports.Write(job.Out, in); err != nil {
		return reports.Input{}, fmt.Errorf("write %s: %w", job.Out, err)
	}
	ev, err := NewEvidence(in, job.Out, job.Org)
	if err != nil {
		return reports.Input{}, err
	}
	sidecar, err := WriteEvidence(job.Out, ev)
	if err != nil {
		return reports.Input{}, err
	}
	abs, _ := filepath.Abs(job.Out)
	fmt.Fprintln(s.Stdout, abs)
	s.Log.Info("dashboard written", "file", abs, "evidence", sidecar, "from", in.From, "to", in.To,
		"generated", job.Now.Format(time.DateTime))
	return in, nil
}

// RunOptions is the batch job of `gevinst run`: the config's run.imports,
// then the reports.
type RunOptions struct {
	// Reports are the dashboards to write once every file was imported,
	// {date} already filled in and their settings checked.
	Reports []ReportJob
	// Open opens the database; Run calls it once, after the folders of
	// the reports exist.
	Open func(context.Context) (*queries.DB, error)
	// Now is the clock: the imports' batch times and each report's
	// generation time.
	Now func() time.Time
	Streams
}

// RunResult is what a run did that its caller decides on.
type RunResult struct {
	// Rejected counts the rows rejected over all imports (--strict).
	Rejected int64
}

// Run runs the configured batch job. It creates the folders the workbooks
// go into before it opens the database, so that a report never fails the
// job after its imports were committed; then it expands each import's
// file patterns (in name order, each file once) and imports them, and
// when every file was imported writes the reports. When a file was
// refused no report is written and the error says how many imports
// failed. The patterns must be valid (filepath.Match), which the caller
// checks.
func Run(ctx context.Context, cfg *config.Config, opts RunOptions) (RunResult, error) {
	var res RunResult
	for i, job := range opts.Reports {
		if err := PrepareOutDir(job.Out); err != nil {
			return res, fmt.Errorf("run.reports[%d]: %w", i, err)
		}
	}
	db, err := opts.Open(ctx)
	if err != nil {
		return res, err
	}
	defer db.Close()
	var failed []error
	for _, im := range cfg.Run.Imports {
		var files []string
		for _, pattern := range im.Files {
			matches, err := filepath.Glob(pattern)
			if err != nil {
				return res, fmt.Errorf("run.imports files %q: %w", pattern, err)
			}
			files = append(files, matches...)
		}
		slices.Sort(files)
		files = slices.Compact(files)
		if len(files) == 0 {
			opts.Log.Info("no files match", "kind", im.Kind, "files", strings.Join(im.Files, " "))
			continue
		}
		results, err := Import(ctx, db, cfg, ImportOptions{
			Kind: queries.Kind(im.Kind), Source: im.Source, Files: files, Now: opts.Now,
			Errors: opts.Stderr, JSON: cfg.LogFormat == "json",
		}, opts.Progress, opts.Log)
		if errors.Is(err, ErrInterrupted) {
			return res, err
		}
		for _, r := range results {
			res.Rejected += r.RowsRejected
		}
		if err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		return res, fmt.Errorf("%d import(s) failed, so no report was written: %w", len(failed), failed[0])
	}
	for _, job := range opts.Reports {
		job.Now = opts.Now()
		if _, err := WriteReport(ctx, db, cfg, job, opts.Streams); err != nil {
			return res, err
		}
	}
	return res, nil
}

// DemoFiles are the files of a prepared demo directory.
type DemoFiles struct {
	demo.Files
	// DB and Key are the demo's database and pseudonym key file.
	DB, Key string
}

// PrepareDemo writes the demo's data, config and assumptions into dir
// and removes a database an earlier demo left there, so the demo starts
// fresh. Unless force, it first refuses a directory in which it would
// overwrite someone else's files (CheckDemoDir).
func PrepareDemo(dir string, force bool) (DemoFiles, error) {
	if !force {
		if err := CheckDemoDir(dir); err != nil {
			return DemoFiles{}, err
		}
	}
	files, err := demo.Generate(dir)
	if err != nil {
		return DemoFiles{}, err
	}
	if err := writeDemoStamp(dir); err != nil {
		return DemoFiles{}, err
	}
	df := DemoFiles{Files: files, DB: filepath.Join(dir, "gevinst.duckdb"), Key: filepath.Join(dir, "gevinst.key")}
	for _, p := range []string{df.DB, df.DB + ".wal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return df, fmt.Errorf("start a fresh demo database: %w", err)
		}
	}
	return df, nil
}

// demoStamp is the file in which demo records the SHA-256 of the config
// it wrote, so that a later demo, of this version or another, knows the
// directory as a previous demo whose config nobody has edited.
const demoStamp = ".gevinst-demo"

// writeDemoStamp records the digest of the demo config in dir.
func writeDemoStamp(dir string) error {
	sum := sha256.Sum256(demo.ConfigYAML())
	if err := os.WriteFile(filepath.Join(dir, demoStamp), []byte(hex.EncodeToString(sum[:])+"\n"), 0o644); err != nil {
		return fmt.Errorf("demo --out %s: %w", dir, err)
	}
	return nil
}

// CheckDemoDir refuses a directory in which demo would overwrite someone
// else's files. It accepts a missing or empty directory, and a previous
// demo: a directory whose gevinst.yaml is byte for byte the demo's, or
// whose gevinst.yaml still has the digest its demo recorded in
// .gevinst-demo (the demo of an earlier version, unedited). demo
// overwrites only the files it writes (its CSVs, config, assumptions
// workbook, database, key and dashboard) and leaves the rest, such as the
// tour's own reports and exports, as they are.
func CheckDemoDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("demo --out %s: %w", dir, err)
	}
	const hint = "choose a new or empty directory, or run demo with --force to overwrite the demo's files there"
	cfg, err := os.ReadFile(filepath.Join(dir, demo.ConfigFile))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("demo --out %s: the directory is not empty and holds no demo %s, so it is not a previous demo: %s",
			dir, demo.ConfigFile, hint)
	}
	if err != nil {
		return fmt.Errorf("demo --out %s: %w", dir, err)
	}
	if !bytes.Equal(cfg, demo.ConfigYAML()) && !stampMatches(dir, cfg) {
		return fmt.Errorf("demo --out %s: %s is not the demo's config (edited, or another project's): %s",
			dir, filepath.Join(dir, demo.ConfigFile), hint)
	}
	return nil
}

// stampMatches reports whether dir's demo stamp records the digest of cfg.
func stampMatches(dir string, cfg []byte) bool {
	rec, err := os.ReadFile(filepath.Join(dir, demoStamp))
	if err != nil {
		return false
	}
	sum := sha256.Sum256(cfg)
	return strings.TrimSpace(string(rec)) == hex.EncodeToString(sum[:])
}

// DemoOptions is the rest of the demo once its directory is prepared
// and its database open.
type DemoOptions struct {
	// Dir is the demo directory; the dashboard is Dir/gevinst-dashboard.xlsx.
	Dir string
	// Files are what PrepareDemo wrote.
	Files DemoFiles
	// Now is the clock; Version the product version printed in the workbook.
	Now     func() time.Time
	Version string
	Streams
}

// Demo imports the demo's submissions and time into db (opened on the
// demo's config, cfg), writes the dashboard and prints its path and
// three headline figures on s.Stdout.
func Demo(ctx context.Context, db *queries.DB, cfg *config.Config, opts DemoOptions) error {
	for _, step := range []struct {
		kind queries.Kind
		file string
	}{{queries.KindSubmissions, opts.Files.Submissions}, {queries.KindTime, opts.Files.Time}} {
		if _, err := Import(ctx, db, cfg, ImportOptions{
			Kind: step.kind, Files: []string{step.file}, Now: opts.Now, Errors: opts.Stderr, JSON: cfg.LogFormat == "json",
		}, opts.Progress, opts.Log); err != nil {
			return err
		}
	}
	job := ReportJob{Out: filepath.Join(opts.Dir, "gevinst-dashboard.xlsx"), ReportOptions: ReportOptions{
		Lang: cfg.Report.Lang, Now: opts.Now(), Version: opts.Version,
	}}
	in, err := WriteReport(ctx, db, cfg, job, opts.Streams)
	if err != nil {
		return err
	}
	h := HeadlinesOf(in)
	fmt.Fprintf(opts.Stdout, "%s..%s: %d submissions in %s\n", h.From, h.To, h.Submissions, opts.Dir)
	var parts []string
	for _, ch := range cfg.Channels.List {
		if m, ok := h.MinutesPerSubmission[ch]; ok {
			parts = append(parts, fmt.Sprintf("%s %.1f", ch, m))
		}
	}
	fmt.Fprintf(opts.Stdout, "%s, staff minutes per submission: %s\n", cfg.ServiceName(h.Service), strings.Join(parts, ", "))
	fmt.Fprintf(opts.Stdout, "saved against the baseline, last 12 months (%s): %.0f staff hours (%.2f FTE); whole range: %.0f hours (%.1f FTE-years)\n",
		h.Window12, h.HoursSaved12, h.FTESaved12, h.HoursSaved, h.FTESaved)
	return nil
}
