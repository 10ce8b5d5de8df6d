package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// TestRejectsListsStoredRejects imports a CSV and an xlsx file with
// rejects (as the corpus README documents them) and lists them back with
// gevinst rejects, filtered each way.
func TestRejectsListsStoredRejects(t *testing.T) {
	c := newCLI(t)
	cfg := corpus + "gevinst.yaml"
	c.mustRun("--config", cfg, "import", "submissions", corpus+"saker-alle-feil.csv")
	c.mustRun("--config", cfg, "import", "time", "--source", "timeark", corpus+"timeark-2008.xlsx")

	list := func(args ...string) [][]string {
		t.Helper()
		out := c.mustRun(append([]string{"--config", cfg, "rejects", "--format", "csv"}, args...)...)
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("rejects %v: %v\n%s", args, err, out)
		}
		if strings.Join(recs[0], ",") != "batch_id,file_name,sheet,line,column_name,raw_value,reason,reason_kind" {
			t.Fatalf("header %v", recs[0])
		}
		return recs[1:]
	}
	// where renders a row as batch:file[sheet]:line:column.
	where := func(rows [][]string) []string {
		var out []string
		for _, r := range rows {
			w := r[0] + ":" + r[1][strings.LastIndex(r[1], "/")+1:]
			if r[2] != "" {
				w += "[" + r[2] + "]"
			}
			out = append(out, w+":"+r[3]+":"+r[4])
		}
		return out
	}

	all := list()
	want := []string{
		"1:saker-alle-feil.csv:11:submission_id",
		"1:saker-alle-feil.csv:202:channel",
		"1:saker-alle-feil.csv:203:service",
		"1:saker-alle-feil.csv:204:submission_id",
		"1:saker-alle-feil.csv:205:received_at",
		"1:saker-alle-feil.csv:206:received_at",
		"1:saker-alle-feil.csv:207:decided_at",
		"1:saker-alle-feil.csv:208:decided_at",
		"1:saker-alle-feil.csv:209:(whole line)",
		"2:timeark-2008.xlsx[Timer 2008]:35:minutes (in hours)",
		"2:timeark-2008.xlsx[Timer 2008]:36:minutes (in hours)",
	}
	if got := where(all); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The value as read and the reason a clerk can act on.
	for _, r := range all {
		if r[3] == "206" && (r[5] != "31.13.2008 10:00" || !strings.HasPrefix(r[6], "received_at '31.13.2008 10:00' is not a timestamp") || r[7] != "not a timestamp") {
			t.Errorf("line 206: %q", r)
		}
	}

	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"batch", []string{"--batch", "2"}, want[9:]},
		{"file by base name", []string{"--file", "timeark-2008.xlsx"}, want[9:]},
		{"file as given", []string{"--file", corpus + "saker-alle-feil.csv"}, want[:9]},
		{"reason kind", []string{"--reason", "Required Value Missing"}, want[2:5]},
		{"reason text", []string{"--reason", "31.13.2008"}, want[5:6]},
		{"batch and reason", []string{"--batch", "1", "--reason", "out of range"}, nil},
		{"reason in another batch", []string{"--batch", "2", "--reason", "out of range"}, want[9:]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := where(list(tc.args...)); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}

	t.Run("json", func(t *testing.T) {
		out := c.mustRun("--config", cfg, "rejects", "--format", "json", "--batch", "2")
		var rows []struct {
			BatchID  int64  `json:"batch_id"`
			Sheet    string `json:"sheet"`
			Line     int64  `json:"line"`
			RawValue string `json:"raw_value"`
		}
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(rows) != 2 || rows[0].Sheet != "Timer 2008" || rows[0].Line != 35 || rows[1].RawValue != "30.00" {
			t.Errorf("json rows %+v", rows)
		}
	})

	t.Run("unknown batch and file warn", func(t *testing.T) {
		code, out, errOut := c.run("--config", cfg, "rejects", "--batch", "9", "--format", "csv")
		if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(errOut, "no such batch") || !strings.Contains(errOut, "batch=9") {
			t.Errorf("--batch 9: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
		code, _, errOut = c.run("--config", cfg, "rejects", "--file", "nosuch.csv")
		if code != 0 || !strings.Contains(errOut, "no batch was read from this file") || !strings.Contains(errOut, "nosuch.csv") {
			t.Errorf("--file nosuch.csv: exit %d\nstderr: %s", code, errOut)
		}
	})

	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{{"--format", "xml"}, {"--batch", "0"}, {"--batch", "x"}, {"extra"}} {
			if code, _, errOut := c.run(append([]string{"rejects"}, args...)...); code != exitUsage {
				t.Errorf("rejects %v: exit %d, want 2: %s", args, code, errOut)
			}
		}
	})
}
