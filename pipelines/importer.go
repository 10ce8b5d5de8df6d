// Package pipelines holds gevinst's batch jobs: importing files (one
// atomic batch per file), assembling the dashboard's input from the
// queries, and the demo. It is the layer between the commands in
// cmd/gevinst and the database in package queries.
package pipelines

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/pipelines/readers"
	"github.com/gevinst/gevinst/queries"
)

// ImportOptions says what to import and how. The dialect fields override
// the named source's settings, which override detection.
type ImportOptions struct {
	Kind  queries.Kind
	Files []string
	// Source names a configured source (sources.<name>): its mapping and
	// dialect apply, and its name is recorded on each batch.
	Source string
	// Format, Encoding, Delimiter, Decimal and Sheet override detection.
	Format, Encoding, Delimiter, Decimal, Sheet string
	// ReplacePeriod deletes the source's earlier time rows in each file's
	// date range before inserting (exports without registration ids).
	ReplacePeriod bool
	// DryRun checks every row and writes nothing (gevinst validate).
	DryRun bool
	// Now is the clock (inject a fixed one in tests).
	Now func() time.Time
	// Progress, if set, is told how far the first pass over a file is.
	Progress func(path string, done, total int64)
	// Errors is where the summaries of files refused or not imported go
	// (nil: Import's out). They are errors, so a caller that discards the
	// other summaries (--quiet) still shows them.
	Errors io.Writer
	// JSON writes the summaries as JSON lines, one object per line, one
	// per reject reason (--log-format json).
	JSON bool
}

// FileResult is the outcome of one file.
type FileResult struct {
	Path string
	queries.ImportResult
	// Format, Encoding and Sheet are what was used for the file.
	Format, Encoding, Sheet string
	// Ignored lists JSON keys that appeared only after the first 1,000
	// objects and so were not imported.
	Ignored []string
	// Err is why the file was not imported (nil when it was, or was skipped).
	Err     error
	Elapsed time.Duration
}

// Import imports each file in its own transaction and writes a one-line
// summary per file to out, or to opts.Errors for a file refused (with its
// first 20 reject reasons, SPEC §9) or not imported (with why). A file
// that fails does not stop the others; the returned error then wraps
// ErrRejected and every failure, and its message names the files only:
// their reasons are in the summaries, printed once.
//
// When ctx is cancelled (Ctrl-C) the file being imported is rolled back,
// nothing more is read and the error wraps ErrInterrupted, saying which
// file was not imported; no summary is written for that file.
func Import(ctx context.Context, db *queries.DB, cfg *config.Config, opts ImportOptions, out io.Writer, log *slog.Logger) ([]FileResult, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	src, err := resolve(cfg, opts)
	if err != nil {
		return nil, err
	}
	if opts.Kind == queries.KindTime {
		var key []byte
		if opts.DryRun {
			key, err = CheckKey(cfg) // validate creates no key file
		} else {
			key, err = PseudonymKey(cfg, log)
		}
		if err != nil {
			return nil, err
		}
		if err := db.SetPseudonymKey(ctx, key); err != nil {
			return nil, err
		}
	}
	sum := newSummariser(out, opts, cfg.Import.MaxRejectShare)
	var results []FileResult
	var failures []error
	var failed []string
	for _, path := range opts.Files {
		if ctx.Err() != nil {
			return results, interrupted(ctx, path, results, opts.DryRun)
		}
		start := time.Now()
		r, err := importFile(ctx, db, cfg, opts, src, path)
		if err != nil && ctx.Err() != nil {
			// Whatever failed (a read, a query, the commit) failed because
			// of the interrupt; the transaction is rolled back.
			return results, interrupted(ctx, path, results, opts.DryRun)
		}
		r.Err = err
		r.Elapsed = time.Since(start)
		results = append(results, r)
		sum.file(r)
		if r.Err == nil && !r.Skipped && r.RowsRead == 0 {
			log.Warn(fmt.Sprintf("%s has no data rows", path), "file", path)
		}
		if len(r.Ignored) > 0 {
			log.Warn("JSON keys first seen after the first 1,000 objects were not imported", "file", path, "keys", r.Ignored)
		}
		if r.Err != nil {
			failures = append(failures, r.Err)
			failed = append(failed, path)
		}
	}
	if len(failures) > 0 {
		verb := "not imported"
		if opts.DryRun {
			verb = "would not be imported"
		}
		return results, &multiError{
			msg:  fmt.Sprintf("%d of %d files %s (the reasons are above): %s", len(failed), len(opts.Files), verb, strings.Join(failed, ", ")),
			errs: append([]error{ErrRejected}, failures...),
		}
	}
	return results, nil
}

// multiError is an error with its own message that wraps several errors
// (errors.Is finds each), so a message can name what the wrapped errors
// already said elsewhere without repeating them.
type multiError struct {
	msg  string
	errs []error
}

func (e *multiError) Error() string   { return e.msg }
func (e *multiError) Unwrap() []error { return e.errs }

// interrupted is Import's error when ctx was cancelled before or while
// path was imported: path's transaction was rolled back, so the database
// holds the files imported before it in this run, if any, and nothing of
// path or the files after it.
func interrupted(ctx context.Context, path string, done []FileResult, dryRun bool) error {
	msg := fmt.Sprintf("interrupted: %s not imported, database unchanged", path)
	var imported int
	for _, r := range done {
		if r.Err == nil && !r.Skipped {
			imported++
		}
	}
	switch {
	case dryRun:
		msg = fmt.Sprintf("interrupted: %s not checked; nothing was written", path)
	case imported > 0:
		files := "files"
		if imported == 1 {
			files = "file"
		}
		msg = fmt.Sprintf("interrupted: %s not imported; the database holds the %d %s imported before it and nothing of %[1]s",
			path, imported, files)
	}
	return &multiError{msg: msg, errs: []error{ErrInterrupted, context.Cause(ctx)}}
}

// resolve merges the options over the named source's settings.
func resolve(cfg *config.Config, opts ImportOptions) (config.Source, error) {
	var src config.Source
	if opts.Source != "" {
		var ok bool
		if src, ok = cfg.Sources[strings.ToLower(opts.Source)]; !ok {
			names := make([]string, 0, len(cfg.Sources))
			for n := range cfg.Sources {
				names = append(names, n)
			}
			slices.Sort(names)
			return src, fmt.Errorf("%w: --source %q is not configured (sources: %v)", ErrSource, opts.Source, names)
		}
		if src.Kind != "" && src.Kind != string(opts.Kind) {
			return src, fmt.Errorf("%w: source %q is for %s, not %s", ErrSource, opts.Source, src.Kind, opts.Kind)
		}
	} else if opts.ReplacePeriod {
		return src, fmt.Errorf("%w: --replace-period needs --source NAME: the rows replaced are that source's", ErrSource)
	}
	over := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	over(&src.Format, opts.Format)
	over(&src.Encoding, opts.Encoding)
	over(&src.Delimiter, opts.Delimiter)
	over(&src.Decimal, opts.Decimal)
	over(&src.Sheet, opts.Sheet)
	src.ReplacePeriod = src.ReplacePeriod || opts.ReplacePeriod
	if src.ReplacePeriod && opts.Kind != queries.KindTime {
		return src, fmt.Errorf("%w: --replace-period is for time files; submissions and volumes replace by key", ErrSource)
	}
	if src.Delimiter == `\t` || strings.EqualFold(src.Delimiter, "tab") {
		src.Delimiter = "\t"
	}
	return src, nil
}

func importFile(ctx context.Context, db *queries.DB, cfg *config.Config, opts ImportOptions, src config.Source, path string) (FileResult, error) {
	r := FileResult{Path: path}
	var progress func(int64)
	if opts.Progress != nil {
		if st, err := os.Stat(path); err == nil {
			progress = func(done int64) { opts.Progress(path, done, st.Size()) }
		}
	}
	if err := checkFileSize(path, cfg.Import); err != nil {
		return r, err
	}
	s, err := scanFile(path, progress)
	if err != nil {
		return r, err
	}
	r.Format = src.Format
	if r.Format == "" || r.Format == "auto" {
		r.Format = detectFormat(path, s)
	}
	if err := checkText(path, r.Format, src.Delimiter, s, cfg.Import); err != nil {
		return r, err
	}
	req := queries.ImportRequest{
		Kind: opts.Kind, Name: path, SHA256: s.sha256, Format: r.Format,
		Delimiter: src.Delimiter, Source: strings.ToLower(opts.Source), ReplacePeriod: src.ReplacePeriod,
		MaxRejectShare: cfg.Import.MaxRejectShare, DryRun: opts.DryRun, Now: opts.Now,
		Mapping: queries.Mapping{Columns: src.Columns, Values: src.Values, Org: src.Org,
			Hours: src.MinutesUnit == "hours", Start: src.StartColumn, End: src.EndColumn,
			KeepUnmapped: src.Unmapped == config.UnmappedKeep},
	}
	if src.Decimal != "auto" {
		req.Decimal = src.Decimal
	}
	if opts.DryRun {
		req.RejectSample = -1 // validate lists every problem
	}
	switch r.Format {
	case queries.FormatCSV:
		r.Encoding = detectEncoding(s, src.Encoding)
		utf8Path, cleanup, err := toUTF8(path, r.Encoding, s)
		if err != nil {
			return r, err
		}
		defer cleanup()
		req.Path = utf8Path
		// The line map counts bytes of an ASCII-compatible encoding; in
		// UTF-16 every character is two bytes, and rows are numbered by
		// record as before.
		if r.Encoding != encUTF16 {
			req.Lines = s.lineMap.Map()
		}
	case queries.FormatParquet:
		if req.Path, err = filepath.Abs(path); err != nil {
			return r, fmt.Errorf("%w: %s: %w", ErrFile, path, err)
		}
	case queries.FormatXLSX:
		x, err := readers.OpenXLSX(path, readers.XLSXOptions{
			Sheet: src.Sheet, DateColumns: dateColumns(opts.Kind, src), HeaderNames: headerNames(opts.Kind, src),
			MaxUnzipBytes: cfg.Import.MaxUnzipBytes, MaxCellLen: cfg.Import.MaxCellChars,
		})
		if err != nil {
			return r, fmt.Errorf("%w: %w", ErrFile, err)
		}
		defer x.Close()
		req.Rows, req.Sheet, r.Sheet = x, x.Sheet(), x.Sheet()
	case queries.FormatJSONL:
		j, err := readers.OpenJSONL(path, readers.JSONLOptions{MaxLineBytes: int(cfg.Import.MaxLineBytes)})
		if err != nil {
			return r, fmt.Errorf("%w: %w", ErrFile, err)
		}
		defer j.Close()
		req.Rows = j
	default:
		return r, fmt.Errorf("%w: %s: unknown format %q (expected csv, xlsx, jsonl or parquet)", ErrFile, path, r.Format)
	}
	r.ImportResult, err = db.Import(ctx, req)
	if j, ok := req.Rows.(*readers.JSONL); ok {
		r.Ignored = j.Ignored() // keys first seen after the header was fixed
	}
	return r, err
}

// dateColumns are the columns whose Excel serial numbers are dates or
// times: the kind's canonical ones and the source columns mapped onto them.
func dateColumns(kind queries.Kind, src config.Source) []string {
	canon := map[queries.Kind][]string{
		queries.KindSubmissions: {"received_at", "decided_at"},
		queries.KindTime:        {"work_date"},
		queries.KindVolumes:     {"period"},
	}[kind]
	out := slices.Clone(canon)
	for from, to := range src.Columns {
		if slices.Contains(canon, to) {
			out = append(out, from)
		}
	}
	if src.StartColumn != "" {
		out = append(out, src.StartColumn, src.EndColumn)
	}
	return out
}

// headerNames are the names that identify an xlsx header row.
func headerNames(kind queries.Kind, src config.Source) []string {
	out := slices.Clone(config.CanonicalColumns(string(kind)))
	for from := range src.Columns {
		out = append(out, from)
	}
	if src.StartColumn != "" {
		out = append(out, src.StartColumn, src.EndColumn)
	}
	return out
}

// summariser writes the per-file summaries as text or JSON lines.
type summariser struct {
	out, errs io.Writer
	// outLog and errLog write JSON lines (nil for text).
	outLog, errLog *slog.Logger
	dryRun         bool
	maxShare       float64
}

func newSummariser(out io.Writer, opts ImportOptions, maxShare float64) *summariser {
	s := &summariser{out: out, errs: opts.Errors, dryRun: opts.DryRun, maxShare: maxShare}
	if s.errs == nil {
		s.errs = out
	}
	if opts.JSON {
		s.outLog = slog.New(slog.NewJSONHandler(s.out, nil))
		s.errLog = slog.New(slog.NewJSONHandler(s.errs, nil))
	}
	return s
}

// file writes the summary of one file: a line for a file loaded or
// skipped; for a file refused, the count of its rejected rows and its
// first reject reasons (SPEC §9: 20; validate: all); for a file not
// imported, why.
func (s *summariser) file(r FileResult) {
	where := r.Path
	if r.Sheet != "" {
		where += "[" + r.Sheet + "]" // line is the sheet's row number
	}
	refusedVerb := "refused"
	if s.dryRun {
		refusedVerb = "would be refused"
	}
	switch {
	case r.Skipped:
		same := "same SHA-256"
		if r.Previous.Sheet != "" {
			same += ", sheet " + r.Previous.Sheet
		}
		if s.outLog != nil {
			s.outLog.Info("already imported", "file", r.Path, "sheet", r.Previous.Sheet, "batch", r.Previous.BatchID,
				"imported_at", r.Previous.FinishedAt.Format(time.DateTime))
			return
		}
		fmt.Fprintf(s.out, "%s: already imported as batch %d on %s (%s); nothing to do\n",
			r.Path, r.Previous.BatchID, r.Previous.FinishedAt.Format("2006-01-02 15:04"), same)
		return
	case r.Err != nil && !r.Refused:
		if s.errLog != nil {
			s.errLog.Error("not imported", "file", r.Path, "err", r.Err.Error())
			return
		}
		fmt.Fprintf(s.errs, "%s: not imported: %v\n", r.Path, r.Err)
		return
	case r.Refused:
		share := 0.0
		if r.RowsRead > 0 {
			share = float64(r.RowsRejected) / float64(r.RowsRead)
		}
		if s.errLog != nil {
			s.errLog.Error(refusedVerb, "file", r.Path, "sheet", r.Sheet, "rows_read", r.RowsRead, "rows_rejected", r.RowsRejected,
				"reject_share", share, "max_reject_share", s.maxShare)
		} else {
			what := "nothing was imported"
			if s.dryRun {
				what = "import would write nothing"
			}
			fmt.Fprintf(s.errs, "%s: %s: %d of %d rows rejected (%.1f %%), more than import.max_reject_share %.1f %%; %s\n",
				r.Path, refusedVerb, r.RowsRejected, r.RowsRead, 100*share, 100*s.maxShare, what)
		}
		s.rejects(s.errs, s.errLog, where, r)
		if !s.dryRun && len(r.Rejects) >= 20 && s.errLog == nil {
			fmt.Fprintf(s.errs, "  (the first %d reasons; gevinst validate lists every one)\n", len(r.Rejects))
		}
		return
	}
	verb := "loaded"
	if s.dryRun {
		verb = "would load"
	}
	if s.outLog != nil {
		s.outLog.Info(verb, "file", r.Path, "sheet", r.Sheet, "batch", r.BatchID, "rows_read", r.RowsRead,
			"rows_loaded", r.RowsLoaded,
			"rows_rejected", r.RowsRejected, "rows_replaced", r.RowsReplaced, "seconds", r.Elapsed.Seconds())
	} else {
		fmt.Fprintf(s.out, "%s: %d rows read, %d %s, %d rejected, %d replaced (%.1f s)\n",
			r.Path, r.RowsRead, r.RowsLoaded, verb, r.RowsRejected, r.RowsReplaced, r.Elapsed.Seconds())
	}
	if s.dryRun {
		s.rejects(s.out, s.outLog, where, r)
	}
}

// rejects writes r's reject reasons, one a line (text: indented under
// the summary, as FILE:LINE: COLUMN: REASON).
func (s *summariser) rejects(w io.Writer, log *slog.Logger, where string, r FileResult) {
	for _, rj := range r.Rejects {
		if log != nil {
			log.Warn("rejected", "file", r.Path, "sheet", r.Sheet, "line", rj.Line, "column", rj.Column,
				"value", rj.Value, "reason", rj.Reason)
			continue
		}
		fmt.Fprintf(w, "  %s:%d: %s: %s\n", where, rj.Line, rj.Column, rj.Reason)
	}
}
