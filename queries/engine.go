package queries

import (
	"context"
	"database/sql"

	"github.com/gevinst/gevinst/queries/engine"
)

// The import engine is the package queries/engine; these are its names
// as the callers of queries know them.

// Kind is an input record kind (SPEC §2).
type Kind = engine.Kind

// The record kinds gevinst imports.
const (
	KindSubmissions = engine.KindSubmissions
	KindTime        = engine.KindTime
	KindVolumes     = engine.KindVolumes
)

// ParseKind returns the Kind named by s, or an error that lists the kinds.
func ParseKind(s string) (Kind, error) { return engine.ParseKind(s) }

// Formats a file can be read in.
const (
	FormatCSV     = engine.FormatCSV
	FormatXLSX    = engine.FormatXLSX
	FormatJSONL   = engine.FormatJSONL
	FormatParquet = engine.FormatParquet
)

type (
	// Mapping says how a source's columns and values become canonical ones.
	Mapping = engine.Mapping
	// ImportRequest describes one file to import or validate.
	ImportRequest = engine.Request
	// ImportResult is what one file's import did.
	ImportResult = engine.Result
	// RowSource is a table read row by row in Go (xlsx, JSON lines).
	RowSource = engine.RowSource
	// RowProblem is a row a RowSource could not read.
	RowProblem = engine.RowProblem
	// LineMap relates DuckDB's line numbers of a CSV file to the file's own.
	LineMap = engine.LineMap
	// LineStep is a record that spans more than one line.
	LineStep = engine.LineStep
	// LineScanner builds a CSV file's LineMap from its bytes.
	LineScanner = engine.LineScanner
)

// importOptions are the engine's options that queries does not pass on:
// the tests' staged path, the hook before the commit.
type importOptions = engine.Options

// Import checks one file and loads its good rows in one transaction: the
// database holds the state before the file or after it, never between. A
// file already loaded (same kind, SHA-256, sheet and source) is skipped.
// (engine.Engine.Import says how.)
func (d *DB) Import(ctx context.Context, req ImportRequest) (ImportResult, error) {
	return d.importWith(ctx, req, importOptions{})
}

// importWith is Import with options.
func (d *DB) importWith(ctx context.Context, req ImportRequest, opts importOptions) (ImportResult, error) {
	// Every committed file keeps the figures (figures.go), then runs the
	// tests' hook, if any.
	test := opts.BeforeCommit
	opts.BeforeCommit = func(ctx context.Context, tx *sql.Tx, b engine.Batch) error {
		if err := keepFigures(ctx, tx, b); err != nil {
			return err
		}
		if test != nil {
			return test(ctx, tx, b)
		}
		return nil
	}
	res, err := d.eng.Import(ctx, req, opts)
	if err == nil && !res.Skipped && !req.DryRun {
		d.prepared = false // committed: the readers' views check the kept figures again
	}
	return res, err
}
