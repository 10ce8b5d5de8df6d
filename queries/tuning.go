package queries

// tuning holds the sizes the import works with. Open gives every DB the
// defaults below; a test shrinks them on the DB it opened (d.tune), so no
// package variable changes under another test and tests can run in
// parallel.
type tuning struct {
	// sampleRows is how many records the sample reads (sample_time.sql,
	// about 50 ms); a file whose later records need another decimal
	// separator or rule out a shortcut is loaded twice.
	sampleRows int64
	// maxNotedValues bounds each set of distinct texts a load notes
	// (numbers, dates; tens of bytes an entry). A file with more distinct
	// minutes texts than this has its decimal separator found by another
	// read, and one with more distinct dates is loaded again without the
	// plain date cast.
	maxNotedValues int
	// stageRowBatch is how many rows the Arrow loader hands to DuckDB at
	// once: one DuckDB row group.
	stageRowBatch int
}

// defaultTuning is what Open sets.
func defaultTuning() tuning {
	return tuning{sampleRows: 100_000, maxNotedValues: 1 << 20, stageRowBatch: 122_880}
}
