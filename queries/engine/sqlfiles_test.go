package engine

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/queries/internal/sqltest"
)

// TestSQLFileNames: every query file the engine names is embedded (a
// typo would panic in mustSQL), and every embedded file is named by it.
func TestSQLFileNames(t *testing.T) { sqltest.CheckFileNames(t, sqlFiles, 40) }

// TestSQLPlaceholders: a file's placeholders are plain names, never in a
// comment.
func TestSQLPlaceholders(t *testing.T) { sqltest.CheckPlaceholders(t, sqlFiles) }

func TestSpliced(t *testing.T) {
	got := spliced("lines_insert.sql", map[string]string{"table": `"line_blank"`, "rows": "('{{rows}}')"})
	if !strings.Contains(got, `INSERT INTO "line_blank" VALUES ('{{rows}}')`) {
		t.Errorf("spliced: %q (a part is not scanned again)", got)
	}
	for _, parts := range []map[string]string{
		{"table": "t"},                           // a placeholder without a part
		{"table": "t", "rows": "r", "other": ""}, // a part without a placeholder
	} {
		func() {
			defer func() {
				r := recover()
				if r == nil {
					t.Errorf("spliced with %v did not panic", slices.Sorted(maps.Keys(parts)))
				} else if !strings.HasPrefix(r.(string), "lines_insert.sql: ") {
					t.Errorf("spliced with %v: panic %q does not name the file", slices.Sorted(maps.Keys(parts)), r)
				}
			}()
			spliced("lines_insert.sql", parts)
		}()
	}
}
