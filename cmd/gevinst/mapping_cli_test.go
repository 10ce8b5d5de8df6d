package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTemp writes a file into the CLI's directory and returns its path.
func (c *cli) writeTemp(name, text string) string {
	c.t.Helper()
	p := filepath.Join(c.dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// The corpus's case-system source with decided_at mapped from a misspelt
// column: validate and import fail with exit 1, name the file, the column
// and the columns the file has, and import writes nothing.
func TestCLIMappedColumnTheFileLacks(t *testing.T) {
	c := newCLI(t)
	b, err := os.ReadFile(corpus + "gevinst.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(b), "Vedtatt: decided_at", "Vedtat: decided_at", 1)
	if cfg == string(b) {
		t.Fatal("the corpus config has no Vedtatt: decided_at to misspell")
	}
	cfgPath := c.writeTemp("gevinst.yaml", cfg)
	for _, verb := range []string{"validate", "import"} {
		code, out, errOut := c.run("--config", cfgPath, verb, "submissions", "--source", "sak", corpus+"saker-2008-cp1252.csv")
		all := out + errOut
		for _, want := range []string{"saker-2008-cp1252.csv", `"vedtat" (→ decided_at)`, "sources.sak", "Vedtatt"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: output lacks %q:\n%s", verb, want, all)
			}
		}
		if code != 1 {
			t.Errorf("%s: exit %d, want 1:\n%s", verb, code, all)
		}
	}
	if out := c.mustRun("--config", cfgPath, "batches", "--format", "csv"); strings.Count(out, "\n") != 1 {
		t.Errorf("batches after the failed import:\n%s", out)
	}
}

// A source's org map that lacks a value rejects its rows, the reason
// quoting the value as written; unmapped: keep imports it; another
// setting is a config error naming the key.
func TestCLIUnmappedValues(t *testing.T) {
	c := newCLI(t)
	data := c.writeTemp("saker.csv", "Nr;Kommune;Tjeneste;Kanal;Mottatt\n"+
		"1;Halden kommune;barnehage;Papir;02.01.2008 10:00\n"+
		"2;Fredrikstad;barnehage;Papir;03.01.2008 10:00\n"+
		"3;Halden kommune;barnehage;Papir;04.01.2008 10:00\n"+
		"4;Halden kommune;barnehage;Papir;05.01.2008 10:00\n")
	config := func(unmapped string) string {
		return c.writeTemp("gevinst.yaml", `org: halden
sources:
  sak:
    kind: submissions
    delimiter: ";"`+unmapped+`
    columns: {Nr: submission_id, Kommune: org, Tjeneste: service, Kanal: channel, Mottatt: received_at}
    values:
      org: {Halden kommune: halden}
      channel: {Papir: paper}
import: {max_reject_share: 0.3}
`)
	}
	cfg := config("")
	code, out, errOut := c.run("--config", cfg, "validate", "submissions", "--source", "sak", data)
	want := "saker.csv:3: org: org 'Fredrikstad' is not in sources.sak.values.org (add it there, or set sources.sak.unmapped: keep)"
	if code != 0 || !strings.Contains(out+errOut, want) || !strings.Contains(out+errOut, "4 rows read, 3 would load, 1 rejected") {
		t.Errorf("validate: exit %d, output lacks %q:\n%s%s", code, want, out, errOut)
	}
	code, out, errOut = c.run("--config", cfg, "validate", "--strict", "submissions", "--source", "sak", data)
	if code != 3 {
		t.Errorf("validate --strict: exit %d, want 3:\n%s%s", code, out, errOut)
	}
	// The reject counts toward max_reject_share: 1 of 4 is over 20 %.
	t.Setenv("GEVINST_IMPORT_MAX_REJECT_SHARE", "0.2")
	code, out, errOut = c.run("--config", cfg, "import", "submissions", "--source", "sak", data)
	if code != 1 || !strings.Contains(out+errOut, "1 of 4 rows rejected") {
		t.Errorf("import: exit %d:\n%s%s", code, out, errOut)
	}
	t.Setenv("GEVINST_IMPORT_MAX_REJECT_SHARE", "0.3")
	code, out, errOut = c.run("--config", cfg, "import", "submissions", "--source", "sak", data)
	if code != 0 || !strings.Contains(out+errOut, "4 rows read, 3 loaded, 1 rejected") {
		t.Errorf("import: exit %d:\n%s%s", code, out, errOut)
	}
	if out := c.mustRun("--config", cfg, "metrics", "--format", "csv"); strings.Contains(out, "Fredrikstad") {
		t.Errorf("an unmapped org was imported:\n%s", out)
	}

	kept := newCLI(t)
	cfg = config("\n    unmapped: keep")
	kept.mustRun("--config", cfg, "import", "submissions", "--source", "sak", data)
	if out := kept.mustRun("--config", cfg, "metrics", "--format", "csv"); !strings.Contains(out, "Fredrikstad,barnehage,paper,") {
		t.Errorf("unmapped: keep did not import the org as written:\n%s", out)
	}

	cfg = config("\n    unmapped: ignore")
	code, out, errOut = c.run("--config", cfg, "validate", "submissions", "--source", "sak", data)
	if code != 2 || !strings.Contains(out+errOut, "sources.sak.unmapped") || !strings.Contains(out+errOut, `"ignore" is not reject or keep`) {
		t.Errorf("unmapped: ignore: exit %d:\n%s%s", code, out, errOut)
	}
}

// Another sheet of a workbook already imported is a new batch; the same
// sheet again is skipped; batches shows each batch's sheet.
func TestCLIAnotherSheetOfAnImportedWorkbook(t *testing.T) {
	c := newCLI(t)
	cfg := corpus + "gevinst.yaml"
	imp := func(flags ...string) string {
		t.Helper()
		args := append([]string{"--config", cfg, "import", "time", "--source", "timeark"}, flags...)
		code, out, errOut := c.run(append(args, corpus+"timeark-2008.xlsx")...)
		if code != 0 {
			t.Fatalf("import %v: exit %d:\n%s%s", flags, code, out, errOut)
		}
		return out + errOut
	}
	if out := imp(); !strings.Contains(out, "33 rows read, 31 loaded") {
		t.Errorf("first sheet:\n%s", out)
	}
	if out := imp("--sheet", "Desember"); !strings.Contains(out, "10 rows read, 10 loaded, 0 rejected") {
		t.Errorf("--sheet Desember after the first sheet:\n%s", out)
	}
	if out := imp("--sheet", "Desember"); !strings.Contains(out, "already imported as batch 2") || !strings.Contains(out, "sheet Desember") {
		t.Errorf("--sheet Desember again:\n%s", out)
	}
	if out := imp("--sheet", "Timer 2008"); !strings.Contains(out, "already imported as batch 1") {
		t.Errorf("the first sheet by name:\n%s", out)
	}
	out := c.mustRun("--config", cfg, "batches", "--format", "csv")
	if !strings.Contains(out, ",xlsx,Timer 2008,") || !strings.Contains(out, ",xlsx,Desember,") || strings.Count(out, "\n") != 3 {
		t.Errorf("batches:\n%s", out)
	}
}
