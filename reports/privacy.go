package reports

import "github.com/gevinst/gevinst/queries/model"

// The workbook's side of SPEC §8: every sheet decides with isSmall (the
// rule of model.Small, which export and --suppress share), writes the
// marker in place of the figure and lists the cells with suppress.

// isSmall reports whether a figure from subs submissions whose minutes
// come from emp employees is hidden.
func (b *book) isSmall(subs, emp int64) bool { return model.Small(b.minCell(), subs, emp) }

// employees is the number of employees behind the minutes of a cell
// (channel "" for a benefits cell); 0 when it has no minutes.
func (b *book) employees(org, service, channel, period string) int64 {
	return b.in.Employees[model.CellKey{Org: org, Service: service, Channel: channel, Period: period}]
}

// whySmall says why a figure is hidden, without giving the small count.
func (b *book) whySmall(subs, emp int64) string {
	if model.Small(b.minCell(), subs, 0) {
		return b.Lf("why.few", b.minCell())
	}
	return b.Lf("why.employees", b.minCell())
}

// count writes a count of submissions, or the marker when it is small;
// it reports whether it hid it.
func (b *book) count(sheet string, c, r int, n int64, style int) bool {
	if b.isSmall(n, 0) {
		b.str(sheet, c, r, b.small(), b.st.suppressed)
		return true
	}
	b.int(sheet, c, r, n, style)
	return false
}

// hide writes the marker in place of a number (when hidden) or the number.
func (b *book) hideNum(sheet string, c, r int, v float64, style int, hidden bool) {
	if hidden {
		b.str(sheet, c, r, b.small(), b.st.suppressed)
		return
	}
	b.num(sheet, c, r, v, style)
}

// rangePeriod is the Period of the rows over the whole reporting range
// (Input.Overall), "FROM..TO".
func (b *book) rangePeriod() string { return b.in.From + ".." + b.in.To }

// windowPeriod is the Period of the cells over the run-rate window
// (pipelines adds that grain to Input.Employees), "FROM..TO".
func (b *book) windowPeriod() string {
	from, to, _ := b.window12()
	return from + ".." + to
}

// leastEmployees is a lower bound of the employees behind the minutes of
// the benefits cells of period whose service passes svc, summed over
// organisations and services: the largest single cell. Distinct employees
// do not add across cells (one person may work on several), so the rule
// is applied to the bound that can only hide more, never less.
func (b *book) leastEmployees(period string, svc func(string) bool) int64 {
	var n int64
	for k, e := range b.in.Employees {
		if k.Channel == "" && k.Period == period && svc(k.Service) {
			n = max(n, e)
		}
	}
	return n
}

// leastEmployeesOrg is leastEmployees over the services of one
// organisation.
func (b *book) leastEmployeesOrg(org, period string) int64 {
	var n int64
	for k, e := range b.in.Employees {
		if k.Org == org && k.Channel == "" && k.Period == period {
			n = max(n, e)
		}
	}
	return n
}
