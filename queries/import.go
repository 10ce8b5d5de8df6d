package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gevinst/gevinst/queries/model"
)

// Kind is an input record kind (SPEC §2).
type Kind string

// The record kinds gevinst imports.
const (
	KindSubmissions Kind = "submissions"
	KindTime        Kind = "time"
	KindVolumes     Kind = "volumes"
)

// ParseKind returns the Kind named by s, or an error that lists the kinds.
func ParseKind(s string) (Kind, error) {
	switch Kind(s) {
	case KindSubmissions, KindTime, KindVolumes:
		return Kind(s), nil
	}
	return "", fmt.Errorf("%w: unknown kind %q (expected submissions, time or volumes)", ErrInput, s)
}

// kindSpec names a kind's canonical columns, its SQL files and its table.
type kindSpec struct {
	required, optional []string
	check, replace     string
	load, table        string
}

var kinds = map[Kind]kindSpec{
	KindSubmissions: {
		required: []string{"submission_id", "service", "channel", "received_at"},
		optional: []string{"org", "decided_at", "case_id"},
		check:    "import_submissions.sql", replace: "replace_submissions.sql", load: "load_submissions.sql",
		table: "submissions",
	},
	KindTime: {
		required: []string{"employee", "role", "work_date", "minutes"},
		optional: []string{"registration_id", "org", "case_id", "service", "channel", "activity"},
		check:    "import_time.sql", replace: "replace_time.sql", load: "load_time.sql",
		table: "time_registrations",
	},
	KindVolumes: {
		required: []string{"service", "channel", "period", "count"},
		optional: []string{"org"},
		check:    "import_volumes.sql", replace: "replace_volumes.sql", load: "load_volumes.sql",
		table: "volumes",
	},
}

// Formats a file can be read in.
const (
	FormatCSV     = "csv"
	FormatXLSX    = "xlsx"
	FormatJSONL   = "jsonl"
	FormatParquet = "parquet"
)

// Mapping says how a source's columns and values become canonical ones
// (config.Source, resolved by the pipeline).
type Mapping struct {
	// Columns renames source columns (normalised names) to canonical ones.
	Columns map[string]string
	// Values maps source values (lower case) to canonical ones, per
	// canonical column.
	Values map[string]map[string]string
	// Org is a constant org for rows without one ("" = the configured default).
	Org string
	// Hours says the minutes column is in hours.
	Hours bool
	// Start and End name the columns whose difference gives the minutes.
	Start, End string
}

// ImportRequest describes one file to import or validate.
type ImportRequest struct {
	Kind Kind
	// Path is where the file is read from (for CSV, UTF-8 text: the
	// pipeline transcodes other encodings); Name is how batches records it.
	Path, Name string
	// SHA256 is the hex digest of the original file's bytes (the idempotence key).
	SHA256 string
	// Format is csv, xlsx, jsonl or parquet; for xlsx and jsonl, Rows
	// holds the reader (the pipeline opens it), and Sheet names the sheet.
	Format string
	Rows   RowSource
	Sheet  string
	// Delimiter is the CSV separator ("" = DuckDB's sniffer decides).
	Delimiter string
	// Decimal is the decimal separator of numbers: "comma", "point" or ""
	// (detected from the file; an ambiguous file is an error that asks).
	Decimal string
	// Source is the configured source name ("" for none), Mapping its mapping.
	Source  string
	Mapping Mapping
	// ReplacePeriod deletes the source's time rows in the file's date range.
	ReplacePeriod bool
	// MaxRejectShare refuses the whole file above this share of rejected rows.
	MaxRejectShare float64
	// DryRun checks everything and writes nothing (gevinst validate).
	DryRun bool
	// RejectSample is how many rejects Result.Rejects holds: 0 means the
	// first 20 (SPEC §9), a negative number all of them.
	RejectSample int
	// Now is the clock for started/finished times.
	Now func() time.Time
}

// ImportResult is what one file's import did.
type ImportResult struct {
	BatchID                                          int64
	RowsRead, RowsLoaded, RowsRejected, RowsReplaced int64
	// Decimal is the decimal separator used ("comma" or "point").
	Decimal string
	// Skipped is true when the same file (same SHA-256 and kind) was
	// already loaded, as batch Previous; nothing was written.
	Skipped  bool
	Previous model.BatchRow
	// Refused is true when the reject share was over the limit; nothing
	// was written.
	Refused bool
	// Rejects holds the first rejects in line order (see RejectSample).
	Rejects []model.RejectRow
}

// maxRejectSample is how many reject reasons are returned (and printed)
// per file (SPEC §9: the first 20 reasons).
const maxRejectSample = 20

// Import checks one file and loads its good rows in one transaction: the
// database holds the state before the file or after it, never between. A
// file already loaded (same kind and SHA-256) is skipped.
func (d *DB) Import(ctx context.Context, req ImportRequest) (ImportResult, error) {
	spec, ok := kinds[req.Kind]
	if !ok {
		return ImportResult{}, fmt.Errorf("%w: unknown kind %q", ErrInput, req.Kind)
	}
	if req.Now == nil {
		req.Now = time.Now
	}
	if req.Format == "" {
		req.Format = FormatCSV
	}
	started := req.Now()
	var res ImportResult

	prev, found, err := d.loadedBatch(ctx, req.Kind, req.SHA256)
	if err != nil {
		return res, err
	}
	if found && !req.DryRun {
		res.Skipped, res.Previous = true, prev
		return res, nil
	}

	tx, err := d.conn.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("%w: begin: %w", ErrDatabase, err)
	}
	defer tx.Rollback() // after Commit this is a no-op

	var goodIsView bool
	if res.Decimal, goodIsView, err = d.stage(ctx, tx, req, spec); err != nil {
		return res, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM raw_file) + (SELECT count(*) FROM csv_rejects),
		(SELECT count(*) FROM good),
		(SELECT count(DISTINCT line) FROM stage_rejects) + (SELECT count(*) FROM csv_rejects)`).
		Scan(&res.RowsRead, &res.RowsLoaded, &res.RowsRejected); err != nil {
		return res, fmt.Errorf("%w: count %s: %w", ErrDatabase, req.Name, err)
	}
	limit := int64(req.RejectSample)
	switch {
	case limit == 0:
		limit = maxRejectSample
	case limit < 0:
		limit = res.RowsRead * int64(len(spec.required)+len(spec.optional)+1) // every problem
	}
	if res.Rejects, err = rejectSample(ctx, tx, req.Name, limit); err != nil {
		return res, err
	}
	if res.RowsRead > 0 && float64(res.RowsRejected)/float64(res.RowsRead) > req.MaxRejectShare {
		res.Refused = true
		return res, fmt.Errorf("%w: %s: %d of %d rows rejected (%.1f %%), more than import.max_reject_share %.1f %%; the file was not imported",
			ErrRejectShare, req.Name, res.RowsRejected, res.RowsRead,
			100*float64(res.RowsRejected)/float64(res.RowsRead), 100*req.MaxRejectShare)
	}
	if req.DryRun {
		return res, nil
	}

	if err := tx.QueryRowContext(ctx, `SELECT nextval('batch_id_seq')`).Scan(&res.BatchID); err != nil {
		return res, fmt.Errorf("%w: batch id: %w", ErrDatabase, err)
	}
	if err := setVars(ctx, tx, map[string]any{
		"batch_id": res.BatchID, "source": req.Source, "replace_period": req.ReplacePeriod,
	}); err != nil {
		return res, err
	}
	count := func() (n int64, err error) {
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM `+QuoteIdent(spec.table)).Scan(&n)
		return n, err
	}
	before, err := count()
	if err != nil {
		return res, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	// An empty table has nothing to replace: skip the deletes (a first
	// import of a large file is the common, and the costly, case).
	steps := []string{spec.load}
	if before > 0 {
		steps = []string{spec.replace, spec.load}
	}
	for _, f := range steps {
		if _, err := tx.ExecContext(ctx, mustSQL(f)); err != nil {
			return res, fmt.Errorf("%w: load %s (%s): %w", ErrDatabase, req.Name, f, err)
		}
	}
	after, err := count()
	if err != nil {
		return res, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	// Rows deleted by the load (same key, or the replaced period).
	res.RowsReplaced = before + res.RowsLoaded - after
	if _, err := tx.ExecContext(ctx, `INSERT INTO rejects
		SELECT getvariable('batch_id'), line, column_name, raw_value, reason, reason_kind FROM stage_rejects
		UNION ALL
		SELECT getvariable('batch_id'), line, column_name, raw_value, reason, reason_kind FROM csv_rejects`); err != nil {
		return res, fmt.Errorf("%w: store rejects of %s: %w", ErrDatabase, req.Name, err)
	}
	var sheet any
	if req.Sheet != "" {
		sheet = req.Sheet
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO batches
		(batch_id, kind, file_name, sha256, rows_read, rows_loaded, rows_rejected, rows_replaced, status,
		 started_at, finished_at, source, sheet, format)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?, ?, ?, ?)`,
		res.BatchID, string(req.Kind), req.Name, req.SHA256,
		res.RowsRead, res.RowsLoaded, res.RowsRejected, res.RowsReplaced, started, req.Now(),
		req.Source, sheet, req.Format); err != nil {
		return res, fmt.Errorf("%w: record batch: %w", ErrDatabase, err)
	}
	if err := dropStaging(ctx, tx, goodIsView); err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("%w: commit %s: %w", ErrDatabase, req.Name, err)
	}
	d.prepared = false
	return res, nil
}

// stage reads the file into raw_file, maps it onto the canonical columns
// and runs the kind's checks, leaving the temp tables good, stage_rejects
// and csv_rejects. It returns the decimal separator used and whether good
// is a view (no rejects) rather than a table.
func (d *DB) stage(ctx context.Context, tx *sql.Tx, req ImportRequest, spec kindSpec) (decimal string, goodIsView bool, err error) {
	if err := setVars(ctx, tx, map[string]any{"kind": string(req.Kind)}); err != nil {
		return "", false, err
	}
	if err := d.read(ctx, tx, req); err != nil {
		return "", false, err
	}
	cols, err := mapColumns(ctx, tx, req)
	if err != nil {
		return "", false, err
	}
	span := req.Kind == KindTime && req.Mapping.Start != ""
	var missing []string
	for _, c := range spec.required {
		if !slices.Contains(cols, c) && !(span && c == "minutes") {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return "", false, fmt.Errorf("%w: %s: missing required column(s) %v for %s (the file has %v; map others with sources.<name>.columns)",
			ErrMissingColumn, req.Name, missing, req.Kind, withoutInternal(cols))
	}
	extra := slices.Clone(spec.optional)
	if req.Kind == KindTime {
		extra = append(extra, "minutes", "gevinst_start", "gevinst_end")
	}
	for _, c := range extra {
		if !slices.Contains(cols, c) {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE raw_file ADD COLUMN `+QuoteIdent(c)+` VARCHAR`); err != nil {
				return "", false, fmt.Errorf("%w: %w", ErrDatabase, err)
			}
		}
	}
	if err := applyValueMaps(ctx, tx, req.Mapping.Values, cols); err != nil {
		return "", false, err
	}
	decimal, err = detectDecimal(ctx, tx, req, span)
	if err != nil {
		return "", false, err
	}
	org := req.Mapping.Org
	if org == "" {
		if err := tx.QueryRowContext(ctx, `SELECT getvariable('config_org')`).Scan(&org); err != nil {
			return "", false, fmt.Errorf("%w: %w", ErrDatabase, err)
		}
	}
	minutesColumn, what, example := "minutes", "a number", "e.g. 12 or 12.5"
	switch {
	case span:
		minutesColumn, what, example = req.Mapping.Start+"–"+req.Mapping.End, "a pair of clock times", "e.g. 08:15–09:30"
	case req.Mapping.Hours:
		minutesColumn, what, example = "minutes (in hours)", "a number of hours", "e.g. 1.5"
	}
	if decimal == "comma" && !span {
		example = strings.ReplaceAll(example, ".", ",")
	}
	factor := 1.0
	if req.Mapping.Hours {
		factor = 60
	}
	if err := setVars(ctx, tx, map[string]any{
		"default_org": org, "decimal": decimal, "minutes_factor": factor, "minutes_from_span": span,
		"minutes_column": minutesColumn, "minutes_what": what, "minutes_example": example,
	}); err != nil {
		return "", false, err
	}
	for _, f := range []string{"import_read_errors.sql", spec.check} {
		if _, err := tx.ExecContext(ctx, mustSQL(f)); err != nil {
			return "", false, fmt.Errorf("%w: check %s (%s): %w", ErrDatabase, req.Name, f, err)
		}
	}
	// good: the rows without a problem. Without any reject it is stage
	// itself (a view, no copy of a large file); else stage less the rejects.
	var anyReject bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM stage_rejects)`).Scan(&anyReject); err != nil {
		return "", false, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	goodSQL := `CREATE OR REPLACE TEMP VIEW good AS SELECT * FROM stage`
	if anyReject {
		goodSQL = `CREATE OR REPLACE TEMP TABLE good AS
			SELECT s.* FROM stage s ANTI JOIN stage_rejects r ON r.line = s.line`
	}
	if _, err := tx.ExecContext(ctx, goodSQL); err != nil {
		return "", false, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	return decimal, !anyReject, nil
}

// read fills raw_file (gevinst_rn, gevinst_line, then the file's columns
// as text) and raw_csv_errors (records that could not be read).
func (d *DB) read(ctx context.Context, tx *sql.Tx, req ImportRequest) error {
	if _, err := tx.ExecContext(ctx, `DROP TABLE IF EXISTS raw_csv_errors; DROP TABLE IF EXISTS raw_csv_scans`); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	switch req.Format {
	case FormatCSV:
		// Every column as text: typing happens in SQL, where a bad value
		// becomes a reject with its line instead of failing the whole file.
		opts := `header = true, all_varchar = true, store_rejects = true,
			rejects_table = 'raw_csv_errors', rejects_scan = 'raw_csv_scans'`
		args := []any{req.Path}
		if req.Delimiter != "" {
			opts += `, delim = ?, quote = '"', escape = '"'`
			args = append(args, req.Delimiter)
		}
		// DuckDB reads in parallel but keeps the file's order, so the
		// record number is the line number less the header, until a record
		// could not be read (import_lines.sql then renumbers).
		if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE raw_file AS
			SELECT gevinst_rn, gevinst_rn + 1 AS gevinst_line, * EXCLUDE (gevinst_rn)
			FROM (SELECT row_number() OVER () AS gevinst_rn, * FROM read_csv(?, `+opts+`))`, args...); err != nil {
			return fmt.Errorf("%w: %s: cannot be read as CSV: %w", ErrInput, req.Name, err)
		}
		var unreadable bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM raw_csv_errors)`).Scan(&unreadable); err != nil {
			return fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		if unreadable {
			if _, err := tx.ExecContext(ctx, mustSQL("import_lines.sql")); err != nil {
				return fmt.Errorf("%w: %s: %w", ErrDatabase, req.Name, err)
			}
		}
		return nil
	case FormatParquet:
		if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE raw_read AS
			SELECT * FROM read_parquet(?, file_row_number = true)`, req.Path); err != nil {
			return fmt.Errorf("%w: %s: cannot be read as Parquet: %w", ErrInput, req.Name, err)
		}
		cols, err := columnsOf(ctx, tx, "raw_read")
		if err != nil {
			return err
		}
		var sel []string
		for _, c := range cols {
			if c != "file_row_number" {
				sel = append(sel, `CAST(`+QuoteIdent(c)+` AS VARCHAR) AS `+QuoteIdent(c))
			}
		}
		// Parquet rows have no lines: "line" is the row number, 1-based.
		if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE raw_file AS
			SELECT file_row_number + 1 AS gevinst_rn, file_row_number + 1 AS gevinst_line, `+strings.Join(sel, ", ")+`
			FROM raw_read ORDER BY file_row_number`); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrInput, req.Name, err)
		}
		_, err = tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE raw_csv_errors (
			line BIGINT, column_name VARCHAR, error_type VARCHAR, csv_line VARCHAR, error_message VARCHAR)`)
		return err
	case FormatXLSX, FormatJSONL:
		if req.Rows == nil {
			return fmt.Errorf("%w: %s: no reader for %s", ErrInput, req.Name, req.Format)
		}
		if _, err := d.stageTable(ctx, tx, req.Rows); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrInput, req.Name, err)
		}
		return nil
	}
	return fmt.Errorf("%w: %s: unknown format %q", ErrInput, req.Name, req.Format)
}

// normName is how column names are compared: lower case, blanks as one
// underscore ("Received At" → received_at).
func normName(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), "_") }

// mapColumns renames raw_file's columns to normalised names and then to
// the canonical names of the mapping, and returns the resulting names.
func mapColumns(ctx context.Context, tx *sql.Tx, req ImportRequest) ([]string, error) {
	cols, err := columnsOf(ctx, tx, "raw_file")
	if err != nil {
		return nil, err
	}
	target := map[string]string{}
	for from, to := range req.Mapping.Columns {
		target[normName(from)] = to
	}
	if req.Mapping.Start != "" {
		target[normName(req.Mapping.Start)] = "gevinst_start"
		target[normName(req.Mapping.End)] = "gevinst_end"
	}
	targets := map[string]bool{}
	for _, to := range target {
		targets[to] = true
	}
	seen := map[string]string{}
	for i, c := range cols {
		if c == "gevinst_rn" || c == "gevinst_line" {
			continue
		}
		name := normName(c)
		if to, ok := target[name]; ok {
			name = to
		} else if targets[name] {
			// The file also has a column with the canonical name that
			// another column is mapped onto: keep it, out of the way.
			name = "source_" + name
		}
		if prev, dup := seen[name]; dup {
			return nil, fmt.Errorf("%w: %s: columns %q and %q both become %s", ErrInput, req.Name, prev, c, name)
		}
		seen[name] = c
		if name != c {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE raw_file RENAME COLUMN `+QuoteIdent(c)+` TO `+QuoteIdent(name)); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrDatabase, err)
			}
			cols[i] = name
		}
	}
	return cols, nil
}

// withoutInternal drops gevinst's own staging columns from a column list.
func withoutInternal(cols []string) []string {
	return slices.DeleteFunc(slices.Clone(cols), func(c string) bool { return strings.HasPrefix(c, "gevinst_") })
}

// applyValueMaps rewrites mapped values (case-insensitive, trimmed) in
// place, before any check, so a value the map does not know stays as
// written and is rejected with its own text.
func applyValueMaps(ctx context.Context, tx *sql.Tx, values map[string]map[string]string, cols []string) error {
	columns := make([]string, 0, len(values))
	for c := range values {
		columns = append(columns, c)
	}
	sort.Strings(columns)
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE cfg_value_map (col VARCHAR, from_value VARCHAR, to_value VARCHAR)`); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	for _, c := range columns {
		if !slices.Contains(cols, c) {
			continue
		}
		for from, to := range values[c] {
			if _, err := tx.ExecContext(ctx, `INSERT INTO cfg_value_map VALUES (?, ?, ?)`, c, strings.ToLower(strings.TrimSpace(from)), to); err != nil {
				return fmt.Errorf("%w: %w", ErrDatabase, err)
			}
		}
		q := QuoteIdent(c)
		if _, err := tx.ExecContext(ctx, `UPDATE raw_file SET `+q+` = m.to_value FROM cfg_value_map m
			WHERE m.col = ? AND lower(trim(raw_file.`+q+`)) = m.from_value`, c); err != nil {
			return fmt.Errorf("%w: map values of %s: %w", ErrDatabase, c, err)
		}
	}
	return nil
}

// detectDecimal decides the decimal separator of the file's number column
// (minutes or count) unless the request fixes it: a comma in "1,5" or
// "1.234,5" says comma; a point in "1.5" says point; both in one file, or
// only "1.234" (a thousands point or a decimal point?), is ambiguous.
func detectDecimal(ctx context.Context, tx *sql.Tx, req ImportRequest, span bool) (string, error) {
	if req.Decimal == "comma" || req.Decimal == "point" {
		return req.Decimal, nil
	}
	col := map[Kind]string{KindTime: "minutes", KindVolumes: "count"}[req.Kind]
	if col == "" || span {
		return "point", nil
	}
	var comma, point, unsure int64
	var commaEx, pointEx, unsureEx sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT
		count(*) FILTER (WHERE c), count(*) FILTER (WHERE p), count(*) FILTER (WHERE u),
		any_value(v) FILTER (WHERE c), any_value(v) FILTER (WHERE p), any_value(v) FILTER (WHERE u)
		FROM (SELECT v,
			regexp_matches(v, '^[+-]?\d+,\d+$') OR regexp_matches(v, '^[+-]?[1-9]\d{0,2}(\.\d{3})+,\d+$') AS c,
			(regexp_matches(v, '^[+-]?\d*\.\d+$') AND NOT regexp_matches(v, '^[+-]?[1-9]\d{0,2}\.\d{3}$'))
			    OR regexp_matches(v, '^[+-]?[1-9]\d{0,2}(,\d{3})+\.\d+$') AS p,
			regexp_matches(v, '^[+-]?[1-9]\d{0,2}\.\d{3}$') AS u
			FROM (SELECT trim(`+QuoteIdent(col)+`) AS v FROM raw_file))`).
		Scan(&comma, &point, &unsure, &commaEx, &pointEx, &unsureEx)
	if err != nil {
		return "", fmt.Errorf("%w: detect decimal separator: %w", ErrDatabase, err)
	}
	switch {
	case comma > 0 && point > 0:
		return "", fmt.Errorf("%w: %s: %s has both decimal commas ('%s') and decimal points ('%s'); say which with --decimal comma|point",
			ErrAmbiguous, req.Name, col, commaEx.String, pointEx.String)
	case comma > 0:
		return "comma", nil
	case point == 0 && unsure > 0:
		return "", fmt.Errorf("%w: %s: %s values like '%s' may be a decimal point or a thousands point; say which with --decimal comma|point",
			ErrAmbiguous, req.Name, col, unsureEx.String)
	}
	return "point", nil
}

// setVars sets DuckDB variables; values travel as parameters.
func setVars(ctx context.Context, tx *sql.Tx, vars map[string]any) error {
	names := make([]string, 0, len(vars))
	for n := range vars {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `SET VARIABLE `+QuoteIdent(n)+` = ?`, vars[n]); err != nil {
			return fmt.Errorf("%w: set %s: %w", ErrDatabase, n, err)
		}
	}
	return nil
}

func columnsOf(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT * FROM `+QuoteIdent(table)+` LIMIT 0`)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	defer rows.Close()
	return rows.Columns()
}

func rejectSample(ctx context.Context, tx *sql.Tx, name string, limit int64) ([]model.RejectRow, error) {
	rows, err := tx.QueryContext(ctx, `SELECT line, column_name, coalesce(raw_value, ''), reason FROM (
		SELECT * FROM stage_rejects UNION ALL SELECT * FROM csv_rejects)
		ORDER BY line, column_name LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("%w: rejects of %s: %w", ErrDatabase, name, err)
	}
	defer rows.Close()
	var out []model.RejectRow
	for rows.Next() {
		r := model.RejectRow{FileName: name}
		if err := rows.Scan(&r.Line, &r.Column, &r.Value, &r.Reason); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func dropStaging(ctx context.Context, tx *sql.Tx, goodIsView bool) error {
	// good may be a view over stage: drop it first.
	drop := `DROP TABLE IF EXISTS good`
	if goodIsView {
		drop = `DROP VIEW IF EXISTS good`
	}
	if _, err := tx.ExecContext(ctx, drop); err != nil {
		return fmt.Errorf("%w: drop good: %w", ErrDatabase, err)
	}
	for _, t := range []string{"raw_read", "raw_file", "stage", "stage_rejects", "csv_rejects",
		"raw_csv_errors", "raw_csv_scans", "cfg_value_map", "employee_keys"} {
		if _, err := tx.ExecContext(ctx, `DROP TABLE IF EXISTS `+QuoteIdent(t)); err != nil {
			return fmt.Errorf("%w: drop %s: %w", ErrDatabase, t, err)
		}
	}
	return nil
}

// loadedBatch finds a loaded batch of this kind with this checksum.
func (d *DB) loadedBatch(ctx context.Context, kind Kind, sum string) (model.BatchRow, bool, error) {
	var b model.BatchRow
	err := d.conn.QueryRowContext(ctx, `SELECT batch_id, kind, file_name, sha256, rows_read, rows_loaded,
		rows_rejected, rows_replaced, status, started_at, finished_at
		FROM batches WHERE kind = ? AND sha256 = ? AND status = 'loaded' ORDER BY batch_id LIMIT 1`,
		string(kind), sum).Scan(&b.BatchID, &b.Kind, &b.FileName, &b.SHA256, &b.RowsRead, &b.RowsLoaded,
		&b.RowsRejected, &b.RowsReplaced, &b.Status, &b.StartedAt, &b.FinishedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return b, false, nil
	}
	if err != nil {
		return b, false, fmt.Errorf("%w: look up batches: %w", ErrDatabase, err)
	}
	return b, true, nil
}
