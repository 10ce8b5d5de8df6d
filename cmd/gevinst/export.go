package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/queries"
)

type exportOptions struct {
	format, out, from, to, org string
	noSuppress                 bool
}

func newExportCmd(a *app) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export --format parquet|arrow|csv --out DIR",
		Short: "Write every table behind the workbook for BI tools (Power BI, pandas, R)",
		Long: `Write the tables behind the dashboard (metrics, metrics_range, benefits,
channel_mix, activities, register, appraisal, itposmo, organisations, batches,
rejects, data_quality) to DIR, one TABLE.FORMAT file each. Figures built from
fewer than privacy.min_cell submissions or employees are null, as the workbook
hides them, with a "suppressed" column; --no-suppress writes them as they are.`,
		Example: "  gevinst export --format parquet --out bi/\n  gevinst export --format csv --out out/ --from 2008-01 --to 2008-12",
		Args:    cobra.NoArgs,
		RunE: runE(func(cmd *cobra.Command, _ []string) error {
			if opts.out == "" {
				return usagef("export needs --out DIR")
			}
			switch opts.format {
			case "parquet", "arrow", "csv":
			default:
				return usagef("--format %q: expected parquet, arrow or csv", opts.format)
			}
			eo := pipelines.ExportOptions{Format: opts.format, Dir: opts.out, NoSuppress: opts.noSuppress,
				Org: opts.org, Now: a.now(), Version: version}
			var err error
			if eo.From, eo.To, err = parseRange(opts.from, opts.to); err != nil {
				return err
			}
			return a.withDB(cmd, func(db *queries.DB) error {
				a.warnUnknownIn(cmd.Context(), db, queries.Filter{Org: opts.org})
				paths, err := pipelines.Export(cmd.Context(), db, &a.cfg, eo)
				for _, p := range paths {
					fmt.Fprintln(a.stdout, p)
				}
				return err
			})
		}),
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "parquet", "parquet, arrow (Arrow IPC file) or csv")
	f.StringVar(&opts.out, "out", "", "directory to write the tables into")
	f.StringVar(&opts.from, "from", "", "first month, YYYY-MM (default: first with data)")
	f.StringVar(&opts.to, "to", "", "last month, YYYY-MM (default: last with data)")
	f.StringVar(&opts.org, "org", "", "only this organisation")
	f.BoolVar(&opts.noSuppress, "no-suppress", false, "write small cells as they are (for analysts with access to the data)")
	return cmd
}
