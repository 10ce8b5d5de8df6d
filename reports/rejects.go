package reports

import (
	"regexp"
	"strings"
)

// rejectKinds are the reason kinds the import writes (queries/check_*.sql,
// import_read_errors.sql), in the order they are looked for in a full
// reason text.
var rejectKinds = []string{
	"required value missing", "unreadable line", "decided before received", "duplicate key in file",
	"minutes out of range", "not a count", "not a date", "not a month", "not a number", "not a timestamp",
	"unknown channel", "is empty (required)", "is not a configured channel",
	"is not a whole number", "is before received_at", "appears again on line", "out of range",
}

// expected finds "(expected …)" in a reason.
var expected = regexp.MustCompile(`\(expected ([^)]*)\)`)

// The remedies an unknown channel's "(expected one of: …; remedy)" ends
// with (queries/engine/map.go, channel_remedy), naming config keys.
var (
	mapIt = regexp.MustCompile(`^map it in (\S+), or add it to (\S+)$`)
	addIt = regexp.MustCompile(`^or add it to (\S+)$`)
)

// expectedNB translates the words of the import's "(expected …)" texts
// (queries/check_*.sql); the formats themselves are kept.
var expectedNB = strings.NewReplacer(
	"ISO 8601 with offset", "ISO 8601 med tidssoneforskyvning",
	"more than 0 and at most 1440, one day", "mer enn 0 og høyst 1440, ett døgn",
	"0 or more", "0 eller mer",
	"submissions, time or volumes", "submissions, time eller volumes",
	", or ", " eller ", " or ", " eller ", "e.g. ", "f.eks. ",
)

// rejectKind translates a reason kind; an unknown kind is shown as given.
func (b *book) rejectKind(k string) string {
	if _, ok := labels["reject."+k]; ok {
		return b.L("reject." + k)
	}
	return k
}

// rejectReason shows a full reject reason in the workbook's language:
// English as written by the import, Norwegian as the translated kind and
// what was expected. A reason of no known kind is shown as given.
func (b *book) rejectReason(reason string) string {
	if b.lang == "en" {
		return reason
	}
	for _, k := range rejectKinds {
		if !strings.Contains(reason, k) {
			continue
		}
		out := b.rejectKind(k)
		if m := expected.FindStringSubmatch(reason); m != nil {
			what := m[1]
			if rest, ok := strings.CutPrefix(what, "one of: "); ok {
				list, remedy, _ := strings.Cut(rest, "; ")
				what = b.Lf("reject.oneOf", list)
				if m := mapIt.FindStringSubmatch(remedy); m != nil {
					what += "; " + b.Lf("reject.mapIt", m[1], m[2])
				} else if m := addIt.FindStringSubmatch(remedy); m != nil {
					what += "; " + b.Lf("reject.addIt", m[1])
				} else if remedy != "" {
					what += "; " + remedy
				}
			} else {
				what = expectedNB.Replace(what)
			}
			out += " (" + b.Lf("reject.expected", what) + ")"
		}
		return out
	}
	return reason
}

// batchKind translates an input kind (submissions, time, volumes).
func (b *book) batchKind(k string) string {
	if _, ok := labels["batch."+k]; ok {
		return b.L("batch." + k)
	}
	return k
}
