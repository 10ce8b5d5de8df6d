package demo

import (
	"fmt"
	"time"
)

// generator walks the period day by day and streams rows to both files.
type generator struct {
	rnd
	subs, times *csvFile
	orgs        []*orgState
	// subRec and timeRec are reused for every row.
	subRec  [nSubCols]string
	timeRec [nTimeCols]string
}

// orgState is one org's pools and id counters.
type orgState struct {
	org
	staff    [nRoles][]string
	everyone []staffMember
	nextSub  int
	nextReg  int
	caseYear int
	nextCase int
}

// staffMember is one employee with a fixed role.
type staffMember struct {
	id   string
	role role
}

func newGenerator(subs, times *csvFile) *generator {
	g := &generator{rnd: newRnd(), subs: subs, times: times}
	for _, o := range orgs {
		g.orgs = append(g.orgs, newOrgState(o))
	}
	return g
}

// newOrgState numbers the org's employees from employeeBase+1, role by role.
func newOrgState(o org) *orgState {
	s := &orgState{org: o}
	n := o.employeeBase
	for r := range nRoles {
		for range poolSizes[r] {
			n++
			id := fmt.Sprintf("E%04d", n)
			s.staff[r] = append(s.staff[r], id)
			s.everyone = append(s.everyone, staffMember{id, r})
		}
	}
	return s
}

// run generates the whole period.
func (g *generator) run() {
	nDays := int(periodEnd.Sub(periodStart).Hours()/24) + 1
	plan := planBadRows(nDays)
	for i := range nDays {
		day := periodStart.AddDate(0, 0, i)
		for _, o := range g.orgs {
			g.day(o, day)
			if day.Weekday() == time.Friday {
				g.pooledWeek(o, day)
			}
		}
		for _, k := range plan[i] {
			g.badRow(k, g.orgs[(i+int(k))%len(g.orgs)], day)
		}
	}
}

// day generates one org's submissions of one day.
func (g *generator) day(o *orgState, day time.Time) {
	t := monthOf(day)
	for si := range services {
		s := &services[si]
		perDay := s.yearly * o.scale * seasonShare(s, day.Month()) / float64(daysIn(day))
		shares := channelShares(o.rollout[si], s, t)
		for c := range nChannels {
			n := g.poisson(perDay * shares[c] * dayWeight(c, day.Weekday()))
			for range n {
				g.submission(o, si, c, day)
			}
		}
	}
}

// seasonShare is the month's share of the service's yearly volume.
func seasonShare(s *service, m time.Month) float64 {
	var sum float64
	for _, w := range s.season {
		sum += w
	}
	return s.season[m-1] / sum
}

// channelShares returns the channel mix at t (months since 2006-01):
// logistic uptake of digital after the e-form launch, and a quick logistic
// switch of the digital traffic to the integrated e-form after its launch.
func channelShares(r rollout, s *service, t float64) [nChannels]float64 {
	var digital, integ float64
	if t >= r.eform {
		digital = s.digitalMax * logistic((t-r.eform-s.uptakeMid)/s.uptakeScale)
	}
	if t >= r.integrated {
		integ = integratedMax * logistic((t-r.integrated-integrationMid)/integrationScale)
	}
	return [nChannels]float64{1 - digital, digital * (1 - integ), digital * integ}
}

// dayWeight spreads a week's volume over its days, averaging 1: paper
// comes with the post on weekdays; e-forms come every day, less at weekends.
func dayWeight(c channel, wd time.Weekday) float64 {
	const weekend = 0.5 // a weekend day has half a weekday's e-forms
	switch {
	case c == paper && (wd == time.Saturday || wd == time.Sunday):
		return 0
	case c == paper:
		return 7.0 / 5
	case wd == time.Saturday || wd == time.Sunday:
		return weekend * 7 / (5 + 2*weekend)
	default:
		return 7 / (5 + 2*weekend)
	}
}

// submission is one generated form.
type submission struct {
	org      *orgState
	service  int
	channel  channel
	id       string
	received time.Time
	// decided is the planned decision; undecided when after periodEnd.
	decided time.Time
	caseID  string
	// iso marks rows written as the e-form platform's ISO export.
	iso bool
}

// isDecided reports whether the decision falls inside the period.
func (s *submission) isDecided() bool { return s.decided.Before(periodEnd.AddDate(0, 0, 1)) }

// submission generates one submission (and a sibling's, sometimes) with
// its case-linked time.
func (g *generator) submission(o *orgState, si int, c channel, day time.Time) {
	s := submission{org: o, service: si, channel: c, id: o.newSubmissionID()}
	s.received = g.receivedAt(c, day)
	s.decided = g.decidedAt(si, c, s.received)
	if !g.chance(noCaseShare) {
		s.caseID = o.newCaseID(day.Year())
	}
	s.iso = c != paper && g.chance(isoShare)
	timed := s.caseID != "" && g.chance(timedShare)
	g.emit(&s, timed)

	if si == barnehage && s.caseID != "" && g.chance(siblingShare) {
		sib := s
		sib.id = o.newSubmissionID()
		sib.received = s.received.Add(time.Duration(1+g.IntN(10)) * time.Minute)
		g.emit(&sib, timed)
	}
}

// emit writes a submission row and, when timed, its time rows.
func (g *generator) emit(s *submission, timed bool) {
	g.subs.write(g.submissionRecord(s))
	if timed {
		g.caseTime(s)
	}
}

// submissionRecord formats s into the reused row.
func (g *generator) submissionRecord(s *submission) []string {
	format := formatWall
	if s.iso {
		format = formatISO
	}
	r := g.subRec[:]
	r[subID] = s.id
	r[subOrg] = s.org.code
	r[subService] = services[s.service].code
	r[subChannel] = channelNames[s.channel]
	r[subReceived] = format(s.received)
	r[subDecided] = ""
	if s.isDecided() {
		r[subDecided] = format(s.decided)
	}
	r[subCase] = s.caseID
	return r
}

// receivedAt draws the time of day: paper is registered when the post is
// opened (mostly mornings; a few at the service desk's late opening);
// e-forms come round the clock with most in office hours.
func (g *generator) receivedAt(c channel, day time.Time) time.Time {
	var from, to float64 // hours
	u := g.Float64()
	switch {
	case c == paper && u < 0.85:
		from, to = 8, 11.5
	case c == paper && u < 0.97:
		from, to = 11.5, 15.5
	case c == paper:
		from, to = 15.5, 18
	case u < 0.78:
		from, to = 8, 15.5
	case u < 0.93:
		from, to = 15.5, 23.5
	default:
		from, to = 0, 8
	}
	secs := int((from + (to-from)*g.Float64()) * 3600)
	t := day.Add(time.Duration(secs) * time.Second)
	if _, ok := osloOffset(t); !ok {
		t = t.Add(time.Hour) // no e-form at a time the clock skips or repeats
	}
	return t
}

// decidedAt draws the decision: a skewed lead time (slower on paper), on a
// weekday in office hours, at least the next day.
func (g *generator) decidedAt(si int, c channel, received time.Time) time.Time {
	median := services[si].leadDays * leadFactor[c]
	days := int(median*g.lognormal(1, leadSigma)) + 1
	d := nextWeekday(dayOf(received).AddDate(0, 0, days))
	secs := int((8.5 + 6.5*g.Float64()) * 3600)
	return d.Add(time.Duration(secs) * time.Second)
}

// newSubmissionID returns the next submission id of the org.
func (o *orgState) newSubmissionID() string {
	o.nextSub++
	return fmt.Sprintf("S%06d", o.nextSub)
}

// newRegistrationID returns the next time registration id of the org.
func (o *orgState) newRegistrationID() string {
	o.nextReg++
	return fmt.Sprintf("T%07d", o.nextReg)
}

// newCaseID returns the next case number of the org's case system, which
// restarts every year: "2007/01234".
func (o *orgState) newCaseID(year int) string {
	if year != o.caseYear {
		o.caseYear, o.nextCase = year, 0
	}
	o.nextCase++
	return fmt.Sprintf("%d/%05d", year, o.nextCase)
}
