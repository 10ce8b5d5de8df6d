package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/pipelines/assumptions"
)

type initOptions struct {
	out, assumptions string
	force            bool
}

func newInitCmd(a *app) *cobra.Command {
	var opts initOptions
	cmd := &cobra.Command{
		Use:   "init [--assumptions FILE.xlsx]",
		Short: "Write the example config, the pseudonym key and optionally the assumptions workbook template",
		Long: `Write the documented example configuration (gevinst.yaml, or --out), create
the pseudonym key file (mode 0600) unless GEVINST_PSEUDONYM_KEY is set, and
with --assumptions write the assumptions workbook template: sheets for hourly
rates, channel unit costs, the benefits register with targets, the costs of
the change, the appraisal settings and ITPOSMO assessments, with headers and
instructions in Norwegian bokmål and English and drop-down lists for
channels, services, indicators, classes and cost kinds. Point the config key
assumptions_file at the filled-in workbook. Existing files are kept unless
--force is given.

The example blocks of the written config (services, rates, sources, the
benefits register, the costs of the change, ITPOSMO scores) are commented
out: they are off until you remove the "# " and put in your own values.`,
		Example: "  gevinst init --assumptions forutsetninger.xlsx",
		Args:    cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			return a.runInit(opts)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&opts.out, "out", "gevinst.yaml", "config file to write")
	f.StringVar(&opts.assumptions, "assumptions", "", "also write the assumptions workbook template (.xlsx)")
	f.BoolVar(&opts.force, "force", false, "overwrite existing files")
	return cmd
}

// runInit writes the example config, the key file and the template.
func (a *app) runInit(opts initOptions) error {
	if opts.assumptions != "" && !strings.EqualFold(filepath.Ext(opts.assumptions), ".xlsx") {
		return usagef("--assumptions %q: the assumptions workbook is an .xlsx file", opts.assumptions)
	}
	for _, p := range []string{opts.out, opts.assumptions} {
		if p == "" || opts.force {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return fmt.Errorf("%s exists: keep it, or run init with --force to overwrite it", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := os.WriteFile(opts.out, config.ExampleYAML, 0o644); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, opts.out)
	if _, err := pipelines.PseudonymKey(&a.cfg, a.log); err != nil {
		return err
	}
	if opts.assumptions != "" {
		if err := assumptions.Write(opts.assumptions, &a.cfg); err != nil {
			return fmt.Errorf("write %s: %w", opts.assumptions, err)
		}
		fmt.Fprintln(a.stdout, opts.assumptions)
	}
	return nil
}

// applyAssumptions reads the workbook named by assumptions_file (relative
// to the config file's folder) into cfg and validates the result. A bad
// cell is a usage error naming sheet, cell, value and expectation.
func applyAssumptions(cfg *config.Config, configPath string) error {
	if cfg.AssumptionsFile == "" {
		return nil
	}
	path := cfg.AssumptionsFile
	if !filepath.IsAbs(path) && configPath != "" {
		path = filepath.Join(filepath.Dir(configPath), path)
	}
	if err := assumptions.Apply(path, cfg); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("%w: config with assumptions %s: %w", errUsage, path, err)
	}
	return nil
}
