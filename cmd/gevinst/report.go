package main

import (
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/queries"
)

type reportOptions struct {
	out, lang, from, to, org string
	// kind is dashboard (default) or funder; year the funder report's.
	kind string
	year int
}

func newReportCmd(a *app) *cobra.Command {
	var opts reportOptions
	cmd := &cobra.Command{
		Use:     "report --out FILE.xlsx",
		Short:   "Write the Excel dashboard (its sheets: README.md)",
		Example: "  gevinst report --out dashboard.xlsx --lang en --from 2007-01",
		Args:    cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			return a.withDB(cmd, func(db *queries.DB) error {
				if opts.kind != "dashboard" || opts.year != 0 {
					return a.writeFunder(cmd.Context(), db, opts)
				}
				a.warnUnknownIn(cmd.Context(), db, queries.Filter{Org: opts.org})
				ro, err := a.reportSettings(opts)
				if err != nil {
					return err
				}
				_, err = pipelines.WriteReport(cmd.Context(), db, &a.cfg, pipelines.ReportJob{Out: opts.out, ReportOptions: ro}, a.streams())
				return err
			})
		}),
	}
	f := cmd.Flags()
	f.StringVar(&opts.out, "out", "", "workbook to write (.xlsx)")
	f.StringVar(&opts.lang, "lang", "", "labels: nb or en (default report.lang, nb)")
	f.StringVar(&opts.from, "from", "", "first month, YYYY-MM (default: first with data)")
	f.StringVar(&opts.to, "to", "", "last month, YYYY-MM (default: last with data)")
	f.StringVar(&opts.org, "org", "", "only this organisation")
	f.StringVar(&opts.kind, "kind", "dashboard", "dashboard, or funder: the funder's annual report for --year")
	f.IntVar(&opts.year, "year", 0, "the calendar year of --kind funder, YYYY")
	return cmd
}

// reportSettings checks the report's flags (usage errors), so that run
// can check them before it imports anything.
func (a *app) reportSettings(opts reportOptions) (pipelines.ReportOptions, error) {
	if opts.out == "" {
		return pipelines.ReportOptions{}, usagef("report needs --out FILE.xlsx")
	}
	if !strings.EqualFold(filepath.Ext(opts.out), ".xlsx") {
		return pipelines.ReportOptions{}, usagef("--out %q: the dashboard is an .xlsx file", opts.out)
	}
	lang := opts.lang
	if lang == "" {
		lang = a.cfg.Report.Lang
	}
	if lang != "nb" && lang != "en" {
		return pipelines.ReportOptions{}, usagef("--lang %q: expected nb or en", lang)
	}
	ro := pipelines.ReportOptions{Lang: lang, Org: opts.org, Now: a.now(), Version: version}
	var err error
	if ro.From, ro.To, err = parseRange(opts.from, opts.to); err != nil {
		return ro, err
	}
	return ro, nil
}

// streams are the app's streams for a job.
func (a *app) streams() pipelines.Streams {
	return pipelines.Streams{Stdout: a.stdout, Stderr: a.stderr, Progress: a.progress(), Log: a.log}
}
