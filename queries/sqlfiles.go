package queries

import "github.com/gevinst/gevinst/queries/engine"

// sqlFile names an embedded query file (queries/*.sql; the import's are
// in queries/engine, which has the same checks). Every statement gevinst
// runs is in one; TestSQLFileNames checks that each name the code gives
// exists and that each file (migrations aside) is named.
type sqlFile string

// mustSQL returns the text of an embedded query file. A missing file is a
// programming error: TestSQLFileNames finds it before anything runs.
func mustSQL(f sqlFile) string {
	b, err := sqlFiles.ReadFile(string(f))
	if err != nil {
		panic("queries: no embedded " + string(f))
	}
	return string(b)
}

// spliced returns f's text with each placeholder {{name}} replaced by
// parts[name], in one pass (engine.Splice says how).
func spliced(f sqlFile, parts map[string]string) string {
	return engine.Splice(string(f), mustSQL(f), parts)
}
