package queries

import (
	"context"
	"database/sql"
	"encoding/json"
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
	// Lines relates DuckDB's line numbers of a CSV file to the file's own
	// (a LineScanner's map of the file; zero: every record one line).
	Lines LineMap
}

// importOptions are what a caller inside the package may add to an
// ImportRequest: the tests' switch to the staged path, and the second
// load's typing.
type importOptions struct {
	// staged sends a CSV file through the staged path every other format
	// takes (the tests compare it with the fast path).
	staged bool
	// typing is how the fast import types the file instead of what its
	// sample suggests, and batchID the batch id to use instead of a new
	// one (a second load: importWith).
	typing  *loadGuess
	batchID int64
}

// ImportResult is what one file's import did.
type ImportResult struct {
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
func (d *DB) Import(ctx context.Context, req ImportRequest) (ImportResult, error) {
	return d.importWith(ctx, req, importOptions{})
}

// importWith is Import with options.
func (d *DB) importWith(ctx context.Context, req ImportRequest, opts importOptions) (ImportResult, error) {
	res, retype, err := d.importFile(ctx, req, opts)
	if err != nil || retype == nil {
		return res, err
	}
	if opts.typing == nil {
		// The first transaction is rolled back: its batch id is free.
		req.Decimal, opts.typing, opts.batchID = retype.decimal, retype, res.BatchID
		if res, retype, err = d.importFile(ctx, req, opts); err != nil || retype == nil {
			return res, err
		}
	}
	// Loaded as the whole file allows, its notes still disagree.
	return res, fmt.Errorf("%w: %s: the second load's typing (decimal %s) did not hold for every record; nothing was imported",
		ErrDatabase, req.Name, retype.decimal)
}

// importFile is Import's one transaction.
func (d *DB) importFile(ctx context.Context, req ImportRequest, opts importOptions) (_ ImportResult, retype *loadGuess, _ error) {
	spec, ok := kinds[req.Kind]
	if !ok {
		return ImportResult{}, nil, fmt.Errorf("%w: unknown kind %q", ErrInput, req.Kind)
	}
	if req.Now == nil {
		req.Now = time.Now
	}
	if req.Format == "" {
		req.Format = FormatCSV
	}
	started := req.Now()
	var res ImportResult

	prev, found, err := d.loadedBatch(ctx, req)
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

	tx, err := d.conn.BeginTx(ctx, nil)
	if err != nil {
		return res, nil, fmt.Errorf("%w: begin: %w", ErrDatabase, err)
	}
	defer tx.Rollback() // after Commit this is a no-op

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
		if err := setVars(ctx, tx, map[string]any{
			"batch_id": res.BatchID, "source": req.Source, "replace_period": req.ReplacePeriod,
		}); err != nil {
			return res, nil, err
		}
		if before, err = count(); err != nil {
			return res, nil, fmt.Errorf("%w: %w", ErrDatabase, err)
		}
	}

	decimal, err := d.typeFile(ctx, tx, req, spec)
	if err != nil {
		return res, nil, err
	}
	var records, loaded int64
	fast := req.Format == FormatCSV && spec.fast != "" && !req.DryRun && !opts.staged
	if fast {
		var fr fastResult
		fr, err = d.fastCheck(ctx, tx, req, spec, decimal, opts.typing)
		records, loaded, res.Decimal, retype = fr.records, fr.loaded, fr.decimal, fr.retype
	} else {
		records, res.Decimal, err = d.stagedCheck(ctx, tx, req, spec, decimal)
	}
	if err != nil {
		return res, nil, err
	}
	if retype != nil {
		// The deferred Rollback undoes the load; importWith loads again.
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
	if res.Rejects, err = rejectSample(ctx, tx, req.Name, limit); err != nil {
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
		if loaded, err = insertGood(ctx, tx, req, spec); err != nil {
			return res, nil, err
		}
	}
	if loaded != res.RowsLoaded {
		return res, nil, fmt.Errorf("%w: %s: %d rows loaded, but %d read less %d rejected; nothing was imported",
			ErrDatabase, req.Name, loaded, records, rejected)
	}
	// An empty table has nothing to replace (a first import of a large
	// file is the common, and the costly, case).
	// The rows to replace are kept (replaced) for the delete and the
	// kept figures.
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
	// A large batch that is half its table or more changes most
	// partitions: rebuilding them all is cheaper than finding them.
	all := res.RowsLoaded >= figuresAllRows && 2*res.RowsLoaded >= after
	if err := keepFigures(ctx, tx, req.Kind, res.BatchID, all); err != nil {
		return res, nil, err
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
	d.prepared = false
	return res, nil, nil
}

// insertGood inserts the view good with the kind's load statement as batch
// getvariable('batch_id') and returns how many rows it inserted. The rows'
// order in the table means nothing (lines are kept with the rejects):
// without it DuckDB writes in parallel and buffers less.
func insertGood(ctx context.Context, tx *sql.Tx, req ImportRequest, spec kindSpec) (int64, error) {
	if _, err := tx.ExecContext(ctx, mustSQL("insertion_order_off.sql")); err != nil {
		return 0, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	r, err := tx.ExecContext(ctx, mustSQL(spec.load))
	if err != nil {
		return 0, errors.Join(fmt.Errorf("%w: load %s: %w", ErrDatabase, req.Name, err), resetOrder(ctx, tx))
	}
	if err := resetOrder(ctx, tx); err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("%w: load %s: %w", ErrDatabase, req.Name, err)
	}
	return n, nil
}

// typeFile reads the file, maps it onto the canonical columns (the view
// mapped) and types it (the kind's view typed). It returns the decimal
// separator to read numbers with: "point", "comma", or "auto" while it is
// still to be detected (numbers are then read with a point).
func (d *DB) typeFile(ctx context.Context, tx *sql.Tx, req ImportRequest, spec kindSpec) (decimal string, err error) {
	if err := setVars(ctx, tx, map[string]any{"kind": string(req.Kind)}); err != nil {
		return "", err
	}
	source, lineExpr, err := d.read(ctx, tx, req)
	if err != nil {
		return "", err
	}
	cols, err := mapSource(ctx, tx, req, spec, source, lineExpr)
	if err != nil {
		return "", err
	}
	span := req.Kind == KindTime && req.Mapping.Start != ""
	var missing []string
	for _, c := range spec.required {
		if !slices.Contains(cols, c) && !(span && c == "minutes") {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return "", fmt.Errorf("%w: %s: missing required column(s) %v for %s (the file has %v; map others with sources.<name>.columns)",
			ErrMissingColumn, req.Name, missing, req.Kind, withoutInternal(cols))
	}
	org := req.Mapping.Org
	if org == "" {
		if err := tx.QueryRowContext(ctx, mustSQL("config_org.sql")).Scan(&org); err != nil {
			return "", fmt.Errorf("%w: %w", ErrDatabase, err)
		}
	}
	decimal = req.Decimal
	if decimal != "comma" && decimal != "point" {
		decimal = "auto"
	}
	if spec.number == "" || span {
		decimal = "point"
	}
	factor := 1.0
	if req.Mapping.Hours {
		factor = 60
	}
	where := "sources." + req.Source
	if req.Source == "" {
		where = "the mapping"
	}
	if err := setVars(ctx, tx, map[string]any{
		"source_key":  where,
		"default_org": org, "decimal": decimal, "staged_decimal": decimal,
		"minutes_factor": factor, "minutes_from_span": span,
	}); err != nil {
		return "", err
	}
	// the fast import's shortcuts, off until its sample suggests them
	if err := setVars(ctx, tx, loadGuess{decimal: decimal}.vars()); err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, mustSQL(spec.stage)); err != nil {
		return "", fmt.Errorf("%w: type %s: %w", ErrDatabase, req.Name, err)
	}
	return decimal, nil
}

// numberVars sets the decimal separator found and the wording of the
// number column's rejects.
func numberVars(ctx context.Context, tx *sql.Tx, req ImportRequest, decimal string) error {
	span := req.Kind == KindTime && req.Mapping.Start != ""
	// example holds the sample values only: with a decimal comma their
	// points become commas, not the ones of "e.g.".
	minutesColumn, what, example := "minutes", "a number", "12 or 12.5"
	switch {
	case span:
		minutesColumn, what, example = req.Mapping.Start+"–"+req.Mapping.End, "a pair of clock times", "08:15–09:30"
	case req.Mapping.Hours:
		minutesColumn, what, example = "minutes (in hours)", "a number of hours", "1.5"
	}
	if decimal == "comma" && !span {
		example = strings.ReplaceAll(example, ".", ",")
	}
	return setVars(ctx, tx, map[string]any{
		"decimal": decimal, "minutes_column": minutesColumn, "minutes_what": what, "minutes_example": "e.g. " + example,
	})
}

// readError says that a CSV file cannot be read at all.
func readError(req ImportRequest, err error) error {
	if req.Format == FormatCSV {
		return fmt.Errorf("%w: %s: cannot be read as CSV: %w", ErrInput, req.Name, err)
	}
	return fmt.Errorf("%w: stage %s: %w", ErrDatabase, req.Name, err)
}

// shiftedLines says whether a CSV row's line is not its record
// number + 2: DuckDB's CSV reader left records it could not split into
// the header's columns (raw_csv_errors), or the file has blank lines or
// quoted line breaks (line_blank, line_extra). import_lines.sql then
// stores every staged row's line.
func shiftedLines(ctx context.Context, tx *sql.Tx, req ImportRequest) (bool, error) {
	if req.Format != FormatCSV {
		return false, nil
	}
	var shifted bool
	if err := tx.QueryRowContext(ctx, mustSQL("lines_shifted.sql")).Scan(&shifted); err != nil {
		return false, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	return shifted, nil
}

// stagedCheck copies every typed row into the temp table stage and runs
// the kind's checks, leaving stage_rejects, csv_rejects and good (the rows
// to load). It returns the number of records read and the decimal
// separator used.
//
// The copy keeps the reader's order, so a CSV row's line is its record
// number + 2 (0-based; header = line 1) unless records could not be read
// (import_lines.sql then stores the line). Other formats carry their line
// from raw_file.
func (d *DB) stagedCheck(ctx context.Context, tx *sql.Tx, req ImportRequest, spec kindSpec, decimal string) (records int64, _ string, err error) {
	if _, err := tx.ExecContext(ctx, mustSQL("stage_copy.sql")); err != nil {
		return 0, "", readError(req, err)
	}
	if err := rowidBase(ctx, tx, "stage", "rowid_base"); err != nil {
		return 0, "", err
	}
	shifted, err := shiftedLines(ctx, tx, req)
	if err != nil {
		return 0, "", err
	}
	if shifted {
		if _, err := tx.ExecContext(ctx, mustSQL("import_lines.sql")); err != nil {
			return 0, "", fmt.Errorf("%w: %s: %w", ErrDatabase, req.Name, err)
		}
	}
	if decimal == "auto" {
		if decimal, err = detectDecimal(ctx, tx, req, spec.number,
			spliced("numbers_staged.sql", map[string]string{"column": QuoteIdent(spec.number + "_raw")})); err != nil {
			return 0, "", err
		}
	}
	if err := numberVars(ctx, tx, req, decimal); err != nil {
		return 0, "", err
	}
	if err := checkStage(ctx, tx, req, spec); err != nil {
		return 0, "", err
	}
	if err := tx.QueryRowContext(ctx, mustSQL("stage_count.sql")).Scan(&records); err != nil {
		return 0, "", fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	return records, decimal, nil
}

// checkStage runs the kind's checks over stage (stage_rejects, csv_rejects)
// and defines good: the staged rows without a problem, as a view (no copy
// of a large file): checked itself, or checked less the rejected rows.
func checkStage(ctx context.Context, tx *sql.Tx, req ImportRequest, spec kindSpec) error {
	for _, f := range []sqlFile{"import_read_errors.sql", spec.check, "check_unmapped.sql"} {
		if _, err := tx.ExecContext(ctx, mustSQL(f)); err != nil {
			return fmt.Errorf("%w: check %s (%s): %w", ErrDatabase, req.Name, f, err)
		}
	}
	var anyReject bool
	if err := tx.QueryRowContext(ctx, mustSQL("stage_any_reject.sql")).Scan(&anyReject); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	good := sqlFile("good_all.sql")
	if anyReject {
		good = "good_less_rejects.sql"
	}
	if _, err := tx.ExecContext(ctx, mustSQL(good)); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	return nil
}

// fastCheck checks and loads a CSV file of submissions or time
// registrations without staging every row:
//
//  1. for time registrations, the kind's sample reads the first records
//     to guess what the load needs before a row is written: the decimal
//     separator (while it is to be detected), whether plain casts type
//     the dates and minutes (plain_time.sql) and which text columns are
//     read as written (clean_time.sql);
//  2. the kind's fast SQL defines flagged (the typed rows, each with
//     whether it fails a check) and good, which load inserts: the file's
//     one full read, straight into the table. gevinst_note notes every
//     record on the way (loadNotes): the count, the keys' hashes and the
//     texts the guesses rest on;
//  3. the notes confirm the guesses (else the file is loaded again with
//     what the whole file says: fastResult.retype) and give the repeated keys,
//     whose loaded rows leave the table again (the kind's unload);
//  4. if that loaded fewer rows than were read, or keys repeat,
//     problems.sql reads the file twice more to stage only the rows with
//     a problem, with their lines; the kind's checks spell out each
//     problem, and the good rows among them (the last line of a repeated
//     key) are loaded too.
//
// It returns the records read, the rows loaded and the decimal separator,
// or, when the notes did not confirm the guess, the typing to load the
// file again with (nothing else: the transaction is to be rolled back).
// Every record is either loaded in step 2 (and not unloaded) or staged in
// step 4 (checked here), so the checks see every row with a problem.
func (d *DB) fastCheck(ctx context.Context, tx *sql.Tx, req ImportRequest, spec kindSpec, decimal string, typing *loadGuess) (_ fastResult, err error) {
	// The checks filter rows of the typed view, whose columns are long
	// expressions: pushed below the view, a filter would compute each of
	// them again for every row (twice as slow). Kept above it, it tests
	// the computed values.
	if _, err := tx.ExecContext(ctx, mustSQL("filter_pushdown_off.sql")); err != nil {
		return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	defer func() {
		if _, rerr := tx.ExecContext(ctx, mustSQL("optimizers_reset.sql")); rerr != nil {
			err = errors.Join(err, fmt.Errorf("%w: %w", ErrDatabase, rerr))
		}
	}()
	guess, err := d.sample(ctx, tx, req, spec, decimal, typing)
	if err != nil {
		return fastResult{}, err
	}
	if err := setVars(ctx, tx, guess.vars()); err != nil {
		return fastResult{}, err
	}
	// No key is known to repeat while the load runs (gevinst_repeated is
	// false without a bitmap).
	if _, err := tx.ExecContext(ctx, mustSQL("repeats_none.sql")); err != nil {
		return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	if _, err := tx.ExecContext(ctx, mustSQL(spec.fast)); err != nil {
		return fastResult{}, fmt.Errorf("%w: %s (%s): %w", ErrDatabase, req.Name, spec.fast, err)
	}
	notes := newLoadNotes(decimal == "auto" || guess.plainMinutes, guess.plainDates, guess.clean, d.tune.maxNotedValues)
	d.notes.Store(notes)
	loaded, err := insertGood(ctx, tx, req, spec)
	d.notes.Store(nil)
	if err != nil {
		// A database error (insertGood says "load"): the reader stores the
		// records it cannot split, and a file that cannot be read at all
		// fails at the sniff or at the sample, which read its start.
		return fastResult{}, err
	}
	records := notes.rows
	retype, err := d.confirm(ctx, tx, req, spec, decimal, guess, notes)
	if err != nil || retype != nil {
		return fastResult{retype: retype}, err
	}
	decimal = guess.decimal
	shifted, err := shiftedLines(ctx, tx, req)
	if err != nil {
		return fastResult{}, err
	}
	if _, err := tx.ExecContext(ctx, mustSQL("import_read_errors.sql")); err != nil {
		return fastResult{}, fmt.Errorf("%w: %s (import_read_errors.sql): %w", ErrDatabase, req.Name, err)
	}
	var repeated bool
	if err := tx.QueryRowContext(ctx, mustSQL("repeats_any.sql")).Scan(&repeated); err != nil {
		return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	if repeated {
		for _, f := range []sqlFile{"repeated_keys.sql", spec.unload} {
			r, err := tx.ExecContext(ctx, mustSQL(f))
			if err != nil {
				return fastResult{}, fmt.Errorf("%w: %s (%s): %w", ErrDatabase, req.Name, f, err)
			}
			if f == spec.unload {
				n, err := r.RowsAffected()
				if err != nil {
					return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
				}
				loaded -= n
			}
		}
	}
	if !repeated && loaded == records {
		// Every row read was loaded: nothing to check one by one (records
		// DuckDB could not read are rejects already, csv_rejects, with the
		// lines DuckDB gives them).
		if _, err := tx.ExecContext(ctx, mustSQL("stage_rejects_empty.sql")); err != nil {
			return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		return fastResult{records: records, loaded: loaded, decimal: decimal}, nil
	}

	if _, err := tx.ExecContext(ctx, mustSQL("problems.sql")); err != nil {
		return fastResult{}, fmt.Errorf("%w: %s (problems.sql): %w", ErrDatabase, req.Name, err)
	}
	if err := rowidBase(ctx, tx, "flags", "flags_base"); err != nil {
		return fastResult{}, err
	}
	var flags, flagged, staged int64
	if err := tx.QueryRowContext(ctx, mustSQL("problems_count.sql")).
		Scan(&flags, &flagged, &staged); err != nil {
		return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	if flags != records || flagged != staged || loaded+staged != records {
		return fastResult{}, fmt.Errorf("%w: %s: reading the file again gave other rows (%d records, then %d: %d flagged, %d staged, %d loaded); nothing was imported",
			ErrDatabase, req.Name, records, flags, flagged, staged, loaded)
	}
	if _, err := tx.ExecContext(ctx, mustSQL("problem_lines.sql")); err != nil {
		return fastResult{}, fmt.Errorf("%w: %s (problem_lines.sql): %w", ErrDatabase, req.Name, err)
	}
	if err := rowidBase(ctx, tx, "stage", "rowid_base"); err != nil {
		return fastResult{}, err
	}
	if shifted {
		if _, err := tx.ExecContext(ctx, mustSQL("import_lines.sql")); err != nil {
			return fastResult{}, fmt.Errorf("%w: %s: %w", ErrDatabase, req.Name, err)
		}
	}
	if err := checkStage(ctx, tx, req, spec); err != nil {
		return fastResult{}, err
	}
	n, err := insertGood(ctx, tx, req, spec)
	if err != nil {
		return fastResult{}, err
	}
	return fastResult{records: records, loaded: loaded + n, decimal: decimal}, nil
}

// fastResult is what fastCheck did: the records read, the rows loaded
// and the decimal separator; or only retype, when the file is to be
// loaded again (in a new transaction) typed so.
type fastResult struct {
	records, loaded int64
	decimal         string
	retype          *loadGuess
}

// loadGuess is how the fast import types a file's numbers and dates
// during its load (fastCheck).
type loadGuess struct {
	decimal                  string // "point" or "comma"
	plainDates, plainMinutes bool   // plain_time.sql's shortcuts
	// clean: the timeTexts read as written (clean_time.sql)
	clean [len(timeTexts)]bool
}

// vars are the guess's DuckDB variables (import_time.sql reads them).
func (g loadGuess) vars() map[string]any {
	v := map[string]any{"staged_decimal": g.decimal, "plain_dates": g.plainDates, "plain_minutes": g.plainMinutes}
	for i, c := range timeTexts {
		v["clean_"+c.name] = g.clean[i]
	}
	return v
}

// sample guesses the load's typing from the file's first records (the
// kind's sample; kinds without one have nothing to guess). A decimal
// separator given stays; a file loaded again takes what the whole file
// allows (typing, when not nil).
func (d *DB) sample(ctx context.Context, tx *sql.Tx, req ImportRequest, spec kindSpec, decimal string, typing *loadGuess) (loadGuess, error) {
	g := loadGuess{decimal: decimal}
	if typing != nil {
		g = *typing
	}
	if spec.sample == "" || typing != nil {
		return g, numberVars(ctx, tx, req, g.decimal)
	}
	if err := setVars(ctx, tx, map[string]any{"sample_rows": d.tune.sampleRows}); err != nil {
		return g, err
	}
	if _, err := tx.ExecContext(ctx, mustSQL(spec.sample)); err != nil {
		return g, readError(req, err)
	}
	if decimal == "auto" {
		var err error
		if g.decimal, err = detectDecimal(ctx, tx, req, spec.number, mustSQL("numbers_noted.sql")); err != nil {
			return g, err // the whole file has the sample's values too
		}
	}
	if err := numberVars(ctx, tx, req, g.decimal); err != nil {
		return g, err
	}
	if spec.plain == "" {
		return g, nil
	}
	if err := tx.QueryRowContext(ctx, mustSQL(spec.plain)).Scan(&g.plainDates, &g.plainMinutes); err != nil {
		return g, fmt.Errorf("%w: %s (%s): %w", ErrDatabase, req.Name, spec.plain, err)
	}
	clean := make([]any, len(g.clean))
	for i := range g.clean {
		clean[i] = &g.clean[i]
	}
	if err := tx.QueryRowContext(ctx, mustSQL("clean_time.sql")).Scan(clean...); err != nil {
		return g, fmt.Errorf("%w: %s (clean_time.sql): %w", ErrDatabase, req.Name, err)
	}
	return g, nil
}

// confirm checks the load's guess against what it noted of every record,
// and leaves those notes in probe (notes_probe.sql): the distinct minutes
// texts must give the same decimal separator (detected: "auto"), and the
// shortcuts must hold for every text. The problem path then reads the
// file with the guess, as the load did. When the guess does not hold, it
// returns the typing the whole file allows (retype): the load is to be
// rolled back and done again with it.
func (d *DB) confirm(ctx context.Context, tx *sql.Tx, req ImportRequest, spec kindSpec, decimal string, g loadGuess, n *loadNotes) (retype *loadGuess, _ error) {
	numbers, allNumbers := texts(n.number, n.numberFull)
	dates, allDates := texts(n.date, n.dateFull)
	if _, err := tx.ExecContext(ctx, mustSQL("notes_probe.sql"), n.rows, numbers, dates, n.repeated()); err != nil {
		return nil, fmt.Errorf("%w: %s (notes_probe.sql): %w", ErrDatabase, req.Name, err)
	}
	if spec.sample == "" {
		return nil, nil
	}
	final := loadGuess{decimal: g.decimal}
	again := false
	for i := range g.clean {
		final.clean[i] = g.clean[i] && !n.unclean[i].Load()
		again = again || final.clean[i] != g.clean[i]
	}
	if decimal == "auto" {
		distinct := mustSQL("numbers_noted.sql")
		if !allNumbers { // more distinct texts than were noted: read them
			distinct = mustSQL("numbers_typed.sql")
		}
		var err error
		if final.decimal, err = detectDecimal(ctx, tx, req, spec.number, distinct); err != nil {
			return nil, err
		}
	}
	if final.decimal == g.decimal && !g.plainDates && !g.plainMinutes {
		if again {
			return &final, nil
		}
		return nil, nil
	}
	// The shortcuts the whole file allows, with its separator (the texts
	// of the dates and numbers were noted when the guess took them).
	if err := setVars(ctx, tx, map[string]any{"decimal": final.decimal}); err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, mustSQL(spec.plain)).Scan(&final.plainDates, &final.plainMinutes); err != nil {
		return nil, fmt.Errorf("%w: %s (%s): %w", ErrDatabase, req.Name, spec.plain, err)
	}
	final.plainDates = final.plainDates && allDates && g.plainDates
	final.plainMinutes = final.plainMinutes && allNumbers && (g.plainMinutes || decimal == "auto")
	if again || final.decimal != g.decimal || g.plainDates && !final.plainDates || g.plainMinutes && !final.plainMinutes {
		return &final, nil
	}
	return nil, setVars(ctx, tx, map[string]any{"decimal": g.decimal})
}

// resetOrder restores DuckDB's default, which staging relies on.
func resetOrder(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, mustSQL("insertion_order_reset.sql")); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	return nil
}

// rowidBase sets the variable name to table's first rowid. A CTAS over
// the reader appends the rows in the file's order, so a row's rowid less
// the base is its record number; rowids of a table created in the open
// transaction do not start at 0, and a gap would misnumber lines, so it
// is checked rather than assumed.
func rowidBase(ctx context.Context, tx *sql.Tx, table, name string) error {
	var base, span, n int64
	if err := tx.QueryRowContext(ctx, spliced("rowid_base.sql", map[string]string{"table": QuoteIdent(table)})).
		Scan(&base, &span, &n); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	if span != n {
		return fmt.Errorf("%w: %s rows are not numbered consecutively (%d rows over %d row ids); line numbers would be wrong", ErrDatabase, table, n, span)
	}
	return setVars(ctx, tx, map[string]any{name: base})
}

// read makes the file readable as a relation and returns it with the SQL
// expression of a row's line in it (NULL: rowid + 2 in stage). A CSV file
// is read by DuckDB's reader during the stage statement itself (its
// unreadable records land in raw_csv_errors); the other formats are
// copied into the temp table raw_file with their lines.
func (d *DB) read(ctx context.Context, tx *sql.Tx, req ImportRequest) (source, lineExpr string, err error) {
	// line_blank and line_extra (session.go) hold the last CSV file's map.
	if _, err := tx.ExecContext(ctx, mustSQL("read_reset.sql")); err != nil {
		return "", "", fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	switch req.Format {
	case FormatCSV:
		src, err := csvSource(ctx, tx, req)
		if err != nil {
			return "", "", err
		}
		return src, `NULL::BIGINT`, nil
	case FormatParquet:
		if _, err := tx.ExecContext(ctx, mustSQL("parquet_read.sql"), req.Path); err != nil {
			return "", "", fmt.Errorf("%w: %s: cannot be read as Parquet: %w", ErrInput, req.Name, err)
		}
		cols, err := columnsOf(ctx, tx, QuoteIdent("raw_read"))
		if err != nil {
			return "", "", fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		var sel []string
		for _, c := range cols {
			if c != "file_row_number" {
				sel = append(sel, `CAST(`+QuoteIdent(c)+` AS VARCHAR) AS `+QuoteIdent(c))
			}
		}
		// Parquet rows have no lines: "line" is the row number, 1-based.
		if _, err := tx.ExecContext(ctx, spliced("parquet_raw_file.sql", map[string]string{"columns": strings.Join(sel, ", ")})); err != nil {
			return "", "", fmt.Errorf("%w: %s: %w", ErrInput, req.Name, err)
		}
		if _, err := tx.ExecContext(ctx, mustSQL("raw_csv_errors_empty.sql")); err != nil {
			return "", "", fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		return "raw_file", "gevinst_line", nil
	case FormatXLSX, FormatJSONL:
		if req.Rows == nil {
			return "", "", fmt.Errorf("%w: %s: no reader for %s", ErrInput, req.Name, req.Format)
		}
		if _, err := d.stageTable(ctx, tx, req.Rows); err != nil {
			return "", "", fmt.Errorf("%w: %s: %w", ErrInput, req.Name, err)
		}
		return "raw_file", "gevinst_line", nil
	}
	return "", "", fmt.Errorf("%w: %s: unknown format %q", ErrInput, req.Name, req.Format)
}

// csvSource returns the call of DuckDB's CSV reader that reads the file:
// every column as text (typing happens in SQL, where a bad value becomes
// a reject with its line instead of failing the whole file), records it
// cannot split kept in raw_csv_errors. The dialect is sniffed once here
// and written out: an import reads the file several times, and each
// read_csv left to detect it would sniff again (about 0.15 s each).
// (A table function in a view takes no parameters: literals.)
func csvSource(ctx context.Context, tx *sql.Tx, req ImportRequest) (string, error) {
	// ignore_errors as the reader's store_rejects implies: records that
	// do not fit must not make the sniffer give up on the delimiter.
	opts := `header = true, all_varchar = true, ignore_errors = true`
	if req.Delimiter != "" {
		opts += `, delim = ` + QuoteLiteral(req.Delimiter) + `, quote = '"', escape = '"'`
	}
	var delim, quote, escape, newline, comment, names string
	var skip int64
	if err := tx.QueryRowContext(ctx, spliced("csv_sniff.sql", map[string]string{"path": QuoteLiteral(req.Path), "options": opts})).
		Scan(&delim, &quote, &escape, &newline, &comment, &skip, &names); err != nil {
		return "", fmt.Errorf("%w: %s: cannot be read as CSV: %w", ErrInput, req.Name, err)
	}
	var cols []string
	if err := json.Unmarshal([]byte(names), &cols); err != nil {
		return "", fmt.Errorf("%w: %s: the CSV sniffer's columns %s: %w", ErrDatabase, req.Name, names, err)
	}
	unset := func(s string) string { // how sniff_csv shows an option without a value
		if s == "(empty)" {
			return ""
		}
		return s
	}
	// The sniffer reads a sample (the first 20,480 rows): when no field
	// there is quoted it answers "no quote character", and a quoted field
	// with a delimiter further down would split into too many fields (an
	// unreadable record). RFC 4180's quote and escape apply instead; a
	// file without quotes reads the same either way.
	if unset(quote) == "" {
		quote = `"`
		if unset(escape) == "" {
			escape = `"`
		}
	}
	// The line map holds for the quote it was scanned with (an escape
	// other than the quote itself would keep a quote from toggling), and
	// for a header on the first line.
	if quote == `"` && (escape == `"` || unset(escape) == "") && skip == 0 {
		if err := lineTables(ctx, tx, req.Lines); err != nil {
			return "", err
		}
	}
	typed := make([]string, len(cols))
	for i, c := range cols {
		typed[i] = QuoteLiteral(c) + `: 'VARCHAR'`
	}
	return `read_csv(` + QuoteLiteral(req.Path) + `, auto_detect = false, header = true` +
		`, delim = ` + QuoteLiteral(unset(delim)) + `, quote = ` + QuoteLiteral(unset(quote)) +
		`, escape = ` + QuoteLiteral(unset(escape)) + `, new_line = ` + QuoteLiteral(unset(newline)) +
		`, comment = ` + QuoteLiteral(unset(comment)) + `, skip = ` + fmt.Sprint(skip) +
		`, columns = {` + strings.Join(typed, ", ") + `}` +
		`, store_rejects = true, rejects_table = 'raw_csv_errors', rejects_scan = 'raw_csv_scans')`, nil
}

// lineTables stores a CSV file's LineMap in line_blank and line_extra
// (import_lines.sql and import_read_errors.sql read them).
func lineTables(ctx context.Context, tx *sql.Tx, m LineMap) error {
	insert := func(table string, rows []string) error {
		for len(rows) > 0 {
			n := min(len(rows), 10000)
			if _, err := tx.ExecContext(ctx, spliced("lines_insert.sql", map[string]string{"table": QuoteIdent(table), "rows": strings.Join(rows[:n], ", ")})); err != nil {
				return fmt.Errorf("%w: %s: %w", ErrDatabase, table, err)
			}
			rows = rows[n:]
		}
		return nil
	}
	var blank, extra []string
	for _, l := range m.Blank {
		blank = append(blank, fmt.Sprintf("(%d)", l))
	}
	for _, e := range m.Extra {
		extra = append(extra, fmt.Sprintf("(%d, %d)", e.From, e.Lines))
	}
	if err := insert("line_blank", blank); err != nil {
		return err
	}
	return insert("line_extra", extra)
}

// normName is how column names are compared: lower case, blanks as one
// underscore ("Received At" → received_at).
func normName(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), "_") }

// mapSource creates the temp view mapped over the source relation: the
// row's line as src_line, then every column of the file under its
// normalised name, or the canonical name the mapping gives it, with the
// configured value maps applied, and NULL for each canonical column the
// file lacks. It returns the column names the file provides.
func mapSource(ctx context.Context, tx *sql.Tx, req ImportRequest, spec kindSpec, source, lineExpr string) ([]string, error) {
	cols, err := columnsOf(ctx, tx, source)
	if err != nil {
		if req.Format == FormatCSV {
			return nil, fmt.Errorf("%w: %s: cannot be read as CSV: %w", ErrInput, req.Name, err)
		}
		return nil, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	target := map[string]string{}
	for from, to := range req.Mapping.Columns {
		target[normName(from)] = to
	}
	if req.Mapping.Start != "" {
		target[normName(req.Mapping.Start)] = "gevinst_start"
		target[normName(req.Mapping.End)] = "gevinst_end"
	}
	if err := mappedColumnsPresent(req, cols, target); err != nil {
		return nil, err
	}
	targets := map[string]bool{}
	for _, to := range target {
		targets[to] = true
	}
	sel := []string{lineExpr + ` AS src_line`}
	var names []string
	// gevinst's own column is not a file's (a file column of that name
	// is refused below rather than shadowing it)
	seen := map[string]string{"gevinst_unmapped": "gevinst_unmapped"}
	var unmapped unmappedValues
	for _, c := range cols {
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
		names = append(names, name)
		sel = append(sel, valueMapped(QuoteIdent(c), req.Mapping.Values[name])+` AS `+QuoteIdent(name))
		if !req.Mapping.KeepUnmapped && slices.Contains(unmappedRejected, name) {
			unmapped.add(QuoteIdent(c), name, req.Mapping.Values[name])
		}
	}
	sel = append(sel, unmapped.expr()+` AS gevinst_unmapped`)
	extra := slices.Clone(spec.optional)
	extra = append(extra, spec.required...)
	if req.Kind == KindTime {
		extra = append(extra, "gevinst_start", "gevinst_end")
	}
	for _, c := range extra {
		if _, ok := seen[c]; !ok {
			sel = append(sel, `NULL::VARCHAR AS `+QuoteIdent(c))
		}
	}
	if _, err := tx.ExecContext(ctx, spliced("map_view.sql", map[string]string{"columns": strings.Join(sel, ", "), "source": source})); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrDatabase, req.Name, err)
	}
	return names, nil
}

// mappedColumnsPresent fails unless every source column the mapping names
// (columns, start_column, end_column) is in the file: a misspelt name
// would otherwise leave its canonical column empty on every row, and for
// an optional column nothing would say so.
func mappedColumnsPresent(req ImportRequest, cols []string, target map[string]string) error {
	have := make(map[string]bool, len(cols))
	var names []string
	for _, c := range cols {
		if c == "gevinst_rn" || c == "gevinst_line" {
			continue
		}
		have[normName(c)] = true
		names = append(names, c)
	}
	var missing []string
	for from, to := range target {
		if !have[from] {
			if to == "gevinst_start" || to == "gevinst_end" {
				to = strings.TrimPrefix(to, "gevinst_") + "_column"
			}
			missing = append(missing, fmt.Sprintf("%q (→ %s)", from, to))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	where := "the mapping"
	if req.Source != "" {
		where = "sources." + req.Source
	}
	return fmt.Errorf("%w: %s: %s names column(s) the file does not have: %s (the file has: %s); correct the name in the config, or remove the mapping",
		ErrMissingColumn, req.Name, where, strings.Join(missing, ", "), strings.Join(names, ", "))
}

// unmappedRejected are the canonical columns whose value map, when a
// source has one, must know every value (SPEC §2; sources.<name>.unmapped).
// Channel is not among them: its values must be configured channels,
// mapped or not (the kinds' checks).
var unmappedRejected = []string{"org", "role", "activity", "service"}

// unmappedValues builds the mapped view's column gevinst_unmapped: for a
// row with a value its column's map lacks, the list of those columns and
// values as written (JSON text of [{column_name, raw_value}]: NULL text
// keeps the stage narrower than a NULL list), else NULL. The kinds'
// checks reject such rows (check_unmapped.sql spells out the reasons).
type unmappedValues struct{ conds, items []string }

// add notes the source column col (quoted), canonical column name, with
// its value map (keys in lower case; none: nothing to check).
func (u *unmappedValues) add(col, name string, values map[string]string) {
	if len(values) == 0 {
		return
	}
	keys := make([]string, 0, len(values))
	seen := map[string]bool{}
	for f := range values {
		k := strings.ToLower(strings.TrimSpace(f))
		if !seen[k] {
			seen[k] = true
			keys = append(keys, QuoteLiteral(k))
		}
	}
	sort.Strings(keys)
	// gevinst_text: an empty value is no value (the required checks see it).
	cond := `lower(gevinst_text(` + col + `)) NOT IN (` + strings.Join(keys, ", ") + `)`
	u.conds = append(u.conds, cond)
	u.items = append(u.items, `CASE WHEN `+cond+` THEN {'column_name': `+QuoteLiteral(name)+
		`, 'raw_value': gevinst_text(`+col+`)} END`)
}

// expr is the SQL of gevinst_unmapped (a typed NULL when no map is checked).
func (u *unmappedValues) expr() string {
	if len(u.conds) == 0 {
		return `NULL::VARCHAR`
	}
	return `CASE WHEN ` + strings.Join(u.conds, " OR ") + ` THEN to_json(list_filter([` + strings.Join(u.items, ", ") +
		`], x -> x IS NOT NULL))::VARCHAR END`
}

// withoutInternal drops gevinst's own staging columns from a column list.
func withoutInternal(cols []string) []string {
	return slices.DeleteFunc(slices.Clone(cols), func(c string) bool { return strings.HasPrefix(c, "gevinst_") })
}

// valueMapped wraps a column in the configured value map (case-insensitive,
// trimmed), so a value the map does not know stays as written and is
// rejected with its own text. Maps are small: a CASE of literals.
func valueMapped(col string, values map[string]string) string {
	if len(values) == 0 {
		return col
	}
	from := make([]string, 0, len(values))
	for f := range values {
		from = append(from, f)
	}
	sort.Strings(from)
	var b strings.Builder
	b.WriteString(`CASE lower(trim(` + col + `))`)
	seen := map[string]bool{}
	for _, f := range from {
		k := strings.ToLower(strings.TrimSpace(f))
		if seen[k] {
			continue // the same value written twice: the first (sorted) wins
		}
		seen[k] = true
		b.WriteString(` WHEN ` + QuoteLiteral(k) + ` THEN ` + QuoteLiteral(values[f]))
	}
	b.WriteString(` ELSE ` + col + ` END`)
	return b.String()
}

// detectDecimal decides the decimal separator of the file's number column
// (minutes or count): a comma in "1,5" or "1.234,5" says comma; a point in
// "1.5" says point; both in one file, or only "1.234" (a thousands point
// or a decimal point?), is ambiguous. It reads the distinct values of the
// column, which the query distinct returns (a file has few distinct
// numbers, however many rows).
func detectDecimal(ctx context.Context, tx *sql.Tx, req ImportRequest, col, distinct string) (string, error) {
	var comma, point, unsure int64
	var commaEx, pointEx, unsureEx sql.NullString
	err := tx.QueryRowContext(ctx, spliced("decimal_detect.sql", map[string]string{"distinct": distinct})).
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
		if !stagingVariables[n] {
			return fmt.Errorf("%w: set %s: not a variable declared in stagingNames (staging.go)", ErrDatabase, n)
		}
		if _, err := tx.ExecContext(ctx, spliced("set_variable.sql", map[string]string{"name": QuoteIdent(n), "value": "?"}), vars[n]); err != nil {
			return fmt.Errorf("%w: set %s: %w", ErrDatabase, n, err)
		}
	}
	return nil
}

// columnsOf returns the column names of a relation: a quoted table name or
// a table function call such as the CSV reader's.
func columnsOf(ctx context.Context, tx *sql.Tx, relation string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, spliced("columns_of.sql", map[string]string{"relation": relation}))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}

func rejectSample(ctx context.Context, tx *sql.Tx, name string, limit int64) ([]model.RejectRow, error) {
	rows, err := tx.QueryContext(ctx, mustSQL("rejects_first.sql"), limit)
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

// otherSourceError refuses a time file (or sheet) already loaded through
// another source: time registrations without ids are replaced by period
// only within their own source, so reading the file again through another
// one would count them twice.
func otherSourceError(req ImportRequest, prev model.BatchRow) error {
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
func (d *DB) loadedBatch(ctx context.Context, req ImportRequest) (model.BatchRow, bool, error) {
	var b model.BatchRow
	err := d.conn.QueryRowContext(ctx, mustSQL("batch_loaded.sql"),
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
