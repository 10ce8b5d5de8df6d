//go:build duckdb_arrow

package queries

import "testing"

func init() { stagers["arrow"] = (*DB).stageArrow }

func BenchmarkStageArrow(b *testing.B) { benchStage(b, (*DB).stageArrow) }
