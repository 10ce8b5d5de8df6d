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

	// Employees is the number of distinct employees behind the staff
	// minutes of each metrics and benefits cell, by month and over the
	// range (queries.CellEmployees), for the small-cell rule (SPEC §8,
	// model.Small). A cell without minutes is absent.
	Employees map[model.CellKey]int64

	// Batches, Rejects and Quality feed the data-quality sheet.
	Batches       []model.BatchRow
	Rejects       []model.RejectSummary
	RejectSamples []model.RejectRow
	Quality       model.Quality

	// Register is the benefits register with actual, trajectory and RAG
	// (SPEC §5), one row per (org, benefit).
	Register []model.RegisterRow
	// Change is the appraisal of the costs of the change per (org,
	// service) and per org over all services (Service "*").
	Change []model.ChangeRow
	// Risk is the ITPOSMO assessments in date order; empty when none is
	// configured (the Risk sheet is then left out).
	Risk []model.RiskRow
	// Compare is the comparison across organisations; the Organisations
	// sheet is drawn only when it holds more than one org.
	Compare []model.CompareRow

	// Evaluation is the effect of the channel change by design (SPEC §11,
	// `gevinst evaluate`), one row per (org, service, design), for the
	// Evaluation sheet and the evidence level of the Summary's savings.
	Evaluation []model.EvaluationRow

	// Assumptions are the settings behind the money and benefit figures,
	// listed on the Method sheet.
	Assumptions Assumptions

	// ConfigYAML is the configuration used, with secrets removed.
	ConfigYAML string
	// ConfigSHA256 and AssumptionsSHA256 are the digests of the config and
	// of the assumptions register that the evidence sidecar records.
	ConfigSHA256, AssumptionsSHA256 string
	// AssumptionsFile is the assumptions workbook named by the config
	// (assumptions_file), as given; empty when none.
	AssumptionsFile string

	// ExampleParts names the parts of the configuration that still hold
	// the example's made-up values (config.Config.ExampleParts): the
	// Summary says the workbook is built on example assumptions.
	ExampleParts []string
}

// Assumptions is the assumptions register (SPEC §7 Method sheet): every
// setting a figure depends on, as used for this workbook.
type Assumptions struct {
	// HourlyRates is the fully loaded cost per hour by role.
	HourlyRates map[string]float64
	// ChannelUnitCosts is the cost per submission by channel (postage,
	// printing, platform fee).
	ChannelUnitCosts map[string]float64
	// BaselineWindows maps a service code to its measured "before"
	// window, "YYYY-MM..YYYY-MM".
	BaselineWindows map[string]string
	// CashShares maps a service code to its cash-releasing share (0..1);
	// services not listed have 0.
	CashShares map[string]float64
	// DiscountRate is the real discount rate of the NPV; HorizonYears its
	// horizon.
	DiscountRate float64
	HorizonYears int
	// CostItems are the configured costs of the change.
	CostItems []CostItem
	// Bands are the ITPOSMO rating bands: a total up to Max gets Label.
	Bands []Band
}

// CostItem is one configured cost of the change.
type CostItem struct {
	Name, Org, Service, Kind, Date string
	Amount                         float64
}

// Band is one ITPOSMO rating band.
type Band struct {
	Max   int
	Label string
}
