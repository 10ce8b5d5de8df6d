package engine

// Tuning holds the sizes the import works with. New gives every Engine
// the defaults below; a test shrinks them on the Engine it made (its
// Tune), so no package variable changes under another test and tests can
// run in parallel.
type Tuning struct {
	// SampleRows is how many records the sample reads at most
	// (sample_time.sql, about 50 ms); a file whose later records need
	// another decimal separator or rule out a shortcut is loaded twice.
	SampleRows int64
	// MinSampleRows is how many it reads at least: a file's sample is a
	// tenth of its records between the two (sampleRows).
	MinSampleRows int64
	// MaxNotedValues bounds each set of distinct texts a load notes
	// (numbers, dates; tens of bytes an entry). A file with more distinct
	// minutes texts than this has its decimal separator found by another
	// read, and one with more distinct dates is loaded again without the
	// plain date cast.
	MaxNotedValues int
	// StageRowBatch is how many rows the Arrow loader hands to DuckDB at
	// once: one DuckDB row group.
	StageRowBatch int
}

// DefaultTuning is what New sets.
func DefaultTuning() Tuning {
	return Tuning{SampleRows: 100_000, MinSampleRows: 10_000, MaxNotedValues: 1 << 20, StageRowBatch: 122_880}
}

// sampleRows is how many records a file's sample reads, given the lines
// its scan counted (LineMap.Lines, 0 when unknown): a tenth of them,
// within [MinSampleRows, SampleRows]; SampleRows when unknown. A wrong
// guess costs a second load, which for a small file is small, while a
// sample of SampleRows read a monthly file whole (90 k records: 0.1 s of
// its 0.8 s import).
func (t Tuning) sampleRows(lines int64) int64 {
	if lines <= 0 {
		return t.SampleRows
	}
	return min(t.SampleRows, max(t.MinSampleRows, lines/10))
}
