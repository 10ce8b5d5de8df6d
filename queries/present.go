package queries

import (
	"context"
	"fmt"
)

// Present is what the database holds data for: the values a filter can
// match, and the months of the data (YYYY-MM; empty when it holds none).
type Present struct {
	Orgs, Services []string
	First, Last    string
}

// Present lists the organisations and services that hold any data and the
// range of months, so a command whose filter matched nothing can say what
// exists (present.sql, range.sql).
func (d *DB) Present(ctx context.Context) (Present, error) {
	var p Present
	rows, err := d.conn.QueryContext(ctx, mustSQL("present.sql"))
	if err != nil {
		return p, fmt.Errorf("%w: present.sql: %w", ErrDatabase, err)
	}
	defer rows.Close()
	for rows.Next() {
		var what, value string
		if err := rows.Scan(&what, &value); err != nil {
			return p, fmt.Errorf("%w: present.sql: %w", ErrDatabase, err)
		}
		if what == "org" {
			p.Orgs = append(p.Orgs, value)
		} else {
			p.Services = append(p.Services, value)
		}
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("%w: present.sql: %w", ErrDatabase, err)
	}
	first, last, ok, err := d.Range(ctx)
	if err != nil || !ok {
		return p, err
	}
	p.First, p.Last = first.Format("2006-01"), last.Format("2006-01")
	return p, nil
}
