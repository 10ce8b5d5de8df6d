//go:build !duckdb_arrow

package queries

import (
	"context"
	"database/sql"
)

// stageLoader names the loader stageTable uses in this build.
const stageLoader = "appender"

func (d *DB) stageRows(ctx context.Context, tx *sql.Tx, src RowSource) (int64, error) {
	return d.stageAppender(ctx, tx, src)
}
