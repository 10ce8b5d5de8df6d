package queries

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
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

// TestRetype: a time file whose first records (the sample) have clean
// employee texts and a later one not: the first transaction returns the
// typing the whole file allows (retype, nothing written), and Import
// loads the file again with it, every row.
func TestRetype(t *testing.T) {
	var b strings.Builder
	b.WriteString("employee,role,work_date,minutes\n")
	for i := range 40 {
		emp := fmt.Sprintf("E%d", i)
		if i == 30 {
			emp = " E30 " // not clean: trimmed on the second load
		}
		fmt.Fprintf(&b, "%s,clerk,2024-03-%02d,%d\n", emp, 1+i%28, 10+i)
	}
	path := writeFile(t, "time.csv", b.String())
	req := ImportRequest{Kind: KindTime, Path: path, Name: "time.csv", SHA256: fileSum(t, path),
		MaxRejectShare: 1, Now: fixedNow, Lines: lineMap(t, path)}
	d := openTest(t, config.Config{})
	d.tune.sampleRows = 10
	_, retype, err := d.importFile(context.Background(), req, importOptions{})
	if err != nil {
		t.Fatal(err)
	}
	employee := slices.IndexFunc(timeTexts[:], func(c struct {
		name    string
		lowered bool
	}) bool {
		return c.name == "employee"
	})
	if retype == nil || retype.clean[employee] {
		t.Fatalf("first load: retype %+v, want one with employee not clean", retype)
	}
	if n := dump(t, d, `SELECT count(*) FROM time_registrations`); strings.TrimSpace(n) != "0" {
		t.Errorf("the first load left %s rows", n)
	}
	res, err := d.Import(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res.RowsLoaded != 40 || res.RowsRejected != 0 {
		t.Errorf("loaded %d, rejected %d; want 40, 0", res.RowsLoaded, res.RowsRejected)
	}
}
