package model

// R109Row is the full R-109 appraisal of one (org, service) row of the
// costs of the change (SPEC §12): Service "" is an organisation's
// organisation-wide costs, "*" all its services. Money figures are real,
// in the configured currency, discounted to year 0 (the year of the
// one-off investments) by the declining rate schedule.
type R109Row struct {
	Org, Service string
	// AnalysisYears is the analysis period after year 0.
	AnalysisYears int64
	// OneOff is paid in year 0; RunningPerYear, BenefitPerYear (value
	// saved, the run-rate) and CashPerYear (cash-releasing) recur in each
	// of years 1..AnalysisYears.
	OneOff, RunningPerYear float64
	BenefitPerYear         Null
	CashPerYear            Null
	// PVBenefits, PVCosts, PVTaxCost and PVResidual are the present values
	// of the benefits, the costs of the change, the tax-financing cost of
	// the net public spending and the residual value; NPV = PVBenefits −
	// PVCosts − PVTaxCost + PVResidual (the economic appraisal).
	PVBenefits, PVCosts, PVTaxCost, PVResidual, NPV Null
	// CashNPV is the budget view: cash-releasing less the costs, with
	// neither the tax-financing cost nor the residual value.
	CashNPV Null
	// NPVBenefitsLow/High are the NPV with benefits moved down/up by the
	// sensitivity share, NPVCostsLow/High with costs moved down/up.
	NPVBenefitsLow, NPVBenefitsHigh Null
	NPVCostsLow, NPVCostsHigh       Null
	// NPVSavingsCILow/High are the NPV with the savings at the lower/upper
	// bound of their 95 % interval (null when an interval is missing).
	NPVSavingsCILow, NPVSavingsCIHigh Null
	// DigitalShare is the share of submissions outside the baseline
	// channel over the run-rate window; BreakEvenDigitalShare the share
	// at which the NPV would be 0 if the benefit grew in proportion to it
	// (over 1: no share pays off; 0 or less: any does).
	DigitalShare, BreakEvenDigitalShare Null
}

// PlanRow is one benefit of the benefit realisation plan in one year
// against what was measured (SPEC §12), or a measured benefit the plan
// does not hold (Unplanned, ID "").
type PlanRow struct {
	// ID, Name, Class (config.PlanClasses), Owner, Measure and Effect
	// are the plan's; Org and Service what the actual is measured over
	// (empty: all).
	ID, Name, Class, Owner, Measure, Effect string
	Org, Service                            string
	Year                                    int64
	// Planned is the plan's value for the year (null when none).
	Planned Null
	// Actual is the measured value: budget = Σ cash_releasing, capacity
	// = Σ capacity_freed, others = citizens' time saved × value of time;
	// null when nothing was measured (and for non_priced).
	Actual Null
	// Deviation is Actual − Planned, DeviationShare Deviation / |Planned|.
	Deviation, DeviationShare Null
	// TakenOut is the cash actually removed from budgets that year.
	TakenOut Null
	// CitizenHours is class others' citizens' hours saved.
	CitizenHours Null
	// Explanation is the configured explanation of the year's deviation;
	// ExplanationMissing says one is required (the deviation is over the
	// threshold) and none is given.
	Explanation        string
	ExplanationMissing bool
	// Unplanned marks a measured benefit with no planned value that year.
	Unplanned bool
	// Score and Text are a non_priced benefit's assessment.
	Score, Text string
}
