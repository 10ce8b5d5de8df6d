package demo

import "math"

// This file holds the numbers of the story the demo tells (SPEC §1, the
// Halden case, Norway 2006–2009). Every number here is a modelling
// assumption of the demo, not a measurement; the comments say where each
// one comes from.

// Seeds of the PCG stream. Fixed, so every run writes the same bytes.
const (
	seedHi = 2006
	seedLo = 2009
)

// Period of the demo: the four years of the Halden case.
var (
	periodStart = date(2006, 1, 1)
	periodEnd   = date(2009, 12, 31)
)

// channel is a submission channel (SPEC §1, the three stages).
type channel int

const (
	paper channel = iota
	eform
	integrated
	nChannels
)

var channelNames = [nChannels]string{"paper", "eform", "integrated"}

// role is an employee's fixed role.
type role int

const (
	reception role = iota
	clerk
	caseOfficer
	archive
	nRoles
)

var roleNames = [nRoles]string{"reception", "clerk", "case_officer", "archive"}

// poolSizes is the number of employees per role in each org: a mid-sized
// Norwegian municipality's service office, front desk and archive.
var poolSizes = [nRoles]int{8, 10, 20, 6}

// service is one municipal service and how its volumes and handling look.
type service struct {
	code string
	// yearly is halden's submissions per year; sarpsborg scales it.
	yearly float64
	// season is the relative volume per month, January first.
	season [12]float64
	// handling multiplies every handling mean (byggesak is ×4: drawings,
	// neighbour notices and site checks).
	handling float64
	// leadDays is the median days from received to decided on paper.
	leadDays float64
	// digitalMax is the ceiling of the digital share: paper never drops to
	// zero, some citizens keep posting (1 − digitalMax stays on paper).
	digitalMax float64
	// uptakeMid is the months after the e-form launch until half of
	// digitalMax is reached; uptakeScale the logistic scale in months.
	uptakeMid, uptakeScale float64
	// caseworkRows is how many sessions the casework is registered in.
	caseworkRows int
}

// The service codes, in the order of services.
const (
	barnehage = iota
	byggesak
	startlan
	skolefritid
	nServices
)

// services: volumes sum to ~2,850 a year in halden, so the four years of
// both orgs give ~30,000 submissions. Seasons: kindergarten applications
// peak before the main intake deadline (1 March); after-school care
// (SFO) peaks in spring before the school year; building permits in
// spring and summer; housing loans are flat with a summer dip.
var services = [nServices]service{
	barnehage: {
		code: "barnehage", yearly: 1100,
		season:   [12]float64{2.2, 2.6, 2.4, 0.8, 0.6, 0.5, 0.3, 0.5, 0.8, 0.8, 0.7, 0.8},
		handling: 1, leadDays: 25, digitalMax: 0.88, uptakeMid: 8, uptakeScale: 3,
		caseworkRows: 1,
	},
	byggesak: {
		code: "byggesak", yearly: 600,
		season:   [12]float64{0.6, 0.7, 1.0, 1.2, 1.3, 1.2, 0.8, 1.1, 1.2, 1.1, 0.9, 0.6},
		handling: 4, leadDays: 45, digitalMax: 0.55, uptakeMid: 12, uptakeScale: 4,
		caseworkRows: 3,
	},
	startlan: {
		code: "startlan", yearly: 350,
		season:   [12]float64{1, 1, 1.1, 1.1, 1, 1, 0.6, 0.9, 1.1, 1.1, 1.1, 0.9},
		handling: 1.5, leadDays: 21, digitalMax: 0.75, uptakeMid: 10, uptakeScale: 3.5,
		caseworkRows: 1,
	},
	skolefritid: {
		code: "skolefritid", yearly: 800,
		season:   [12]float64{0.8, 1.0, 1.6, 1.8, 1.6, 1.0, 0.3, 0.9, 1.0, 0.7, 0.6, 0.7},
		handling: 0.8, leadDays: 14, digitalMax: 0.85, uptakeMid: 8, uptakeScale: 3,
		caseworkRows: 1,
	},
}

// rollout is when a service opened its e-form and its integrated e-form,
// in months since January 2006 (see month).
type rollout struct{ eform, integrated float64 }

// never marks a stage that is not reached in the period.
var never = math.Inf(1)

// org is a municipality of the demo.
type org struct {
	code string
	// scale multiplies the volumes: Sarpsborg has ~1.6× Halden's volumes.
	scale float64
	// handling multiplies the handling minutes: the larger office has a
	// few more hand-offs.
	handling float64
	// employeeBase is the first employee number of the org's pool.
	employeeBase int
	// rollout is per service, in the order of services.
	rollout [nServices]rollout
}

// orgs: halden goes first (barnehage e-form 2006-09, integrated 2007-09,
// as in the Halden case); sarpsborg follows later; byggesak lags in both,
// integrated only from late 2009 in halden and never in sarpsborg.
var orgs = []org{
	{
		code: "halden", scale: 1, handling: 1, employeeBase: 100,
		rollout: [nServices]rollout{
			barnehage:   {month(2006, 9), month(2007, 9)},
			byggesak:    {month(2007, 6), month(2009, 9)},
			startlan:    {month(2007, 3), month(2008, 9)},
			skolefritid: {month(2007, 1), month(2008, 3)},
		},
	},
	{
		code: "sarpsborg", scale: 1.6, handling: 1.05, employeeBase: 400,
		rollout: [nServices]rollout{
			barnehage:   {month(2007, 2), month(2008, 8)},
			byggesak:    {month(2008, 3), never},
			startlan:    {month(2008, 1), month(2009, 5)},
			skolefritid: {month(2007, 9), month(2009, 1)},
		},
	},
}

// Switching from the e-form to the integrated e-form is quick (same web
// form, new back end): half the e-form traffic moves within
// integrationMid months; integratedMax of it eventually (old links live on).
const (
	integrationMid   = 1.5
	integrationScale = 0.8
	integratedMax    = 0.95
)

// step is one activity of handling one submission, registered as its own
// time row.
type step struct {
	activity string
	role     role
	// mean minutes per submission (before the service and org factors).
	mean float64
	// at is when it happens, as a fraction of the way from received to decided.
	at float64
	// share is the probability that the step happens at all.
	share float64
}

// handling holds the per-submission steps per channel (SPEC §1): e-forms
// are re-keyed almost like paper; the integrated e-form drops re-keying.
// Means are the brief's: paper 6+4+14+30+6+5 = 65 min; e-form 1+13+29+5+4
// = 52 plus followup; integrated 24+1+2 = 27.
//
// followup is the demo's own addition: 2006-era e-forms had no validation
// and no attachments, so case officers chased missing information (60 % of
// e-forms, ~15 min). It makes the e-form "almost as much staff time as
// paper" (SPEC §1, ~94 %) rather than 80 %.
var handling = [nChannels][]step{
	paper: {
		{"reception", reception, 6, 0, 1},
		{"scanning", reception, 4, 0, 1},
		{"rekeying", clerk, 14, 0.1, 1},
		{"casework", caseOfficer, 30, 0.5, 1},
		{"archiving", archive, 6, 1, 1},
		{"reply", caseOfficer, 5, 1, 1},
	},
	eform: {
		{"reception", reception, 1, 0, 1},
		{"rekeying", clerk, 13, 0.1, 1},
		{"followup", caseOfficer, 15, 0.3, 0.6},
		{"casework", caseOfficer, 29, 0.5, 1},
		{"archiving", archive, 5, 1, 1},
		{"reply", caseOfficer, 4, 1, 1},
	},
	integrated: {
		{"casework", caseOfficer, 24, 0.5, 1},
		{"archiving", archive, 1, 1, 1},
		{"reply", caseOfficer, 2, 1, 1},
	},
}

// Spread of the skewed (lognormal) distributions, as sigma of the log.
const (
	minutesSigma = 0.6
	leadSigma    = 0.5
)

// maxRowMinutes caps one registration at a long working day.
const maxRowMinutes = 450

// leadFactor scales the paper lead time per channel: no post round and no
// re-keying queue for e-forms, straight into the case system when integrated.
var leadFactor = [nChannels]float64{1, 0.8, 0.4}

// Shares of the extra realism (the brief's numbers).
const (
	// timedShare of submissions with a case id get case-linked time rows.
	timedShare = 0.8
	// noCaseShare of submissions never got a case id.
	noCaseShare = 0.01
	// siblingShare of barnehage submissions come with a sibling's
	// application on the same case (~1 % of all submissions).
	siblingShare = 0.025
	// orphanShare of timed submissions also get a registration on a
	// mistyped case id (~0.5 % of time rows).
	orphanShare = 0.025
	// isoShare of e-form/integrated rows come as the platform's ISO export
	// with offset.
	isoShare = 0.02
)

// Pooled time per org and week (SPEC §3 rules 2–4).
const (
	// scanBatchMean: Friday batch scanning of paper attachments, per service.
	scanBatchMean = 45
	// phoneMean: phone replies per service, no channel known.
	phoneMean = 60
	// meetingRows: staff in the weekly section meeting, no service.
	meetingRows = 3
)
