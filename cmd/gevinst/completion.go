package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gevinst/gevinst/queries"
)

// Values that shell completion offers (cobra's completion command writes
// the bash, zsh, fish and PowerShell scripts; they call the hidden
// __complete command). Each list is what the flag accepts: a test runs
// every value through its command.
var (
	importKinds    = []string{string(queries.KindSubmissions), string(queries.KindTime), string(queries.KindVolumes)}
	importFormats  = []string{"auto", "csv", "xlsx", "jsonl", "parquet"}
	exportFormats  = []string{"parquet", "arrow", "csv"}
	outputFormats  = []string{formatTable, formatCSV, formatJSON}
	flagCompletion = map[string][]string{
		"by":       {string(queries.GrainMonth), string(queries.GrainQuarter), string(queries.GrainYear)},
		"lang":     {"nb", "en"},
		"encoding": {"auto", "utf-8", "utf-16", "latin-1", "windows-1252"},
		"decimal":  {"auto", "comma", "point"},
		"design":   {"baseline", "its", "did", "all"},
	}
)

// registerCompletions sets what shell completion offers: the kinds as
// import's and validate's first argument (then file names), the values
// of --by, --format, --lang, --encoding, --decimal and --log-format, and
// the configured sources for --source.
func registerCompletions(a *app, root *cobra.Command) {
	_ = root.RegisterFlagCompletionFunc("log-format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	for _, cmd := range root.Commands() {
		f := cmd.Flags()
		for name, vals := range flagCompletion {
			if f.Lookup(name) != nil {
				_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(vals, cobra.ShellCompDirectiveNoFileComp))
			}
		}
		if f.Lookup("format") != nil {
			vals := outputFormats
			switch cmd.Name() {
			case "import", "validate":
				vals = importFormats
			case "export":
				vals = exportFormats
			}
			_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(vals, cobra.ShellCompDirectiveNoFileComp))
		}
		if f.Lookup("source") != nil {
			_ = cmd.RegisterFlagCompletionFunc("source", a.completeSource)
		}
		if cmd.Name() == "import" || cmd.Name() == "validate" {
			cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
				if len(args) == 0 {
					return importKinds, cobra.ShellCompDirectiveNoFileComp
				}
				return nil, cobra.ShellCompDirectiveDefault // the files
			}
		}
	}
}

// completeSource offers the sources configured in the config file that
// --config names (or ./gevinst.yaml), those for the kind already given
// first; none when the config cannot be read.
func (a *app) completeSource(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	cfg, err := loadConfig(a.globals.configFile, cmd.Flags(), nil)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for name, src := range cfg.Sources {
		if len(args) > 0 && src.Kind != "" && src.Kind != args[0] {
			continue
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names, cobra.ShellCompDirectiveNoFileComp
}

// isCompletion reports whether cmd writes a completion script or answers
// one (__complete): these need neither the config nor a logger, and must
// work when the config in the directory is broken.
func isCompletion(cmd *cobra.Command) bool {
	for c := cmd; c != nil; c = c.Parent() {
		if c.Name() == "completion" || strings.HasPrefix(c.Name(), cobra.ShellCompRequestCmd) {
			return true
		}
	}
	return false
}
