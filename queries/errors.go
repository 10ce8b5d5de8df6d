package queries

import (
	"errors"

	"github.com/gevinst/gevinst/queries/engine"
)

// Sentinel errors of package queries; specific errors wrap them with %w,
// so callers test with errors.Is. The import's are package engine's
// values under these names: errors.Is holds across both.
var (
	// ErrDatabase is a failure of the database itself (open, migrate, query).
	ErrDatabase = engine.ErrDatabase
	// ErrInput is a problem with an input file as a whole (unreadable,
	// missing a required column, too many rejects).
	ErrInput = engine.ErrInput
	// ErrConfig is a problem the data reveals in the configuration, such as
	// a role in the data that has no hourly rate.
	ErrConfig = errors.New("configuration does not fit the data")
	// ErrLocked: another process holds the database file (see LockError).
	ErrLocked = errors.New("database in use")
)

// Specific input errors.
var (
	// ErrRejectShare: a file's share of rejected rows is over
	// import.max_reject_share, so the file was refused whole.
	ErrRejectShare = engine.ErrRejectShare
	// ErrMissingColumn: a required canonical column is not in the header,
	// or a column the source's mapping names is not.
	ErrMissingColumn = engine.ErrMissingColumn
	// ErrAmbiguous: the file's dialect cannot be told from its content
	// (e.g. the decimal separator); the message names the flag to set.
	ErrAmbiguous = engine.ErrAmbiguous
)
