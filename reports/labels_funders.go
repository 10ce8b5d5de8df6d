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
}

func init() {
	for k, v := range fundersLabels {
		if _, dup := labels[k]; dup {
			panic("reports: label " + k + " is defined twice")
		}
		labels[k] = v
	}
}
