package pipelines

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
)

func testConfig(t *testing.T, dir string) config.Config {
	t.Helper()
	cfg := config.Config{DB: filepath.Join(dir, "g.duckdb"), Import: config.Import{MaxRejectShare: 0.5}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// importTime writes csv as time.csv beside cfg's database, imports it
// through the pipeline and checks the rows loaded and rejected; it returns
// the database (the caller closes it), the file's result and what the
// import printed.
func importTime(t *testing.T, cfg *config.Config, csv string, loaded, rejected int64) (*queries.DB, FileResult, string) {
	t.Helper()
	path := filepath.Join(filepath.Dir(cfg.DB), "time.csv")
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := queries.Open(ctx, cfg.DB, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res, err := Import(ctx, db, cfg, ImportOptions{Kind: queries.KindTime, Files: []string{path}}, &out, quiet)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if res[0].RowsLoaded != loaded || res[0].RowsRejected != rejected {
		t.Fatalf("loaded %d rejected %d, want %d and %d\n%s", res[0].RowsLoaded, res[0].RowsRejected, loaded, rejected, out.String())
	}
	return db, res[0], out.String()
}

// TestRawEmployeeIDNeverStored imports time rows whose employee ids are
// distinctive strings, including one on a line DuckDB cannot read, and
// greps every file the database left for them (SPEC §8).
func TestRawEmployeeIDNeverStored(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	ids := []string{"RAWIDalpha7731", "RAWIDbeta9902"}
	csv := "employee,role,work_date,minutes,service,channel\n" +
		ids[0] + ",clerk,2024-01-02,12,bh,paper\n" +
		ids[1] + ",clerk,2024-01-03,7.5,bh,eform\n" +
		ids[1] + ",clerk,2024-01-03,oops,bh,eform\n" + // a reject on minutes
		ids[0] + ",clerk,2024-01-04\n" // an unreadable line (too few fields)
	db, _, out := importTime(t, &cfg, csv, 2, 2)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "time.csv") // the input holds them, of course
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || p == path {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if bytes.Contains(b, []byte(id)) {
				t.Errorf("%s holds the raw employee id %s", p, id)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if strings.Contains(out, id) {
			t.Errorf("the import's output shows the raw id %s:\n%s", id, out)
		}
	}
}

func TestKeyFileIsCreatedPrivateAndReused(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	k1, err := PseudonymKey(&cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(cfg.PseudonymKeyFile)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", st.Mode().Perm())
	}
	k2, err := PseudonymKey(&cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(k1, k2) || len(k1) != 32 {
		t.Errorf("key not reused: %x vs %x", k1, k2)
	}
	// The environment's key wins over the file.
	cfg.PseudonymKey = "from-the-environment-1234"
	k3, err := PseudonymKey(&cfg, quiet)
	if err != nil || string(k3) != cfg.PseudonymKey {
		t.Errorf("env key not used: %q, %v", k3, err)
	}
	cfg.PseudonymKey = "short"
	if _, err := PseudonymKey(&cfg, quiet); err == nil {
		t.Error("a short key was accepted")
	}
}

// TestLateJSONKeysAreReported: keys first seen after the first 1,000
// objects are not in the header, so they are not imported — and the
// result says which.
func TestLateJSONKeysAreReported(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	var b strings.Builder
	for i := range 1001 {
		fmt.Fprintf(&b, `{"submission_id": "s%d", "service": "bh", "channel": "eform", "received_at": "2024-01-02 10:00"}`+"\n", i)
	}
	b.WriteString(`{"submission_id": "late", "service": "bh", "channel": "eform", "received_at": "2024-01-02 10:00", "case_id": "C1"}` + "\n")
	path := filepath.Join(dir, "s.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := queries.Open(ctx, cfg.DB, &cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := Import(ctx, db, &cfg, ImportOptions{Kind: queries.KindSubmissions, Files: []string{path}}, io.Discard, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].RowsLoaded != 1002 || len(res[0].Ignored) != 1 || res[0].Ignored[0] != "case_id" {
		t.Errorf("loaded %d, ignored %v; want 1002 and [case_id]", res[0].RowsLoaded, res[0].Ignored)
	}
}

// A reject's line, as the import prints it, is the file's line after a
// blank line and a quoted field over two lines (the first pass maps
// DuckDB's line numbers to the file's: queries.LineScanner), here in a
// Windows-1252 file, which is transcoded before DuckDB reads it.
func TestRejectLinesFollowTheFile(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t, dir)
	csv := "employee,role,work_date,minutes,activity\n" + // 1
		"E1,clerk,2024-01-02,12,\"svar p\xe5\nbrev\"\n" + // 2-3
		"\n" + // 4
		"E2,clerk,2024-01-03,oops,svar\n" + // 5: minutes
		"E3,clerk,2024-01-04\n" + // 6: unreadable
		"E4,clerk,2024-01-05,7,svar\n" // 7
	db, res, _ := importTime(t, &cfg, csv, 2, 2)
	defer db.Close()
	var got []string
	for _, r := range res.Rejects {
		got = append(got, fmt.Sprintf("%d %s", r.Line, r.Column))
	}
	if want := []string{"5 minutes", "6 (whole line)"}; strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("rejects on %q, want %q", got, want)
	}
}
