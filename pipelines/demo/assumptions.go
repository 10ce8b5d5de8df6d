package demo

import (
	"fmt"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/pipelines/assumptions"
)

// AssumptionsFile is the demo's filled-in assumptions workbook, named by
// assumptions_file in the demo's gevinst.yaml.
const AssumptionsFile = "assumptions.xlsx"

// demoAssumptions are what the demo's finance officer and benefit owners
// filled in: the same rates and unit costs as gevinst.yaml (so either
// source gives the same figures), a register with targets, the costs of
// the change and two ITPOSMO assessments. Every value is a modelling
// assumption of the demo. The texts are Norwegian, as two Norwegian
// municipalities would write them and as the demo's nb workbook shows them.
func demoAssumptions() (config.Config, error) {
	rate := 0.04
	c := config.Config{Org: "halden"}
	c.Services = map[string]config.Service{"barnehage": {}, "byggesak": {}, "startlan": {}, "skolefritid": {}}
	c.Costs.HourlyRates = map[string]float64{"reception": 520, "clerk": 560, "case_officer": 690, "archive": 540}
	c.Costs.ChannelUnitCosts = map[string]float64{"paper": 12, "eform": 4, "integrated": 6}
	c.Register = []config.RegisterEntry{
		{Service: "barnehage", Owner: "Kommunalsjef oppvekst", Indicator: "target_share", Class: "citizen",
			DataSource: "logg fra e-skjemaplattformen", BaselineValue: 0, BaselineDate: "2006-08-31", TargetValue: 0.8, TargetDate: "2009-06-30"},
		{Service: "barnehage", Owner: "Kommunalsjef oppvekst", Indicator: "fte_saved_12m", Class: "capacity",
			DataSource: "timeføringer", BaselineValue: 0, BaselineDate: "2006-08-31", TargetValue: 0.33, TargetDate: "2009-12-31"},
		{Org: "halden", Service: "startlan", Owner: "Leder boligkontoret", Indicator: "cash_releasing_12m", Class: "cash_releasing",
			DataSource: "timeføringer, timesatser", BaselineValue: 0, BaselineDate: "2007-01-01", TargetValue: 28000, TargetDate: "2009-12-31"},
		{Service: "byggesak", Owner: "Plan- og bygningssjef", Indicator: "minutes_per_submission", Class: "quality",
			DataSource: "saksbehandlingssystem, timeføringer", BaselineValue: 240, BaselineDate: "2007-01-01", TargetValue: 190, TargetDate: "2009-12-31"},
		{Service: "skolefritid", Owner: "Rektor", Indicator: "digital_share", Class: "citizen",
			DataSource: "logg fra e-skjemaplattformen", BaselineValue: 0, BaselineDate: "2006-12-31", TargetValue: 0.85, TargetDate: "2009-12-31"},
	}
	c.ChangeCosts = config.ChangeCosts{DiscountRate: &rate, HorizonYears: 10, Items: []config.CostItem{
		{Name: "E-skjemaplattform, etablering", Org: "halden", Kind: "one_off", Amount: 400000, Date: "2006-06-01"},
		{Name: "Plattformlisens", Org: "halden", Kind: "running", Amount: 80000, Date: "2006-09-01"},
		{Name: "Integrasjon med saksbehandlingssystemet", Org: "halden", Service: "barnehage", Kind: "one_off", Amount: 250000, Date: "2007-06-01"},
		{Name: "Integrasjon med lånesystemet", Org: "halden", Service: "startlan", Kind: "one_off", Amount: 150000, Date: "2008-01-01"},
		{Name: "E-skjemaplattform, etablering", Org: "sarpsborg", Kind: "one_off", Amount: 450000, Date: "2007-01-01"},
		{Name: "Plattformlisens", Org: "sarpsborg", Kind: "running", Amount: 100000, Date: "2007-03-01"},
	}}
	c.ITPOSMO.Assessments = []config.Assessment{
		{Date: "2006-03-01", Scope: "halden", Assessor: "Prosjektkontoret", Note: "Før e-skjemaprosjektet (lærebokens skårer)",
			Information: 7, Technology: 9, Processes: 9, ObjectivesValues: 2, StaffingSkills: 5, ManagementSystems: 3, TimeMoney: 5},
		{Date: "2008-03-01", Scope: "halden", Assessor: "Prosjektkontoret", Note: "Integrasjonen i drift for barnehage",
			Information: 4, Technology: 5, Processes: 6, ObjectivesValues: 2, StaffingSkills: 3, ManagementSystems: 3, TimeMoney: 4},
		{Date: "2007-01-01", Scope: "sarpsborg", Assessor: "Rådmannens stab", Note: "Start på e-skjemaprosjektet",
			Information: 6, Technology: 8, Processes: 8, ObjectivesValues: 3, StaffingSkills: 6, ManagementSystems: 4, TimeMoney: 6},
	}
	c.HoursPerFTE = 1695
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("demo assumptions: %w", err)
	}
	return c, nil
}

// writeAssumptions writes the demo's filled-in assumptions workbook.
func writeAssumptions(path string) error {
	c, err := demoAssumptions()
	if err != nil {
		return err
	}
	if err := assumptions.Write(path, &c); err != nil {
		return fmt.Errorf("demo: %s: %w", path, err)
	}
	return nil
}
