package queries

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sqlNames returns each query file name written in the package's Go
// files ("name.sql" literals), with whether a non-test file writes it.
func sqlNames(t *testing.T) map[string]bool {
	t.Helper()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	return sqlNamesIn(t, paths...)
}

// sqlNamesIn is sqlNames over the Go files paths.
func sqlNamesIn(t *testing.T, paths ...string) map[string]bool {
	t.Helper()
	name := regexp.MustCompile(`^[a-z0-9_]+\.sql$`)
	names := map[string]bool{}
	fset := token.NewFileSet()
	for _, p := range paths {
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && name.MatchString(s) {
				names[s] = names[s] || !strings.HasSuffix(p, "_test.go")
			}
			return true
		})
	}
	return names
}

// TestSQLFileNames: every query file the code names is embedded (a typo
// would panic in mustSQL), and every embedded file but the migrations
// (NNNN_*.sql, found by their pattern) is named by the code.
func TestSQLFileNames(t *testing.T) {
	names := sqlNames(t)
	if len(names) < 20 {
		t.Fatalf("found only %d query file names in the Go files: %v", len(names), names)
	}
	for n := range names {
		if _, err := fs.Stat(sqlFiles, n); err != nil {
			t.Errorf("%s is named in the code but not embedded: %v", n, err)
		}
	}
	files, err := sqlFilesAll()
	if err != nil {
		t.Fatal(err)
	}
	migration := regexp.MustCompile(`^[0-9]{4}_.*\.sql$`)
	for _, f := range files {
		if !migration.MatchString(string(f)) && !names[string(f)] {
			t.Errorf("%s is embedded but no Go file outside the tests runs it", f)
		}
	}
}

// TestSQLPlaceholders: a file's placeholders are plain names, never in a
// comment (spliced replaces them everywhere, and a part with a line
// break would end the comment).
func TestSQLPlaceholders(t *testing.T) {
	files, _ := fs.Glob(sqlFiles, "*.sql")
	ph := regexp.MustCompile(`\{\{([^}]*)\}\}`)
	for _, f := range files {
		text := mustSQL(sqlFile(f))
		for i, line := range strings.Split(text, "\n") {
			for _, m := range ph.FindAllStringSubmatch(line, -1) {
				if !regexp.MustCompile(`^[a-z_]+$`).MatchString(m[1]) {
					t.Errorf("%s:%d: placeholder %q is not a plain name", f, i+1, m[0])
				}
				if strings.HasPrefix(strings.TrimSpace(line), "--") {
					t.Errorf("%s:%d: placeholder %s in a comment", f, i+1, m[0])
				}
			}
		}
	}
}

// sqlFilesAll lists the embedded query files.
func sqlFilesAll() ([]sqlFile, error) {
	names, err := fs.Glob(sqlFiles, "*.sql")
	files := make([]sqlFile, len(names))
	for i, n := range names {
		files[i] = sqlFile(n)
	}
	return files, err
}
