package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
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
)

// ParseKind returns the Kind named by s, or an error that lists the kinds.
func ParseKind(s string) (Kind, error) {
	switch Kind(s) {
	case KindSubmissions, KindTime:
		return Kind(s), nil
	}
	return "", fmt.Errorf("%w: unknown kind %q (expected submissions or time)", ErrInput, s)
}

// kindSpec names a kind's canonical columns and its SQL files.
type kindSpec struct {
	required, optional []string
	check, load        string
	keyColumn          string
}

var kinds = map[Kind]kindSpec{
	KindSubmissions: {
		required:  []string{"submission_id", "service", "channel", "received_at"},
		optional:  []string{"org", "decided_at", "case_id"},
		check:     "import_submissions.sql",
		load:      "load_submissions.sql",
		keyColumn: "submission_id",
	},
	KindTime: {
		required:  []string{"employee", "role", "work_date", "minutes"},
		optional:  []string{"registration_id", "org", "case_id", "service", "channel", "activity"},
		check:     "import_time.sql",
		load:      "load_time.sql",
		keyColumn: "registration_id",
	},
}

// ImportRequest describes one file to import or validate.
type ImportRequest struct {
	Kind Kind
	// Path is where the file is read from; Name is how batches records it.
	Path, Name string
	// SHA256 is the hex digest of the file's bytes (the idempotence key).
	SHA256 string
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

// Import checks one canonical CSV file and loads its good rows in one
// transaction: the database holds the state before the file or after it,
// never between. A file already loaded (same kind and SHA-256) is skipped.
func (d *DB) Import(ctx context.Context, req ImportRequest) (ImportResult, error) {
	spec, ok := kinds[req.Kind]
	if !ok {
		return ImportResult{}, fmt.Errorf("%w: unknown kind %q", ErrInput, req.Kind)
	}
	if req.Now == nil {
		req.Now = time.Now
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

	if err := d.stage(ctx, tx, req, spec); err != nil {
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
		limit = res.RowsRead * int64(len(spec.required)+len(spec.optional)) // every problem
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
	if _, err := tx.ExecContext(ctx, `SET VARIABLE batch_id = ?`, res.BatchID); err != nil {
		return res, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	table := map[Kind]string{KindSubmissions: "submissions", KindTime: "time_registrations"}[req.Kind]
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(
		`SELECT count(*) FROM %s t SEMI JOIN good g ON t.org = g.org AND t.%s = g.%s`,
		QuoteIdent(table), QuoteIdent(spec.keyColumn), QuoteIdent(spec.keyColumn))).Scan(&res.RowsReplaced); err != nil {
		return res, fmt.Errorf("%w: count replaced rows: %w", ErrDatabase, err)
	}
	if _, err := tx.ExecContext(ctx, mustSQL(spec.load)); err != nil {
		return res, fmt.Errorf("%w: load %s: %w", ErrDatabase, req.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO rejects
		SELECT getvariable('batch_id'), line, column_name, raw_value, reason, reason_kind FROM stage_rejects
		UNION ALL
		SELECT getvariable('batch_id'), line, column_name, raw_value, reason, reason_kind FROM csv_rejects`); err != nil {
		return res, fmt.Errorf("%w: store rejects of %s: %w", ErrDatabase, req.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?)`,
		res.BatchID, string(req.Kind), req.Name, req.SHA256,
		res.RowsRead, res.RowsLoaded, res.RowsRejected, res.RowsReplaced, started, req.Now()); err != nil {
		return res, fmt.Errorf("%w: record batch: %w", ErrDatabase, err)
	}
	if err := dropStaging(ctx, tx); err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("%w: commit %s: %w", ErrDatabase, req.Name, err)
	}
	d.prepared = false
	return res, nil
}

// stage reads the file into raw_file and runs the kind's checks, leaving
// the temp tables good, stage_rejects and csv_rejects.
func (d *DB) stage(ctx context.Context, tx *sql.Tx, req ImportRequest, spec kindSpec) error {
	if _, err := tx.ExecContext(ctx, `SET VARIABLE kind = ?`, string(req.Kind)); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	if _, err := tx.ExecContext(ctx, `DROP TABLE IF EXISTS raw_csv_errors; DROP TABLE IF EXISTS raw_csv_scans`); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	// Every column as text: typing happens in SQL below, where a bad value
	// becomes a reject with its line instead of failing the whole file.
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE raw_read AS
		SELECT row_number() OVER () AS gevinst_rn, *
		FROM read_csv(?, header = true, all_varchar = true,
		              store_rejects = true, rejects_table = 'raw_csv_errors', rejects_scan = 'raw_csv_scans')`,
		req.Path); err != nil {
		return fmt.Errorf("%w: %s: cannot be read as CSV: %w", ErrInput, req.Name, err)
	}
	cols, err := normaliseColumns(ctx, tx, req.Name)
	if err != nil {
		return err
	}
	var missing []string
	for _, c := range spec.required {
		if !slices.Contains(cols, c) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: %s: missing required column(s) %v for %s (the header has %v)",
			ErrMissingColumn, req.Name, missing, req.Kind, cols[1:])
	}
	for _, c := range spec.optional {
		if !slices.Contains(cols, c) {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE raw_read ADD COLUMN `+QuoteIdent(c)+` VARCHAR`); err != nil {
				return fmt.Errorf("%w: %w", ErrDatabase, err)
			}
		}
	}
	for _, f := range []string{"import_lines.sql", spec.check} {
		if _, err := tx.ExecContext(ctx, mustSQL(f)); err != nil {
			return fmt.Errorf("%w: check %s (%s): %w", ErrDatabase, req.Name, f, err)
		}
	}
	return nil
}

// normaliseColumns renames raw_read's columns to lower case with blanks as
// underscores ("Received At" → received_at) and returns the new names.
func normaliseColumns(ctx context.Context, tx *sql.Tx, name string) ([]string, error) {
	cols, err := columnsOf(ctx, tx, "raw_read")
	if err != nil {
		return nil, err
	}
	seen := map[string]string{}
	for i, c := range cols {
		norm := strings.Join(strings.Fields(strings.ToLower(c)), "_")
		if prev, dup := seen[norm]; dup {
			return nil, fmt.Errorf("%w: %s: columns %q and %q both mean %s", ErrInput, name, prev, c, norm)
		}
		seen[norm] = c
		if norm != c {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE raw_read RENAME COLUMN `+QuoteIdent(c)+` TO `+QuoteIdent(norm)); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrDatabase, err)
			}
			cols[i] = norm
		}
	}
	return cols, nil
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

func dropStaging(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []string{"raw_read", "raw_file", "stage", "stage_rejects", "good", "csv_rejects", "raw_csv_errors", "raw_csv_scans"} {
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
