package queries

import (
	"context"
	"testing"

	"github.com/gevinst/gevinst/config"
)

// TestOpenAppliesSettings checks the DuckDB settings every command runs
// with (SPEC §10): the configured memory limit and thread count, and the
// allocator's background purging that keeps the report's peak RSS down.
func TestOpenAppliesSettings(t *testing.T) {
	cfg := config.Default()
	cfg.DuckDB.MemoryLimit, cfg.DuckDB.Threads = "300MB", 1
	d := openTest(t, cfg)
	var limit string
	var threads int
	var background bool
	err := d.conn.QueryRowContext(context.Background(), `SELECT current_setting('memory_limit'),
		current_setting('threads'), current_setting('allocator_background_threads')`).Scan(&limit, &threads, &background)
	if err != nil {
		t.Fatal(err)
	}
	// DuckDB reports the limit in its own units (300 MB = 286.1 MiB).
	if limit != "286.1 MiB" || threads != 1 || !background {
		t.Errorf("memory_limit %q, threads %d, allocator_background_threads %v; want 286.1 MiB, 1, true", limit, threads, background)
	}
}
