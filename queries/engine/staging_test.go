package engine

import (
	"context"
	"github.com/gevinst/gevinst/queries/internal/sqltest"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
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
	goFiles, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for n, inEngine := range sqltest.Names(t, goFiles...) {
		if _, ok := stageOf[sqlFile(n)]; !ok && inEngine {
			t.Errorf("%s is run by the import but has no stage in stageOf", n)
		}
	}
	// The stages' SQL: the engine's files (stageOf), and the files package
	// queries runs to set up the session (stage session).
	texts := map[string]string{}
	stages := map[string]string{}
	for f, stage := range stageOf {
		texts[string(f)], stages[string(f)] = mustSQL(f), stage
	}
	session := sqltest.Names(t, "../session.go")
	if len(session) < 5 {
		t.Fatalf("../session.go runs only %v", session)
	}
	for n := range session {
		b, err := os.ReadFile(filepath.Join("..", n))
		if err != nil {
			if _, ok := stageOf[sqlFile(n)]; ok {
				continue // the engine's, run through it
			}
			t.Fatalf("../session.go runs %s: %v", n, err)
		}
		texts[n], stages[n] = string(b), stageSession
	}
	reads := map[string]map[string]bool{} // name → stages
	for _, f := range slices.Sorted(maps.Keys(stages)) {
		stage := stages[f]
		u := stagingIn(texts[f])
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
	// Read anywhere: the metrics' SQL (package queries) reads the
	// session's variables.
	all := map[string]bool{}
	for _, f := range sqltest.Files(t, sqlFiles) {
		for n := range stagingIn(mustSQL(sqlFile(f))).read {
			all[n] = true
		}
	}
	outside, err := filepath.Glob("../*.sql")
	if err != nil || len(outside) < 10 {
		t.Fatalf("package queries' SQL: %v (%v)", outside, err)
	}
	for _, p := range outside {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for n := range stagingIn(string(b)).read {
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

// TestSetVarsUndeclared: a variable not in stagingNames is refused, by name.
func TestSetVarsUndeclared(t *testing.T) {
	e := openTest(t)
	ctx := context.Background()
	tx, err := e.conn.BeginTx(ctx, nil)
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
