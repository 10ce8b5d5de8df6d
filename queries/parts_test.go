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
