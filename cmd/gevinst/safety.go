package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/gevinst/gevinst/queries"
)

// errNoDatabase is returned by a command that only reads when the
// database file does not exist (SPEC §6: commands that only read never
// create a database).
var errNoDatabase = errors.New("no database")

// dbExists reports whether the database file at path exists; "" and
// ":memory:" (an in-memory database) always do.
func dbExists(path string) (bool, error) {
	if path == "" || path == ":memory:" {
		return true, nil
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

// requireDB is the one check every command that only reads makes before
// it opens the database: a missing file is an error (exit 1), never a new
// empty database.
func (a *app) requireDB() error {
	ok, err := dbExists(a.cfg.DB)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w at %s: import data first", errNoDatabase, a.cfg.DB)
	}
	return nil
}

// warnNoMatch warns on stderr that a filter matched no rows (exit stays
// 0): it names each --org or --service value the database does not hold
// and lists those it does, or, when every value exists, says which months
// the data covers.
func (a *app) warnNoMatch(ctx context.Context, db *queries.DB, f queries.Filter) {
	if f.Org == "" && f.Service == "" && f.From.IsZero() && f.To.IsZero() {
		return
	}
	present, err := db.Present(ctx)
	if err != nil {
		a.log.Warn("no rows match the filter", "error", err)
		return
	}
	if a.warnUnknown(present, f) {
		return
	}
	var parts []string
	for _, p := range []struct{ flag, value string }{
		{"--org", f.Org}, {"--service", f.Service},
		{"--from", monthOrEmpty(f.From)}, {"--to", monthOrEmpty(f.To)},
	} {
		if p.value != "" {
			parts = append(parts, p.flag+" "+p.value)
		}
	}
	rng := "none"
	if present.First != "" {
		rng = present.First + ".." + present.Last
	}
	a.log.Warn(fmt.Sprintf("no rows match %s; the database holds data for %s", strings.Join(parts, " "), rng))
}

// warnUnknownIn warns for each --org or --service value of f that db
// holds no data for; report and export call it before they write tables
// that would be empty.
func (a *app) warnUnknownIn(ctx context.Context, db *queries.DB, f queries.Filter) {
	if f.Org == "" && f.Service == "" {
		return
	}
	present, err := db.Present(ctx)
	if err != nil {
		a.log.Warn("could not list what the database holds", "error", err)
		return
	}
	a.warnUnknown(present, f)
}

// warnUnknown warns on stderr for each --org or --service value of f the
// database holds no data for, naming those it does; it reports whether it
// warned.
func (a *app) warnUnknown(present queries.Present, f queries.Filter) (warned bool) {
	for _, c := range []struct {
		flag, value, plural string
		have                []string
		same                func(a, b string) bool
	}{
		{"--org", f.Org, "organisations", present.Orgs, func(a, b string) bool { return a == b }},
		{"--service", f.Service, "services", present.Services, strings.EqualFold},
	} {
		if c.value == "" || slices.ContainsFunc(c.have, func(h string) bool { return c.same(h, c.value) }) {
			continue
		}
		warned = true
		have := strings.Join(c.have, ", ")
		if have == "" {
			have = "none"
		}
		a.log.Warn(fmt.Sprintf("%s %s matches nothing; the %s in the database: %s", c.flag, c.value, c.plural, have))
	}
	return warned
}

// monthOrEmpty formats a filter month, or "" for an open end.
func monthOrEmpty(m time.Time) string {
	if m.IsZero() {
		return ""
	}
	return m.Format("2006-01")
}

// validateInMemory makes validate (dryRun) check in an in-memory database
// when the database file does not exist: validate only reads, and must not
// create one (SPEC §6). Its checks read nothing stored, so the findings
// are the same.
func (a *app) validateInMemory(dryRun bool) error {
	if !dryRun {
		return nil
	}
	ok, err := dbExists(a.cfg.DB)
	if err != nil || ok {
		return err
	}
	a.cfg.DB = ":memory:"
	return nil
}
