package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// The user's documents: what a user reads must be in the repository and
// must not send them to a file or a numbered section they cannot open.
var userDocs = []string{"README.md", "docs/data.md", "docs/method.md"}

// outside are the ways a text has pointed outside the repository: the
// product contract's path and its section numbers ("SPEC §4").
var outside = regexp.MustCompile(`SPEC|\.\./shared|shared/design|§`)

// readmeYAMLBlock returns the first fenced yaml block in the section under
// the heading (up to the next heading outside a fenced block).
func readmeYAMLBlock(t *testing.T, readme, heading string) string {
	t.Helper()
	lines := strings.Split(readme, "\n")
	in, fence := false, ""
	var block []string
	for _, l := range lines {
		switch {
		case !in && l == heading:
			in = true
		case in && fence == "" && strings.HasPrefix(l, "#"):
			t.Fatalf("README.md has no ```yaml block under %q", heading)
		case in && fence == "" && strings.HasPrefix(l, "```"):
			fence = l
		case in && fence != "" && l == "```":
			if fence == "```yaml" {
				return strings.Join(block, "\n") + "\n"
			}
			fence = ""
		case in && fence == "```yaml":
			block = append(block, l)
		}
	}
	if !in {
		t.Fatalf("README.md has no heading %q", heading)
	}
	t.Fatalf("README.md has no closed ```yaml block under %q", heading)
	return ""
}

// trimLines drops trailing whitespace of every line and trailing blank lines.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// TestReadmeSourcesExampleIsTheCorpusConfig: the sources: example a user
// copies from the README is the config the corpus tests import with.
func TestReadmeSourcesExampleIsTheCorpusConfig(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(corpus + "gevinst.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got := trimLines(readmeYAMLBlock(t, string(readme), "### A real municipal export"))
	if w := trimLines(string(want)); got != w {
		gl, wl := strings.Split(got, "\n"), strings.Split(w, "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, x string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				x = wl[i]
			}
			if g != x {
				t.Fatalf("README.md's sources example differs from testdata/corpus/gevinst.yaml at line %d of the block:\nREADME: %q\ncorpus: %q", i+1, g, x)
			}
		}
	}
}

// commandHelp is every text a user sees for one command: its one-line
// summary (shown in the parent's list) and its whole help page.
func commandHelp(t *testing.T, c *cobra.Command) string {
	t.Helper()
	var buf bytes.Buffer
	c.SetOut(&buf)
	c.SetErr(io.Discard)
	if err := c.Help(); err != nil {
		t.Fatalf("%s --help: %v", c.CommandPath(), err)
	}
	return c.Short + "\n" + buf.String()
}

// TestHelpPointsInsideTheRepository: no --help text names the product
// contract outside the repository or a section number of it.
func TestHelpPointsInsideTheRepository(t *testing.T) {
	root := newRootCmd(&app{stdout: io.Discard, stderr: io.Discard})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		n++
		help := commandHelp(t, c)
		for i, line := range strings.Split(help, "\n") {
			if m := outside.FindString(line); m != "" {
				t.Errorf("%s --help, line %d, points outside the repository (%q; point at docs/data.md or docs/method.md instead):\n  %s",
					c.CommandPath(), i+1, m, line)
			}
		}
		checkDocPaths(t, c.CommandPath()+" --help", help)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if n < 10 {
		t.Fatalf("walked only %d commands", n)
	}
}

// docPath is a path into the repository's documentation in a text.
var docPath = regexp.MustCompile(`\b(docs/[a-z0-9_-]+\.md|README\.md|config/gevinst\.example\.yaml)\b`)

// checkDocPaths fails for every documentation path in text that is not a
// file of the repository.
func checkDocPaths(t *testing.T, where, text string) {
	t.Helper()
	for _, p := range docPath.FindAllString(text, -1) {
		if _, err := os.Stat(filepath.Join("../..", p)); err != nil {
			t.Errorf("%s names %s, which is not in the repository", where, p)
		}
	}
}

// mdLink is a relative markdown link: [text](path#anchor).
var mdLink = regexp.MustCompile(`\]\(([^)#:\s]*)(#[^)\s]*)?\)`)

// anchors returns the GitHub anchors of a markdown file's headings.
func anchors(md string) map[string]bool {
	out := map[string]bool{}
	drop := regexp.MustCompile(`[^\p{L}\p{N} _-]`)
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(line, "#"))
		h = drop.ReplaceAllString(strings.ToLower(h), "")
		out["#"+strings.ReplaceAll(h, " ", "-")] = true
	}
	return out
}

// TestUserDocsPointInsideTheRepository: the README, docs/data.md and
// docs/method.md name no file outside the repository and no section
// number of the product contract, and every relative link (and its
// #anchor) resolves.
func TestUserDocsPointInsideTheRepository(t *testing.T) {
	for _, doc := range userDocs {
		b, err := os.ReadFile(filepath.Join("../..", doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := outside.FindString(line); m != "" {
				t.Errorf("%s:%d points outside the repository (%q):\n  %s", doc, i+1, m, line)
			}
		}
		checkDocPaths(t, doc, string(b))
		dir := filepath.Dir(filepath.Join("../..", doc))
		for _, m := range mdLink.FindAllStringSubmatch(string(b), -1) {
			target, anchor := m[1], m[2]
			path := filepath.Join("../..", doc)
			if target != "" {
				path = filepath.Join(dir, target)
			}
			body, err := os.ReadFile(path)
			if err != nil {
				if _, serr := os.Stat(path); serr != nil {
					t.Errorf("%s links to %s, which does not exist", doc, m[1])
				}
				continue // a directory
			}
			if anchor != "" && strings.HasSuffix(path, ".md") && !anchors(string(body))[anchor] {
				t.Errorf("%s links to %s%s: no such heading", doc, target, anchor)
			}
		}
	}
}
