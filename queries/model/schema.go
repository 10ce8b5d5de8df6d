package model

// One descriptor per column: the column names, Values, the CSV/JSON
// output, `gevinst export`, the small-cell suppression and the workbook
// headers that list the same columns are all derived from a Schema, so
// they cannot drift apart.

// Kind is what a column holds.
type Kind int

// The kinds of a column.
const (
	// Text is a string (the grain columns, labels, notes).
	Text Kind = iota
	// Count is an int64 or NullInt.
	Count
	// Figure is a float64 or Null.
	Figure
	// Flag is a bool or NullBool.
	Flag
)

// Units of a column, for the workbook's number formats.
const (
	UnitMinutes = "minutes"
	UnitShare   = "share"
	UnitDays    = "days"
	UnitMoney   = "money"
	UnitCount   = "count"
)

// Column describes one column of rows of type R.
type Column[R any] struct {
	// Name is the column name of CSV, JSON and export (a public interface).
	Name string
	// Get returns the row's value of the column.
	Get func(R) any
	// Kind is what Get returns; Unit ("" for text and flags) what it measures.
	Kind Kind
	Unit string
	// Suppressible columns are blanked when the row's cell is small
	// (SPEC §8, Small); the grain columns never are.
	Suppressible bool
	// Label is the locale key of the column's workbook header, "" when
	// the column is not on the sheet that lists the row type.
	Label string
	// Channel is set on a per-channel column of a schema built for a
	// channel list (MixSchema, CompareSchema).
	Channel string
}

// Schema is the ordered columns of a row type.
type Schema[R any] []Column[R]

// Names returns the column names in order.
func (s Schema[R]) Names() []string {
	out := make([]string, len(s))
	for i, c := range s {
		out[i] = c.Name
	}
	return out
}

// Values returns the row's values in column order.
func (s Schema[R]) Values(r R) []any {
	out := make([]any, len(s))
	for i, c := range s {
		out[i] = c.Get(r)
	}
	return out
}

// Blank sets the values of vals (in s's order) whose column blank
// reports true to null of their type.
func (s Schema[R]) Blank(vals []any, blank func(Column[R]) bool) {
	for i, c := range s {
		if blank(c) {
			vals[i] = nullOf(vals[i])
		}
	}
}

// Suppress blanks every suppressible value of vals (in s's order) when
// Small says so, and reports whether it did.
func (s Schema[R]) Suppress(vals []any, minCell int, submissions, employees int64) bool {
	if !Small(minCell, submissions, employees) {
		return false
	}
	s.BlankSuppressible(vals)
	return true
}

// BlankSuppressible sets every suppressible value of vals to null.
func (s Schema[R]) BlankSuppressible(vals []any) {
	s.Blank(vals, func(c Column[R]) bool { return c.Suppressible })
}

// Labelled returns the columns with a workbook label, in order.
func (s Schema[R]) Labelled() Schema[R] {
	var out Schema[R]
	for _, c := range s {
		if c.Label != "" {
			out = append(out, c)
		}
	}
	return out
}

// Column constructors, so a schema reads as a table.

func text[R any](name string, get func(R) string) Column[R] {
	return Column[R]{Name: name, Get: func(r R) any { return get(r) }, Kind: Text}
}

func count[R any](name string, get func(R) int64) Column[R] {
	return Column[R]{Name: name, Get: func(r R) any { return get(r) }, Kind: Count, Unit: UnitCount, Suppressible: true}
}

func nullCount[R any](name string, get func(R) NullInt) Column[R] {
	return Column[R]{Name: name, Get: func(r R) any { return get(r) }, Kind: Count, Unit: UnitCount, Suppressible: true}
}

func float[R any](name, unit string, get func(R) float64) Column[R] {
	return Column[R]{Name: name, Get: func(r R) any { return get(r) }, Kind: Figure, Unit: unit, Suppressible: true}
}

func figure[R any](name, unit string, get func(R) Null) Column[R] {
	return Column[R]{Name: name, Get: func(r R) any { return get(r) }, Kind: Figure, Unit: unit, Suppressible: true}
}

func flag[R any](name string, get func(R) bool) Column[R] {
	return Column[R]{Name: name, Get: func(r R) any { return get(r) }, Kind: Flag, Suppressible: true}
}

func nullFlag[R any](name string, get func(R) NullBool) Column[R] {
	return Column[R]{Name: name, Get: func(r R) any { return get(r) }, Kind: Flag, Suppressible: true}
}

// label returns c with a workbook header.
func (c Column[R]) label(key string) Column[R] { c.Label = key; return c }

// kept returns c never blanked by suppression.
func (c Column[R]) kept() Column[R] { c.Suppressible = false; return c }
