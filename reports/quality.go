package reports

import "github.com/gevinst/gevinst/queries/model"

// maxRejectSamples is how many rejected values the sheet lists.
const maxRejectSamples = 50

// quality draws data lineage and quality: imported batches, rejects by
// reason, sample rejects, the attribution summary (SPEC §3 rule 4), the
// baselines, the months before any digital channel and the cells hidden
// by small-cell suppression, one section below the other. Each section
// starts at the row it is given and returns the last row it used.
func (b *book) quality() {
	sh := b.L("sheet.quality")
	b.heading(sh, b.L("quality.title"))
	b.widths(sh, 44, 24, 52, 30, 24, 14, 14, 12, 19, 19)
	b.freeze(sh, 2)

	r := b.qualityBatches(sh, 4)
	r = b.qualityRejects(sh, r+2)
	r = b.qualitySamples(sh, r+2)
	r = b.qualityAttribution(sh, r+2)
	r = b.qualityBaselines(sh, r+3)
	// The months before any digital channel: a check of B (issue 19).
	r = b.preDigitalSection(sh, r+3)
	b.qualitySuppressed(sh, r+3)
	b.page(sh)
}

// qualityBatches lists the imported batches from row r.
func (b *book) qualityBatches(sh string, r int) int {
	b.str(sh, 1, r, b.L("quality.batches"), b.st.section)
	r++
	hr := r
	b.headers(sh, 1, hr, []string{b.L("col.file"), b.L("col.kind"), b.L("col.sha"), b.L("col.rowsRead"), b.L("col.rowsLoaded"),
		b.L("col.rowsRejected"), b.L("col.rowsReplaced"), b.L("col.status"), b.L("col.started"), b.L("col.finished")})
	for _, x := range b.in.Batches {
		r++
		b.str(sh, 1, r, x.FileName, 0)
		b.str(sh, 2, r, b.batchKind(x.Kind), 0)
		b.str(sh, 3, r, x.SHA256, b.st.mono)
		b.int(sh, 4, r, x.RowsRead, b.st.integer)
		b.int(sh, 5, r, x.RowsLoaded, b.st.integer)
		b.int(sh, 6, r, x.RowsRejected, b.st.integer)
		b.int(sh, 7, r, x.RowsReplaced, b.st.integer)
		b.str(sh, 8, r, b.status(x.Status), 0)
		b.excelTime(sh, 9, r, x.StartedAt)
		b.excelTime(sh, 10, r, x.FinishedAt)
	}
	return b.endTable(sh, "tblBatches", hr, 10, r)
}

// qualityRejects counts the rejects by kind, column and reason from row r.
func (b *book) qualityRejects(sh string, r int) int {
	b.str(sh, 1, r, b.L("quality.rejects"), b.st.section)
	r++
	hr := r
	b.headers(sh, 1, hr, []string{b.L("col.kind"), b.L("col.column"), b.L("col.reason"), b.L("col.rows")})
	for _, x := range b.in.Rejects {
		r++
		b.str(sh, 1, r, b.batchKind(x.Kind), 0)
		b.str(sh, 2, r, x.Column, 0)
		b.str(sh, 3, r, b.rejectKind(x.Reason), 0)
		b.int(sh, 4, r, x.Rows, b.st.integer)
	}
	return b.endTable(sh, "tblRejects", hr, 4, r)
}

// qualitySamples lists up to maxRejectSamples rejected values from row r:
// reason before column and value, so the long texts sit in the wide
// columns.
func (b *book) qualitySamples(sh string, r int) int {
	b.str(sh, 1, r, b.L("quality.samples"), b.st.section)
	r++
	hr := r
	b.headers(sh, 1, hr, []string{b.L("col.file"), b.L("col.line"), b.L("col.reason"), b.L("col.column"), b.L("col.value")})
	for i, x := range b.in.RejectSamples {
		if i == maxRejectSamples {
			break
		}
		r++
		b.str(sh, 1, r, x.FileName, 0)
		b.int(sh, 2, r, x.Line, 0)
		reason := b.rejectReason(x.Reason)
		b.str(sh, 3, r, reason, b.st.indentWrap)
		b.str(sh, 4, r, x.Column, b.st.wrap)
		b.str(sh, 5, r, x.Value, b.st.wrap)
		b.rowHeight(sh, r, max(lines(reason, 55), lines(x.Value, 26)))
	}
	return b.endTable(sh, "tblRejectSamples", hr, 5, r)
}

// qualityAttribution summarises where the staff minutes went (SPEC §3
// rule 4) and the coverage, from row r.
func (b *book) qualityAttribution(sh string, r int) int {
	b.str(sh, 1, r, b.L("quality.attribution"), b.st.section)
	r++
	b.headers(sh, 1, r, []string{b.L("col.measure"), b.L("col.amount"), b.L("col.shareOfAll")})
	q := b.in.Quality
	share := func(m float64) model.Null {
		if q.TotalMinutes == 0 {
			return model.Null{}
		}
		return model.Some(m / q.TotalMinutes)
	}
	minutes := []struct {
		key string
		v   float64
	}{
		{"q.total", q.TotalMinutes},
		{"q.caseLinked", q.CaseLinkedMinutes},
		{"q.pooled", q.PooledMinutes},
		{"q.unattributed", q.UnattributedMinutes},
		{"q.orphanMinutes", q.OrphanMinutes},
	}
	for _, m := range minutes {
		r++
		b.str(sh, 1, r, b.L(m.key), 0)
		b.num(sh, 2, r, m.v, b.st.minutes)
		b.null(sh, 3, r, share(m.v), b.st.share)
	}
	counts := []struct {
		key string
		v   int64
	}{
		{"q.unattributedRows", q.UnattributedRows},
		{"q.orphanRows", q.OrphanRows},
		{"q.submissions", q.Submissions},
		{"q.timed", q.TimedSubmissions},
		{"q.shared", q.SharedCaseIDs},
		{"q.volumeSubs", q.VolumeSubmissions},
		{"q.volumeConflicts", q.VolumeConflicts},
		{"q.volumeConflictCount", q.VolumeConflictCount},
	}
	for _, c := range counts {
		r++
		b.str(sh, 1, r, b.L(c.key), 0)
		b.int(sh, 2, r, c.v, b.st.integer)
	}
	r++
	b.str(sh, 1, r, b.L("q.coverage"), 0)
	var cov model.Null
	if q.Submissions > 0 {
		cov = model.Some(float64(q.TimedSubmissions) / float64(q.Submissions))
	}
	b.null(sh, 2, r, cov, b.st.share)
	return r
}

// qualityBaselines says which rule gave B for each org and service
// (SPEC §5), from row r, so a saving that is not computable is noted
// here, not shown as 0.
func (b *book) qualityBaselines(sh string, r int) int {
	b.str(sh, 1, r, b.L("quality.baselines"), b.st.section)
	r++
	hr := r
	b.headers(sh, 1, hr, []string{b.L("col.org"), b.L("col.service"), b.L("col.basis"), b.L("col.note")})
	seen := map[[2]string]bool{}
	for _, x := range b.in.Benefits {
		if k := [2]string{x.Org, x.Service}; !seen[k] {
			seen[k] = true
			r++
			b.str(sh, 1, r, x.Org, 0)
			b.str(sh, 2, r, b.serviceName(x.Service), 0)
			b.str(sh, 3, r, b.basisText(x.BaselineBasis), b.st.wrap)
			if noMeasuredBefore(x.BaselineBasis) {
				b.str(sh, 4, r, b.L("warn.noBeforeShort"), b.st.rag["amber"])
			}
		}
	}
	r = b.endTable(sh, "tblBaselines", hr, 4, r)
	if w := b.noBeforeWarning(); w != "" {
		r += 2
		b.warning(sh, r, 10, w)
	}
	return r
}

// qualitySuppressed lists the cells hidden by small-cell suppression
// (SPEC §8) from row r.
func (b *book) qualitySuppressed(sh string, r int) {
	b.str(sh, 1, r, b.L("quality.suppressed"), b.st.section)
	r++
	b.str(sh, 1, r, b.Lf("suppress.note", b.minCell(), b.minCell(), b.minCell()), b.st.subtitle)
	r++
	hr := r
	b.headers(sh, 1, hr, []string{b.L("col.sheet"), b.L("col.cells"), b.L("col.what"), b.L("col.why")})
	if len(b.suppressed) == 0 {
		r++
		b.str(sh, 1, r, b.L("none"), 0)
	}
	for _, s := range b.suppressed {
		r++
		b.str(sh, 1, r, s.Sheet, 0)
		b.str(sh, 2, r, s.Cells, 0)
		b.str(sh, 3, r, s.What, 0)
		b.str(sh, 4, r, s.Why, 0)
	}
	b.endTable(sh, "tblSuppressed", hr, 4, r)
}

// endTable makes rows hr..r an Excel table and returns the last row used
// (a table with no data rows keeps one empty row).
func (b *book) endTable(sh, name string, hr, cols, r int) int {
	b.table(sh, name, 1, hr, cols, r)
	if r == hr {
		return r + 1
	}
	return r
}

// status translates a batch status; unknown values are shown as given.
func (b *book) status(s string) string {
	switch s {
	case "loaded", "refused":
		return b.L("status." + s)
	}
	return s
}
