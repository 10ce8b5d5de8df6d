package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/queries"
)

// version is the product version, set at build time with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit codes (SPEC §6).
const (
	exitOK       = 0
	exitFailure  = 1
	exitUsage    = 2
	exitRejected = 3
	// exitInterrupted: Ctrl-C or SIGTERM; what was being written was rolled back.
	exitInterrupted = 130
)

// errUsage marks a usage error: a bad flag, argument or value.
var errUsage = errors.New("usage")

// errStrictRejects is returned under --strict when rows were rejected.
var errStrictRejects = errors.New("rows were rejected")

// usagef returns a usage error with a message.
func usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// app is what every command shares: the streams, the config and the logger.
type app struct {
	stdout, stderr io.Writer
	globals        globalFlags
	cfg            config.Config
	log            *slog.Logger
	now            func() time.Time
}

type globalFlags struct {
	configFile, db, logFormat string
	quiet                     bool
	// wait polls for a database held by another process instead of
	// failing, for at most waitTimeout.
	wait        bool
	waitTimeout time.Duration
}

// run builds the command tree, runs it and maps the outcome to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runAt(ctx, args, stdout, stderr, time.Now)
}

// runAt is run with a clock: the batch times, report dates and
// generation times of the commands (tests pass a fixed one).
func runAt(ctx context.Context, args []string, stdout, stderr io.Writer, now func() time.Time) int {
	a := &app{stdout: stdout, stderr: stderr, now: now}
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil && !errors.Is(err, pipelines.ErrInterrupted) {
		// Whatever failed, failed because of the interrupt: say that once.
		err = &runError{pipelines.ErrInterrupted}
	}
	a.printError(args, err)
	return exitCode(err)
}

// runError marks an error returned by a command's work, as opposed to
// cobra's own errors (unknown command, wrong number of arguments), which
// are usage errors.
type runError struct{ err error }

func (e *runError) Error() string { return e.err.Error() }
func (e *runError) Unwrap() error { return e.err }

// runE wraps a command's work so its errors are told apart from cobra's.
func runE(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := fn(cmd, args); err != nil {
			return &runError{err}
		}
		return nil
	}
}

// exitCode is the one place that maps errors to exit codes.
func exitCode(err error) int {
	var re *runError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, pipelines.ErrInterrupted):
		return exitInterrupted
	case errors.Is(err, errStrictRejects):
		return exitRejected
	case errors.Is(err, errUsage), !errors.As(err, &re):
		return exitUsage
	default:
		return exitFailure
	}
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "gevinst",
		Short: "Benefits-realisation analytics for municipal e-forms",
		Long: `gevinst measures, per service and channel (paper, e-form, integrated, ...),
how many submissions came in and how much staff time each cost, from the
logs that exist anyway, and turns it into benefits evidence for finance
staff, chief executives and funders.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if isCompletion(cmd) {
				return nil
			}
			return a.setup(cmd)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return fmt.Errorf("%w: %w", errUsage, err)
	})
	f := root.PersistentFlags()
	f.StringVar(&a.globals.configFile, "config", "", "config file (default ./gevinst.yaml if present)")
	f.StringVar(&a.globals.db, "db", "", "database file (default ./gevinst.duckdb)")
	f.StringVar(&a.globals.logFormat, "log-format", "", "log format: text or json (default text)")
	f.BoolVar(&a.globals.quiet, "quiet", false, "only warnings and errors on stderr")
	f.BoolVar(&a.globals.wait, "wait", false, "when another gevinst process holds the database, wait for it instead of failing")
	f.DurationVar(&a.globals.waitTimeout, "wait-timeout", 10*time.Minute, "with --wait, give up after this long")

	root.AddCommand(
		newImportCmd(a, false),
		newImportCmd(a, true),
		newBatchesCmd(a),
		newMetricsCmd(a),
		newBenefitsCmd(a),
		newReportCmd(a),
		newDemoCmd(a),
		newRegisterCmd(a),
		newCostsCmd(a),
		newRiskCmd(a),
		newCompareCmd(a),
		newInitCmd(a),
		newRunCmd(a),
		newVerifyCmd(a),
		newExportCmd(a),
		newRejectsCmd(a),
		newEvaluateCmd(a),
	)
	registerCompletions(a, root)
	return root
}

// setup reads GEVINST_<FLAG> for flags not given, loads the config and
// makes the logger. It runs before every command.
func (a *app) setup(cmd *cobra.Command) error {
	var envErr error
	cmd.Flags().VisitAll(func(fl *pflag.Flag) {
		env := "GEVINST_" + strings.ToUpper(strings.ReplaceAll(fl.Name, "-", "_"))
		if v, ok := os.LookupEnv(env); ok && !fl.Changed && envErr == nil {
			if err := cmd.Flags().Set(fl.Name, v); err != nil {
				envErr = usagef("%s=%q: %v", env, v, err)
			}
		}
	})
	if envErr != nil {
		return envErr
	}
	cfg, err := loadConfig(a.globals.configFile, cmd.Flags(), nil)
	if err != nil {
		return err
	}
	a.cfg = cfg
	level := slog.LevelInfo
	if cfg.Quiet {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		a.log = slog.New(slog.NewJSONHandler(a.stderr, opts))
	} else {
		a.log = slog.New(slog.NewTextHandler(a.stderr, opts))
	}
	for _, r := range cfg.Replaced() {
		a.log.Warn(fmt.Sprintf("%s in the config file is not used: %s replaces it with other values; edit the workbook there, or clear it to use the file's", r[0], r[1]),
			"key", r[0], "by", r[1])
	}
	return nil
}

// loadConfig decodes the config file (explicit, or ./gevinst.yaml if
// present), GEVINST_* variables, the global flags and overrides into one
// Config, in that order of precedence from low to high, and validates it.
func loadConfig(path string, flags *pflag.FlagSet, overrides map[string]any) (config.Config, error) {
	// "::" as key delimiter, so that a source column named "Reg.dato" in
	// sources.<name>.columns stays one key.
	v := viper.NewWithOptions(viper.KeyDelimiter("::"))
	v.SetEnvPrefix("GEVINST")
	v.SetEnvKeyReplacer(strings.NewReplacer("::", "_", "-", "_"))
	for _, k := range config.Keys() {
		if err := v.BindEnv(strings.ReplaceAll(k, ".", "::")); err != nil {
			return config.Config{}, err
		}
	}
	if path == "" {
		if _, err := os.Stat("gevinst.yaml"); err == nil {
			path = "gevinst.yaml"
		}
	}
	if path != "" {
		v.SetConfigFile(path)
		if err := v.ReadInConfig(); err != nil {
			return config.Config{}, fmt.Errorf("%w: config %s: %w", errUsage, path, err)
		}
		if err := config.CheckFile(path); err != nil {
			return config.Config{}, fmt.Errorf("%w: config: %w", errUsage, err)
		}
	}
	for key, flag := range map[string]string{"db": "db", "log_format": "log-format", "quiet": "quiet"} {
		if fl := flags.Lookup(flag); fl != nil && fl.Changed {
			v.Set(key, fl.Value.String())
		}
	}
	for key, val := range overrides {
		v.Set(key, val)
	}
	var cfg config.Config
	if err := v.Unmarshal(&cfg); err != nil {
		return cfg, fmt.Errorf("%w: config %s: %w", errUsage, path, err)
	}
	// The keys the user set (file, environment, flags): the assumptions
	// workbook's settings warn when they replace one of them.
	for _, k := range config.Keys() {
		if v.IsSet(strings.ReplaceAll(k, ".", "::")) {
			cfg.MarkSet(k)
		}
	}
	if err := cfg.Validate(); err != nil {
		where := path
		if where == "" {
			where = "defaults and environment"
		}
		return cfg, fmt.Errorf("%w: config (%s): %w", errUsage, where, err)
	}
	if err := applyAssumptions(&cfg, path); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// openDB opens the configured database. DuckDB lets one process at a
// time open the file: without --wait a held database is an error that
// names the other process; with --wait it is retried with backoff until
// it is free or --wait-timeout has passed.
func (a *app) openDB(ctx context.Context) (db *queries.DB, err error) {
	defer func() {
		if err == nil {
			a.warnRecovered(db)
		}
	}()
	db, err = queries.Open(ctx, a.cfg.DB, &a.cfg)
	if !a.globals.wait || !errors.Is(err, queries.ErrLocked) {
		return db, err
	}
	var le *queries.LockError
	errors.As(err, &le)
	a.log.Info("the database is in use; waiting", "db", a.cfg.DB, "pid", le.PID, "timeout", a.globals.waitTimeout)
	deadline := time.Now().Add(a.globals.waitTimeout)
	delay := 50 * time.Millisecond
	for {
		remaining := time.Until(deadline)
		if remaining <= 0 {
			errors.As(err, &le)
			return nil, fmt.Errorf("%w: the database %s was still in use by PID %d after --wait-timeout %s",
				queries.ErrLocked, le.Path, le.PID, a.globals.waitTimeout)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("while waiting for the database: %w", ctx.Err())
		case <-time.After(min(delay, remaining)):
		}
		db, err = queries.Open(ctx, a.cfg.DB, &a.cfg)
		if !errors.Is(err, queries.ErrLocked) {
			return db, err
		}
		delay = min(2*delay, 2*time.Second)
	}
}

// progress is where per-file summaries go: stderr unless --quiet.
func (a *app) progress() io.Writer {
	if a.cfg.Quiet {
		return io.Discard
	}
	return a.stderr
}
