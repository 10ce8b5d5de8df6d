// Package demo writes gevinst's deterministic demo data set: two
// municipalities moving four services from paper to e-forms to integrated
// e-forms, 2006–2009, modelled on the Halden case (SPEC §1). It writes the
// canonical CSVs of SPEC §2, the demo's configuration and its filled-in
// assumptions workbook.
package demo

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// configYAML is the demo's gevinst.yaml, written as is.
//
//go:embed demo.yaml
var configYAML []byte

// File names written by Generate.
const (
	SubmissionsFile = "submissions.csv"
	TimeFile        = "time.csv"
	ConfigFile      = "gevinst.yaml"
)

// The demo's assumptions workbook is AssumptionsFile (assumptions.go).

// ConfigYAML returns the bytes Generate writes as ConfigFile, so a caller
// can tell the demo's own config from a user's.
func ConfigYAML() []byte { return slices.Clone(configYAML) }

// Files lists what Generate wrote, as absolute paths.
type Files struct {
	// Submissions is submissions.csv (SPEC §2.1).
	Submissions string
	// Time is time.csv, the staff time registrations (SPEC §2.2).
	Time string
	// Config is gevinst.yaml, the demo's configuration.
	Config string
	// Assumptions is the filled-in assumptions workbook gevinst.yaml names.
	Assumptions string
}

// Generate writes a deterministic demo data set into dir (created if
// missing): submissions.csv, time.csv and gevinst.yaml, and returns their
// paths. Every run writes the same bytes. Existing files are overwritten.
func Generate(dir string) (Files, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Files{}, fmt.Errorf("demo: %w", err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return Files{}, fmt.Errorf("demo: %w", err)
	}
	files := Files{
		Submissions: filepath.Join(abs, SubmissionsFile),
		Time:        filepath.Join(abs, TimeFile),
		Config:      filepath.Join(abs, ConfigFile),
		Assumptions: filepath.Join(abs, AssumptionsFile),
	}
	if err := os.WriteFile(files.Config, configYAML, 0o644); err != nil {
		return Files{}, fmt.Errorf("demo: %w", err)
	}
	if err := writeCSVs(files.Submissions, files.Time); err != nil {
		return Files{}, err
	}
	if err := writeAssumptions(files.Assumptions); err != nil {
		return Files{}, err
	}
	return files, nil
}

// writeCSVs streams both CSV files in one pass over the period.
func writeCSVs(subsPath, timePath string) (err error) {
	subs, err := createCSV(subsPath, submissionHeader)
	if err != nil {
		return err
	}
	times, err := createCSV(timePath, timeHeader)
	if err != nil {
		return errors.Join(err, subs.close())
	}
	defer func() { err = errors.Join(subs.close(), times.close()) }()
	newGenerator(subs, times).run()
	return nil
}
