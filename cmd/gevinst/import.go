package main

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/queries"
)

type importOptions struct {
	kind   queries.Kind
	files  []string
	dryRun bool
	strict bool
	pipe   pipelines.ImportOptions
}

// newImportCmd makes `gevinst import` or, with dryRun, `gevinst validate`.
func newImportCmd(a *app, dryRun bool) *cobra.Command {
	opts := importOptions{dryRun: dryRun}
	cmd := &cobra.Command{
		Use:   "import submissions|time|volumes FILE...",
		Short: "Import files, one atomic batch per file",
		Long: `Import files of submissions, time registrations or monthly volumes (their
columns, formats and rules: docs/data.md): CSV/TSV (any delimiter; UTF-8,
UTF-16, Latin-1 or Windows-1252), Excel .xlsx, JSON lines or Parquet,
detected from the content and overridable by flags or by a configured
source (--source NAME, which also maps column names, values, units and a
constant org).

Each file is checked row by row and loaded in one transaction; rows that fail
a check are stored as rejects with line, column, value and reason. A batch
is a file read one way: its kind, SHA-256, sheet and source. The same file
read the same way again is skipped; another --sheet of a workbook is a new
batch, and so is a submissions or volumes file through another --source (a
time file already loaded through another source is refused). A file whose
reject share exceeds import.max_reject_share is refused whole.`,
		Example: "  gevinst import submissions export-2008-12.csv\n" +
			"  gevinst import time --source timer timer-2008-11.xlsx timer-2008-12.xlsx\n" +
			"  gevinst import time --source kasse --replace-period uke-48.csv",
		Args: cobra.MinimumNArgs(2),
		RunE: runE(func(cmd *cobra.Command, args []string) error {
			kind, err := queries.ParseKind(args[0])
			if err != nil {
				return usagef("%v", err)
			}
			opts.kind, opts.files = kind, args[1:]
			return a.runImport(cmd, opts)
		}),
	}
	if dryRun {
		cmd.Use = "validate submissions|time FILE..."
		cmd.Short = "Check files as import would, write nothing, list every problem"
		cmd.Long = "Run every check of import on the files and list the problems; nothing is written."
		cmd.Example = "  gevinst validate submissions export-2008-12.csv"
	}
	f := cmd.Flags()
	f.BoolVar(&opts.strict, "strict", false, "exit with code 3 when any row was rejected")
	f.StringVar(&opts.pipe.Source, "source", "", "configured source (sources.NAME): mapping and dialect")
	f.StringVar(&opts.pipe.Format, "format", "", "auto, csv, xlsx, jsonl or parquet (default: detected)")
	f.StringVar(&opts.pipe.Encoding, "encoding", "", "auto, utf-8, utf-16, latin-1 or windows-1252 (default: detected)")
	f.StringVar(&opts.pipe.Delimiter, "delimiter", "", `CSV separator, e.g. ";" or "\t" (default: detected)`)
	f.StringVar(&opts.pipe.Decimal, "decimal", "", "decimal separator: comma or point (default: detected)")
	f.StringVar(&opts.pipe.Sheet, "sheet", "", "xlsx sheet (default: the first)")
	f.BoolVar(&opts.pipe.ReplacePeriod, "replace-period", false,
		"replace the source's earlier time rows in each file's date range (needs --source)")
	return cmd
}

func (a *app) runImport(cmd *cobra.Command, opts importOptions) error {
	if err := a.validateInMemory(opts.dryRun); err != nil {
		return err
	}
	db, err := a.openDB(cmd.Context())
	if err != nil {
		return err
	}
	defer db.Close()
	po := opts.pipe
	po.Kind, po.Files, po.DryRun, po.Now = opts.kind, opts.files, opts.dryRun, a.now
	if err := checkChoice("--format", po.Format, "auto", "csv", "xlsx", "jsonl", "parquet"); err != nil {
		return err
	}
	if err := checkChoice("--encoding", po.Encoding, "auto", "utf-8", "utf-16", "latin-1", "windows-1252"); err != nil {
		return err
	}
	if err := checkChoice("--decimal", po.Decimal, "auto", "comma", "point"); err != nil {
		return err
	}
	bar := a.progressBar()
	po.Progress = bar.update
	po.Errors, po.JSON = a.summaryErrors(opts.dryRun), a.cfg.LogFormat == "json"
	results, err := pipelines.Import(cmd.Context(), db, &a.cfg, po, a.summaryOut(opts.dryRun), a.log)
	bar.finish()
	if errors.Is(err, pipelines.ErrSource) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	var rejected int64
	for _, r := range results {
		rejected += r.RowsRejected
	}
	if opts.strict && rejected > 0 {
		return fmt.Errorf("%w: %d rows rejected (--strict)", errStrictRejects, rejected)
	}
	return nil
}

// summaryOut is where per-file summaries go: validate's findings are its
// result (stdout); import's summaries are progress (stderr, unless --quiet).
func (a *app) summaryOut(dryRun bool) io.Writer {
	if dryRun {
		return a.stdout
	}
	return a.progress()
}

// summaryErrors is where the summaries of files refused or not imported
// go: validate's findings are its result (stdout); import's are errors
// (stderr, even with --quiet).
func (a *app) summaryErrors(dryRun bool) io.Writer {
	if dryRun {
		return a.stdout
	}
	return a.stderr
}

// checkChoice returns a usage error when v is set and not one of choices.
func checkChoice(flag, v string, choices ...string) error {
	if v == "" || slices.Contains(choices, v) {
		return nil
	}
	return usagef("%s %q: expected one of %v", flag, v, choices)
}
