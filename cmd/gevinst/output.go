package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/gevinst/gevinst/queries/model"
)

// Output formats of metrics and benefits (SPEC §6).
const (
	formatTable = "table"
	formatCSV   = "csv"
	formatJSON  = "json"
)

// checkFormat returns a usage error for an unknown --format.
func checkFormat(f string) error {
	switch f {
	case formatTable, formatCSV, formatJSON:
		return nil
	}
	return usagef("--format %q: expected table, csv or json", f)
}

// writeRows writes rows (each a []any in columns order) as CSV, JSON or an
// aligned table. Machine formats use '.' decimals rounded to 6 places,
// empty (CSV) or null (JSON) for null; the table rounds to 2 places.
func writeRows(w io.Writer, format string, columns []string, rows [][]any) error {
	switch format {
	case formatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(columns); err != nil {
			return err
		}
		for _, r := range rows {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i], _ = formatValue(v, 6)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case formatJSON:
		var b strings.Builder
		b.WriteString("[")
		for n, r := range rows {
			if n > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  {")
			for i, v := range r {
				if i > 0 {
					b.WriteString(", ")
				}
				key, _ := json.Marshal(columns[i])
				b.Write(key)
				b.WriteString(": ")
				s, isText := formatValue(v, 6)
				switch {
				case isText:
					val, _ := json.Marshal(s)
					b.Write(val)
				case s == "":
					b.WriteString("null")
				default:
					b.WriteString(s)
				}
			}
			b.WriteString("}")
		}
		b.WriteString("\n]\n")
		_, err := io.WriteString(w, b.String())
		return err
	default:
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, strings.Join(columns, "\t")+"\t")
		for _, r := range rows {
			cells := make([]string, len(r))
			for i, v := range r {
				cells[i], _ = formatValue(v, 2)
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
		}
		return tw.Flush()
	}
}

// formatValue renders one value; isText is true for strings.
func formatValue(v any, decimals int) (s string, isText bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		return x, true
	case int64:
		return strconv.FormatInt(x, 10), false
	case float64:
		return formatFloat(x, decimals), false
	case model.Null:
		if !x.Valid {
			return "", false
		}
		return formatFloat(x.Float64, decimals), false
	case bool:
		return strconv.FormatBool(x), false
	case model.NullInt:
		if !x.Valid {
			return "", false
		}
		return strconv.FormatInt(x.Int64, 10), false
	case model.NullBool:
		if !x.Valid {
			return "", false
		}
		return strconv.FormatBool(x.Bool), false
	default:
		return fmt.Sprint(x), true
	}
}

// formatFloat rounds to the given decimals and drops trailing zeros, so
// the same figure always prints the same way ("-0" prints as "0").
func formatFloat(f float64, decimals int) string {
	s := strconv.FormatFloat(f, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" || math.IsNaN(f) {
		return "0"
	}
	return s
}
