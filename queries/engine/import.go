package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	// stage types the mapped rows (the view typed); check finds the
	// problems of the rows copied into the temp table stage (stage_rejects)
	// after the decimal separator is known.
	stage, check sqlFile
	// fast and unload are the fast CSV import's SQL ("" = the kind is
	// always staged whole), sample its look at the file's start and plain
	// the shortcuts it may allow ("" = none): see fastCheck.
	fast, unload, sample, plain sqlFile
	// replaced keeps the rows the batch replaces (replaced), replace
	// deletes them, load inserts the good rows.
	replaced, replace, load sqlFile
	table                   string
	// number is the column whose decimal separator is detected ("" none).
	number string
}

var kinds = map[Kind]kindSpec{
	KindSubmissions: {
		required: []string{"submission_id", "service", "channel", "received_at"},
		optional: []string{"org", "decided_at", "case_id"},
		stage:    "import_submissions.sql", check: "check_submissions.sql",
		fast: "fast_submissions.sql", unload: "unload_submissions.sql",
		replaced: "replaced_submissions.sql", replace: "replace_submissions.sql", load: "load_submissions.sql", table: "submissions",
	},
	KindTime: {
		required: []string{"employee", "role", "work_date", "minutes"},
		optional: []string{"registration_id", "org", "case_id", "service", "channel", "activity"},
		stage:    "import_time.sql", check: "check_time.sql",
		fast: "fast_time.sql", unload: "unload_time.sql", sample: "sample_time.sql", plain: "plain_time.sql",
		replaced: "replaced_time.sql", replace: "replace_time.sql", load: "load_time.sql", table: "time_registrations",
		number: "minutes",
	},
	KindVolumes: {
		required: []string{"service", "channel", "period", "count"},
		optional: []string{"org"},
		stage:    "import_volumes.sql", check: "check_volumes.sql",
		replaced: "replaced_volumes.sql", replace: "replace_volumes.sql", load: "load_volumes.sql", table: "volumes",
		number: "count",
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
	// KeepUnmapped keeps a value of org, role, activity or service that
	// the column's value map lacks, as written (sources.<name>.unmapped:
	// keep); without it such a row is rejected. Channel values are checked
	// against the configured channels either way.
	KeepUnmapped bool
}

// Request describes one file to import or validate.
type Request struct {
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
	// Lines relates DuckDB's line numbers of a CSV file to the file's own
	// (a LineScanner's map of the file; zero: every record one line).
	Lines LineMap
}

// Options are what the package queries adds to a Request; it does not
// pass them on to its callers: the tests' switch to the staged path and
// the hook run before the commit.
type Options struct {
	// Staged sends a CSV file through the staged path every other format
	// takes (the tests compare it with the fast path).
	Staged bool
	// BeforeCommit, when set, runs inside the file's transaction after
	// its good rows are loaded, the rows they replace deleted and its
	// rejects stored, before its batches row is written and the
	// transaction committed; an error rolls the whole file back. It is
	// not run for a dry run, a skipped or a refused file. The rows the
	// file replaced are still in the temp table replaced (rid, org,
	// month, case_id: replaced_*.sql) then.
	BeforeCommit func(ctx context.Context, tx *sql.Tx, b Batch) error
	// typing is how the fast import types the file instead of what its
	// sample suggests, and batchID the batch id to use instead of a new
	// one (a second load: Import).
	typing  *loadGuess
	batchID int64
}

// Batch is what BeforeCommit is told of the file it runs for.
type Batch struct {
	Kind Kind
	// ID is the file's batch id, Loaded its rows loaded, and Rows the
	// rows its table holds with them (the replaced ones deleted).
	ID, Loaded, Rows int64
}

// importTx is one file's import: its transaction and what every stage
// reads. Its methods are the stages (read.go, map.go, staged.go, fast.go,
// decimal.go, load.go); importFile makes one per transaction.
type importTx struct {
	e    *Engine
	ctx  context.Context
	tx   *sql.Tx
	req  Request
	spec kindSpec
	opts Options
	// decimal is the separator typeFile set: "point", "comma", or "auto"
	// while it is to be detected (the stages return the one they found).
	decimal string
}

// Result is what one file's import did.
type Result struct {
	BatchID                                          int64
	RowsRead, RowsLoaded, RowsRejected, RowsReplaced int64
	// Decimal is the decimal separator used ("comma" or "point").
	Decimal string
	// Skipped is true when the same file (same SHA-256, kind, sheet and
	// source) was already loaded, as batch Previous; nothing was written.
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
// file already loaded (same kind, SHA-256, sheet and source) is skipped.
//
// A CSV file of submissions or time registrations takes the fast path
// (fastCheck): it is read once straight into the table, noting what the
// checks need on the way; only when that finds rows with a problem are
// those staged and checked one by one. Other files, and every file in a
// dry run (which writes nothing), are staged whole and checked
// (stagedCheck), then loaded.
//
// A file whose load did not confirm the typing its start suggested is
// loaded again, in a new transaction, typed as the whole file allows.
func (e *Engine) Import(ctx context.Context, req Request, opts Options) (Result, error) {
	res, retype, err := e.importFile(ctx, req, opts)
	if err != nil || retype == nil {
		return res, err
	}
	if opts.typing == nil {
		// The first transaction is rolled back: its batch id is free.
		req.Decimal, opts.typing, opts.batchID = retype.decimal, retype, res.BatchID
		if res, retype, err = e.importFile(ctx, req, opts); err != nil || retype == nil {
			return res, err
		}
	}
	// Loaded as the whole file allows, its notes still disagree.
	return res, fmt.Errorf("%w: %s: the second load's typing (decimal %s) did not hold for every record; nothing was imported",
		ErrDatabase, req.Name, retype.decimal)
}

// importFile is Import's one transaction.
func (e *Engine) importFile(ctx context.Context, req Request, opts Options) (_ Result, retype *loadGuess, _ error) {
	spec, ok := kinds[req.Kind]
	if !ok {
		return Result{}, nil, fmt.Errorf("%w: unknown kind %q", ErrInput, req.Kind)
	}
	if req.Now == nil {
		req.Now = time.Now
	}
	if req.Format == "" {
		req.Format = FormatCSV
	}
	started := req.Now()
	var res Result

	prev, found, err := e.loadedBatch(ctx, req)
	if err != nil {
		return res, nil, err
	}
	switch {
	case found && prev.Source != req.Source && req.Kind == KindTime:
		return res, nil, otherSourceError(req, prev)
	case found && prev.Source == req.Source && !req.DryRun:
		res.Skipped, res.Previous = true, prev
		return res, nil, nil
	}

	tx, err := e.conn.BeginTx(ctx, nil)
	if err != nil {
		return res, nil, fmt.Errorf("%w: begin: %w", ErrDatabase, err)
	}
	defer tx.Rollback() // after Commit this is a no-op
	t := &importTx{e: e, ctx: ctx, tx: tx, req: req, spec: spec, opts: opts}

	count := func() (n int64, err error) {
		err = tx.QueryRowContext(ctx, spliced("count_table.sql", map[string]string{"table": QuoteIdent(spec.table)})).Scan(&n)
		return n, err
	}
	var before int64
	if !req.DryRun {
		res.BatchID = opts.batchID
		if res.BatchID == 0 {
			if err := tx.QueryRowContext(ctx, mustSQL("batch_id_next.sql")).Scan(&res.BatchID); err != nil {
				return res, nil, fmt.Errorf("%w: batch id: %w", ErrDatabase, err)
			}
		}
		if err := t.setVars(map[string]any{
			"batch_id": res.BatchID, "source": req.Source, "replace_period": req.ReplacePeriod,
		}); err != nil {
			return res, nil, err
		}
		if before, err = count(); err != nil {
			return res, nil, fmt.Errorf("%w: %w", ErrDatabase, err)
		}
	}

	if t.decimal, err = t.typeFile(); err != nil {
		return res, nil, err
	}
	var records, loaded int64
	fast := req.Format == FormatCSV && spec.fast != "" && !req.DryRun && !opts.Staged
	if fast {
		var fr fastResult
		fr, err = t.fastCheck()
		records, loaded, res.Decimal, retype = fr.records, fr.loaded, fr.decimal, fr.retype
	} else {
		records, res.Decimal, err = t.stagedCheck()
	}
	if err != nil {
		return res, nil, err
	}
	if retype != nil {
		// The deferred Rollback undoes the load; Import loads again.
		return res, retype, nil
	}
	var rejected int64
	if err := tx.QueryRowContext(ctx, mustSQL("rejects_count.sql")).
		Scan(&rejected, &res.RowsRejected); err != nil {
		return res, nil, fmt.Errorf("%w: count %s: %w", ErrDatabase, req.Name, err)
	}
	res.RowsRead = records + res.RowsRejected
	res.RowsLoaded = records - rejected
	res.RowsRejected += rejected
	limit := int64(req.RejectSample)
	switch {
	case limit == 0:
		limit = maxRejectSample
	case limit < 0:
		limit = res.RowsRead * int64(len(spec.required)+len(spec.optional)+1) // every problem
	}
	if res.Rejects, err = t.rejectSample(limit); err != nil {
		return res, nil, err
	}
	if res.RowsRead > 0 && float64(res.RowsRejected)/float64(res.RowsRead) > req.MaxRejectShare {
		res.Refused = true
		return res, nil, fmt.Errorf("%w: %s: %d of %d rows rejected (%.1f %%), more than import.max_reject_share %.1f %%; the file was not imported",
			ErrRejectShare, req.Name, res.RowsRejected, res.RowsRead,
			100*float64(res.RowsRejected)/float64(res.RowsRead), 100*req.MaxRejectShare)
	}
	if req.DryRun {
		return res, nil, nil
	}

	if !fast {
		if loaded, err = t.insertGood(); err != nil {
			return res, nil, err
		}
	}
	if loaded != res.RowsLoaded {
		return res, nil, fmt.Errorf("%w: %s: %d rows loaded, but %d read less %d rejected; nothing was imported",
			ErrDatabase, req.Name, loaded, records, rejected)
	}
	// The rows to replace are kept (replaced) for the delete and for
	// BeforeCommit. An empty table has nothing to replace (a first import
	// of a large file is the common, and the costly, case).
	replace := []sqlFile{"replaced_none.sql"}
	if before > 0 {
		replace = []sqlFile{spec.replaced, spec.replace}
	}
	for _, f := range replace {
		if _, err := tx.ExecContext(ctx, mustSQL(f)); err != nil {
			return res, nil, fmt.Errorf("%w: replace rows of %s: %w", ErrDatabase, req.Name, err)
		}
	}
	after, err := count()
	if err != nil {
		return res, nil, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	// Rows deleted by the load (same key, or the replaced period).
	res.RowsReplaced = before + res.RowsLoaded - after
	if _, err := tx.ExecContext(ctx, mustSQL("rejects_store.sql")); err != nil {
		return res, nil, fmt.Errorf("%w: store rejects of %s: %w", ErrDatabase, req.Name, err)
	}
	if opts.BeforeCommit != nil {
		if err := opts.BeforeCommit(ctx, tx, Batch{Kind: req.Kind, ID: res.BatchID, Loaded: res.RowsLoaded, Rows: after}); err != nil {
			return res, nil, err
		}
	}
	var sheet any
	if req.Sheet != "" {
		sheet = req.Sheet
	}
	if _, err := tx.ExecContext(ctx, mustSQL("batch_record.sql"),
		res.BatchID, string(req.Kind), req.Name, req.SHA256,
		res.RowsRead, res.RowsLoaded, res.RowsRejected, res.RowsReplaced, started, req.Now(),
		req.Source, sheet, req.Format); err != nil {
		return res, nil, fmt.Errorf("%w: record batch: %w", ErrDatabase, err)
	}
	if err := dropStaging(ctx, tx); err != nil {
		return res, nil, err
	}
	if err := tx.Commit(); err != nil {
		return res, nil, fmt.Errorf("%w: commit %s: %w", ErrDatabase, req.Name, err)
	}
	return res, nil, nil
}

// otherSourceError refuses a time file (or sheet) already loaded through
// another source: time registrations without ids are replaced by period
// only within their own source, so reading the file again through another
// one would count them twice.
func otherSourceError(req Request, prev model.BatchRow) error {
	what := req.Name
	if req.Sheet != "" {
		what += " (sheet " + req.Sheet + ")"
	}
	name := func(s string) string {
		if s == "" {
			return "no --source"
		}
		return "source " + s
	}
	return fmt.Errorf("%w: %s was imported as batch %d through %s (same SHA-256); read again through %s, its time registrations would be counted twice (rows without registration ids are not replaced); import it with %s, which finds nothing new",
		ErrInput, what, prev.BatchID, name(prev.Source), name(req.Source), name(prev.Source))
}

// loadedBatch finds a loaded batch of what req reads: a file is one
// batch per kind, checksum, sheet and source, so another sheet of a
// workbook, or the same file read through another source, is new. A
// batch of the same file and sheet through another source is returned
// when there is none through req's (the caller tells them apart by
// Source).
func (e *Engine) loadedBatch(ctx context.Context, req Request) (model.BatchRow, bool, error) {
	var b model.BatchRow
	err := e.conn.QueryRowContext(ctx, mustSQL("batch_loaded.sql"),
		string(req.Kind), req.SHA256, req.Sheet, req.Source).Scan(&b.BatchID, &b.Kind, &b.FileName, &b.SHA256,
		&b.RowsRead, &b.RowsLoaded, &b.RowsRejected, &b.RowsReplaced, &b.Status, &b.StartedAt, &b.FinishedAt,
		&b.Source, &b.Format, &b.Sheet)
	if errors.Is(err, sql.ErrNoRows) {
		return b, false, nil
	}
	if err != nil {
		return b, false, fmt.Errorf("%w: look up batches: %w", ErrDatabase, err)
	}
	return b, true, nil
}
