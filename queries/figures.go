package queries

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gevinst/gevinst/queries/engine"
)

// The attributed figures are kept in the database (0003_figures.sql,
// 0004_fig_additions.sql, issue 15): every import, inside its own
// transaction, adds its batch to the kept rows when nothing else depends
// on it (figures_add_*.sql), or else recomputes the (org, month)
// partitions its rows can change (figures_todo.sql), so that the readers
// — metrics, benefits, report, export, verify — sum narrow tables instead
// of attributing every registration again. The figures
// are derived data: figures_state records which batch and which figure
// settings (figures_state.sql) they match, and a reader that finds them
// stale rebuilds them all, once, before it reads.

// figureState is figures_state beside what the figures must match now.
type figureState struct {
	gen, batchID  int64  // the last refresh; 0 before the first
	digest        string // the settings it used
	loaded        int64  // the highest loaded batch now
	currentDigest string // this session's settings
	built         bool   // a refresh has run
}

// fresh reports whether the kept figures match the data up to batch
// upTo and this session's settings.
func (s figureState) fresh(upTo int64) bool {
	return s.built && s.batchID == upTo && s.digest == s.currentDigest
}

// readFigureState reads figures_state and what it must match.
func readFigureState(ctx context.Context, q querier) (figureState, error) {
	var s figureState
	var gen, batch sql.NullInt64
	var digest sql.NullString
	if err := q.QueryRowContext(ctx, mustSQL("figures_state.sql")).
		Scan(&gen, &batch, &digest, &s.loaded, &s.currentDigest); err != nil {
		return s, fmt.Errorf("%w: kept figures: %w", ErrDatabase, err)
	}
	s.gen, s.batchID, s.digest, s.built = gen.Int64, batch.Int64, digest.String, gen.Valid
	return s, nil
}

// querier is what the figures' statements run on: the connection or an
// import's transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// refreshKind is what a refresh of the kept figures recomputes.
type refreshKind int

const (
	// refreshAll rebuilds every partition.
	refreshAll refreshKind = iota
	// refreshPartitions rebuilds the (org, month) partitions in fig_todo
	// (figures_todo.sql).
	refreshPartitions
	// refreshNewTime adds a batch of new time registrations, which
	// replaced none, to the kept rows (figures_add_time*.sql).
	refreshNewTime
	// refreshNewSubmissions adds a batch of new submissions that change
	// no other figure (figures_add_subs*.sql).
	refreshNewSubmissions
)

// refreshSteps are each kind's statements, in order.
var refreshSteps = map[refreshKind][]sqlFile{
	refreshAll: {"figures_todo_all.sql", "figures_clear_all.sql", "figures_scope_all.sql",
		"figures_build_cells.sql", "figures_attribute.sql", "figures_build_sub.sql", "figures_build.sql", "figures_sub_month.sql", "figures_quant.sql"},
	refreshPartitions: {"figures_clear_part.sql", "figures_scope_part.sql",
		"figures_build_cells.sql", "figures_attribute.sql", "figures_build_sub.sql", "figures_build.sql", "figures_sub_month.sql", "figures_quant.sql"},
	refreshNewTime: {"figures_add_time_scope.sql", "figures_attribute.sql", "figures_add_time.sql", "figures_sub_month.sql", "figures_quant.sql"},
	refreshNewSubmissions: {"figures_add_subs_scope.sql", "figures_build_cells.sql", "figures_attribute.sql",
		"figures_build_sub.sql", "figures_add_subs.sql", "figures_sub_month.sql", "figures_quant.sql"},
}

// refreshFigures recomputes the kept figures inside tx and records that
// they include batch upTo. A partition refresh or an addition is made
// only when the figures were fresh up to the batch before.
func refreshFigures(ctx context.Context, tx *sql.Tx, st figureState, upTo int64, kind refreshKind) error {
	gen := st.gen + 1
	var from, to time.Time
	if kind == refreshPartitions {
		// The scope's first month and the month after its last, as
		// constants DuckDB can prune row groups with.
		var first, last sql.NullTime
		if err := tx.QueryRowContext(ctx, mustSQL("figures_todo_range.sql")).Scan(&first, &last); err != nil {
			return fmt.Errorf("%w: kept figures: %w", ErrDatabase, err)
		}
		if !first.Valid {
			// Nothing the batch holds can change a figure.
			return setFigureState(ctx, tx, gen, upTo, st.currentDigest)
		}
		from, to = first.Time, last.Time.AddDate(0, 1, 0)
	}
	if err := setFigureVars(ctx, tx, gen, from, to); err != nil {
		return err
	}
	for _, f := range refreshSteps[kind] {
		if _, err := tx.ExecContext(ctx, mustSQL(f)); err != nil {
			return fmt.Errorf("%w: kept figures (%s): %w", ErrDatabase, f, err)
		}
	}
	return setFigureState(ctx, tx, gen, upTo, st.currentDigest)
}

// setFigureVars sets the refresh's variables: its gen and its scope's
// month range (unused by a full build).
func setFigureVars(ctx context.Context, tx *sql.Tx, gen int64, from, to time.Time) error {
	for _, v := range []struct {
		name  string
		expr  string
		value any
	}{
		{"fig_gen", "CAST(? AS BIGINT)", gen},
		{"fig_from", "CAST(? AS DATE)", from.Format(time.DateOnly)},
		{"fig_to", "CAST(? AS DATE)", to.Format(time.DateOnly)},
	} {
		if _, err := tx.ExecContext(ctx, "SET VARIABLE "+v.name+" = "+v.expr, v.value); err != nil {
			return fmt.Errorf("%w: set %s: %w", ErrDatabase, v.name, err)
		}
	}
	return nil
}

// setFigureState records a refresh in figures_state and drops its temp
// objects.
func setFigureState(ctx context.Context, tx *sql.Tx, gen, upTo int64, digest string) error {
	if _, err := tx.ExecContext(ctx, mustSQL("figures_state_set.sql"), gen, upTo, digest); err != nil {
		return fmt.Errorf("%w: kept figures: %w", ErrDatabase, err)
	}
	if _, err := tx.ExecContext(ctx, mustSQL("figures_drop.sql")); err != nil {
		return fmt.Errorf("%w: kept figures: %w", ErrDatabase, err)
	}
	return nil
}

// figuresAllRows is the size from which a batch that is half its table
// or more leaves the figures to a full build by the next reader instead
// of finding the partitions it changes (smaller ones always take the
// partition path, which the tests check against full builds).
const figuresAllRows = 100_000

// figuresAdd is, for the kinds whose batches can be added to the kept
// figures, the statement that says whether this one can, and the refresh.
var figuresAdd = map[Kind]struct {
	check sqlFile
	kind  refreshKind
}{
	KindTime:        {"figures_add_time_check.sql", refreshNewTime},
	KindSubmissions: {"figures_add_subs_check.sql", refreshNewSubmissions},
}

// figuresChanged names each kind's statement of what a batch changed.
var figuresChanged = map[Kind]sqlFile{
	KindSubmissions: "figures_changed_submissions.sql",
	KindTime:        "figures_changed_time.sql",
	KindVolumes:     "figures_changed_volumes.sql",
}

// keepFigures is the import's step, the engine's BeforeCommit (engine.go):
// inside the file's transaction, after its rows are loaded and the
// replaced ones deleted, and before its batches row is written (so that
// batches holds the batch before it), the kept figures take the batch in.
// A batch that changes no other row's figures is added to the kept rows
// (figuresAdd: new registrations that replaced none, new submissions
// that no registration, earlier submission, pooled minute or volume
// depends on); any other batch has the partitions it changed
// (fig_changed, from figures_changed_<kind>.sql, and figures_todo.sql)
// recomputed. When the figures were not fresh before the batch, or the
// batch is most of its table (a first import), nothing is done: the
// state then lags behind the batches, and the next reader rebuilds every
// partition once (ensureFigures) — an initial load of several large files
// builds them once, not once per file.
func keepFigures(ctx context.Context, tx *sql.Tx, b engine.Batch) error {
	if b.Loaded >= figuresAllRows && 2*b.Loaded >= b.Rows {
		return nil
	}
	st, err := readFigureState(ctx, tx)
	if err != nil || !st.fresh(st.loaded) {
		return err
	}
	if add, ok := figuresAdd[b.Kind]; ok {
		var can bool
		if err := tx.QueryRowContext(ctx, mustSQL(add.check)).Scan(&can); err != nil {
			return fmt.Errorf("%w: kept figures (%s): %w", ErrDatabase, add.check, err)
		}
		if can {
			return refreshFigures(ctx, tx, st, b.ID, add.kind)
		}
	}
	for _, f := range []sqlFile{figuresChanged[b.Kind], "figures_todo.sql"} {
		if _, err := tx.ExecContext(ctx, mustSQL(f)); err != nil {
			return fmt.Errorf("%w: kept figures (%s): %w", ErrDatabase, f, err)
		}
	}
	return refreshFigures(ctx, tx, st, b.ID, refreshPartitions)
}

// ensureFigures rebuilds the kept figures when they do not match the
// loaded batches or this session's figure settings (a first read after
// the migration that made the tables, a changed hourly rate, holiday or
// office hour, or a refresh a crash left half written), in one
// transaction of its own.
func (d *DB) ensureFigures(ctx context.Context) error {
	st, err := readFigureState(ctx, d.conn)
	if err != nil || st.fresh(st.loaded) {
		return err
	}
	tx, err := d.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%w: begin: %w", ErrDatabase, err)
	}
	defer tx.Rollback() // after Commit this is a no-op
	if err := refreshFigures(ctx, tx, st, st.loaded, refreshAll); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%w: commit kept figures: %w", ErrDatabase, err)
	}
	return nil
}
