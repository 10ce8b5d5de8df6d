package engine

import (
	"errors"
	"fmt"
)

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
func (t *importTx) fastCheck() (_ fastResult, err error) {
	decimal := t.decimal
	// The checks filter rows of the typed view, whose columns are long
	// expressions: pushed below the view, a filter would compute each of
	// them again for every row (twice as slow). Kept above it, it tests
	// the computed values.
	if _, err := t.tx.ExecContext(t.ctx, mustSQL("filter_pushdown_off.sql")); err != nil {
		return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	defer func() {
		if _, rerr := t.tx.ExecContext(t.ctx, mustSQL("optimizers_reset.sql")); rerr != nil {
			err = errors.Join(err, fmt.Errorf("%w: %w", ErrDatabase, rerr))
		}
	}()
	guess, err := t.sample()
	if err != nil {
		return fastResult{}, err
	}
	if err := t.setVars(guess.vars()); err != nil {
		return fastResult{}, err
	}
	// No key is known to repeat while the load runs (gevinst_repeated is
	// false without a bitmap).
	if _, err := t.tx.ExecContext(t.ctx, mustSQL("repeats_none.sql")); err != nil {
		return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	if _, err := t.tx.ExecContext(t.ctx, mustSQL(t.spec.fast)); err != nil {
		return fastResult{}, fmt.Errorf("%w: %s (%s): %w", ErrDatabase, t.req.Name, t.spec.fast, err)
	}
	notes := newLoadNotes(decimal == "auto" || guess.plainMinutes, guess.plainDates, guess.clean, t.e.Tune.MaxNotedValues)
	t.e.notes.Store(notes)
	loaded, err := t.insertGood()
	t.e.notes.Store(nil)
	if err != nil {
		// A database error (insertGood says "load"): the reader stores the
		// records it cannot split, and a file that cannot be read at all
		// fails at the sniff or at the sample, which read its start.
		return fastResult{}, err
	}
	records := notes.rows
	retype, err := t.confirm(guess, notes)
	if err != nil || retype != nil {
		return fastResult{retype: retype}, err
	}
	decimal = guess.decimal
	shifted, err := t.shiftedLines()
	if err != nil {
		return fastResult{}, err
	}
	if _, err := t.tx.ExecContext(t.ctx, mustSQL("import_read_errors.sql")); err != nil {
		return fastResult{}, fmt.Errorf("%w: %s (import_read_errors.sql): %w", ErrDatabase, t.req.Name, err)
	}
	var repeated bool
	if err := t.tx.QueryRowContext(t.ctx, mustSQL("repeats_any.sql")).Scan(&repeated); err != nil {
		return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	if repeated {
		for _, f := range []sqlFile{"repeated_keys.sql", t.spec.unload} {
			r, err := t.tx.ExecContext(t.ctx, mustSQL(f))
			if err != nil {
				return fastResult{}, fmt.Errorf("%w: %s (%s): %w", ErrDatabase, t.req.Name, f, err)
			}
			if f == t.spec.unload {
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
		if _, err := t.tx.ExecContext(t.ctx, mustSQL("stage_rejects_empty.sql")); err != nil {
			return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
		}
		return fastResult{records: records, loaded: loaded, decimal: decimal}, nil
	}

	if _, err := t.tx.ExecContext(t.ctx, mustSQL("problems.sql")); err != nil {
		return fastResult{}, fmt.Errorf("%w: %s (problems.sql): %w", ErrDatabase, t.req.Name, err)
	}
	if err := t.rowidBase("flags", "flags_base"); err != nil {
		return fastResult{}, err
	}
	var flags, flagged, staged int64
	if err := t.tx.QueryRowContext(t.ctx, mustSQL("problems_count.sql")).
		Scan(&flags, &flagged, &staged); err != nil {
		return fastResult{}, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	if flags != records || flagged != staged || loaded+staged != records {
		return fastResult{}, fmt.Errorf("%w: %s: reading the file again gave other rows (%d records, then %d: %d flagged, %d staged, %d loaded); nothing was imported",
			ErrDatabase, t.req.Name, records, flags, flagged, staged, loaded)
	}
	if _, err := t.tx.ExecContext(t.ctx, mustSQL("problem_lines.sql")); err != nil {
		return fastResult{}, fmt.Errorf("%w: %s (problem_lines.sql): %w", ErrDatabase, t.req.Name, err)
	}
	if err := t.rowidBase("stage", "rowid_base"); err != nil {
		return fastResult{}, err
	}
	if shifted {
		if _, err := t.tx.ExecContext(t.ctx, mustSQL("import_lines.sql")); err != nil {
			return fastResult{}, fmt.Errorf("%w: %s: %w", ErrDatabase, t.req.Name, err)
		}
	}
	if err := t.checkStage(); err != nil {
		return fastResult{}, err
	}
	n, err := t.insertGood()
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
func (t *importTx) sample() (loadGuess, error) {
	decimal := t.decimal
	g := loadGuess{decimal: decimal}
	if t.opts.typing != nil {
		g = *t.opts.typing
	}
	if t.spec.sample == "" || t.opts.typing != nil {
		return g, t.numberVars(g.decimal)
	}
	if err := t.setVars(map[string]any{"sample_rows": t.e.Tune.sampleRows(t.req.Lines.Lines)}); err != nil {
		return g, err
	}
	if _, err := t.tx.ExecContext(t.ctx, mustSQL(t.spec.sample)); err != nil {
		return g, t.readError(err)
	}
	if decimal == "auto" {
		var err error
		if g.decimal, err = t.detectDecimal(mustSQL("numbers_noted.sql")); err != nil {
			return g, err // the whole file has the sample's values too
		}
	}
	if err := t.numberVars(g.decimal); err != nil {
		return g, err
	}
	if t.spec.plain == "" {
		return g, nil
	}
	if err := t.tx.QueryRowContext(t.ctx, mustSQL(t.spec.plain)).Scan(&g.plainDates, &g.plainMinutes); err != nil {
		return g, fmt.Errorf("%w: %s (%s): %w", ErrDatabase, t.req.Name, t.spec.plain, err)
	}
	clean := make([]any, len(g.clean))
	for i := range g.clean {
		clean[i] = &g.clean[i]
	}
	if err := t.tx.QueryRowContext(t.ctx, mustSQL("clean_time.sql")).Scan(clean...); err != nil {
		return g, fmt.Errorf("%w: %s (clean_time.sql): %w", ErrDatabase, t.req.Name, err)
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
func (t *importTx) confirm(g loadGuess, n *loadNotes) (retype *loadGuess, _ error) {
	decimal := t.decimal
	numbers, allNumbers := texts(n.number, n.numberFull)
	dates, allDates := texts(n.date, n.dateFull)
	if _, err := t.tx.ExecContext(t.ctx, mustSQL("notes_probe.sql"), n.rows, numbers, dates, n.repeated()); err != nil {
		return nil, fmt.Errorf("%w: %s (notes_probe.sql): %w", ErrDatabase, t.req.Name, err)
	}
	if t.spec.sample == "" {
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
		if final.decimal, err = t.detectDecimal(distinct); err != nil {
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
	if err := t.setVars(map[string]any{"decimal": final.decimal}); err != nil {
		return nil, err
	}
	if err := t.tx.QueryRowContext(t.ctx, mustSQL(t.spec.plain)).Scan(&final.plainDates, &final.plainMinutes); err != nil {
		return nil, fmt.Errorf("%w: %s (%s): %w", ErrDatabase, t.req.Name, t.spec.plain, err)
	}
	final.plainDates = final.plainDates && allDates && g.plainDates
	final.plainMinutes = final.plainMinutes && allNumbers && (g.plainMinutes || decimal == "auto")
	if again || final.decimal != g.decimal || g.plainDates && !final.plainDates || g.plainMinutes && !final.plainMinutes {
		return &final, nil
	}
	return nil, t.setVars(map[string]any{"decimal": g.decimal})
}
