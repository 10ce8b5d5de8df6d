package reports

import (
	"errors"
	"fmt"
)

// ErrReport is the base error of package reports. ErrLanguage and ErrLabel
// derive from it and a failure to save the workbook wraps it, so callers
// can test those with errors.Is; an error excelize returns while a sheet
// is drawn is passed on wrapped with the sheet's name, not with ErrReport.
var ErrReport = errors.New("report")

// ErrLanguage means Input.Lang is neither "nb" nor "en".
var ErrLanguage = fmt.Errorf("%w: unsupported language", ErrReport)

// ErrLabel means a workbook text has no entry in labels (a programming error
// that the tests catch).
var ErrLabel = fmt.Errorf("%w: missing label", ErrReport)
