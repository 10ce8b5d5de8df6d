package queries

import (
	"testing"

	"github.com/gevinst/gevinst/queries/internal/sqltest"
)

// TestSQLFileNames: every query file the code names is embedded (a typo
// would panic in mustSQL), and every embedded file but the migrations
// is named by the code.
func TestSQLFileNames(t *testing.T) { sqltest.CheckFileNames(t, sqlFiles, 20) }

// TestSQLPlaceholders: a file's placeholders are plain names, never in a
// comment.
func TestSQLPlaceholders(t *testing.T) { sqltest.CheckPlaceholders(t, sqlFiles) }
