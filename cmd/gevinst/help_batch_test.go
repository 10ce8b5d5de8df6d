package main

import (
	"io"
	"strings"
	"testing"
)

// The help pages say what they do: import names what identifies a batch
// (a file read one way, not its checksum alone), init that the written
// config's example blocks are commented out.
func TestHelpBatchIdentityAndInitExamples(t *testing.T) {
	root := newRootCmd(&app{stdout: io.Discard, stderr: io.Discard})
	help := func(name string) string {
		c, _, err := root.Find([]string{name})
		if err != nil || c.Name() != name {
			t.Fatalf("no command %s: %v", name, err)
		}
		return strings.Join(strings.Fields(commandHelp(t, c)), " ")
	}
	imp := help("import")
	if strings.Contains(imp, "(same SHA-256) is skipped") || !strings.Contains(imp, "kind, SHA-256, sheet and source") {
		t.Errorf("import --help does not say a batch is kind, SHA-256, sheet and source:\n%s", imp)
	}
	if init := help("init"); !strings.Contains(init, "commented out") || !strings.Contains(init, "off until") {
		t.Errorf("init --help does not say the example blocks are commented out and off:\n%s", init)
	}
}
