package engine

import "strings"

// sqlFile names an embedded query file (queries/engine/*.sql). Every statement
// gevinst runs is in one; TestSQLFileNames checks that each name the code
// gives exists and that each file (migrations aside) is named.
type sqlFile string

// mustSQL returns the text of an embedded query file. A missing file is a
// programming error: TestSQLFileNames finds it before anything runs.
func mustSQL(f sqlFile) string {
	b, err := sqlFiles.ReadFile(string(f))
	if err != nil {
		panic("engine: no embedded " + string(f))
	}
	return string(b)
}

// spliced returns f's text with each placeholder {{name}} replaced by
// parts[name] (Splice).
func spliced(f sqlFile, parts map[string]string) string {
	return Splice(string(f), mustSQL(f), parts)
}

// Splice returns text, the query file name's, with each placeholder
// {{name}} replaced by parts[name], in one pass (a part is never scanned
// for placeholders). Parts are SQL: identifiers in them go through
// QuoteIdent, values through QuoteLiteral, as their callers do. A
// placeholder without a part, or a part without a placeholder, is a
// programming error (TestSQLPlaceholders checks the files; every call runs
// in the tests). Package queries splices its own files with it.
func Splice(name, text string, parts map[string]string) string {
	var b strings.Builder
	used := make(map[string]bool, len(parts))
	for {
		i := strings.Index(text, "{{")
		if i < 0 {
			b.WriteString(text)
			break
		}
		j := strings.Index(text[i:], "}}")
		if j < 0 {
			panic(name + ": unclosed {{")
		}
		ph := text[i+2 : i+j]
		part, ok := parts[ph]
		if !ok {
			panic(name + ": no part for {{" + ph + "}}")
		}
		used[ph] = true
		b.WriteString(text[:i])
		b.WriteString(part)
		text = text[i+j+2:]
	}
	if len(used) != len(parts) {
		for p := range parts {
			if !used[p] {
				panic(name + ": no placeholder {{" + p + "}}")
			}
		}
	}
	return b.String()
}
