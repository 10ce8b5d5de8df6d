package queries

import (
	"context"
	"testing"
)

// TestPartsFollowImports checks that data quality, which reads the
// attributed parts (attribution_parts), follows an import on the same
// connection instead of reading stale attribution tables.
func TestPartsFollowImports(t *testing.T) {
	ctx := context.Background()
	d := fixtureA(t, nil)
	before, err := d.Quality(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// One more registration without a service: rule 4, 50 minutes.
	more := writeFile(t, "more.csv", "registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity\n"+
		"r99,k1,e9,clerk,2024-02-05,50,,,,archiving\n")
	importTest(t, d, KindTime, more)
	after, err := d.Quality(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !near(after.UnattributedMinutes, before.UnattributedMinutes+50) || after.UnattributedRows != before.UnattributedRows+1 {
		t.Errorf("after the import: unattributed %v min in %d rows, want %v in %d",
			after.UnattributedMinutes, after.UnattributedRows, before.UnattributedMinutes+50, before.UnattributedRows+1)
	}
}

// TestMemoizedTablesFollowImports checks the metric tables kept per
// connection (memoized): asked again, the same rows, not shared with the
// caller; after an import on the same connection, the new data.
func TestMemoizedTablesFollowImports(t *testing.T) {
	ctx := context.Background()
	d := fixtureA(t, nil)
	f := Filter{Grain: GrainAll}
	first, err := d.Metrics(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	want := first[0].StaffMinutes
	first[0].StaffMinutes = -1 // the caller's copy only
	again, err := d.Metrics(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if again[0].StaffMinutes != want {
		t.Fatalf("asked again: staff minutes %v, want %v", again[0].StaffMinutes, want)
	}
	// 30 more minutes pooled to the first row's cell (rule 2).
	r := again[0]
	more := writeFile(t, "more.csv", "registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity\n"+
		"r98,"+r.Org+",e9,clerk,"+r.Period[:7]+"-05,30,,"+r.Service+","+r.Channel+",archiving\n")
	importTest(t, d, KindTime, more)
	after, err := d.Metrics(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if !near(after[0].StaffMinutes, want+30) {
		t.Errorf("after the import: staff minutes %v, want %v", after[0].StaffMinutes, want+30)
	}
	// Benefits asked before and after the import: the second answer is
	// the query's own, not the kept one.
	for i := range 2 {
		got, err := d.Benefits(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		direct, err := d.benefits(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		// (the query's sums may differ in the last bits from run to run)
		same := len(got) == len(direct)
		for j := 0; same && j < len(got); j++ {
			g, q := got[j], direct[j]
			same = g.Org == q.Org && g.Service == q.Service && g.Submissions == q.Submissions &&
				near(g.ActualMinutes, q.ActualMinutes) && near(g.MinutesSaved.Float64, q.MinutesSaved.Float64)
		}
		if !same {
			t.Errorf("benefits, ask %d: kept %+v, query %+v", i+1, got, direct)
		}
		if i == 0 {
			importTest(t, d, KindTime, writeFile(t, "more2.csv", "registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity\n"+
				"r99,"+r.Org+",e9,clerk,"+r.Period[:7]+"-06,45,,"+r.Service+","+r.Channel+",archiving\n"))
			// another table first: the attribution is built again, and
			// the benefits kept from before must not count as current
			if _, err := d.Metrics(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
	}
}
