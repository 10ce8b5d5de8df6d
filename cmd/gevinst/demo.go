package main

import (
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
	cmd := &cobra.Command{
		Use:   "demo [--out DIR]",
		Short: "Generate the demo data, import it into a fresh database and write the dashboard",
		Long: `Generate a deterministic demo data set (two municipalities, four services,
paper → e-form → integrated, 2006–2009, with some messy rows), import it into
a fresh DIR/gevinst.duckdb with DIR/gevinst.yaml as config, and write
DIR/gevinst-dashboard.xlsx. Prints the workbook's path and three headline figures.`,
		Args: cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			return a.runDemo(cmd, dir)
		}),
	}
	cmd.Flags().StringVar(&dir, "out", "gevinst-demo", "directory for the demo's files")
	return cmd
}

func (a *app) runDemo(cmd *cobra.Command, dir string) error {
	ctx := cmd.Context()
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
