package queries

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
)

var (
	sqlComment = regexp.MustCompile(`--[^\n]*`)
	sqlGetVar  = regexp.MustCompile(`(?i)getvariable\('([a-z0-9_]+)'\)`)
	sqlSetVar  = regexp.MustCompile(`(?i)\bSET VARIABLE "?([a-z0-9_]+)`)
	sqlCreate  = regexp.MustCompile(`(?i)\bCREATE (?:OR REPLACE )?TEMP(?:ORARY)? (TABLE|VIEW) (?:IF NOT EXISTS )?"?([a-z0-9_]+)`)
)

// stagingUse is what one SQL text creates and reads: name → kind.
type stagingUse struct{ created, read map[string]stagingKind }

// stagingIn finds the variables SQL text sets and reads, the temp tables
// and views it creates, and the declared tables and views it names
// elsewhere (reads). Comments do not count.
func stagingIn(text string) stagingUse {
	text = sqlComment.ReplaceAllString(text, "")
	u := stagingUse{map[string]stagingKind{}, map[string]stagingKind{}}
	for _, m := range sqlSetVar.FindAllStringSubmatch(text, -1) {
		u.created[strings.ToLower(m[1])] = stagingVariable
	}
	for _, m := range sqlGetVar.FindAllStringSubmatch(text, -1) {
		u.read[strings.ToLower(m[1])] = stagingVariable
	}
	for _, m := range sqlCreate.FindAllStringSubmatch(text, -1) {
		k := stagingTable
		if strings.EqualFold(m[1], "VIEW") {
			k = stagingView
		}
		u.created[strings.ToLower(m[2])] = k
	}
	rest := sqlCreate.ReplaceAllString(text, "")
	for _, s := range stagingNames {
		if s.kind == stagingVariable {
			continue
		}
		if regexp.MustCompile(`(?i)\b` + s.name + `\b`).MatchString(rest) {
			u.read[s.name] = s.kind
		}
	}
	return u
}

// TestStagingNames: the declared list is what the import's SQL does:
// every variable it sets or reads and every temp table or view it creates
// is declared with that kind; the stages that read a name are the ones
// declared; a stage that creates one in SQL is among its creators; and
// every declared name is read by some embedded SQL.
func TestStagingNames(t *testing.T) {
	declared := map[string]stagingName{}
	for _, s := range stagingNames {
		if _, dup := declared[s.name]; dup {
			t.Errorf("%s is declared twice", s.name)
		}
		declared[s.name] = s
	}
	// Every file the engine's Go files run has a stage.
	for n, inEngine := range sqlNamesIn(t, "import.go", "rowload.go", "rowload_arrow.go", "session.go", "notes.go", "lines.go") {
		if _, ok := stageOf[sqlFile(n)]; !ok && inEngine {
			t.Errorf("%s is run by the import but has no stage in stageOf", n)
		}
	}
	reads := map[string]map[string]bool{} // name → stages
	for _, f := range slices.Sorted(maps.Keys(stageOf)) {
		stage := stageOf[f]
		u := stagingIn(mustSQL(f))
		for n, k := range u.created {
			s, ok := declared[n]
			switch {
			case !ok:
				t.Errorf("%s: %s %s is not declared in stagingNames", f, k, n)
			case s.kind != k:
				t.Errorf("%s: %s is a %s, declared a %s", f, n, k, s.kind)
			case !slices.Contains(s.created, stage):
				t.Errorf("%s: %s is created by stage %s, declared by %v", f, n, stage, s.created)
			}
		}
		for n, k := range u.read {
			if _, ok := declared[n]; !ok {
				t.Errorf("%s: %s %s is not declared in stagingNames", f, k, n)
				continue
			}
			if reads[n] == nil {
				reads[n] = map[string]bool{}
			}
			reads[n][stage] = true
		}
	}
	// Read anywhere: the metrics' SQL reads the session's variables.
	all := map[string]bool{}
	files, _ := sqlFilesAll()
	for _, f := range files {
		for n := range stagingIn(mustSQL(f)).read {
			all[n] = true
		}
	}
	for _, s := range stagingNames {
		got := slices.Sorted(maps.Keys(reads[s.name]))
		want := slices.Sorted(slices.Values(s.read))
		if !slices.Equal(got, want) {
			t.Errorf("%s is read by stages %v, declared %v", s.name, got, want)
		}
		if !all[s.name] {
			t.Errorf("%s is declared but no embedded SQL reads it", s.name)
		}
		if len(s.created) == 0 {
			t.Errorf("%s has no creating stage", s.name)
		}
	}
}

// TestImportDropsStaging: after fast imports with problems (repeated
// keys, unreadable records), the connection holds no temp table or view
// of the import's but the session's, and every temp object it holds is
// declared.
func TestImportDropsStaging(t *testing.T) {
	d := openTest(t, config.Default())
	ctx := context.Background()
	timePath, _ := timeFixture(t, 3000, false, false)
	subPath, _ := submissionsFixture(t, 3000)
	importTest(t, d, KindTime, timePath)
	importTest(t, d, KindSubmissions, subPath)
	rows, err := d.conn.QueryContext(ctx, `SELECT table_name FROM duckdb_tables() WHERE temporary
		UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	declared := map[string]stagingName{}
	for _, s := range stagingNames {
		declared[s.name] = s
	}
	n := 0
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		n++
		s, ok := declared[name]
		switch {
		case !ok:
			t.Errorf("temp object %s is left after the imports and is not declared in stagingNames", name)
		case !s.session:
			t.Errorf("temp object %s is left after the imports (dropStaging)", name)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 6 {
		t.Errorf("only %d temp objects: the session's cfg_* and line_* tables are missing", n)
	}
}

// TestSetVarsUndeclared: a variable not in stagingNames is refused, by name.
func TestSetVarsUndeclared(t *testing.T) {
	d := openTest(t, config.Default())
	ctx := context.Background()
	tx, err := d.conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := setVars(ctx, tx, map[string]any{"batch_id": 1}); err != nil {
		t.Errorf("declared variable: %v", err)
	}
	err = setVars(ctx, tx, map[string]any{"batch_idd": 1})
	if err == nil || !strings.Contains(err.Error(), "batch_idd") {
		t.Errorf("undeclared variable batch_idd: %v", err)
	}
}
