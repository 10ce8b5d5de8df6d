package queries

import (
	"reflect"
	"testing"
)

// TestImportRequestExported: ImportRequest is the callers' contract; the
// package's own switches (the tests' staged path, a second load's typing)
// are importOptions, not hidden fields of it.
func TestImportRequestExported(t *testing.T) {
	rt := reflect.TypeFor[ImportRequest]()
	for i := range rt.NumField() {
		if f := rt.Field(i); !f.IsExported() {
			t.Errorf("ImportRequest has the unexported field %s; put it in importOptions", f.Name)
		}
	}
}
