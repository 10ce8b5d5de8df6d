package reports

import (
	"errors"
	"fmt"
)

// ErrReport is the base error of package reports; every error that Write
// returns wraps it, so callers can test with errors.Is.
var ErrReport = errors.New("report")

// ErrLanguage means Input.Lang is neither "nb" nor "en".
var ErrLanguage = fmt.Errorf("%w: unsupported language", ErrReport)

// ErrLabel means a workbook text has no entry in labels (a programming error
// that the tests catch).
var ErrLabel = fmt.Errorf("%w: missing label", ErrReport)
