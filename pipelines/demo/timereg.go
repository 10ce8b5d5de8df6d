package demo

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// registration is one time row before formatting.
type registration struct {
	employee staffMember
	workDate time.Time
	minutes  float64
	caseID   string
	service  string
	channel  string
	activity string
}

// caseTime writes the case-linked registrations of one submission: one row
// per handling step (SPEC §1), on work dates between received and decided.
// Steps after the end of the period have not happened yet.
func (g *generator) caseTime(s *submission) {
	o := s.org
	svc := &services[s.service]
	// One employee per role handles the whole case.
	var staff [nRoles]string
	for r := range nRoles {
		staff[r] = pick(g.rnd, o.staff[r])
	}
	for _, st := range handling[s.channel] {
		if st.share < 1 && !g.chance(st.share) {
			continue
		}
		rows := 1
		if st.activity == "casework" {
			rows = svc.caseworkRows
		}
		mean := st.mean * svc.handling * o.handling / float64(rows)
		for k := range rows {
			at := st.at
			if rows > 1 {
				at = 0.3 + 0.6*(float64(k)+0.5)/float64(rows)
			}
			wd := workDate(s.received, s.decided, at)
			if wd.After(periodEnd) {
				continue
			}
			g.writeTime(o, registration{
				employee: staffMember{staff[st.role], st.role},
				workDate: wd,
				minutes:  g.minutes(mean),
				caseID:   s.caseID,
				service:  svc.code,
				activity: st.activity,
			})
		}
	}
	if g.chance(orphanShare) {
		g.orphan(s, staff[caseOfficer])
	}
}

// orphan writes a registration on a mistyped case id that matches no
// submission: case numbers from 90000 are never issued (an org issues
// ~5,000 a year).
func (g *generator) orphan(s *submission, officer string) {
	wd := nextWeekday(dayOf(s.received))
	if wd.After(periodEnd) {
		return
	}
	g.writeTime(s.org, registration{
		employee: staffMember{officer, caseOfficer},
		workDate: wd,
		minutes:  g.minutes(15),
		caseID:   fmt.Sprintf("%d/9%04d", wd.Year(), g.IntN(10000)),
		service:  services[s.service].code,
		activity: "casework",
	})
}

// workDate places a step at fraction at of the way from received to
// decided, on a weekday, never after the decision day.
func workDate(received, decided time.Time, at float64) time.Time {
	from, to := dayOf(received), dayOf(decided)
	span := to.Sub(from).Hours() / 24
	d := nextWeekday(from.AddDate(0, 0, int(math.Round(at*span))))
	if d.After(to) {
		return to
	}
	return d
}

// minutes draws a registration's minutes around mean, one decimal.
func (g *generator) minutes(mean float64) float64 {
	m := math.Round(g.lognormal(mean, minutesSigma)*10) / 10
	return min(max(m, 0.5), maxRowMinutes)
}

// pooledWeek writes one org's time that is not tied to one case, each
// Friday (SPEC §3 rules 2–4): batch scanning per service on paper, phone
// replies per service without channel, and the section meeting.
func (g *generator) pooledWeek(o *orgState, friday time.Time) {
	for si := range services {
		code := services[si].code
		g.writeTime(o, registration{
			employee: staffMember{pick(g.rnd, o.staff[reception]), reception},
			workDate: friday, minutes: g.minutes(scanBatchMean),
			service: code, channel: channelNames[paper], activity: "scanning",
		})
		g.writeTime(o, registration{
			employee: staffMember{pick(g.rnd, o.staff[caseOfficer]), caseOfficer},
			workDate: friday, minutes: g.minutes(phoneMean),
			service: code, activity: "reply",
		})
	}
	for range meetingRows {
		g.writeTime(o, registration{
			employee: pick(g.rnd, o.everyone),
			workDate: friday, minutes: float64(60 + 30*g.IntN(2)),
			activity: "meeting",
		})
	}
}

// writeTime writes one registration.
func (g *generator) writeTime(o *orgState, r registration) {
	g.times.write(g.timeRecord(o, r))
}

// timeRecord formats r into the reused row.
func (g *generator) timeRecord(o *orgState, r registration) []string {
	rec := g.timeRec[:]
	rec[timeID] = o.newRegistrationID()
	rec[timeOrg] = o.code
	rec[timeEmployee] = r.employee.id
	rec[timeRole] = roleNames[r.employee.role]
	rec[timeWorkDate] = r.workDate.Format(time.DateOnly)
	rec[timeMinutes] = strconv.FormatFloat(r.minutes, 'f', -1, 64)
	rec[timeCase] = r.caseID
	rec[timeService] = r.service
	rec[timeChannel] = r.channel
	rec[timeActivity] = r.activity
	return rec
}
