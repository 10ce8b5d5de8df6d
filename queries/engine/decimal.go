package engine

import (
	"database/sql"
	"fmt"
	"strings"
)

// numberVars sets the decimal separator found and the wording of the
// number column's rejects.
func (t *importTx) numberVars(decimal string) error {
	span := t.req.Kind == KindTime && t.req.Mapping.Start != ""
	// example holds the sample values only: with a decimal comma their
	// points become commas, not the ones of "e.g.".
	minutesColumn, what, example := "minutes", "a number", "12 or 12.5"
	switch {
	case span:
		minutesColumn, what, example = t.req.Mapping.Start+"–"+t.req.Mapping.End, "a pair of clock times", "08:15–09:30"
	case t.req.Mapping.Hours:
		minutesColumn, what, example = "minutes (in hours)", "a number of hours", "1.5"
	}
	if decimal == "comma" && !span {
		example = strings.ReplaceAll(example, ".", ",")
	}
	return t.setVars(map[string]any{
		"decimal": decimal, "minutes_column": minutesColumn, "minutes_what": what, "minutes_example": "e.g. " + example,
	})
}

// detectDecimal decides the decimal separator of the file's number column
// (minutes or count): a comma in "1,5" or "1.234,5" says comma; a point in
// "1.5" says point; both in one file, or only "1.234" (a thousands point
// or a decimal point?), is ambiguous. It reads the distinct values of the
// column, which the query distinct returns (a file has few distinct
// numbers, however many rows).
func (t *importTx) detectDecimal(distinct string) (string, error) {
	var comma, point, unsure int64
	var commaEx, pointEx, unsureEx sql.NullString
	err := t.tx.QueryRowContext(t.ctx, spliced("decimal_detect.sql", map[string]string{"distinct": distinct})).
		Scan(&comma, &point, &unsure, &commaEx, &pointEx, &unsureEx)
	if err != nil {
		return "", fmt.Errorf("%w: detect decimal separator: %w", ErrDatabase, err)
	}
	switch {
	case comma > 0 && point > 0:
		return "", fmt.Errorf("%w: %s: %s has both decimal commas ('%s') and decimal points ('%s'); say which with --decimal comma|point",
			ErrAmbiguous, t.req.Name, t.spec.number, commaEx.String, pointEx.String)
	case comma > 0:
		return "comma", nil
	case point == 0 && unsure > 0:
		return "", fmt.Errorf("%w: %s: %s values like '%s' may be a decimal point or a thousands point; say which with --decimal comma|point",
			ErrAmbiguous, t.req.Name, t.spec.number, unsureEx.String)
	}
	return "point", nil
}
