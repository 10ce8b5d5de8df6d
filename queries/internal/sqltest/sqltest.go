// Package sqltest holds the checks that queries and queries/engine run on
// their embedded .sql files, each over its own embed.FS: the file names
// the Go code writes and the placeholders the files hold. Tests only.
package sqltest

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

// Names returns each query file name written in the Go files paths
// ("name.sql" literals), with whether a non-test file writes it.
func Names(t testing.TB, paths ...string) map[string]bool {
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

// Files lists the query files embedded in files.
func Files(t testing.TB, files fs.FS) []string {
	t.Helper()
	names, err := fs.Glob(files, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// CheckFileNames checks that every query file the package's Go files (in
// the test's working directory) name is embedded in files — a typo would
// panic at run time — and that every embedded file but the migrations
// (NNNN_*.sql) is named by a non-test Go file. min guards against a
// parser that finds nothing.
func CheckFileNames(t testing.TB, files fs.FS, min int) {
	t.Helper()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	names := Names(t, paths...)
	if len(names) < min {
		t.Fatalf("found only %d query file names in the Go files: %v", len(names), names)
	}
	for n := range names {
		if _, err := fs.Stat(files, n); err != nil {
			t.Errorf("%s is named in the code but not embedded: %v", n, err)
		}
	}
	migration := regexp.MustCompile(`^[0-9]{4}_.*\.sql$`)
	for _, f := range Files(t, files) {
		if !migration.MatchString(f) && !names[f] {
			t.Errorf("%s is embedded but no Go file outside the tests runs it", f)
		}
	}
}

// CheckPlaceholders checks that the files' placeholders are plain names,
// never in a comment (Splice replaces them everywhere, and a part with a
// line break would end the comment).
func CheckPlaceholders(t testing.TB, files fs.FS) {
	t.Helper()
	ph := regexp.MustCompile(`\{\{([^}]*)\}\}`)
	plain := regexp.MustCompile(`^[a-z_]+$`)
	for _, f := range Files(t, files) {
		text, err := fs.ReadFile(files, f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(text), "\n") {
			for _, m := range ph.FindAllStringSubmatch(line, -1) {
				if !plain.MatchString(m[1]) {
					t.Errorf("%s:%d: placeholder %q is not a plain name", f, i+1, m[0])
				}
				if strings.HasPrefix(strings.TrimSpace(line), "--") {
					t.Errorf("%s:%d: placeholder %s in a comment", f, i+1, m[0])
				}
			}
		}
	}
}
