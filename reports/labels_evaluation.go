package reports

// evaluationLabels are the texts of the Evaluation sheet (issue 17) and of
// the Summary and Savings privacy fixes (issue 19), kept apart from labels
// like fundersLabels. init merges them into labels.
var evaluationLabels = map[string]label{
	"what.monthHours": {"%s: timer spart (alle tjenester)", "%s: hours saved (all services)"},
	"what.monthLine":  {"%s: timer spart, linjen", "%s: hours saved, the line"},
	"why.difference":  {"ville avsløre en skjult måned ved differanse", "would give away a hidden month by difference"},
}

func init() {
	for k, v := range evaluationLabels {
		if _, dup := labels[k]; dup {
			panic("reports: label " + k + " is defined twice")
		}
		labels[k] = v
	}
}
