package reports

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	// The workbook prints times in Europe/Oslo on any machine.
	_ "time/tzdata"

	"github.com/xuri/excelize/v2"

	"github.com/gevinst/gevinst/queries/model"
)

// Write draws the dashboard workbook for in and writes it to path
// atomically: the file is built in a temporary file in the same directory
// and renamed over path only when complete, so a failed run never leaves a
// half-written workbook.
func Write(path string, in Input) error {
	b, err := newBook(in)
	if err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	defer b.f.Close()
	for _, sh := range b.sheets() {
		if sh.when != nil && !sh.when() {
			continue
		}
		sh.draw()
		if b.err != nil {
			return fmt.Errorf("write report %s: sheet %s: %w", path, sh.name, b.err)
		}
	}
	return b.save(path)
}

// save writes the finished book to path (atomically), or fails naming the
// labels it lacked: a missing label is a defect, never a key in a cell.
func (b *book) save(path string) error {
	if len(b.missing) > 0 {
		keys := make([]string, 0, len(b.missing))
		for k := range b.missing {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return fmt.Errorf("write report %s: %w: %s", path, ErrLabel, strings.Join(keys, ", "))
	}
	b.f.SetActiveSheet(0)
	if err := saveAtomic(b.f, path); err != nil {
		return fmt.Errorf("write report %s: %w", path, errors.Join(ErrReport, err))
	}
	return nil
}

// saveAtomic writes f to a temporary file beside path, syncs it and renames
// it over path.
func saveAtomic(f *excelize.File, path string) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".gevinst-report-*.xlsx.tmp")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			_ = tmp.Close()
			_ = os.Remove(name)
		}
	}()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	body, err := numericFormulas(buf.Bytes())
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if _, err := tmp.Write(body); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", name, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", name, err)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("rename %s: %w", name, err)
	}
	ok = true
	return nil
}

// book is the workbook being drawn. Cell writes record the first error in
// err and become no-ops after it, so sheet code reads as a layout, and
// Write checks err once per sheet.
type book struct {
	f       *excelize.File
	in      Input
	lang    string
	st      styles
	err     error
	missing map[string]bool
	// suppressed lists the cells hidden by small-cell suppression (SPEC §8),
	// shown on the data quality sheet.
	suppressed []suppression
	// onePage holds the sheets printed on exactly one page.
	onePage map[string]bool
	// styleCache holds styles made on demand, by key (cachedStyle).
	styleCache map[string]int
	// win12 caches window12.
	win12 *runWindow
	// maxPages holds sheets printed on at most so many pages (scaled down
	// to fit when their rows run longer).
	maxPages map[string]int
	// frozen holds the rows frozen at the top of each sheet, which are
	// also its print titles (repeated on every printed page).
	frozen map[string]int
}

// suppression is one group of cells hidden by small-cell suppression.
type suppression struct {
	Sheet, Cells, What, Why string
}

// styles holds the style ids used by the sheets.
type styles struct {
	title, subtitle, section, header, bold, label, wrap, mono, suppressed int
	integer, minutes, share, money, days, fte, datetime                   int
	kpiLabel, kpiInt, kpiShare, kpiFTE, kpiMoney                          int
	hours, rate, totLabel, totInt, totHours, totFTE, totMoney, note       int
	// rag maps a RAG status (green, amber, red, no data) to its fill.
	rag map[string]int

	// monoTop and monoWrap are mono aligned to the top, the second wrapped.
	monoTop, monoWrap int
	// date is a calendar date, yyyy-mm-dd.
	date int
	// warning is a wrapped warning on an amber fill.
	warning int
	// indent is text set off from a number in the column before it;
	// indentWrap likewise, wrapped.
	indent, indentWrap int
}

func newBook(in Input) (*book, error) {
	lang := in.Lang
	if lang == "" {
		lang = "nb"
	}
	if lang != "nb" && lang != "en" {
		return nil, fmt.Errorf("%w: %q (want nb or en)", ErrLanguage, in.Lang)
	}
	if in.Currency == "" {
		in.Currency = "NOK"
	}
	b := blankBook(in, lang)
	b.makeStyles()
	// Create every sheet first so the order is fixed and charts can refer
	// to any sheet.
	names := b.sheetNames()
	b.try(b.f.SetSheetName("Sheet1", names[0]))
	for _, n := range names[1:] {
		_, err := b.f.NewSheet(n)
		b.try(err)
	}
	props := &excelize.DocProperties{Title: b.L("app.title"), Creator: "gevinst " + in.Version}
	if !in.GeneratedAt.IsZero() {
		props.Created = in.GeneratedAt.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	b.try(b.f.SetDocProps(props))
	// Totals are formulas; Excel and LibreOffice compute them on opening.
	yes := true
	b.try(b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}))
	if b.err != nil {
		return nil, b.err
	}
	return b, nil
}

// blankBook is a book with a new file and every map it fills made: the
// one constructor of the dashboard and the funder's report.
func blankBook(in Input, lang string) *book {
	return &book{f: excelize.NewFile(), in: in, lang: lang, missing: map[string]bool{},
		onePage: map[string]bool{}, maxPages: map[string]int{}, frozen: map[string]int{}}
}

// dashboardSheet is one sheet of the dashboard: its label key, its name
// in errors, the function that draws it and, for an optional sheet, when
// it is there (nil: always).
type dashboardSheet struct {
	key, name string
	draw      func()
	when      func() bool
}

// sheets is the dashboard's sheets in workbook order, which is also the
// order they are drawn in: data quality comes after every sheet that
// records suppressed cells, which it lists.
func (b *book) sheets() []dashboardSheet {
	return []dashboardSheet{
		{"sheet.summary", "summary", b.summary, nil},
		{"sheet.channels", "channels", b.channels, nil},
		{"sheet.handling", "handling time", b.handling, nil},
		{"sheet.savings", "savings", b.savings, nil},
		{"sheet.evaluation", "evaluation", b.evaluation, nil},
		{"sheet.services", "services", b.servicesSheet, nil},
		{"sheet.orgs", "organisations", b.orgs, b.hasOrgs},
		{"sheet.risk", "risk", b.risk, b.hasRisk},
		{"sheet.quality", "data quality", b.quality, nil},
		{"sheet.method", "method", b.method, nil},
	}
}

// sheetNames returns the localised names of the sheets drawn, in
// workbook order.
func (b *book) sheetNames() []string {
	var names []string
	for _, sh := range b.sheets() {
		if sh.when == nil || sh.when() {
			names = append(names, b.L(sh.key))
		}
	}
	return names
}

// hasOrgs reports whether the comparison holds more than one organisation
// (SPEC §7: the Organisations sheet is drawn only then).
func (b *book) hasOrgs() bool { return len(b.orgList()) > 1 }

// hasRisk reports whether ITPOSMO assessments are configured.
func (b *book) hasRisk() bool { return len(b.in.Risk) > 0 }

// L returns the label for key in the workbook language, recording keys
// that have no label.
func (b *book) L(key string) string {
	l, ok := labels[key]
	if !ok {
		b.missing[key] = true
		return key
	}
	if b.lang == "en" {
		return l.en
	}
	return l.nb
}

// Lf formats the label for key with args.
func (b *book) Lf(key string, args ...any) string { return fmt.Sprintf(b.L(key), args...) }

// try records err if it is the first.
func (b *book) try(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

func (b *book) style(s *excelize.Style) int {
	id, err := b.f.NewStyle(s)
	b.try(err)
	return id
}

func (b *book) makeStyles() {
	fmtp := func(s string) *string { return &s }
	box := func(sides ...string) []excelize.Border {
		var out []excelize.Border
		for _, s := range sides {
			out = append(out, excelize.Border{Type: s, Color: "8EA9C1", Style: 1})
		}
		return out
	}
	tile := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F3F6FA"}}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center"}
	kpi := func(numFmt string) int {
		s := &excelize.Style{
			Border:    box("left", "right", "bottom"),
			Fill:      tile,
			Font:      &excelize.Font{Bold: true, Size: 18, Color: "1F3864"},
			Alignment: center,
		}
		if numFmt != "" {
			s.CustomNumFmt = fmtp(numFmt)
		}
		return b.style(s)
	}
	money := `#,##0 "` + strings.ReplaceAll(b.in.Currency, `"`, "") + `"`
	b.st = styles{
		title:      b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3864"}}),
		subtitle:   b.style(&excelize.Style{Font: &excelize.Font{Italic: true, Size: 9, Color: "595959"}}),
		section:    b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F3864"}}),
		header:     b.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}}, Border: box("bottom"), Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}),
		bold:       b.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}),
		label:      b.style(&excelize.Style{Font: &excelize.Font{Bold: true}}),
		wrap:       b.style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		mono:       b.style(&excelize.Style{Font: &excelize.Font{Family: "Courier New", Size: 9}}),
		suppressed: b.style(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "7F7F7F"}, Alignment: &excelize.Alignment{Horizontal: "right"}}),
		integer:    b.style(&excelize.Style{CustomNumFmt: fmtp("#,##0")}),
		minutes:    b.style(&excelize.Style{CustomNumFmt: fmtp("#,##0.0")}),
		share:      b.style(&excelize.Style{CustomNumFmt: fmtp("0.0%")}),
		money:      b.style(&excelize.Style{CustomNumFmt: fmtp(money)}),
		days:       b.style(&excelize.Style{CustomNumFmt: fmtp("0.0")}),
		fte:        b.style(&excelize.Style{CustomNumFmt: fmtp("#,##0.00")}),
		datetime:   b.style(&excelize.Style{CustomNumFmt: fmtp("yyyy-mm-dd hh:mm:ss")}),
		kpiLabel: b.style(&excelize.Style{
			Border:    box("left", "right", "top"),
			Fill:      tile,
			Font:      &excelize.Font{Size: 9, Color: "595959"},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "bottom", WrapText: true},
		}),
		hours:    b.style(&excelize.Style{CustomNumFmt: fmtp("#,##0.0")}),
		rate:     b.style(&excelize.Style{CustomNumFmt: fmtp("0.0%")}),
		totLabel: b.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: box("top")}),
		totInt:   b.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: box("top"), CustomNumFmt: fmtp("#,##0")}),
		totHours: b.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: box("top"), CustomNumFmt: fmtp("#,##0.0")}),
		totFTE:   b.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: box("top"), CustomNumFmt: fmtp("#,##0.00")}),
		totMoney: b.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: box("top"), CustomNumFmt: fmtp(money)}),
		note:     b.style(&excelize.Style{Font: &excelize.Font{Italic: true, Size: 9, Color: "595959"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		kpiInt:   kpi("#,##0"),
		kpiShare: kpi("0.0%"),
		kpiFTE:   kpi("#,##0.00"),
		kpiMoney: kpi(money),
	}
	// Styles added after the first set (kept apart so the list above
	// keeps its alignment).
	b.st.monoTop = b.style(&excelize.Style{Font: &excelize.Font{Family: "Courier New", Size: 9}, Alignment: &excelize.Alignment{Vertical: "top"}})
	b.st.monoWrap = b.style(&excelize.Style{Font: &excelize.Font{Family: "Courier New", Size: 9}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	b.st.date = b.style(&excelize.Style{CustomNumFmt: fmtp("yyyy-mm-dd")})
	b.st.warning = b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "7F6000"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	b.st.indent = b.style(&excelize.Style{Alignment: &excelize.Alignment{Indent: 1}})
	b.st.indentWrap = b.style(&excelize.Style{Alignment: &excelize.Alignment{Indent: 1, WrapText: true, Vertical: "top"}})
	b.st.rag = map[string]int{}
	for status, c := range ragColor {
		b.st.rag[status] = b.style(&excelize.Style{
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}},
			Font:      &excelize.Font{Bold: true, Color: c.font},
			Alignment: &excelize.Alignment{Horizontal: "center"},
		})
	}
}

// ragColor is the fill and font of each RAG status: muted traffic-light
// colours that stay readable when printed in grey.
var ragColor = map[string]struct{ fill, font string }{
	"green":   {"C6EFCE", "006100"},
	"amber":   {"FFEB9C", "7F6000"},
	"red":     {"FFC7CE", "9C0006"},
	"no data": {"EDEDED", "595959"},
}

// ragText writes a RAG status as its translated text with its fill.
func (b *book) ragText(sheet string, c, r int, status string) {
	st, ok := b.st.rag[status]
	if !ok {
		st = b.st.rag["no data"]
	}
	key := "rag." + strings.ReplaceAll(status, " ", "")
	if _, ok := labels[key]; ok {
		b.str(sheet, c, r, b.L(key), st)
		return
	}
	b.str(sheet, c, r, status, st)
}

// formula writes an Excel formula built only from cell references the
// workbook itself wrote (never from input text), with v as its cached
// value for readers that do not calculate.
func (b *book) formula(sheet string, c, r int, f string, v float64, style int) {
	if b.err != nil {
		return
	}
	b.num(sheet, c, r, v, style)
	b.try(b.f.SetCellFormula(sheet, cell(c, r), f))
}

// cell returns the A1 name of column c, row r (both 1-based).
func cell(c, r int) string { return colName(c) + strconv.Itoa(r) }

// colName returns the letters of 1-based column c.
func colName(c int) string {
	s := ""
	for c > 0 {
		c--
		s = string(rune('A'+c%26)) + s
		c /= 26
	}
	return s
}

// ref returns an absolute reference to the range (c1,r1):(c2,r2) on sheet,
// quoted for use in chart formulas.
func ref(sheet string, c1, r1, c2, r2 int) string {
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	a := "$" + colName(c1) + "$" + strconv.Itoa(r1)
	if c1 == c2 && r1 == r2 {
		return q + a
	}
	return q + a + ":$" + colName(c2) + "$" + strconv.Itoa(r2)
}

// str writes s as a text cell. Text that comes from input data always goes
// through here, so it can never become a formula (SPEC §8).
func (b *book) str(sheet string, c, r int, s string, style int) {
	if b.err != nil {
		return
	}
	b.try(b.f.SetCellStr(sheet, cell(c, r), s))
	b.setStyle(sheet, c, r, style)
}

// int writes an integer cell.
func (b *book) int(sheet string, c, r int, v int64, style int) {
	if b.err != nil {
		return
	}
	b.try(b.f.SetCellInt(sheet, cell(c, r), v))
	b.setStyle(sheet, c, r, style)
}

// num writes a number cell; NaN and infinities are left empty.
func (b *book) num(sheet string, c, r int, v float64, style int) {
	if b.err != nil {
		return
	}
	if !math.IsNaN(v) && !math.IsInf(v, 0) {
		b.try(b.f.SetCellFloat(sheet, cell(c, r), v, -1, 64))
	}
	b.setStyle(sheet, c, r, style)
}

// null writes v, or leaves the cell empty (styled) when v is null: null
// means "not defined", never zero.
func (b *book) null(sheet string, c, r int, v model.Null, style int) {
	if v.Valid {
		b.num(sheet, c, r, v.Float64, style)
		return
	}
	b.setStyle(sheet, c, r, style)
}

// ratio writes v like null, but as the text "<N>" when hidden is true and v
// is present (small-cell suppression, SPEC §8).
func (b *book) ratio(sheet string, c, r int, v model.Null, style int, hidden bool) {
	if hidden && v.Valid {
		b.str(sheet, c, r, b.small(), b.st.suppressed)
		return
	}
	b.null(sheet, c, r, v, style)
}

// small is the text shown in place of a suppressed figure.
func (b *book) small() string { return "<" + strconv.Itoa(b.minCell()) }

// minCell is the suppression threshold; 0 or less disables suppression.
func (b *book) minCell() int { return b.in.MinCell }

// date writes a "YYYY-MM-DD" text as an Excel date; any other text is
// written as text, an empty one leaves the cell empty.
func (b *book) date(sheet string, c, r int, s string) {
	d, err := time.Parse(time.DateOnly, s)
	switch {
	case s == "":
		b.setStyle(sheet, c, r, b.st.date)
	case err != nil:
		b.str(sheet, c, r, s, 0)
	case b.err == nil:
		b.try(b.f.SetCellValue(sheet, cell(c, r), d))
		b.setStyle(sheet, c, r, b.st.date)
	}
}

// excelTime writes t as an Excel date-time of its wall-clock value; the
// zero time is left empty.
func (b *book) excelTime(sheet string, c, r int, t time.Time) {
	if t.IsZero() {
		b.setStyle(sheet, c, r, b.st.datetime)
		return
	}
	if b.err != nil {
		return
	}
	// excelize converts the wall-clock value to an Excel serial number.
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	b.try(b.f.SetCellValue(sheet, cell(c, r), wall))
	b.setStyle(sheet, c, r, b.st.datetime)
}

func (b *book) setStyle(sheet string, c, r, style int) {
	if style != 0 && b.err == nil {
		b.try(b.f.SetCellStyle(sheet, cell(c, r), cell(c, r), style))
	}
}

// headers writes a header row starting at column c, making the texts
// unique (Excel tables require it).
func (b *book) headers(sheet string, c, r int, texts []string) {
	seen := map[string]int{}
	for i, t := range texts {
		k := strings.ToLower(t)
		seen[k]++
		if n := seen[k]; n > 1 {
			t = fmt.Sprintf("%s (%d)", t, n)
		}
		b.str(sheet, c+i, r, t, b.st.header)
	}
}

// table makes (c1,r1):(c2,r2) an Excel table with filters; r1 is the
// header row. A table needs one data row, so an empty one is included when
// there are no rows.
func (b *book) table(sheet, name string, c1, r1, c2, r2 int) {
	if b.err != nil {
		return
	}
	if r2 <= r1 {
		r2 = r1 + 1
	}
	stripes := true
	b.try(b.f.AddTable(sheet, &excelize.Table{
		Range:          cell(c1, r1) + ":" + cell(c2, r2),
		Name:           name,
		StyleName:      "TableStyleLight1",
		ShowRowStripes: &stripes,
	}))
}

// widths sets column widths starting at column 1.
func (b *book) widths(sheet string, w ...float64) {
	for i, x := range w {
		if b.err != nil {
			return
		}
		b.try(b.f.SetColWidth(sheet, colName(i+1), colName(i+1), x))
	}
}

// freeze freezes the top rows of sheet.
func (b *book) freeze(sheet string, rows int) {
	if b.err != nil {
		return
	}
	b.frozen[sheet] = rows
	b.try(b.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: rows, TopLeftCell: cell(1, rows+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell(1, rows+1), ActiveCell: cell(1, rows+1), Pane: "bottomLeft"}},
	}))
}

// heading writes the sheet title in row 1 and the range and generation
// time in row 2.
func (b *book) heading(sheet, title string) {
	b.str(sheet, 1, 1, title, b.st.title)
	b.str(sheet, 1, 2, b.rangeText()+"   ·   "+b.Lf("generated", b.genTime()), b.st.subtitle)
	if b.err == nil {
		b.try(b.f.SetRowHeight(sheet, 1, 24))
	}
}

// rangeText is "Period FROM – TO".
func (b *book) rangeText() string { return b.Lf("range", b.in.From, b.in.To) }

// genTime formats Input.GeneratedAt (the only clock the package uses) in
// Norwegian time.
func (b *book) genTime() string { return b.osloTime().Format("2006-01-02 15:04") }

// osloTime is Input.GeneratedAt in Europe/Oslo, the time zone the workbook's
// readers live in, whatever the zone of the machine that wrote it.
func (b *book) osloTime() time.Time {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		b.try(fmt.Errorf("time zone Europe/Oslo: %w", err))
		return b.in.GeneratedAt
	}
	return b.in.GeneratedAt.In(loc)
}

// page makes sheet print-ready: A4 landscape, fit to one page wide, header
// with title and range, footer with generation time and page numbers.
func (b *book) page(sheet string) {
	if b.err != nil {
		return
	}
	land, a4, one, zero := "landscape", 9, 1, 0
	if b.onePage[sheet] {
		zero = 1
	}
	if n := b.maxPages[sheet]; n > 0 {
		zero = n
	}
	fit := true
	b.try(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &land, Size: &a4, FitToWidth: &one, FitToHeight: &zero}))
	b.try(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	m, hf := 0.5, 0.3
	b.try(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m, Header: &hf, Footer: &hf}))
	// Print titles: the frozen header rows, or the title and range rows of
	// a sheet without a frozen header, repeat on every printed page.
	titles := 2
	if n := b.frozen[sheet]; n > 0 {
		titles = n
	}
	b.try(b.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$" + strconv.Itoa(titles),
	}))
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
	b.try(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + esc(b.L("app.title")) + "&C&B" + esc(sheet) + "&R" + esc(b.rangeText()),
		OddFooter: "&L" + esc(b.Lf("generated", b.genTime())) + "&R" + b.L("page"),
	}))
}

// printArea limits the printed part of sheet to (c1,r1):(c2,r2) and fits
// it on one page.
func (b *book) printArea(sheet string, c1, r1, c2, r2 int) {
	if b.err != nil {
		return
	}
	b.try(b.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", Scope: sheet,
		RefersTo: ref(sheet, c1, r1, c2, r2),
	}))
	b.onePage[sheet] = true
}

// pageBreak starts a new printed page at row r.
func (b *book) pageBreak(sheet string, r int) {
	if b.err == nil && r > 1 {
		b.try(b.f.InsertPageBreak(sheet, cell(1, r)))
	}
}

// chartSpec describes one native chart.
type chartSpec struct {
	typ            excelize.ChartType
	title          string
	xTitle, yTitle string
	yFmt           string // axis number format, e.g. "0%"
	xSkip          int    // label every xSkip-th category (0: every one)
	series         []excelize.ChartSeries
	width, height  uint
}

// chart adds a native Excel chart anchored at (c, r).
func (b *book) chart(sheet string, c, r int, s chartSpec) {
	if b.err != nil || len(s.series) == 0 {
		return
	}
	text := func(t string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t, Font: &excelize.Font{Bold: true, Size: 10}}}}
	}
	no := false
	ch := &excelize.Chart{
		Type:         s.typ,
		Series:       s.series,
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s.title, Font: &excelize.Font{Bold: true, Size: 12}}}},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		Dimension:    excelize.ChartDimension{Width: s.width, Height: s.height},
		XAxis:        excelize.ChartAxis{Title: text(s.xTitle), Font: axisFont},
		YAxis:        excelize.ChartAxis{Title: text(s.yTitle), MajorGridLines: true, Font: axisFont},
		VaryColors:   &no,
		ShowBlanksAs: "gap",
		Format: excelize.GraphicOptions{
			ScaleX: 1, ScaleY: 1, OffsetX: 4, OffsetY: 4,
		},
	}
	if s.xSkip > 1 {
		// Excel honours the skip; LibreOffice ignores it, and slanted
		// labels keep "2008-01" readable there too.
		ch.XAxis.TickLabelSkip = s.xSkip
		ch.XAxis.Alignment = excelize.Alignment{TextRotation: -45}
	}
	if s.yFmt != "" {
		ch.YAxis.NumFmt = excelize.ChartNumFmt{CustomNumFmt: s.yFmt}
	}
	if s.typ == excelize.ColStacked || s.typ == excelize.BarStacked {
		overlap := 100
		gap := uint(60)
		ch.Overlap, ch.GapWidth = &overlap, &gap
	}
	b.try(b.f.AddChart(sheet, cell(c, r), ch))
}

// axisFont keeps tick labels readable when printed.
var axisFont = excelize.Font{Size: 9, Color: "404040"}

// series builds a chart series whose name, categories and values are all
// cell references.
func series(name, cats, vals string) excelize.ChartSeries {
	return excelize.ChartSeries{Name: name, Categories: cats, Values: vals}
}

// lineSeries is series with a visible line and markers.
func lineSeries(name, cats, vals, color string) excelize.ChartSeries {
	s := series(name, cats, vals)
	// excelize colours a line series from Fill, not Line.Fill.
	c := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	s.Fill = c
	s.Line = excelize.LineOptions{Width: 2.25}
	s.Marker = excelize.ChartMarker{Symbol: "circle", Size: 5, Fill: c}
	return s
}

// palette colours chart series in a stable order.
var palette = []string{"1F77B4", "FF7F0E", "2CA02C", "D62728", "9467BD", "8C564B", "E377C2", "7F7F7F", "BCBD22", "17BECF"}

// fill returns a solid fill with palette colour i.
func fill(i int) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{palette[i%len(palette)]}}
}

// rowHeight sets the height of row r to fit n lines of text.
func (b *book) rowHeight(sheet string, r, n int) {
	if b.err == nil {
		b.try(b.f.SetRowHeight(sheet, r, float64(max(n, 1))*15+2))
	}
}

// monthSkip labels every few months on a monthly axis so that the labels
// stay readable (about 8 labels along the axis, on a year boundary when
// the range is long).
func monthSkip(n int) int {
	switch {
	case n <= 12:
		return 1
	case n <= 36:
		return 6
	default:
		return 12
	}
}

// excelizeRaw reads a cell's stored value, unformatted.
var excelizeRaw = excelize.Options{RawCellValue: true}

// parseNumber parses a stored cell value as a number.
func parseNumber(v string) (float64, bool) {
	x, err := strconv.ParseFloat(v, 64)
	return x, err == nil
}
