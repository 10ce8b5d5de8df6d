package reports

// fundersLabels are the texts of the funders' sheets (Method, Data quality,
// Handling time) and of the workbook-wide privacy and print rules, kept
// apart from labels so that sheets drawn by different hands add texts
// without touching the same lines. init merges them into labels.
var fundersLabels = map[string]label{
	"v.configSHA":       {"SHA-256, konfigurasjon", "SHA-256, configuration"},
	"v.assumptionsSHA":  {"SHA-256, forutsetninger", "SHA-256, assumptions"},
	"v.assumptionsFile": {"Forutsetningsfil", "Assumptions file"},
	"col.key":           {"Nøkkel", "Key"},

	// Privacy (SPEC §8): why a cell is hidden, without its small count.
	"why.few":           {"færre enn %d innsendinger", "fewer than %d submissions"},
	"what.channelMonth": {"%s / %s: innsendinger", "%s / %s: submissions"},
	"why.derived":       {"ville avsløre en skjult celle i samme rad", "would give away a hidden cell in the same row"},
	"what.monthTotal":   {"%s: sum og andeler", "%s: total and shares"},

	// Services: the register's baseline against the measured B.
	"col.measuredB":            {"Målt B (min per innsending)", "Measured B (min per submission)"},
	"services.baselineDiffers": {"Registerets basis %s avviker fra målt B %s (%s), som gevinstene bygger på.", "The register's baseline %s differs from the measured B %s (%s) that the savings use."},

	// Baseline basis (queries/benefits.sql), translated.
	"basis.window":      {"basisvindu %s..%s (%d innsendinger, alle kanaler)", "baseline window %s..%s (%d submissions, all channels)"},
	"basis.emptyWindow": {"ikke beregnbar: ingen innsendinger i basisvinduet %s..%s", "not computable: no submissions in baseline window %s..%s"},
	"basis.range":       {"kanal %s, rapportperioden (%d innsendinger)", "%s channel, reporting range (%d submissions)"},
	"basis.all":         {"kanal %s, alle innleste data (%d innsendinger)", "%s channel, all loaded data (%d submissions)"},
	"basis.notEnough":   {"ikke beregnbar: %d innsendinger på %s i alle data, færre enn baseline.min_submissions = %d", "not computable: %d %s submissions in all loaded data, fewer than baseline.min_submissions = %d"},
}

func init() {
	for k, v := range fundersLabels {
		if _, dup := labels[k]; dup {
			panic("reports: label " + k + " is defined twice")
		}
		labels[k] = v
	}
}
