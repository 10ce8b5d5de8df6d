package demo

import (
	"fmt"
	"time"
)

// badKind is one kind of bad row a real export contains (SPEC §9). Bad
// rows are extra rows with fresh ids and no case link, so the rest of the
// story is the same whether they are rejected or not.
type badKind int

const (
	// submissions.csv
	badReceivedDate      badKind = iota // received_at "2008-13-45 10:00:00"
	badReceivedEmpty                    // received_at ""
	badSubmissionChannel                // channel "fax"
	badServiceEmpty                     // service ""
	// time.csv
	badWorkDate        // work_date "2008-13-45"
	badTimeChannel     // channel "fax"
	badMinutesNegative // minutes "-5"
	badMinutesTooMany  // minutes "2000" (over 1440)
	badMinutesText     // minutes "abc"
	badEmployeeEmpty   // employee ""
	nBadKinds
)

// badPerKind rows of each kind: at least 5, far under 1 % of a file.
const badPerKind = 8

// planBadRows spreads the bad rows over the days of the period, so each
// kind shows up in every half year.
func planBadRows(nDays int) [][]badKind {
	plan := make([][]badKind, nDays)
	for k := range nBadKinds {
		for i := range badPerKind {
			d := (i*nDays/badPerKind + int(k)*13 + 7) % nDays
			plan[d] = append(plan[d], k)
		}
	}
	return plan
}

// badRow writes one bad row of kind k.
func (g *generator) badRow(k badKind, o *orgState, day time.Time) {
	svc := services[int(k)%nServices].code
	if k < badWorkDate {
		g.badSubmission(k, o, svc, day)
		return
	}
	g.badRegistration(k, o, svc, day)
}

func (g *generator) badSubmission(k badKind, o *orgState, svc string, day time.Time) {
	s := submission{org: o, channel: eform, id: o.newSubmissionID(),
		received: day.Add(10 * time.Hour), decided: periodEnd.AddDate(1, 0, 0)}
	rec := g.submissionRecord(&s)
	rec[subService] = svc
	switch k {
	case badReceivedDate:
		rec[subReceived] = fmt.Sprintf("%d-13-45 10:00:00", day.Year())
	case badReceivedEmpty:
		rec[subReceived] = ""
	case badSubmissionChannel:
		rec[subChannel] = "fax"
	case badServiceEmpty:
		rec[subService] = ""
	}
	g.subs.write(rec)
}

func (g *generator) badRegistration(k badKind, o *orgState, svc string, day time.Time) {
	rec := g.timeRecord(o, registration{
		employee: staffMember{pick(g.rnd, o.staff[reception]), reception},
		workDate: day, minutes: 15,
		service: svc, channel: channelNames[paper], activity: "scanning",
	})
	switch k {
	case badWorkDate:
		rec[timeWorkDate] = fmt.Sprintf("%d-13-45", day.Year())
	case badTimeChannel:
		rec[timeChannel] = "fax"
	case badMinutesNegative:
		rec[timeMinutes] = "-5"
	case badMinutesTooMany:
		rec[timeMinutes] = "2000"
	case badMinutesText:
		rec[timeMinutes] = "abc"
	case badEmployeeEmpty:
		rec[timeEmployee] = ""
	}
	g.times.write(rec)
}
