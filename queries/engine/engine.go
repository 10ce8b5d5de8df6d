// Package engine imports one file into the DuckDB database: it reads the
// file, maps its columns and values onto the canonical ones, types and
// checks every row, loads the good ones and records the batch, in one
// transaction (SPEC §2, §9). Each stage is a method of importTx, one per
// file; the SQL is in embedded .sql files beside the Go that runs them.
// Package queries owns the database and the session and calls Import.
package engine

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"

	"github.com/duckdb/duckdb-go/v2"
)

//go:embed *.sql
var sqlFiles embed.FS

// Files returns the engine's embedded query files (queries.Version hashes
// them with its own).
func Files() fs.FS { return sqlFiles }

// Sentinel errors of the import; package queries gives them its own
// names (queries.ErrInput is ErrInput), so errors.Is holds across both.
var (
	// ErrDatabase is a failure of the database itself (open, migrate, query).
	ErrDatabase = errors.New("database error")
	// ErrInput is a problem with an input file as a whole (unreadable,
	// missing a required column, too many rejects).
	ErrInput = errors.New("input error")
	// ErrRejectShare: a file's share of rejected rows is over
	// import.max_reject_share, so the file was refused whole.
	ErrRejectShare = fmt.Errorf("%w: too many rejected rows", ErrInput)
	// ErrMissingColumn: a required canonical column is not in the header,
	// or a column the source's mapping names is not.
	ErrMissingColumn = fmt.Errorf("%w: missing column", ErrInput)
	// ErrAmbiguous: the file's dialect cannot be told from its content
	// (e.g. the decimal separator); the message names the flag to set.
	ErrAmbiguous = fmt.Errorf("%w: ambiguous file", ErrInput)
)

// Engine imports files over one DuckDB connection, the one whose session
// (package queries) holds the macros and cfg_* tables the SQL reads.
type Engine struct {
	conn *sql.Conn
	// notes is what the running load notes (gevinst_note; nil between loads).
	notes atomic.Pointer[loadNotes]
	// Tune holds the import's sizes (tuning.go).
	Tune Tuning
}

// New returns an Engine over conn with the default tuning. Register its
// functions on the connection (Register) before the session's macros,
// which call them.
func New(conn *sql.Conn) *Engine {
	return &Engine{conn: conn, Tune: DefaultTuning()}
}

// Register prepares the engine's connection: it registers the scalar
// function gevinst_note (the fast import's notes of every record,
// notes.go) and creates the line-map tables line_blank and line_extra
// (line_tables.sql), which live as long as the connection.
func (e *Engine) Register(ctx context.Context) error {
	if err := duckdb.RegisterScalarUDF(e.conn, "gevinst_note", noteUDF{&e.notes}); err != nil {
		return fmt.Errorf("%w: register gevinst_note: %w", ErrDatabase, err)
	}
	if _, err := e.conn.ExecContext(ctx, mustSQL("line_tables.sql")); err != nil {
		return fmt.Errorf("%w: line tables: %w", ErrDatabase, err)
	}
	return nil
}

// execer is a connection or a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// SetVariable sets the DuckDB variable name to expr (SQL with one
// parameter, such as "?" or "CAST(? AS TIME)") over value. The name must
// be declared in stagingNames (staging.go): the session's variables are
// set through here too, so the list holds every variable the SQL reads.
func SetVariable(ctx context.Context, ex execer, name, expr string, value any) error {
	if !stagingVariables[name] {
		return fmt.Errorf("%w: set %s: not a variable declared in stagingNames (staging.go)", ErrDatabase, name)
	}
	if _, err := ex.ExecContext(ctx, spliced("set_variable.sql", map[string]string{"name": QuoteIdent(name), "value": expr}), value); err != nil {
		return fmt.Errorf("%w: set %s: %w", ErrDatabase, name, err)
	}
	return nil
}

// QuoteIdent quotes an SQL identifier. It is the one place where a name
// from outside (a CSV header) enters SQL text; values are always parameters.
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteLiteral quotes a string literal, for the few places DuckDB accepts
// no parameter (table-function options such as a file path).
func QuoteLiteral(s string) string {
	return `'` + strings.ReplaceAll(s, `'`, `''`) + `'`
}
