package readers

import (
	"errors"
	"fmt"
)

// Sentinel errors of package readers; specific errors wrap them with %w,
// so callers test with errors.Is. A *RowError is not one of these: it is
// a per-row problem and reading goes on.
var (
	// ErrInput is a problem with an input file as a whole: it cannot be
	// opened, is not the format it claims, or has no usable header.
	ErrInput = errors.New("input error")
	// ErrLimit: the file is over one of the input limits (SPEC §8), such as
	// the unzipped size of a workbook or its number of cells.
	ErrLimit = fmt.Errorf("%w: over an input limit", ErrInput)
	// ErrNoSheet: the workbook has no sheet of the requested name.
	ErrNoSheet = fmt.Errorf("%w: no such sheet", ErrInput)
)
