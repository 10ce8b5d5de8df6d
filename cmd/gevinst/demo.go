package main

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gevinst/gevinst/pipelines"
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
			return a.runDemo(cmd.Context(), cmd.Flags(), dir, force)
		}),
	}
	cmd.Flags().StringVar(&dir, "out", "gevinst-demo", "directory for the demo's files")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite the demo's files in a directory that is not a previous demo")
	return cmd
}

// runDemo prepares the demo directory, loads the demo's config (with
// the global flags and environment, like any config) and opens its fresh
// database, then runs the demo.
func (a *app) runDemo(ctx context.Context, flags *pflag.FlagSet, dir string, force bool) error {
	files, err := pipelines.PrepareDemo(dir, force)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(files.Config, flags, map[string]any{"db": files.DB, "pseudonym_key_file": files.Key})
	if err != nil {
		return err
	}
	a.cfg = cfg
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	return pipelines.Demo(ctx, db, &a.cfg, pipelines.DemoOptions{
		Dir: dir, Files: files, Now: a.now, Version: version, Streams: a.streams(),
	})
}
