package main

import (
	"fmt"
	"log/slog"

	"github.com/gevinst/gevinst/queries"
)

// warnRecovered says once, on stderr and even under --quiet, that opening
// the database rolled back an import killed inside its commit (issue 18,
// queries.Recovery). No batches row names the file, so the message says
// the file is not known; re-running the import loads it.
func (a *app) warnRecovered(db *queries.DB) {
	rec := db.Recovered()
	if rec.Rows() == 0 {
		return
	}
	attrs := []any{"db", a.cfg.DB, "batch_id", rec.BatchIDs}
	for _, t := range []struct {
		name string
		n    int64
	}{{"submissions", rec.Submissions}, {"time_registrations", rec.TimeRegistrations}, {"volumes", rec.Volumes}, {"rejects", rec.Rejects}} {
		if t.n > 0 {
			attrs = append(attrs, slog.Int64(t.name, t.n))
		}
	}
	attrs = append(attrs, "file", "not known (the killed import had not recorded its batch); run that import again")
	a.log.Warn(fmt.Sprintf("an interrupted import was rolled back: %d rows removed", rec.Rows()), attrs...)
}
