package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// typeFile reads the file, maps it onto the canonical columns (the view
// mapped) and types it (the kind's view typed). It returns the decimal
// separator to read numbers with: "point", "comma", or "auto" while it is
// still to be detected (numbers are then read with a point).
func (t *importTx) typeFile() (decimal string, err error) {
	if err := t.setVars(map[string]any{"kind": string(t.req.Kind)}); err != nil {
		return "", err
	}
	source, lineExpr, err := t.read()
	if err != nil {
		return "", err
	}
	cols, err := t.mapSource(source, lineExpr)
	if err != nil {
		return "", err
	}
	span := t.req.Kind == KindTime && t.req.Mapping.Start != ""
	var missing []string
	for _, c := range t.spec.required {
		if !slices.Contains(cols, c) && !(span && c == "minutes") {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return "", fmt.Errorf("%w: %s: missing required column(s) %v for %s (the file has %v; map others with sources.<name>.columns)",
			ErrMissingColumn, t.req.Name, missing, t.req.Kind, withoutInternal(cols))
	}
	org := t.req.Mapping.Org
	if org == "" {
		if err := t.tx.QueryRowContext(t.ctx, mustSQL("config_org.sql")).Scan(&org); err != nil {
			return "", fmt.Errorf("%w: %w", ErrDatabase, err)
		}
	}
	decimal = t.req.Decimal
	if decimal != "comma" && decimal != "point" {
		decimal = "auto"
	}
	if t.spec.number == "" || span {
		decimal = "point"
	}
	factor := 1.0
	if t.req.Mapping.Hours {
		factor = 60
	}
	where := "sources." + t.req.Source
	// What an unknown channel's reject tells the user to do: a source
	// maps its own names onto the channels (SPEC §2.4).
	remedy := "; or add it to channels.list"
	if t.req.Source == "" {
		where = "the mapping"
	} else {
		remedy = "; map it in " + where + ".values.channel, or add it to channels.list"
	}
	if err := t.setVars(map[string]any{
		"source_key": where, "channel_remedy": remedy,
		"default_org": org, "decimal": decimal, "staged_decimal": decimal,
		"minutes_factor": factor, "minutes_from_span": span,
	}); err != nil {
		return "", err
	}
	// the fast import's shortcuts, off until its sample suggests them
	if err := t.setVars(loadGuess{decimal: decimal}.vars()); err != nil {
		return "", err
	}
	if _, err := t.tx.ExecContext(t.ctx, mustSQL(t.spec.stage)); err != nil {
		return "", fmt.Errorf("%w: type %s: %w", ErrDatabase, t.req.Name, err)
	}
	return decimal, nil
}

// normName is how column names are compared: lower case, blanks as one
// underscore ("Received At" → received_at).
func normName(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), "_") }

// mapSource creates the temp view mapped over the source relation: the
// row's line as src_line, then every column of the file under its
// normalised name, or the canonical name the mapping gives it, with the
// configured value maps applied, and NULL for each canonical column the
// file lacks. It returns the column names the file provides.
func (t *importTx) mapSource(source, lineExpr string) ([]string, error) {
	cols, err := t.columnsOf(source)
	if err != nil {
		if t.req.Format == FormatCSV {
			return nil, fmt.Errorf("%w: %s: cannot be read as CSV: %w", ErrInput, t.req.Name, err)
		}
		return nil, fmt.Errorf("%w: %w", ErrDatabase, err)
	}
	target := map[string]string{}
	for from, to := range t.req.Mapping.Columns {
		target[normName(from)] = to
	}
	if t.req.Mapping.Start != "" {
		target[normName(t.req.Mapping.Start)] = "gevinst_start"
		target[normName(t.req.Mapping.End)] = "gevinst_end"
	}
	if err := t.mappedColumnsPresent(cols, target); err != nil {
		return nil, err
	}
	targets := map[string]bool{}
	for _, to := range target {
		targets[to] = true
	}
	sel := []string{lineExpr + ` AS src_line`}
	var names []string
	// gevinst's own column is not a file's (a file column of that name
	// is refused below rather than shadowing it)
	seen := map[string]string{"gevinst_unmapped": "gevinst_unmapped"}
	var unmapped unmappedValues
	for _, c := range cols {
		if c == "gevinst_rn" || c == "gevinst_line" {
			continue
		}
		name := normName(c)
		if to, ok := target[name]; ok {
			name = to
		} else if targets[name] {
			// The file also has a column with the canonical name that
			// another column is mapped onto: keep it, out of the way.
			name = "source_" + name
		}
		if prev, dup := seen[name]; dup {
			return nil, fmt.Errorf("%w: %s: columns %q and %q both become %s", ErrInput, t.req.Name, prev, c, name)
		}
		seen[name] = c
		names = append(names, name)
		sel = append(sel, valueMapped(QuoteIdent(c), t.req.Mapping.Values[name])+` AS `+QuoteIdent(name))
		if !t.req.Mapping.KeepUnmapped && slices.Contains(unmappedRejected, name) {
			unmapped.add(QuoteIdent(c), name, t.req.Mapping.Values[name])
		}
	}
	sel = append(sel, unmapped.expr()+` AS gevinst_unmapped`)
	extra := slices.Clone(t.spec.optional)
	extra = append(extra, t.spec.required...)
	if t.req.Kind == KindTime {
		extra = append(extra, "gevinst_start", "gevinst_end")
	}
	for _, c := range extra {
		if _, ok := seen[c]; !ok {
			sel = append(sel, `NULL::VARCHAR AS `+QuoteIdent(c))
		}
	}
	if _, err := t.tx.ExecContext(t.ctx, spliced("map_view.sql", map[string]string{"columns": strings.Join(sel, ", "), "source": source})); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrDatabase, t.req.Name, err)
	}
	return names, nil
}

// mappedColumnsPresent fails unless every source column the mapping names
// (columns, start_column, end_column) is in the file: a misspelt name
// would otherwise leave its canonical column empty on every row, and for
// an optional column nothing would say so.
func (t *importTx) mappedColumnsPresent(cols []string, target map[string]string) error {
	have := make(map[string]bool, len(cols))
	var names []string
	for _, c := range cols {
		if c == "gevinst_rn" || c == "gevinst_line" {
			continue
		}
		have[normName(c)] = true
		names = append(names, c)
	}
	var missing []string
	for from, to := range target {
		if !have[from] {
			if to == "gevinst_start" || to == "gevinst_end" {
				to = strings.TrimPrefix(to, "gevinst_") + "_column"
			}
			missing = append(missing, fmt.Sprintf("%q (→ %s)", from, to))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	where := "the mapping"
	if t.req.Source != "" {
		where = "sources." + t.req.Source
	}
	return fmt.Errorf("%w: %s: %s names column(s) the file does not have: %s (the file has: %s); correct the name in the config, or remove the mapping",
		ErrMissingColumn, t.req.Name, where, strings.Join(missing, ", "), strings.Join(names, ", "))
}

// unmappedRejected are the canonical columns whose value map, when a
// source has one, must know every value (SPEC §2; sources.<name>.unmapped).
// Channel is not among them: its values must be configured channels,
// mapped or not (the kinds' checks).
var unmappedRejected = []string{"org", "role", "activity", "service"}

// unmappedValues builds the mapped view's column gevinst_unmapped: for a
// row with a value its column's map lacks, the list of those columns and
// values as written (JSON text of [{column_name, raw_value}]: NULL text
// keeps the stage narrower than a NULL list), else NULL. The kinds'
// checks reject such rows (check_unmapped.sql spells out the reasons).
type unmappedValues struct{ conds, items []string }

// add notes the source column col (quoted), canonical column name, with
// its value map (keys in lower case; none: nothing to check).
func (u *unmappedValues) add(col, name string, values map[string]string) {
	if len(values) == 0 {
		return
	}
	keys := make([]string, 0, len(values))
	seen := map[string]bool{}
	for f := range values {
		k := strings.ToLower(strings.TrimSpace(f))
		if !seen[k] {
			seen[k] = true
			keys = append(keys, QuoteLiteral(k))
		}
	}
	sort.Strings(keys)
	// gevinst_text: an empty value is no value (the required checks see it).
	cond := `lower(gevinst_text(` + col + `)) NOT IN (` + strings.Join(keys, ", ") + `)`
	u.conds = append(u.conds, cond)
	u.items = append(u.items, `CASE WHEN `+cond+` THEN {'column_name': `+QuoteLiteral(name)+
		`, 'raw_value': gevinst_text(`+col+`)} END`)
}

// expr is the SQL of gevinst_unmapped (a typed NULL when no map is checked).
func (u *unmappedValues) expr() string {
	if len(u.conds) == 0 {
		return `NULL::VARCHAR`
	}
	return `CASE WHEN ` + strings.Join(u.conds, " OR ") + ` THEN to_json(list_filter([` + strings.Join(u.items, ", ") +
		`], x -> x IS NOT NULL))::VARCHAR END`
}

// withoutInternal drops gevinst's own staging columns from a column list.
func withoutInternal(cols []string) []string {
	return slices.DeleteFunc(slices.Clone(cols), func(c string) bool { return strings.HasPrefix(c, "gevinst_") })
}

// valueMapped wraps a column in the configured value map (case-insensitive,
// trimmed), so a value the map does not know stays as written and is
// rejected with its own text. Maps are small: a CASE of literals.
func valueMapped(col string, values map[string]string) string {
	if len(values) == 0 {
		return col
	}
	from := make([]string, 0, len(values))
	for f := range values {
		from = append(from, f)
	}
	sort.Strings(from)
	var b strings.Builder
	b.WriteString(`CASE lower(trim(` + col + `))`)
	seen := map[string]bool{}
	for _, f := range from {
		k := strings.ToLower(strings.TrimSpace(f))
		if seen[k] {
			continue // the same value written twice: the first (sorted) wins
		}
		seen[k] = true
		b.WriteString(` WHEN ` + QuoteLiteral(k) + ` THEN ` + QuoteLiteral(values[f]))
	}
	b.WriteString(` ELSE ` + col + ` END`)
	return b.String()
}
