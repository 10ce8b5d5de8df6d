package queries

import (
	"context"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries/engine"
)

// TestImportDropsStaging: after fast imports with problems (repeated
// keys, unreadable records), the connection holds no temp table or view
// of the import's but the session's, and every temp object it holds is
// declared.
func TestImportDropsStaging(t *testing.T) {
	d := openTest(t, config.Default())
	ctx := context.Background()
	timePath, _ := timeFixture(t, 3000, false, false)
	subPath, _ := submissionsFixture(t, 3000)
	importTest(t, d, KindTime, timePath)
	importTest(t, d, KindSubmissions, subPath)
	rows, err := d.conn.QueryContext(ctx, `SELECT table_name FROM duckdb_tables() WHERE temporary
		UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		n++
		declared, session := engine.Staging(name)
		switch {
		case !declared:
			t.Errorf("temp object %s is left after the imports and is not declared in stagingNames", name)
		case !session:
			t.Errorf("temp object %s is left after the imports (dropStaging)", name)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 6 {
		t.Errorf("only %d temp objects: the session's cfg_* and line_* tables are missing", n)
	}
}
