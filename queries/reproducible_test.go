package queries

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// TestReadersReproducible: the readers give the same rows run after run,
// bit for bit (the CLI prints six decimals, but export and the evidence
// sidecar keep every bit). Over parallel threads DuckDB handed
// benefits.sql's compensated sums their parts in no fixed order, and a
// period's actual minutes moved in the last bits from run to run (seen in
// the demo's exports; here benefits differed within three runs). Benefits
// runs on one thread, and leaves the configured count as it was.
func TestReadersReproducible(t *testing.T) {
	d, _ := loadFixtureB(t, fixtureBConfig())
	ctx := context.Background()
	threads := func() (n int64) {
		if err := d.conn.QueryRowContext(ctx, `SELECT current_setting('threads')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := threads()
	for _, f := range []Filter{{Grain: GrainMonth}, {Grain: GrainQuarter}, {Grain: GrainAll}} {
		check(t, "benefits "+string(f.Grain), func() (any, error) { return d.Benefits(ctx, f) })
		check(t, "metrics "+string(f.Grain), func() (any, error) { return d.Metrics(ctx, f) })
		check(t, "mix "+string(f.Grain), func() (any, error) { return d.Mix(ctx, f) })
		check(t, "quality "+string(f.Grain), func() (any, error) { return d.Quality(ctx, f) })
		check(t, "activities "+string(f.Grain), func() (any, error) { return d.Activities(ctx, f) })
	}
	if after := threads(); after != before || before < 2 {
		t.Errorf("threads %d before the readers, %d after (want the same, at least 2 for the test to mean anything)", before, after)
	}
}

// check reads twelve more times and compares each with the first read.
func check(t *testing.T, name string, read func() (any, error)) {
	t.Helper()
	first, err := read()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		again, err := read()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first, again) {
			t.Errorf("%s, run %d: differs from the first run's: %s", name, i+2, firstDiff(first, again))
			return
		}
	}
}

// firstDiff shows the first differing element of two slices.
func firstDiff(a, b any) string {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Kind() != reflect.Slice || vb.Kind() != reflect.Slice {
		return fmt.Sprintf("%+v\n%+v", a, b)
	}
	if va.Len() != vb.Len() {
		return fmt.Sprintf("%d rows, then %d", va.Len(), vb.Len())
	}
	for i := range va.Len() {
		if !reflect.DeepEqual(va.Index(i).Interface(), vb.Index(i).Interface()) {
			return fmt.Sprintf("row %d:\n %+v\n %+v", i, va.Index(i).Interface(), vb.Index(i).Interface())
		}
	}
	return "none"
}
