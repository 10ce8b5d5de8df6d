package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/gevinst/gevinst/"

// TestReadmesNameEveryImport: every package has a README.md whose "May
// import:" paragraph names, in backticks, each package of this module
// that the package's own (non-test) files import — so the README says
// what the package may use, and a new dependency across the layers shows
// up as a failing test, not as a surprise.
func TestReadmesNameEveryImport(t *testing.T) {
	root := "../.."
	imports := map[string]map[string]bool{} // package dir -> module imports
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "bin") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir, _ := filepath.Rel(root, filepath.Dir(path))
		dir = filepath.ToSlash(dir)
		if imports[dir] == nil {
			imports[dir] = map[string]bool{}
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if rest, ok := strings.CutPrefix(p, module); ok {
				imports[dir][rest] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 10 {
		t.Fatalf("found %d packages; is the walk rooted at the repository?", len(imports))
	}
	mayImport := regexp.MustCompile(`(?s)May import:(.*?)(\n\n|$)`)
	for dir, ims := range imports {
		readme, err := os.ReadFile(filepath.Join(root, dir, "README.md"))
		if err != nil {
			t.Errorf("%s: no README.md saying what it owns and may import", dir)
			continue
		}
		m := mayImport.FindSubmatch(readme)
		if m == nil {
			t.Errorf("%s/README.md: no \"May import:\" paragraph", dir)
			continue
		}
		for im := range ims {
			if !strings.Contains(string(m[1]), "`"+im+"`") {
				t.Errorf("%s imports %s, which its README's \"May import:\" does not name", dir, im)
			}
		}
	}
}
