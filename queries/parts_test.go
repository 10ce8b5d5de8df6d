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

// TestTablesFollowImports checks that the metric tables follow an import
// on the same connection: asked again after it, the new data.
func TestTablesFollowImports(t *testing.T) {
	ctx := context.Background()
	d := fixtureA(t, nil)
	f := Filter{Grain: GrainAll}
	first, err := d.Metrics(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	r := first[0]
	// 30 more minutes pooled to the first row's cell (rule 2).
	more := writeFile(t, "more.csv", "registration_id,org,employee,role,work_date,minutes,case_id,service,channel,activity\n"+
		"r98,"+r.Org+",e9,clerk,"+r.Period[:7]+"-05,30,,"+r.Service+","+r.Channel+",archiving\n")
	importTest(t, d, KindTime, more)
	after, err := d.Metrics(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if !near(after[0].StaffMinutes, r.StaffMinutes+30) {
		t.Errorf("after the import: staff minutes %v, want %v", after[0].StaffMinutes, r.StaffMinutes+30)
	}
}
