package main

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite the generated files of testdata/corpus (xlsx, jsonl, parquet)")

const corpus = "../../testdata/corpus/"

// TestGenerateCorpus writes the corpus files that are not plain text
// (the text ones are committed as written). It only runs with -update-corpus.
func TestGenerateCorpus(t *testing.T) {
	if !*updateCorpus {
		t.Skip("run with -update-corpus to regenerate")
	}
	writeTimeSheet(t, corpus+"timeark-2008.xlsx")
	jsonl := `{"submission_id": "J1", "service": "startlan", "channel": "eform", "received_at": "2008-05-02T09:30:00+02:00", "case_id": "2008/9001"}
{"submission_id": "J2", "service": "startlan", "channel": "paper", "received_at": "2008-05-05 12:00:00", "decided_at": "2008-05-20 12:00:00"}

{"submission_id": "J3", "service": "startlan", "channel": "integrated", "received_at": "2008-05-06 22:10:00", "extra": {"nested": true}}
{"submission_id": "J4", "service": "startlan", "channel": "integrated", "received_at": "2008-05-07 07:10:00"
{"submission_id": "J5", "service": "startlan", "channel": "integrated", "received_at": "2008-05-08 10:00:00", "decided_at": null}
{"submission_id": "J6", "service": "startlan", "channel": "eform", "received_at": "2008-05-09 10:00:00", "org": "sarpsborg"}
{"submission_id": "J7", "service": "startlan", "channel": "eform", "received_at": "2008-05-10 10:00:00", "received_by": 17}
{"submission_id": "J8", "service": "startlan", "channel": "eform", "received_at": "2008-05-11 10:00:00", "urgent": true}
{"submission_id": "J9", "service": "startlan", "channel": "eform", "received_at": "2008-05-12 10:00:00"}
{"submission_id": "J10", "service": "startlan", "channel": "eform", "received_at": "2008-05-13 10:00:00"}
`
	if err := os.WriteFile(corpus+"saker-plattform.jsonl", []byte(jsonl), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	path, _ := filepath.Abs(corpus + "saker-arkiv.parquet")
	if _, err := db.Exec(`COPY (
		SELECT 'P' || i AS submission_id, 'byggesak' AS service,
		       CASE WHEN i % 3 = 0 THEN 'integrated' ELSE 'paper' END AS channel,
		       TIMESTAMP '2007-03-01 09:00:00' + INTERVAL (i) DAY AS received_at,
		       TIMESTAMP '2007-03-20 09:00:00' + INTERVAL (i) DAY AS decided_at,
		       '2007/' || (7000 + i) AS case_id
		FROM range(1, 41) t(i)) TO '` + strings.ReplaceAll(path, "'", "''") + `' (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
}

// writeTimeSheet writes an Excel time sheet as people keep them: a title
// above the header, dates as date cells (and one typed as text), hours
// with decimals, a second sheet for December.
func writeTimeSheet(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Timer 2008"))
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	fill := func(sheet string, month time.Month, n int) {
		must(f.SetCellStr(sheet, "A1", "Timeliste – Halden kommune, servicetorget"))
		for i, h := range []string{"Ansatt", "Rolle", "Dato", "Timer", "Saksnr", "Aktivitet"} {
			cell, _ := excelize.CoordinatesToCellName(i+1, 3)
			must(f.SetCellStr(sheet, cell, h))
		}
		for i := range n {
			r := 4 + i
			day := time.Date(2008, month, 1+i%28, 0, 0, 0, 0, time.UTC)
			must(f.SetCellStr(sheet, fmt.Sprintf("A%d", r), []string{"ola.nordmann", "kari.hansen", "lise.dahl"}[i%3]))
			must(f.SetCellStr(sheet, fmt.Sprintf("B%d", r), []string{"Saksbehandler", "Saksbehandler", "Mottak"}[i%3]))
			must(f.SetCellValue(sheet, fmt.Sprintf("C%d", r), day))
			must(f.SetCellStyle(sheet, fmt.Sprintf("C%d", r), fmt.Sprintf("C%d", r), dateStyle))
			must(f.SetCellFloat(sheet, fmt.Sprintf("D%d", r), []float64{0.5, 1.25, 0.75, 2}[i%4], 2, 64))
			must(f.SetCellStr(sheet, fmt.Sprintf("E%d", r), fmt.Sprintf("2008/%d", 1001+i)))
			must(f.SetCellStr(sheet, fmt.Sprintf("F%d", r), "Saksbehandling"))
		}
	}
	fill("Timer 2008", time.October, 30)
	// Row 34: a date typed as text; row 35: negative hours; row 36: 30 hours.
	must(f.SetCellStr("Timer 2008", "C34", "15.10.2008"))
	for _, c := range []struct{ cell, v string }{{"A34", "per.olsen"}, {"B34", "Kontorfullmektig"}, {"E34", "2008/1100"}, {"F34", "Punching"}} {
		must(f.SetCellStr("Timer 2008", c.cell, c.v))
	}
	must(f.SetCellFloat("Timer 2008", "D34", 0.25, 2, 64))
	must(f.SetCellStr("Timer 2008", "A35", "per.olsen"))
	must(f.SetCellStr("Timer 2008", "B35", "Kontorfullmektig"))
	must(f.SetCellStr("Timer 2008", "C35", "16.10.2008"))
	must(f.SetCellFloat("Timer 2008", "D35", -1, 2, 64))
	must(f.SetCellStr("Timer 2008", "A36", "per.olsen"))
	must(f.SetCellStr("Timer 2008", "B36", "Kontorfullmektig"))
	must(f.SetCellStr("Timer 2008", "C36", "17.10.2008"))
	must(f.SetCellFloat("Timer 2008", "D36", 30, 2, 64))
	_, err = f.NewSheet("Desember")
	must(err)
	fill("Desember", time.December, 10)
	must(f.SaveAs(path))
}

// corpusCase is one corpus file's documented import result.
type corpusCase struct {
	kind, source, file string
	flags              []string
	code               int
	summary            string   // the summary line's counts
	reasons            []string // reject reasons that must be printed (validate)
}

// TestCorpusImportsAsDocumented imports every corpus file through the CLI
// into its own database and checks the documented counts (README.md of
// testdata/corpus) and reasons.
func TestCorpusImportsAsDocumented(t *testing.T) {
	cases := []corpusCase{
		{kind: "submissions", source: "sak", file: "saker-2008-cp1252.csv", summary: "120 rows read, 120 loaded, 0 rejected, 0 replaced"},
		{kind: "submissions", source: "sak", file: "saker-2008-utf8bom.csv", summary: "120 rows read, 120 loaded, 0 rejected, 0 replaced"},
		{kind: "time", source: "timeliste", file: "timeliste-2008-11.csv", summary: "80 rows read, 80 loaded, 0 rejected, 0 replaced"},
		{kind: "time", source: "skanning", file: "skanning-uke-47.tsv", summary: "15 rows read, 15 loaded, 0 rejected, 0 replaced"},
		{kind: "time", source: "timeark", file: "timeark-2008.xlsx", summary: "33 rows read, 31 loaded, 2 rejected, 0 replaced",
			reasons: []string{
				"timeark-2008.xlsx[Timer 2008]:35: minutes (in hours): minutes (in hours) '-1.00' gives -60.0 minutes, out of range",
				"timeark-2008.xlsx[Timer 2008]:36: minutes (in hours): minutes (in hours) '30.00' gives 1800.0 minutes, out of range",
			}},
		{kind: "time", source: "timeark", file: "timeark-2008.xlsx", flags: []string{"--sheet", "Desember"}, summary: "10 rows read, 10 loaded, 0 rejected, 0 replaced"},
		{kind: "submissions", file: "saker-alle-feil.csv", summary: "209 rows read, 200 loaded, 9 rejected, 0 replaced",
			reasons: []string{
				"saker-alle-feil.csv:11: submission_id: submission_id 'G0010' appears again on line 210; the later line is kept",
				"saker-alle-feil.csv:202: channel: channel 'fax' is not a configured channel (expected one of: paper, eform, integrated; or add it to channels.list)",
				"saker-alle-feil.csv:203: service: service is empty (required)",
				"saker-alle-feil.csv:204: submission_id: submission_id is empty (required)",
				"saker-alle-feil.csv:205: received_at: received_at is empty (required)",
				"saker-alle-feil.csv:206: received_at: received_at '31.13.2008 10:00' is not a timestamp",
				"saker-alle-feil.csv:207: decided_at: decided_at '2008-01-04 09:00:00' is before received_at '2008-01-05 10:00:00'",
				"saker-alle-feil.csv:208: decided_at: decided_at 'not a date' is not a timestamp",
				"saker-alle-feil.csv:209: (whole line): line has too few fields for the header",
			}},
		{kind: "submissions", file: "saker-for-mange-feil.csv", code: 1, summary: "saker-for-mange-feil.csv: refused: 3 of 10 rows rejected (30.0 %)"},
		{kind: "volumes", source: "plattform", file: "volum-2008.csv", summary: "13 rows read, 13 loaded, 0 rejected, 0 replaced"},
		{kind: "submissions", file: "saker-plattform.jsonl", summary: "10 rows read, 8 loaded, 2 rejected, 0 replaced",
			reasons: []string{
				`saker-plattform.jsonl:4: (whole line): value of "extra" is a nested object`,
				"saker-plattform.jsonl:5: (whole line): line is not valid JSON",
			}},
		{kind: "submissions", file: "saker-arkiv.parquet", summary: "40 rows read, 40 loaded, 0 rejected, 0 replaced"},
	}
	for _, tc := range cases {
		t.Run(tc.file+strings.Join(tc.flags, ""), func(t *testing.T) {
			c := newCLI(t)
			args := func(verb string) []string {
				a := []string{"--config", corpus + "gevinst.yaml", verb, tc.kind}
				if tc.source != "" {
					a = append(a, "--source", tc.source)
				}
				return append(append(a, tc.flags...), corpus+tc.file)
			}
			code, out, errOut := c.run(args("validate")...)
			if code != tc.code {
				t.Fatalf("validate: exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			for _, r := range tc.reasons {
				if !strings.Contains(out, r) {
					t.Errorf("validate output lacks %q:\n%s", r, out)
				}
			}
			code, _, errOut = c.run(args("import")...)
			if code != tc.code || !strings.Contains(errOut, tc.summary) {
				t.Errorf("import: exit %d, want %d; output lacks %q:\n%s", code, tc.code, tc.summary, errOut)
			}
		})
	}
}

// TestOverlappingExportsEqualOneCleanExport imports overlapping exports
// (with registration ids, and without ids by replacing the period) and
// checks that the metrics equal those of one clean export.
func TestOverlappingExportsEqualOneCleanExport(t *testing.T) {
	cfg := corpus + "gevinst.yaml"
	subs := []string{"--config", cfg, "import", "submissions", "--source", "sak", corpus + "saker-2008-cp1252.csv"}

	overlapping := newCLI(t)
	overlapping.mustRun(subs...)
	_, _, first := overlapping.run("--config", cfg, "import", "time", "--source", "timeliste", corpus+"timeliste-2008-11.csv")
	_, _, second := overlapping.run("--config", cfg, "import", "time", "--source", "timeliste", corpus+"timeliste-2008-11-rettet.csv")
	if !strings.Contains(first, "80 loaded") || !strings.Contains(second, "40 rows read, 40 loaded, 0 rejected, 20 replaced") {
		t.Errorf("with ids:\n%s\n%s", first, second)
	}
	overlapping.mustRun("--config", cfg, "import", "time", "--source", "skanning", corpus+"skanning-uke-47.tsv")
	_, _, weeks := overlapping.run("--config", cfg, "import", "time", "--source", "skanning", corpus+"skanning-uke-47-48.tsv")
	if !strings.Contains(weeks, "30 rows read, 30 loaded, 0 rejected, 15 replaced") {
		t.Errorf("replace period:\n%s", weeks)
	}

	clean := newCLI(t)
	clean.mustRun(subs...)
	clean.mustRun("--config", cfg, "import", "time", "--source", "timeliste", corpus+"timeliste-2008-11-samlet.csv")
	clean.mustRun("--config", cfg, "import", "time", "--source", "skanning", corpus+"skanning-uke-47-48.tsv")

	for _, what := range []string{"metrics", "benefits"} {
		a := overlapping.mustRun("--config", cfg, what, "--format", "csv")
		b := clean.mustRun("--config", cfg, what, "--format", "csv")
		if a != b {
			t.Errorf("%s after overlapping exports differs from one clean export:\n%s\nvs\n%s", what, a, b)
		}
		if strings.Count(a, "\n") < 10 {
			t.Errorf("%s has too few rows to mean anything:\n%s", what, a)
		}
	}
}

// TestEncodingsGiveTheSameData imports the case export in Windows-1252 and
// in UTF-8 with BOM into two databases: the metrics are identical.
func TestEncodingsGiveTheSameData(t *testing.T) {
	cfg := corpus + "gevinst.yaml"
	var outs []string
	for _, f := range []string{"saker-2008-cp1252.csv", "saker-2008-utf8bom.csv"} {
		c := newCLI(t)
		c.mustRun("--config", cfg, "import", "submissions", "--source", "sak", corpus+f)
		outs = append(outs, c.mustRun("--config", cfg, "metrics", "--format", "csv", "--by", "quarter"))
	}
	if outs[0] != outs[1] {
		t.Errorf("Windows-1252 and UTF-8 imports differ:\n%s\nvs\n%s", outs[0], outs[1])
	}
	// Papir and Post are both paper; the Q1 paper cell is not empty.
	if !strings.Contains(outs[0], "halden,barnehage,paper,2008-Q1,") {
		t.Errorf("mapped channels missing:\n%s", outs[0])
	}
}

func TestAmbiguousDecimalAsksForAFlag(t *testing.T) {
	c := newCLI(t)
	path := filepath.Join(c.dir, "t.csv")
	if err := os.WriteFile(path, []byte("employee,role,work_date,minutes\ne1,clerk,2024-01-02,\"1,5\"\ne1,clerk,2024-01-03,2.5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := c.run("import", "time", path)
	if code != 1 || !strings.Contains(errOut, "--decimal comma|point") {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
	t.Setenv("GEVINST_IMPORT_MAX_REJECT_SHARE", "1")
	code, _, errOut = c.run("import", "time", "--decimal", "point", path)
	if code != 0 || !strings.Contains(errOut, "2 rows read, 1 loaded, 1 rejected") {
		t.Errorf("with --decimal point: exit %d:\n%s", code, errOut)
	}
}

// TestRawEmployeeIDsNowhereAfterCorpusImport imports every time file of
// the corpus (CSV, transcoded TSV, xlsx through the Go reader) and greps
// every file the database left for the raw employee ids (SPEC §8).
func TestRawEmployeeIDsNowhereAfterCorpusImport(t *testing.T) {
	c := newCLI(t)
	cfg := corpus + "gevinst.yaml"
	c.mustRun("--config", cfg, "import", "time", "--source", "timeliste", corpus+"timeliste-2008-11.csv")
	c.mustRun("--config", cfg, "import", "time", "--source", "skanning", corpus+"skanning-uke-47.tsv")
	c.mustRun("--config", cfg, "import", "time", "--source", "timeark", corpus+"timeark-2008.xlsx")
	out := c.mustRun("--config", cfg, "metrics", "--format", "csv")
	ids := []string{"ola.nordmann", "kari.hansen", "per.olsen", "anne.berg", "lise.dahl", "nils.lie"}
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(c.dir, e.Name()))
		if err != nil {
			continue // a directory
		}
		for _, id := range ids {
			if strings.Contains(string(b), id) {
				t.Errorf("%s holds the raw employee id %s", e.Name(), id)
			}
		}
	}
	for _, id := range ids {
		if strings.Contains(out, id) {
			t.Errorf("metrics output shows %s", id)
		}
	}
}
