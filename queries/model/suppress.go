package model

// The small-cell rule of SPEC §8, in one place: the workbook, `gevinst
// export` and `metrics`/`benefits --suppress` all decide with Small and
// blank with Schema.Suppress.

// CellKey names a metrics cell (Channel set) or a benefits cell (Channel
// ""); Period is the period of the grain ("2024-03", "2024-01..2024-06").
type CellKey struct{ Org, Service, Channel, Period string }

// Small reports whether a figure is hidden (SPEC §8): it is built from
// fewer than minCell submissions, or its staff minutes come from fewer
// than minCell distinct employees. A zero is not small: no submissions
// (or no minutes, no employees) disclose no one, and a figure over none
// is empty anyway. minCell 0 or less turns suppression off.
func Small(minCell int, submissions, employees int64) bool {
	mc := int64(minCell)
	return mc > 0 && ((submissions > 0 && submissions < mc) || (employees > 0 && employees < mc))
}

// nullOf is the null of v's type (nil for text and unknown types).
func nullOf(v any) any {
	switch v.(type) {
	case Null, float64:
		return Null{}
	case NullInt, int64:
		return NullInt{}
	case NullBool, bool:
		return NullBool{}
	}
	return nil
}
