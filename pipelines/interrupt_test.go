package pipelines

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gevinst/gevinst/queries"
)

// TestImportInterruptedBetweenFiles cancels the context while the second
// of three files is read: the first stays imported, the second and third
// are not, the error wraps ErrInterrupted and says so, and no summary is
// written for the interrupted file.
func TestImportInterruptedBetweenFiles(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	var files []string
	for i, name := range []string{"a.csv", "b.csv", "c.csv"} {
		csv := "submission_id,org,service,channel,received_at\n"
		for j := range 5 {
			csv += fmt.Sprintf("%s%d,k1,bh,paper,2024-01-%02d 09:00:00\n", name[:1], j, i+j+1)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	db, err := queries.Open(context.Background(), cfg.DB, &cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	res, err := Import(ctx, db, &cfg, ImportOptions{
		Kind: queries.KindSubmissions, Files: files,
		Progress: func(path string, _, _ int64) {
			if path == files[1] {
				cancel()
			}
		},
	}, &out, quiet)
	if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want ErrInterrupted", err)
	}
	want := "interrupted: " + files[1] + " not imported; the database holds the 1 file imported before it and nothing of " + files[1]
	if err.Error() != want {
		t.Errorf("error\n%s\nwant\n%s", err, want)
	}
	if len(res) != 1 || res[0].RowsLoaded != 5 {
		t.Errorf("results %+v, want the first file's", res)
	}
	if got := out.String(); !bytes.HasPrefix(out.Bytes(), []byte(files[0]+": 5 rows read, 5 loaded")) || bytes.Count(out.Bytes(), []byte("\n")) != 1 {
		t.Errorf("summaries:\n%s\nwant the first file's only", got)
	}
	var n int64
	if err := db.Conn().QueryRowContext(context.Background(), `SELECT count(*) FROM submissions`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("%d submissions stored, want the first file's 5", n)
	}
}
