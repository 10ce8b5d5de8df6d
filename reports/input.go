package reports

import (
	"time"

	"github.com/gevinst/gevinst/queries/model"
)

// Input is everything the dashboard shows, already computed by package
// queries. The workbook draws these rows; it runs no SQL of its own.
type Input struct {
	// Lang is "nb" or "en".
	Lang string
	// GeneratedAt is the generation time printed in footers (inject a fixed
	// clock in tests for reproducible files).
	GeneratedAt time.Time
	// From and To are the reporting range, "YYYY-MM" inclusive.
	From, To string
	// Currency labels money figures (e.g. NOK).
	Currency string
	// Channels is the configured channel list in display order; Baseline
	// and Target name the baseline and target channel.
	Channels         []string
	Baseline, Target string
	// ServiceNames maps service codes to display names (may be empty).
	ServiceNames map[string]string
	// HoursPerFTE, MinCell and MinSubmissions are the assumptions used.
	HoursPerFTE    float64
	MinCell        int
	MinSubmissions int
	// Version is the product version; QueryVersion identifies the SQL text
	// (a hash of the embedded query files).
	Version, QueryVersion string

	// Monthly is SPEC §4 by month, grain (org, service, channel, month).
	Monthly []model.MetricRow
	// Overall is SPEC §4 over the whole reporting range, grain
	// (org, service, channel); Period is "From..To".
	Overall []model.MetricRow
	// Benefits is SPEC §5 by month, grain (org, service, month).
	Benefits []model.BenefitRow
	// Mix is the channel mix by month, grain (org, service, month).
	Mix []model.MixRow
	// Activities is staff minutes by activity and role over the reporting
	// range, grain (org, service, channel, activity, role).
	Activities []model.ActivityRow

	// Batches, Rejects and Quality feed the data-quality sheet.
	Batches       []model.BatchRow
	Rejects       []model.RejectSummary
	RejectSamples []model.RejectRow
	Quality       model.Quality

	// ConfigYAML is the configuration used, with secrets removed.
	ConfigYAML string
}
