package engine

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// The import's stages pass data to each other, and between Go and SQL,
// through DuckDB variables (SET VARIABLE, getvariable) and temp tables and
// views. stagingNames declares every one of them; TestStagingNames reads
// the SQL of every stage (stageOf) and fails on a name it creates or reads
// that is not declared, or declared otherwise; setVars refuses a variable
// that is not declared; dropStaging drops the declared temp objects.

// stagingKind is what a staging name names.
type stagingKind string

// The kinds of staging names.
const (
	stagingVariable stagingKind = "variable"
	stagingTable    stagingKind = "temp table"
	stagingView     stagingKind = "temp view"
)

// The import engine's stages, and those outside it that share its names
// (package queries' session and metrics).
const (
	stageSession = "session" // queries' configure, Engine.Register: config tables, macros, variables
	stageRead    = "read"    // the file as a relation (raw_file, read_csv), its line map
	stageMap     = "map"     // mapped: canonical columns, value maps; typed
	stageStaged  = "staged"  // stage, its checks, good
	stageDecimal = "decimal" // the decimal separator of the number column
	stageFast    = "fast"    // sample, one read into the table, notes, problems
	stageLoad    = "load"    // batch id, insert, replace, rejects, batches
	stageMetrics = "metrics" // outside the engine: the filter's variables (metrics.go), the metrics' SQL
)

// stagingName is one variable, temp table or temp view of the import.
type stagingName struct {
	name string
	kind stagingKind
	// created lists the stages whose SQL or Go creates (or sets) it; read
	// the import stages whose SQL reads it (exactly: the test compares).
	created, read []string
	// session: it lives as long as the connection (the session creates
	// it); the other temp objects are dropped at the end of each import.
	session bool
}

// stageOf is the stage of each SQL file the import engine runs (the
// session's own files, in package queries, are stage session:
// TestStagingNames finds them).
var stageOf = map[sqlFile]string{
	"set_variable.sql": stageSession, "line_tables.sql": stageSession,

	"read_reset.sql": stageRead, "csv_sniff.sql": stageRead, "parquet_read.sql": stageRead,
	"parquet_raw_file.sql": stageRead, "raw_csv_errors_empty.sql": stageRead, "raw_file_create.sql": stageRead,
	"raw_file_from_arrow.sql": stageRead, "lines_insert.sql": stageRead, "columns_of.sql": stageRead,

	"map_view.sql": stageMap, "config_org.sql": stageMap,
	"import_submissions.sql": stageMap, "import_time.sql": stageMap, "import_volumes.sql": stageMap,

	"stage_copy.sql": stageStaged, "lines_shifted.sql": stageStaged, "import_lines.sql": stageStaged,
	"import_read_errors.sql": stageStaged, "check_submissions.sql": stageStaged, "check_time.sql": stageStaged,
	"check_volumes.sql": stageStaged, "check_unmapped.sql": stageStaged, "stage_any_reject.sql": stageStaged,
	"good_all.sql": stageStaged, "good_less_rejects.sql": stageStaged, "stage_count.sql": stageStaged,
	"rowid_base.sql": stageStaged,

	"numbers_staged.sql": stageDecimal, "numbers_noted.sql": stageDecimal, "numbers_typed.sql": stageDecimal,
	"decimal_detect.sql": stageDecimal,

	"sample_time.sql": stageFast, "plain_time.sql": stageFast, "clean_time.sql": stageFast,
	"filter_pushdown_off.sql": stageFast, "optimizers_reset.sql": stageFast, "repeats_none.sql": stageFast,
	"fast_submissions.sql": stageFast, "fast_time.sql": stageFast, "notes_probe.sql": stageFast,
	"repeats_any.sql": stageFast, "repeated_keys.sql": stageFast, "unload_submissions.sql": stageFast,
	"unload_time.sql": stageFast, "stage_rejects_empty.sql": stageFast, "problems.sql": stageFast,
	"problems_count.sql": stageFast, "problem_lines.sql": stageFast,

	"batch_id_next.sql": stageLoad, "batch_loaded.sql": stageLoad, "batch_record.sql": stageLoad,
	"count_table.sql": stageLoad, "rejects_count.sql": stageLoad, "rejects_store.sql": stageLoad,
	"rejects_first.sql": stageLoad, "insertion_order_off.sql": stageLoad, "insertion_order_reset.sql": stageLoad,
	"load_submissions.sql": stageLoad, "load_time.sql": stageLoad, "load_volumes.sql": stageLoad,
	"replace_submissions.sql": stageLoad, "replace_time.sql": stageLoad, "replace_volumes.sql": stageLoad,
	"replaced_submissions.sql": stageLoad, "replaced_time.sql": stageLoad, "replaced_volumes.sql": stageLoad,
	"replaced_none.sql": stageLoad,
	"drop_table.sql":    stageLoad, "drop_view.sql": stageLoad,
}

// stagingNames declares the import's variables, temp tables and temp
// views, with the stages that create and read them.
var stagingNames = []stagingName{
	// The session's configuration (queries/session.go; line_blank and line_extra: Engine.Register).
	{name: "config_org", kind: stagingVariable, created: []string{stageSession}, read: []string{stageMap}},
	{name: "time_zone", kind: stagingVariable, created: []string{stageSession}, read: []string{stageSession}},
	{name: "channel_list", kind: stagingVariable, created: []string{stageSession}, read: []string{stageStaged}},
	{name: "baseline_channel", kind: stagingVariable, created: []string{stageSession}},
	{name: "target_channel", kind: stagingVariable, created: []string{stageSession}},
	{name: "office_start", kind: stagingVariable, created: []string{stageSession}, read: []string{stageSession}},
	{name: "office_end", kind: stagingVariable, created: []string{stageSession}, read: []string{stageSession}},
	{name: "min_submissions", kind: stagingVariable, created: []string{stageSession}},
	{name: "hours_per_fte", kind: stagingVariable, created: []string{stageSession}},
	{name: "costs_configured", kind: stagingVariable, created: []string{stageSession}},
	{name: "samples_per_batch", kind: stagingVariable, created: []string{stageSession}},
	{name: "channels", kind: stagingVariable, created: []string{stageSession}, read: []string{stageSession, stageMap}},
	{name: "cfg_channels", kind: stagingTable, created: []string{stageSession}, read: []string{stageSession, stageStaged}, session: true},
	{name: "cfg_rates", kind: stagingTable, created: []string{stageSession}, read: []string{stageSession}, session: true},
	{name: "cfg_services", kind: stagingTable, created: []string{stageSession}, read: []string{stageSession}, session: true},
	{name: "cfg_holidays", kind: stagingTable, created: []string{stageSession}, read: []string{stageSession}, session: true},
	{name: "line_blank", kind: stagingTable, created: []string{stageSession}, read: []string{stageRead, stageStaged}, session: true},
	{name: "line_extra", kind: stagingTable, created: []string{stageSession}, read: []string{stageRead, stageStaged}, session: true},
	// The metrics' filter (queries/metrics.go), read by the session's macros.
	{name: "grain", kind: stagingVariable, created: []string{stageMetrics}, read: []string{stageSession}},
	{name: "from_month", kind: stagingVariable, created: []string{stageMetrics}, read: []string{stageSession}},
	{name: "to_month", kind: stagingVariable, created: []string{stageMetrics}, read: []string{stageSession}},

	// One import (import.go).
	{name: "batch_id", kind: stagingVariable, created: []string{stageLoad}, read: []string{stageFast, stageLoad}},
	{name: "source", kind: stagingVariable, created: []string{stageLoad}, read: []string{stageLoad}},
	{name: "replace_period", kind: stagingVariable, created: []string{stageLoad}, read: []string{stageLoad}},
	{name: "kind", kind: stagingVariable, created: []string{stageMap}, read: []string{stageStaged}},
	{name: "source_key", kind: stagingVariable, created: []string{stageMap}, read: []string{stageStaged}},
	{name: "channel_remedy", kind: stagingVariable, created: []string{stageMap}, read: []string{stageStaged}},
	{name: "default_org", kind: stagingVariable, created: []string{stageSession, stageMap}, read: []string{stageMap, stageFast}},
	{name: "minutes_factor", kind: stagingVariable, created: []string{stageMap}, read: []string{stageSession}},
	{name: "minutes_from_span", kind: stagingVariable, created: []string{stageMap}, read: []string{stageMap, stageFast}},
	{name: "decimal", kind: stagingVariable, created: []string{stageMap, stageDecimal, stageFast}, read: []string{stageMap, stageStaged, stageFast}},
	{name: "staged_decimal", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageStaged}},
	{name: "plain_dates", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageMap}},
	{name: "plain_minutes", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageMap}},
	{name: "minutes_column", kind: stagingVariable, created: []string{stageDecimal}, read: []string{stageStaged}},
	{name: "minutes_what", kind: stagingVariable, created: []string{stageDecimal}, read: []string{stageStaged}},
	{name: "minutes_example", kind: stagingVariable, created: []string{stageDecimal}, read: []string{stageStaged}},
	{name: "rowid_base", kind: stagingVariable, created: []string{stageStaged, stageFast}, read: []string{stageStaged}},
	{name: "flags_base", kind: stagingVariable, created: []string{stageFast}, read: []string{stageFast}},
	{name: "sample_rows", kind: stagingVariable, created: []string{stageFast}, read: []string{stageFast}},
	{name: "repeat_bits", kind: stagingVariable, created: []string{stageFast}, read: []string{stageSession}},
	{name: "repeat_slots", kind: stagingVariable, created: []string{stageFast}, read: []string{stageSession}},
	// loadGuess.vars: clean_ + each of timeTexts.
	{name: "clean_employee", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageMap}},
	{name: "clean_role", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageMap}},
	{name: "clean_org", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageMap}},
	{name: "clean_registration_id", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageMap}},
	{name: "clean_case_id", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageMap}},
	{name: "clean_service", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageMap}},
	{name: "clean_channel", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageMap}},
	{name: "clean_activity", kind: stagingVariable, created: []string{stageMap, stageFast}, read: []string{stageMap}},

	// Per import: dropStaging drops them when the import is done.
	{name: "good", kind: stagingView, created: []string{stageStaged, stageFast}, read: []string{stageLoad}},
	{name: "checked", kind: stagingView, created: []string{stageStaged}, read: []string{stageStaged}},
	{name: "flagged", kind: stagingView, created: []string{stageFast}, read: []string{stageFast}},
	{name: "typed", kind: stagingView, created: []string{stageMap}, read: []string{stageDecimal, stageStaged, stageFast}},
	{name: "mapped", kind: stagingView, created: []string{stageMap}, read: []string{stageMap, stageFast}},
	{name: "raw_read", kind: stagingTable, created: []string{stageRead}, read: []string{stageRead}},
	{name: "raw_file", kind: stagingTable, created: []string{stageRead}, read: []string{stageRead}},
	// raw_csv_errors and raw_csv_scans: also read_csv's store_rejects (csvSource).
	{name: "raw_csv_errors", kind: stagingTable, created: []string{stageRead}, read: []string{stageRead, stageStaged}},
	{name: "raw_csv_scans", kind: stagingTable, created: []string{stageRead}, read: []string{stageRead}},
	// The rows a batch replaces: deleted by replace_*.sql, read by the
	// kept figures (figures.go) before dropStaging drops it.
	{name: "replaced", kind: stagingTable, created: []string{stageLoad}, read: []string{stageLoad}},
	{name: "stage", kind: stagingTable, created: []string{stageStaged, stageFast}, read: []string{stageDecimal, stageStaged, stageFast}},
	// stage_lined is renamed to stage by the statement that makes it.
	{name: "stage_lined", kind: stagingTable, created: []string{stageStaged, stageFast}, read: []string{stageStaged, stageFast}},
	{name: "bad", kind: stagingTable, created: []string{stageStaged}, read: []string{stageStaged}},
	{name: "employee_keys", kind: stagingTable, created: []string{stageStaged}, read: []string{stageStaged}},
	{name: "stage_rejects", kind: stagingTable, created: []string{stageStaged, stageFast}, read: []string{stageStaged, stageLoad}},
	{name: "csv_rejects", kind: stagingTable, created: []string{stageStaged}, read: []string{stageLoad}},
	{name: "probe", kind: stagingTable, created: []string{stageFast}, read: []string{stageDecimal, stageFast}},
	{name: "repeated_keys", kind: stagingTable, created: []string{stageFast}, read: []string{stageFast}},
	{name: "flags", kind: stagingTable, created: []string{stageFast}, read: []string{stageFast}},
}

// stagingVariables are the declared variables (setVars sets no other).
var stagingVariables = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range stagingNames {
		if s.kind == stagingVariable {
			m[s.name] = true
		}
	}
	return m
}()

// dropStaging drops the import's temp views and tables (stagingNames
// less the session's), views first: they read the tables.
func dropStaging(ctx context.Context, tx *sql.Tx) error {
	for _, kind := range []stagingKind{stagingView, stagingTable} {
		f := sqlFile("drop_view.sql")
		if kind == stagingTable {
			f = "drop_table.sql"
		}
		for _, s := range stagingNames {
			if s.kind != kind || s.session {
				continue
			}
			if _, err := tx.ExecContext(ctx, spliced(f, map[string]string{"name": QuoteIdent(s.name)})); err != nil {
				return fmt.Errorf("%w: drop %s: %w", ErrDatabase, s.name, err)
			}
		}
	}
	return nil
}

// Staging says whether name is a temp table or view the engine declares
// (stagingNames), and whether it lives as long as the session; the others
// are dropped at the end of each import (queries' tests ask).
func Staging(name string) (declared, session bool) {
	for _, s := range stagingNames {
		if s.name == name && s.kind != stagingVariable {
			return true, s.session
		}
	}
	return false, false
}

// setVars sets DuckDB variables; values travel as parameters.
func setVars(ctx context.Context, ex execer, vars map[string]any) error {
	names := make([]string, 0, len(vars))
	for n := range vars {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := SetVariable(ctx, ex, n, "?", vars[n]); err != nil {
			return err
		}
	}
	return nil
}

// setVars sets DuckDB variables in the file's transaction.
func (t *importTx) setVars(vars map[string]any) error { return setVars(t.ctx, t.tx, vars) }
