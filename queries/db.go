// Package queries owns the DuckDB database: the versioned schema, the
// session and every metric query, each in an embedded .sql file, plus the
// small Go that runs them and returns typed rows (package model). The
// import is package queries/engine's; DB.Import calls it.
package queries

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/engine"
)

//go:embed *.sql
var sqlFiles embed.FS

// DB is an open gevinst database. It holds one DuckDB connection, so
// temporary tables and registered functions live as long as the DB.
// Call Close to release it.
type DB struct {
	db   *sql.DB
	conn *sql.Conn
	// prepared is true while the readers' views of the kept figures are
	// made and the figures match the data (figures.go).
	prepared bool
	// eng imports files over conn (package queries/engine).
	eng *engine.Engine
	// recovered is what Open rolled back (recover.go).
	recovered Recovery
}

// Open opens (creating if needed) the database file at path — "" or
// ":memory:" for an in-memory database — applies pending migrations and
// loads the configuration the SQL needs into the connection.
func Open(ctx context.Context, path string, cfg *config.Config) (*DB, error) {
	if path == ":memory:" {
		path = ""
	}
	sqldb, err := sql.Open("duckdb", path)
	if err != nil {
		if le := lockError(path, err); le != nil {
			return nil, le
		}
		return nil, fmt.Errorf("%w: open %s: %w", ErrDatabase, path, err)
	}
	conn, err := sqldb.Conn(ctx)
	if err != nil {
		sqldb.Close()
		if le := lockError(path, err); le != nil {
			return nil, le
		}
		return nil, fmt.Errorf("%w: open %s: %w", ErrDatabase, path, err)
	}
	d := &DB{db: sqldb, conn: conn, eng: engine.New(conn)}
	if err := d.settings(ctx, cfg.DuckDB); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.recoverInterrupted(ctx); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.configure(ctx, cfg); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// settings applies the configured memory limit and thread count (SPEC
// §10): DuckDB spills to disk beyond the limit instead of growing. Its
// allocator (jemalloc) purges freed pages from background threads: left
// to the query threads, memory freed by one large query stayed resident
// into the next, and the report's peak RSS at 10 M / 30 M rows was
// 1.66–1.97 GiB over three runs instead of 1.43–1.75 GiB over six
// (docs/benchmarks.md, Memory).
func (d *DB) settings(ctx context.Context, s config.DuckDB) error {
	if _, err := d.conn.ExecContext(ctx, `SET allocator_background_threads = true`); err != nil {
		return fmt.Errorf("%w: allocator_background_threads: %w", ErrDatabase, err)
	}
	if s.MemoryLimit != "" {
		if _, err := d.conn.ExecContext(ctx, `SET memory_limit = ?`, strings.TrimSpace(s.MemoryLimit)); err != nil {
			return fmt.Errorf("%w: duckdb.memory_limit %q: %w", ErrDatabase, s.MemoryLimit, err)
		}
	}
	if s.Threads > 0 {
		if _, err := d.conn.ExecContext(ctx, `SET threads = ?`, s.Threads); err != nil {
			return fmt.Errorf("%w: duckdb.threads %d: %w", ErrDatabase, s.Threads, err)
		}
	}
	return nil
}

// LockError is returned by Open when another process holds the database
// file (DuckDB allows one writing process). It wraps ErrLocked.
type LockError struct {
	// Path is the database file.
	Path string
	// PID and Program identify the holder, as DuckDB reports it (PID 0
	// when DuckDB did not say).
	PID     int
	Program string
	// Err is DuckDB's own error.
	Err error
}

func (e *LockError) Error() string {
	who := "another process"
	if strings.Contains(filepath.Base(e.Program), "gevinst") {
		who = "another gevinst process"
	}
	if e.PID > 0 {
		who += fmt.Sprintf(" (PID %d)", e.PID)
	} else {
		who += ", which may still be creating it"
	}
	return fmt.Sprintf("the database %s is in use by %s; wait for it to finish or use --wait", e.Path, who)
}

func (e *LockError) Unwrap() []error { return []error{ErrLocked, e.Err} }

// beingCreated reports whether err says the file is not a DuckDB database
// while the file is only seconds old: another process is then still
// writing its header, and the file is as good as in use (seen when two
// processes start on a new database at once).
func beingCreated(path string, err error) bool {
	if path == "" || !strings.Contains(err.Error(), "not a valid DuckDB database file") {
		return false
	}
	st, statErr := os.Stat(path)
	return statErr == nil && time.Since(st.ModTime()) < 5*time.Second
}

// lockHolder finds the program and PID in DuckDB's lock error:
// `Conflicting lock is held in /usr/bin/gevinst (PID 7491)`.
var lockHolder = regexp.MustCompile(`lock is held in (.*) \(PID (\d+)\)`)

// lockError turns DuckDB's lock conflict into a *LockError that names the
// other process and says what to do; it returns nil for any other error.
func lockError(path string, err error) *LockError {
	if !strings.Contains(err.Error(), "Could not set lock") && !beingCreated(path, err) {
		return nil
	}
	le := &LockError{Path: path, Err: err}
	if m := lockHolder.FindStringSubmatch(err.Error()); m != nil {
		le.Program = m[1]
		le.PID, _ = strconv.Atoi(m[2])
	}
	return le
}

// Close releases the connection and the database file.
func (d *DB) Close() error {
	return errors.Join(d.conn.Close(), d.db.Close())
}

// Conn exposes the database's single connection, for tests and the
// benchmark that run a statement of their own on the open database;
// gevinst itself goes through DB's methods. Do not close it: Close does.
func (d *DB) Conn() *sql.Conn { return d.conn }

// migrate applies the NNNN_*.sql schema files not yet recorded, in order,
// each in its own transaction.
func (d *DB) migrate(ctx context.Context) error {
	if _, err := d.conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`); err != nil {
		return fmt.Errorf("%w: migrations table: %w", ErrDatabase, err)
	}
	var current int
	if err := d.conn.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("%w: read schema version: %w", ErrDatabase, err)
	}
	names, err := fs.Glob(sqlFiles, "[0-9][0-9][0-9][0-9]_*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	for _, name := range names {
		version, _ := strconv.Atoi(name[:4])
		if version <= current {
			continue
		}
		text, _ := sqlFiles.ReadFile(name)
		tx, err := d.conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("%w: migrate %s: %w", ErrDatabase, name, err)
		}
		if _, err := tx.ExecContext(ctx, string(text)); err != nil {
			tx.Rollback()
			return fmt.Errorf("%w: migrate %s: %w", ErrDatabase, name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, version, name); err != nil {
			tx.Rollback()
			return fmt.Errorf("%w: migrate %s: %w", ErrDatabase, name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("%w: migrate %s: %w", ErrDatabase, name, err)
		}
	}
	return nil
}

// Version identifies the query text: the first 12 hex digits of the
// SHA-256 over every embedded .sql file (queries' and the engine's), in
// name order. It is printed in
// the workbook's Method sheet so a figure can be tied to the SQL that made it.
func Version() string {
	files := map[string]fs.FS{}
	for _, f := range []fs.FS{sqlFiles, engine.Files()} {
		names, _ := fs.Glob(f, "*.sql")
		for _, n := range names {
			files[n] = f
		}
	}
	names := slices.Sorted(maps.Keys(files))
	h := sha256.New()
	for _, n := range names {
		b, _ := fs.ReadFile(files[n], n)
		h.Write([]byte(n))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// QuoteIdent quotes an SQL identifier. It is the one place where a name
// from outside (a CSV header) enters SQL text; values are always parameters.
func QuoteIdent(name string) string { return engine.QuoteIdent(name) }

// QuoteLiteral quotes a string literal, for the few places DuckDB accepts
// no parameter (table-function options such as a file path).
func QuoteLiteral(s string) string { return engine.QuoteLiteral(s) }
