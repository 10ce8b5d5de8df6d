package reports

import "github.com/xuri/excelize/v2"

// orgs draws the organisations side by side (SPEC §7 sheet 6), only when
// more than one is loaded: per service, each organisation's submissions,
// digital and target share, minutes per submission per channel and hours
// saved per 1,000 submissions; then a matrix of service × organisation
// that two clustered column charts read.
func (b *book) orgs() {
	if !b.hasOrgs() {
		return
	}
	sh := b.L("sheet.orgs")
	b.heading(sh, b.L("orgs.title"))
	b.str(sh, 1, 3, b.Lf("suppress.note", b.minCell(), b.minCell(), b.minCell()), b.st.subtitle)
	chans := b.channelList()
	const hr = 5
	head := []string{b.L("col.service"), b.L("col.org"), b.L("col.submissions"), b.L("col.digital"), b.L("col.target")}
	w := []float64{26, 14, 13, 12, 12}
	for _, c := range chans {
		head = append(head, b.Lf("col.minPerSubCh", b.channelName(c)))
		w = append(w, 14)
	}
	head = append(head, b.L("col.hours"), b.L("col.hoursPer1000"))
	b.widths(sh, append(w, 13, 14)...)
	b.headers(sh, 1, hr, head)
	b.rowHeight(sh, hr, 3)
	ncol := len(head)

	// Channel submissions per (org, service, channel), for suppression of
	// the per-channel ratios; "*" sums the services.
	chSubs := map[[3]string]int64{}
	for _, m := range b.in.Overall {
		chSubs[[3]string{m.Org, m.Service, m.Channel}] += m.Submissions
		chSubs[[3]string{m.Org, "*", m.Channel}] += m.Submissions
	}
	svcs := append(b.services(), "*")
	orgs := b.orgList()
	r := hr
	for _, svc := range svcs {
		for _, org := range orgs {
			x, ok := b.compareRow(org, svc)
			if !ok {
				continue
			}
			r++
			name, st := b.serviceName(svc), 0
			if svc == "*" {
				name, st = b.L("all.services"), b.st.label
			}
			hidden := b.isSmall(x.Submissions, 0)
			b.str(sh, 1, r, name, st)
			b.str(sh, 2, r, org, 0)
			b.hideNum(sh, 3, r, float64(x.Submissions), b.st.integer, hidden)
			b.ratio(sh, 4, r, x.DigitalShare, b.st.share, hidden)
			b.ratio(sh, 5, r, x.TargetShare, b.st.share, hidden)
			for j, ch := range chans {
				n := chSubs[[3]string{org, svc, ch}]
				var e int64
				if svc != "*" {
					e = b.employees(org, svc, ch, b.rangePeriod())
				}
				h := b.isSmall(n, e)
				v := x.MinutesPerSubmission[ch]
				b.ratio(sh, 6+j, r, v, b.st.minutes, h)
				if h && v.Valid && !hidden {
					b.suppress(sh, cell(6+j, r), b.Lf("what.orgChannel", org, name, b.channelName(ch)), b.whySmall(n, e))
				}
			}
			b.ratio(sh, ncol-1, r, x.HoursSaved, b.st.hours, hidden)
			b.ratio(sh, ncol, r, x.HoursSavedPer1000, b.st.hours, hidden)
			if hidden {
				b.suppress(sh, cell(3, r)+":"+cell(ncol, r), b.Lf("what.org", org, name), b.whySmall(x.Submissions, 0))
			}
		}
	}
	b.table(sh, "tblOrgs", 1, hr, ncol, max(r, hr+1))
	b.freeze(sh, hr)

	// The matrix behind the charts: services down, organisations across,
	// digital share then hours saved per 1,000 submissions.
	r += 3
	b.pageBreak(sh, r)
	b.str(sh, 1, r, b.L("orgs.matrix"), b.st.section)
	r++
	mh := r
	mhead := []string{b.L("col.service")}
	for _, o := range orgs {
		mhead = append(mhead, b.Lf("col.digitalOrg", o))
	}
	for _, o := range orgs {
		mhead = append(mhead, b.Lf("col.per1000Org", o))
	}
	b.headers(sh, 1, mh, mhead)
	b.rowHeight(sh, mh, 3)
	for _, svc := range svcs {
		r++
		name := b.serviceName(svc)
		if svc == "*" {
			name = b.L("all.services")
		}
		b.str(sh, 1, r, name, 0)
		for j, o := range orgs {
			x, ok := b.compareRow(o, svc)
			hidden := ok && b.isSmall(x.Submissions, 0)
			b.ratio(sh, 2+j, r, x.DigitalShare, b.st.share, hidden)
			b.ratio(sh, 2+len(orgs)+j, r, x.HoursSavedPer1000, b.st.hours, hidden)
		}
	}
	last := r
	cats := ref(sh, 1, mh+1, 1, last)
	var dig, per []excelize.ChartSeries
	for j := range orgs {
		s := series(ref(sh, 2+j, mh, 2+j, mh), cats, ref(sh, 2+j, mh+1, 2+j, last))
		s.Fill = fill(j)
		dig = append(dig, s)
		c := 2 + len(orgs) + j
		s = series(ref(sh, c, mh, c, mh), cats, ref(sh, c, mh+1, c, last))
		s.Fill = fill(j)
		per = append(per, s)
	}
	r = last + 2
	b.chart(sh, 1, r, chartSpec{typ: excelize.Col, title: b.L("chart.orgDigital"), xTitle: b.L("axis.service"),
		yTitle: b.L("axis.share"), yFmt: "0%", series: dig, width: 520, height: 300})
	b.chart(sh, 5, r, chartSpec{typ: excelize.Col, title: b.L("chart.orgPer1000"), xTitle: b.L("axis.service"),
		yTitle: b.L("axis.hoursPer1000"), yFmt: "#,##0", series: per, width: 520, height: 300})
	b.page(sh)
}
