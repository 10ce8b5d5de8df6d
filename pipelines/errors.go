package pipelines

import (
	"errors"
	"fmt"
)

// Sentinel errors of package pipelines (errors from package queries pass
// through wrapped, so errors.Is works for both).
var (
	// ErrKey is a problem with the pseudonym key.
	ErrKey = errors.New("pseudonym key")
	// ErrFile is a file that cannot be opened or read.
	ErrFile = errors.New("input file")
	// ErrLimit is a file over an input limit (import.max_*, SPEC §8).
	ErrLimit = fmt.Errorf("%w: over an input limit", ErrFile)
	// ErrSource is a --source that is not configured or does not fit.
	ErrSource = errors.New("source")
	// ErrRejected is returned when some files were refused or failed;
	// the others were imported.
	ErrRejected = errors.New("some files were not imported")
	// ErrInterrupted is returned when the context was cancelled (Ctrl-C)
	// during an import: the file being imported was rolled back.
	ErrInterrupted = errors.New("interrupted")
)
