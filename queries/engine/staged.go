package engine

import "fmt"

// stagedCheck copies every typed row into the temp table stage and runs
// the kind's checks, leaving stage_rejects, csv_rejects and good (the rows
// to load). It returns the number of records read and the decimal
// separator used.
//
// The copy keeps the reader's order, so a CSV row's line is its record
// number + 2 (0-based; header = line 1) unless records could not be read
// (import_lines.sql then stores the line). Other formats carry their line
// from raw_file.
func (t *importTx) stagedCheck() (records int64, _ string, err error) {
	decimal := t.decimal
	if _, err := t.tx.ExecContext(t.ctx, mustSQL("stage_copy.sql")); err != nil {
		return 0, "", t.readError(err)
	}
	if err := t.rowidBase("stage", "rowid_base"); err != nil {
		return 0, "", err
	}
	shifted, err := t.shiftedLines()
	if err != nil {
		return 0, "", err
	}
	if shifted {
		if _, err := t.tx.ExecContext(t.ctx, mustSQL("import_lines.sql")); err != nil {
			return 0, "", fmt.Errorf("%w: %s: %w", ErrDatabase, t.req.Name, err)
		}
	}
	if decimal == "auto" {
		if decimal, err = t.detectDecimal(spliced("numbers_staged.sql", map[string]string{"column": QuoteIdent(t.spec.number + "_raw")})); err != nil {
			return 0, "", err
		}
	}
	if err := t.numberVars(decimal); err != nil {
		return 0, "", err
	}
	if err := t.checkStage(); err != nil {
		return 0, "", err
	}
	if err := t.tx.QueryRowContext(t.ctx, mustSQL("stage_count.sql")).Scan(&records); err != nil {
		return 0, "", fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	return records, decimal, nil
}

// checkStage runs the kind's checks over stage (stage_rejects, csv_rejects)
// and defines good: the staged rows without a problem, as a view (no copy
// of a large file): checked itself, or checked less the rejected rows.
func (t *importTx) checkStage() error {
	for _, f := range []sqlFile{"import_read_errors.sql", t.spec.check, "check_unmapped.sql"} {
		if _, err := t.tx.ExecContext(t.ctx, mustSQL(f)); err != nil {
			return fmt.Errorf("%w: check %s (%s): %w", ErrDatabase, t.req.Name, f, err)
		}
	}
	var anyReject bool
	if err := t.tx.QueryRowContext(t.ctx, mustSQL("stage_any_reject.sql")).Scan(&anyReject); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	good := sqlFile("good_all.sql")
	if anyReject {
		good = "good_less_rejects.sql"
	}
	if _, err := t.tx.ExecContext(t.ctx, mustSQL(good)); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	return nil
}

// rowidBase sets the variable name to table's first rowid. A CTAS over
// the reader appends the rows in the file's order, so a row's rowid less
// the base is its record number; rowids of a table created in the open
// transaction do not start at 0, and a gap would misnumber lines, so it
// is checked rather than assumed.
func (t *importTx) rowidBase(table, name string) error {
	var base, span, n int64
	if err := t.tx.QueryRowContext(t.ctx, spliced("rowid_base.sql", map[string]string{"table": QuoteIdent(table)})).
		Scan(&base, &span, &n); err != nil {
		return fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	if span != n {
		return fmt.Errorf("%w: %s rows are not numbered consecutively (%d rows over %d row ids); line numbers would be wrong", ErrDatabase, table, n, span)
	}
	return t.setVars(map[string]any{name: base})
}
