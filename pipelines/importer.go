// Package pipelines holds gevinst's batch jobs: importing files (one
// atomic batch per file), assembling the dashboard's input from the
// queries, and the demo. It is the layer between the commands in
// cmd/gevinst and the database in package queries.
package pipelines

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
)

// ImportOptions says what to import and how.
type ImportOptions struct {
	Kind  queries.Kind
	Files []string
	// DryRun checks every row and writes nothing (gevinst validate).
	DryRun bool
	// Now is the clock (inject a fixed one in tests).
	Now func() time.Time
}

// FileResult is the outcome of one file.
type FileResult struct {
	Path string
	queries.ImportResult
	// Err is why the file was not imported (nil when it was, or was skipped).
	Err     error
	Elapsed time.Duration
}

// Import imports each file in its own transaction and writes a one-line
// summary per file to out (and every reject reason of a refused file). A
// file that fails does not stop the others; the returned error then wraps
// ErrRejected and the first failure.
func Import(ctx context.Context, db *queries.DB, cfg *config.Config, opts ImportOptions, out io.Writer, log *slog.Logger) ([]FileResult, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Kind == queries.KindTime {
		key, err := PseudonymKey(cfg, log)
		if err != nil {
			return nil, err
		}
		if err := db.SetPseudonymKey(ctx, key); err != nil {
			return nil, err
		}
	}
	var results []FileResult
	var failures []error
	for _, path := range opts.Files {
		start := time.Now()
		r := FileResult{Path: path}
		r.ImportResult, r.Err = importFile(ctx, db, cfg, opts, path)
		r.Elapsed = time.Since(start)
		results = append(results, r)
		summarise(out, r, opts.DryRun)
		if r.Err != nil {
			failures = append(failures, r.Err)
			log.Error("file not imported", "file", path, "err", r.Err)
		}
		if ctx.Err() != nil {
			break
		}
	}
	if len(failures) > 0 {
		return results, fmt.Errorf("%w (%d of %d): %w", ErrRejected, len(failures), len(opts.Files), errors.Join(failures...))
	}
	return results, nil
}

func importFile(ctx context.Context, db *queries.DB, cfg *config.Config, opts ImportOptions, path string) (queries.ImportResult, error) {
	sample := 0 // the first 20 reasons
	if opts.DryRun {
		sample = -1 // validate lists every problem
	}
	sum, err := fileSHA256(path)
	if err != nil {
		return queries.ImportResult{}, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return queries.ImportResult{}, fmt.Errorf("%w: %s: %w", ErrFile, path, err)
	}
	return db.Import(ctx, queries.ImportRequest{
		Kind: opts.Kind, Path: abs, Name: path, SHA256: sum,
		MaxRejectShare: cfg.Import.MaxRejectShare, DryRun: opts.DryRun, Now: opts.Now,
		RejectSample: sample,
	})
}

// fileSHA256 streams the file through SHA-256 (the batch's identity).
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrFile, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrFile, err)
	}
	if st.IsDir() {
		return "", fmt.Errorf("%w: %s is a directory", ErrFile, path)
	}
	if st.Size() == 0 {
		return "", fmt.Errorf("%w: %s is empty (expected a header row and data rows)", ErrFile, path)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%w: read %s: %w", ErrFile, path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// summarise writes the one-line summary of a file and, for a refused or
// validated file, its reject reasons.
func summarise(out io.Writer, r FileResult, dryRun bool) {
	switch {
	case r.Skipped:
		fmt.Fprintf(out, "%s: already imported as batch %d on %s (same SHA-256); nothing to do\n",
			r.Path, r.Previous.BatchID, r.Previous.FinishedAt.Format("2006-01-02 15:04"))
		return
	case r.Err != nil && !r.Refused:
		fmt.Fprintf(out, "%s: not imported: %v\n", r.Path, r.Err)
		return
	}
	verb := "loaded"
	switch {
	case r.Refused:
		verb = "refused"
	case dryRun:
		verb = "would load"
	}
	fmt.Fprintf(out, "%s: %d rows read, %d %s, %d rejected, %d replaced (%.1f s)\n",
		r.Path, r.RowsRead, r.RowsLoaded, verb, r.RowsRejected, r.RowsReplaced, r.Elapsed.Seconds())
	if r.Refused || dryRun {
		for _, rj := range r.Rejects {
			fmt.Fprintf(out, "  %s:%d: %s: %s\n", r.Path, rj.Line, rj.Column, rj.Reason)
		}
		if r.Refused {
			fmt.Fprintf(out, "  %v\n", r.Err)
		}
	}
}
