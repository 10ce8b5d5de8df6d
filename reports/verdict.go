package reports

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/gevinst/gevinst/queries/model"
)

// verdict is the Summary's one sentence, generated from the register:
// how many entries are at or ahead of their trajectory, and the weakest
// one by name (service, organisation, indicator, actual against
// trajectory, target and date).
func (b *book) verdict() string {
	var rated []model.RegisterRow
	for _, x := range b.in.Register {
		if x.RAG == "green" || x.RAG == "amber" || x.RAG == "red" {
			rated = append(rated, x)
		}
	}
	if len(rated) == 0 {
		return b.L("verdict.none")
	}
	green := 0
	for _, x := range rated {
		if x.RAG == "green" {
			green++
		}
	}
	if green == len(rated) {
		if green == 1 {
			return b.L("verdict.oneGreen")
		}
		return b.Lf("verdict.allGreen", len(rated))
	}
	// The weakest: worst status, then lowest achievement.
	sort.SliceStable(rated, func(i, j int) bool {
		x, y := rated[i], rated[j]
		if ragRank[x.RAG] != ragRank[y.RAG] {
			return ragRank[x.RAG] < ragRank[y.RAG]
		}
		ax, ay := x.Achievement.Float64, y.Achievement.Float64
		if !x.Achievement.Valid {
			ax = math.Inf(-1)
		}
		if !y.Achievement.Valid {
			ay = math.Inf(-1)
		}
		return ax < ay
	})
	w := rated[0]
	head := b.L("verdict.amber")
	if w.RAG == "red" {
		head = b.L("verdict.red")
	}
	s := b.Lf("verdict.count", head, green, len(rated)) + " " +
		b.Lf("verdict.weakest", b.serviceName(w.Service), w.Org, strings.ToLower(b.L("rag."+w.RAG)),
			b.indicatorValue(w.Indicator, w.Actual.Float64), b.indicatorValue(w.Indicator, w.Trajectory),
			strings.ToLower(b.indicatorName(w.Indicator)), b.indicatorValue(w.Indicator, w.TargetValue), monthOf(w.TargetDate))
	if more := len(rated) - green - 1; more > 0 {
		s += " " + b.Lf("verdict.more", more)
	}
	return s
}

// indicatorValue formats a register value for text: shares as per cent,
// minutes with one decimal, FTE with two, hours and money as whole
// numbers, with the workbook language's decimal mark.
func (b *book) indicatorValue(ind string, v float64) string {
	var s string
	switch ind {
	case "digital_share", "target_share":
		s = strconv.FormatFloat(v*100, 'f', 1, 64) + " %"
	case "minutes_per_submission":
		s = strconv.FormatFloat(v, 'f', 1, 64)
	case "fte_saved_12m":
		s = strconv.FormatFloat(v, 'f', 2, 64)
	case "value_saved_12m", "cash_releasing_12m":
		return b.grouped(v) + " " + b.in.Currency
	default:
		return b.grouped(v)
	}
	if b.lang == "nb" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// monthOf is the YYYY-MM of a YYYY-MM-DD date (the text as given when
// shorter).
func monthOf(date string) string {
	if len(date) >= 7 {
		return date[:7]
	}
	return date
}

// weakestEntry is each service's weakest register entry over
// organisations (worst status, then lowest achievement), for the
// Summary's service table.
func (b *book) weakestEntry() map[string]model.RegisterRow {
	out := map[string]model.RegisterRow{}
	for _, x := range b.in.Register {
		cur, ok := out[x.Service]
		if !ok || ragRank[x.RAG] < ragRank[cur.RAG] ||
			(ragRank[x.RAG] == ragRank[cur.RAG] && x.Achievement.Valid && (!cur.Achievement.Valid || x.Achievement.Float64 < cur.Achievement.Float64)) {
			out[x.Service] = x
		}
	}
	return out
}
