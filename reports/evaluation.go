package reports

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// evaluation draws the designs side by side (issue 17, SPEC §11): for
// each (org, service) the baseline before-and-after design, the
// interrupted time series and the difference-in-differences, each with
// its change month, effect and hours saved with their 95 % intervals, the
// placebo, the evidence level and the note on what held it back. The rows
// are Input.Evaluation, as `gevinst evaluate` writes them.
func (b *book) evaluation() {
	sh := b.L("sheet.evaluation")
	b.heading(sh, b.L("eval.title"))
	b.str(sh, 1, 3, b.L("eval.note"), b.st.note)
	b.merge(sh, 1, 3, 18, 3)
	b.rowHeight(sh, 3, 3)
	b.widths(sh, 14, 25, 24, 10, 12, 10, 10, 10, 10, 10, 12, 10, 10, 10, 10, 15, 11, 62)
	cols := model.EvaluationSchema.Labelled()
	heads := make([]string, len(cols))
	for i, c := range cols {
		heads[i] = b.L(c.Label)
	}
	hr := 5
	b.headers(sh, 1, hr, heads)
	b.rowHeight(sh, hr, 4)
	// The cells' styles (evaluationCell), made in a fixed order.
	b.top("@")
	b.top("#,##0.0")
	b.top("0")
	r := hr
	if len(b.in.Evaluation) == 0 {
		r++
		b.str(sh, 1, r, b.L("eval.none"), 0)
	}
	for _, x := range b.in.Evaluation {
		r++
		for i, c := range cols {
			b.evaluationCell(sh, i+1, r, c, x)
		}
	}
	b.endTable(sh, "tblEvaluation", hr, len(cols), r)
	b.freeze(sh, hr)
	b.page(sh)
}

// evaluationCell writes column c of evaluation row x at (col, r). Every
// cell sits at its top, so the numbers stand beside the first line of a
// wrapped note; minutes saved are shown as hours.
func (b *book) evaluationCell(sh string, col, r int, c model.Column[model.EvaluationRow], x model.EvaluationRow) {
	text, minutes, hours, count := b.top("@"), b.top("#,##0.0"), b.top("#,##0.0"), b.top("0")
	v := c.Get(x)
	switch c.Name {
	case "service":
		b.str(sh, col, r, b.serviceName(x.Service), text)
	case "design":
		b.str(sh, col, r, b.designName(x.Design), text)
	case "change_month":
		b.month(sh, col, r, x.ChangeMonth)
		b.setStyle(sh, col, r, b.top("yyyy-mm"))
	case "minutes_saved", "minutes_saved_ci_low", "minutes_saved_ci_high":
		b.null(sh, col, r, div60(v.(model.Null)), hours)
	case "comparison":
		b.str(sh, col, r, x.Comparison, b.st.indentWrap)
	case "evidence_level":
		b.int(sh, col, r, x.EvidenceLevel, b.levelStyle())
	case "note":
		note := b.evalNote(x.Note)
		b.str(sh, col, r, note, b.st.wrap)
		b.rowHeight(sh, r, lines(note, 68))
	default:
		switch v := v.(type) {
		case string:
			b.str(sh, col, r, v, text)
		case model.Null:
			b.null(sh, col, r, v, minutes)
		case int64:
			b.int(sh, col, r, v, count)
		default:
			if b.err == nil {
				b.err = fmt.Errorf("%w: evaluation column %s: no cell for %T", ErrReport, c.Name, v)
			}
		}
	}
}

// levelStyle is the evidence level, centred.
func (b *book) levelStyle() int {
	return b.cachedStyle("level", func() *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}
	})
}

// top is a cell style with number format numFmt aligned to the top.
func (b *book) top(numFmt string) int {
	return b.cachedStyle("top|"+numFmt, func() *excelize.Style {
		f := numFmt
		st := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}
		if f != "@" {
			st.CustomNumFmt = &f
			st.Alignment.Horizontal = "right"
		}
		return st
	})
}

// designName is a design's display name.
func (b *book) designName(d string) string {
	if _, ok := labels["design."+d]; ok {
		return b.L("design." + d)
	}
	return d
}

// headlineLevel is the evidence level of the Summary's savings figures
// (docs/method.md): each (org, service) has the highest level any of its
// designs reaches (the baseline design is level 2, so never less), and
// the savings, summed over them, have the lowest of these. stronger
// counts the pairs above level 2, of pairs in all. Without evaluation
// rows the figures are the baseline design's: level 2.
func (b *book) headlineLevel() (level, stronger, pairs int) {
	return savingsLevel(b.in.Evaluation)
}

// pairLevels is the first step of the rule of docs/method.md: each
// (org, service) of rows, in their order, with the highest level any of
// its designs reaches (2 at least: the baseline design).
func pairLevels(rows []model.EvaluationRow) (keys [][2]string, best map[[2]string]int64) {
	best = map[[2]string]int64{}
	for _, x := range rows {
		k := [2]string{x.Org, x.Service}
		if _, ok := best[k]; !ok {
			best[k] = 2
			keys = append(keys, k)
		}
		best[k] = max(best[k], x.EvidenceLevel)
	}
	return keys, best
}

// savingsLevel is the rule of docs/method.md for the level of the
// savings figures, shared by the Summary and the funder's report: the
// lowest of the pairs' levels (2 without rows), the pairs above level 2,
// and the pairs in all.
func savingsLevel(rows []model.EvaluationRow) (level, stronger, pairs int) {
	keys, best := pairLevels(rows)
	level = 2
	for i, k := range keys {
		l := int(best[k])
		if i == 0 || l < level {
			level = l
		}
		if l > 2 {
			stronger++
		}
	}
	return level, stronger, len(keys)
}

// evidenceText is the Summary's sentence on the evidence level of the
// savings figures.
func (b *book) evidenceText() string {
	level, stronger, pairs := b.headlineLevel()
	if pairs == 0 {
		return b.L("eval.headlineNone")
	}
	return b.Lf("eval.headline", level, pairs, stronger, b.L("sheet.evaluation"))
}

// evalNotes translates the notes of pipelines/evaluate, part by part
// (they are joined by "; "); a part in another form is shown as given.
var evalNotes = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^before-and-after design \(level 2\): it credits the change with any trend already under way$`), "note.beforeAfter"},
	{regexp.MustCompile(`^no submissions from the change month on in the range$`), "note.noPost"},
	{regexp.MustCompile(`^needs (\d+) months with submissions before and (\d+) from the change month (\d{4}-\d{2}) on; has (\d+) and (\d+)$`), "note.itsMonths"},
	{regexp.MustCompile(`^needs (\d+) months before and (\d+) from the change month (\d{4}-\d{2}) on with a comparison not yet changed; has (\d+) and (\d+)$`), "note.didMonths"},
	{regexp.MustCompile(`^placebo at (\d{4}-\d{2}): its interval \[(\S+), (\S+)\] excludes 0, so the series moves without the change$`), "note.itsPlacebo"},
	{regexp.MustCompile(`^placebo at (\d{4}-\d{2}): its interval \[(\S+), (\S+)\] excludes 0$`), "note.didPlacebo"},
	{regexp.MustCompile(`^no comparison group \(level 4 needs did\)$`), "note.noGroup"},
	{regexp.MustCompile(`^Newey–West intervals run narrow on few months$`), "note.narrow"},
	{regexp.MustCompile(`^no comparison: no other organisation changed this service later or never$`), "note.noComparison"},
	{regexp.MustCompile(`^no post month with a comparison$`), "note.noPostComparison"},
	{regexp.MustCompile(`^pre-change trends differ: the slope of the gap, (\S+) minutes per month, has the interval \[(\S+), (\S+)\], which excludes 0 \(level 2\)$`), "note.trends"},
	{regexp.MustCompile(`^not randomised \(level 4 at most\)$`), "note.notRandom"},
	{regexp.MustCompile(`^no change month: the target channel never had (\d+) \(privacy\.min_cell\) submissions in a month and changes: names no go-live$`), "note.noChange"},
}

// Nested notes: a placebo that could not be computed, a baseline that
// could not be, each around another note.
var (
	notePlaceboNot  = regexp.MustCompile(`^placebo at (\d{4}-\d{2}) not computable: (.+)$`)
	noteBaselineNot = regexp.MustCompile(`^baseline not computable \((.+)\)$`)
)

// evalNote is a note of Input.Evaluation in the workbook's language.
func (b *book) evalNote(s string) string {
	if b.lang == "en" || s == "" {
		return s
	}
	// "; has N and M" belongs to the note before it, not a note of its own.
	parts := strings.Split(strings.ReplaceAll(s, "; has ", "\x00has "), "; ")
	for i, p := range parts {
		parts[i] = b.evalNotePart(strings.ReplaceAll(p, "\x00has ", "; has "))
	}
	return strings.Join(parts, "; ")
}

func (b *book) evalNotePart(p string) string {
	if m := notePlaceboNot.FindStringSubmatch(p); m != nil {
		return b.Lf("note.placeboNot", m[1], b.evalNotePart(m[2]))
	}
	if m := noteBaselineNot.FindStringSubmatch(p); m != nil {
		return b.Lf("note.baselineNot", b.basisText(m[1]))
	}
	for _, n := range evalNotes {
		if m := n.re.FindStringSubmatch(p); m != nil {
			args := make([]any, len(m)-1)
			for i, v := range m[1:] {
				args[i] = strings.Replace(v, ".", ",", 1)
			}
			return fmt.Sprintf(b.L(n.key), args...)
		}
	}
	return p
}
