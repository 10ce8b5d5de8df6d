package demo

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
)

// Canonical headers (SPEC §2.1 and §2.2).
var (
	submissionHeader = []string{"submission_id", "org", "service", "channel", "received_at", "decided_at", "case_id"}
	timeHeader       = []string{"registration_id", "org", "employee", "role", "work_date", "minutes", "case_id", "service", "channel", "activity"}
)

// Column positions in submissionHeader and timeHeader.
const (
	subID = iota
	subOrg
	subService
	subChannel
	subReceived
	subDecided
	subCase
	nSubCols
)

const (
	timeID = iota
	timeOrg
	timeEmployee
	timeRole
	timeWorkDate
	timeMinutes
	timeCase
	timeService
	timeChannel
	timeActivity
	nTimeCols
)

// bufferSize is the write buffer per file; rows are streamed through it.
const bufferSize = 64 << 10

// csvFile streams rows to one CSV file. The first write error is kept and
// later writes are skipped; close reports it.
type csvFile struct {
	path string
	f    *os.File
	w    *csv.Writer
	err  error
}

// createCSV creates path and writes the header row.
func createCSV(path string, header []string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	// csv.NewWriter reuses a *bufio.Writer that is large enough, so this
	// is the one buffer between the rows and the file.
	c := &csvFile{path: path, f: f, w: csv.NewWriter(bufio.NewWriterSize(f, bufferSize))}
	c.write(header)
	return c, nil
}

// write appends one row.
func (c *csvFile) write(rec []string) {
	if c.err == nil {
		c.err = c.w.Write(rec)
	}
}

// close flushes and closes the file and returns the first error.
func (c *csvFile) close() error {
	if c.err == nil {
		c.w.Flush()
		c.err = c.w.Error()
	}
	if err := c.f.Close(); c.err == nil {
		c.err = err
	}
	if c.err != nil {
		return fmt.Errorf("demo: write %s: %w", c.path, c.err)
	}
	return nil
}
