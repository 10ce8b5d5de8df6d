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

	// Rejects and input kinds on Data quality.
	"reject.required value missing":      {"påkrevd verdi mangler", "required value missing"},
	"reject.unreadable line":             {"uleselig linje", "unreadable line"},
	"reject.decided before received":     {"vedtak før mottak", "decided before received"},
	"reject.duplicate key in file":       {"duplisert nøkkel i filen", "duplicate key in file"},
	"reject.minutes out of range":        {"minutter utenfor gyldig område", "minutes out of range"},
	"reject.not a count":                 {"ikke et antall", "not a count"},
	"reject.not a date":                  {"ikke en dato", "not a date"},
	"reject.not a month":                 {"ikke en måned", "not a month"},
	"reject.not a number":                {"ikke et tall", "not a number"},
	"reject.not a timestamp":             {"ikke et tidspunkt", "not a timestamp"},
	"reject.unknown channel":             {"ukjent kanal", "unknown channel"},
	"reject.is empty (required)":         {"tom (påkrevd)", "is empty (required)"},
	"reject.is not a configured channel": {"ukjent kanal", "is not a configured channel"},
	"reject.is not a whole number":       {"ikke et helt antall", "is not a whole number"},
	"reject.is before received_at":       {"vedtak før mottak", "is before received_at"},
	"reject.appears again on line":       {"duplisert nøkkel: siste linje beholdes", "appears again on line"},
	"reject.out of range":                {"minutter utenfor gyldig område", "out of range"},
	"reject.oneOf":                       {"en av: %s", "one of: %s"},
	"reject.mapIt":                       {"knytt den til en kanal i %s, eller legg den til i %s", "map it in %s, or add it to %s"},
	"reject.addIt":                       {"eller legg den til i %s", "or add it to %s"},
	"reject.expected":                    {"forventet %s", "expected %s"},
	"batch.submissions":                  {"innsendinger", "submissions"},
	"batch.time":                         {"timeføring", "time"},
	"batch.volumes":                      {"volumer", "volumes"},

	// A service without a measured before (issue 19).
	"warn.noBefore":          {"Advarsel – ingen målt «før» (basisvindu) for: %s. B er basiskanalens minutter per innsending over perioden, så gevinsten sammenligner kanaler i samme måneder, ikke tjenesten før og etter. Se kontrollen av månedene før første digitale kanal under Datakvalitet.", "Warning – no measured \"before\" (baseline window) for: %s. B is the baseline channel's minutes per submission over the range, so the savings compare channels in the same months, not the service before and after. See the check of the months before the first digital channel on Data quality."},
	"warn.noBeforeShort":     {"Ingen målt «før»: kanalsammenligning", "No measured \"before\": a channel comparison"},
	"quality.preDigital":     {"Kontroll: månedene før første digitale innsending", "Check: the months before the first digital submission"},
	"quality.preDigitalNote": {"Før noen digital kanal fantes, kommer både B og faktisk tid fra samme kanal, så «gevinsten» bør være nær null. Et 95 %-intervall som ikke dekker null betyr at B ikke er sammenlignbar med månedene den måles mot.", "Before any digital channel existed, B and the actual time come from the same channel, so the \"savings\" should be near zero. A 95 % interval that excludes zero means B is not like for like with the months it is set against."},
	"col.from":               {"Fra", "From"},
	"col.to":                 {"Til", "To"},
	"col.months":             {"Måneder", "Months"},
	"col.ciLowHours":         {"95 % KI, lav (timer)", "95 % CI low (hours)"},
	"col.ciHighHours":        {"95 % KI, høy (timer)", "95 % CI high (hours)"},
	"col.result":             {"Resultat", "Result"},
	"check.zero":             {"forenlig med null", "consistent with zero"},
	"check.notZero":          {"ikke null: sjekk B", "not zero: check B"},
	"check.noInterval":       {"intet intervall", "no interval"},
	"what.preDigital":        {"%s / %s: kontroll før digital kanal", "%s / %s: pre-digital check"},

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
