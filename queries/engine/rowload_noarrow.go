//go:build !duckdb_arrow

package engine

import (
	"context"
	"database/sql"
)

// stageLoader names the loader stageTable uses in this build.
const stageLoader = "appender"

func (e *Engine) stageRows(ctx context.Context, tx *sql.Tx, src RowSource) (int64, error) {
	return e.stageAppender(ctx, tx, src)
}
