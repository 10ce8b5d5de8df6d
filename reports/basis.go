package reports

import (
	"regexp"
	"strconv"
)

// The baseline basis comes from queries/benefits.sql as an English
// sentence; basisText reads it back so each workbook shows it in its own
// language, and noMeasuredBefore tells the rules apart.
var (
	basisWindow     = regexp.MustCompile(`^baseline window (\d{4}-\d{2})\.\.(\d{4}-\d{2}) \((\d+) submissions, all channels\)$`)
	basisEmptyWin   = regexp.MustCompile(`^not computable: no submissions in baseline window (\d{4}-\d{2})\.\.(\d{4}-\d{2})$`)
	basisRange      = regexp.MustCompile(`^(.+) channel, reporting range \((\d+) submissions\)$`)
	basisAll        = regexp.MustCompile(`^(.+) channel, all loaded data \((\d+) submissions\)$`)
	basisNotEnough  = regexp.MustCompile(`^not computable: (\d+) (.+) submissions in all loaded data, fewer than baseline\.min_submissions = (\d+)$`)
	basisSubmission = func(s string) int { n, _ := strconv.Atoi(s); return n }
)

// basisText is the baseline basis in the workbook's language; a text in
// another form is shown as given.
func (b *book) basisText(s string) string {
	if m := basisWindow.FindStringSubmatch(s); m != nil {
		return b.Lf("basis.window", m[1], m[2], basisSubmission(m[3]))
	}
	if m := basisEmptyWin.FindStringSubmatch(s); m != nil {
		return b.Lf("basis.emptyWindow", m[1], m[2])
	}
	if m := basisRange.FindStringSubmatch(s); m != nil {
		return b.Lf("basis.range", b.channelName(m[1]), basisSubmission(m[2]))
	}
	if m := basisAll.FindStringSubmatch(s); m != nil {
		return b.Lf("basis.all", b.channelName(m[1]), basisSubmission(m[2]))
	}
	if m := basisNotEnough.FindStringSubmatch(s); m != nil {
		return b.Lf("basis.notEnough", basisSubmission(m[1]), b.channelName(m[2]), basisSubmission(m[3]))
	}
	return s
}

// noMeasuredBefore reports whether a baseline basis is the baseline
// channel over a range rather than a measured "before" (a baseline
// window): its savings compare channels in the same months, not the
// service before and after the change.
func noMeasuredBefore(basis string) bool {
	return basisRange.MatchString(basis) || basisAll.MatchString(basis)
}
