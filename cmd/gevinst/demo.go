package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/pipelines/demo"
	"github.com/gevinst/gevinst/queries"
)

func newDemoCmd(a *app) *cobra.Command {
	var dir string
	var force bool
	cmd := &cobra.Command{
		Use:   "demo [--out DIR] [--force]",
		Short: "Generate the demo data, import it into a fresh database and write the dashboard",
		Long: `Generate a deterministic demo data set (two municipalities, four services,
paper → e-form → integrated, 2006–2009, with some messy rows), import it into
a fresh DIR/gevinst.duckdb with DIR/gevinst.yaml as config, and write
DIR/gevinst-dashboard.xlsx. Prints the workbook's path and three headline figures.

DIR must be new, empty or a previous demo: a folder whose gevinst.yaml is
the demo's, unchanged. Any other folder is refused; --force overwrites the
demo's files in it. Files the demo does not write are left as they are.`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			return a.runDemo(cmd, dir, force)
		}),
	}
	cmd.Flags().StringVar(&dir, "out", "gevinst-demo", "directory for the demo's files")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite the demo's files in a directory that is not a previous demo")
	return cmd
}

// checkDemoDir refuses a directory in which demo would overwrite someone
// else's files. It accepts a missing or empty directory, and a previous
// demo: a directory whose gevinst.yaml is byte for byte the demo's. demo
// overwrites only the files it writes (its CSVs, config, assumptions
// workbook, database, key and dashboard) and leaves the rest, such as the
// tour's own reports and exports, as they are.
func checkDemoDir(dir string) error {
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
	if !bytes.Equal(cfg, demo.ConfigYAML()) {
		return fmt.Errorf("demo --out %s: %s is not the demo's config (edited, or another project's): %s",
			dir, filepath.Join(dir, demo.ConfigFile), hint)
	}
	return nil
}

func (a *app) runDemo(cmd *cobra.Command, dir string, force bool) error {
	ctx := cmd.Context()
	if !force {
		if err := checkDemoDir(dir); err != nil {
			return err
		}
	}
	files, err := demo.Generate(dir)
	if err != nil {
		return err
	}
	dbPath := filepath.Join(dir, "gevinst.duckdb")
	for _, p := range []string{dbPath, dbPath + ".wal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("start a fresh demo database: %w", err)
		}
	}
	cfg, err := loadConfig(files.Config, cmd.Flags(), map[string]any{
		"db": dbPath, "pseudonym_key_file": filepath.Join(dir, "gevinst.key"),
	})
	if err != nil {
		return err
	}
	a.cfg = cfg
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, step := range []struct {
		kind queries.Kind
		file string
	}{{queries.KindSubmissions, files.Submissions}, {queries.KindTime, files.Time}} {
		if _, err := pipelines.Import(ctx, db, &a.cfg, pipelines.ImportOptions{
			Kind: step.kind, Files: []string{step.file}, Now: a.now, Errors: a.stderr, JSON: a.cfg.LogFormat == "json",
		}, a.progress(), a.log); err != nil {
			return err
		}
	}
	out := filepath.Join(dir, "gevinst-dashboard.xlsx")
	in, err := a.writeReport(ctx, db, reportOptions{out: out})
	if err != nil {
		return err
	}
	h := pipelines.HeadlinesOf(in)
	fmt.Fprintf(a.stdout, "%s..%s: %d submissions in %s\n", h.From, h.To, h.Submissions, dir)
	var parts []string
	for _, ch := range a.cfg.Channels.List {
		if m, ok := h.MinutesPerSubmission[ch]; ok {
			parts = append(parts, fmt.Sprintf("%s %.1f", ch, m))
		}
	}
	fmt.Fprintf(a.stdout, "%s, staff minutes per submission: %s\n", a.cfg.ServiceName(h.Service), strings.Join(parts, ", "))
	fmt.Fprintf(a.stdout, "saved against the baseline: %.0f staff hours (%.1f FTE-years)\n", h.HoursSaved, h.FTESaved)
	return nil
}
