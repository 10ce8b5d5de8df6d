package reports

// evaluationLabels are the texts of the Evaluation sheet (issue 17) and of
// the Summary and Savings privacy fixes (issue 19), kept apart from labels
// like fundersLabels. init merges them into labels.
var evaluationLabels = map[string]label{
	"what.monthHours": {"%s: timer spart (alle tjenester)", "%s: hours saved (all services)"},
	"what.monthLine":  {"%s: timer spart, linjen", "%s: hours saved, the line"},
	"why.difference":  {"ville avsløre en skjult måned ved differanse", "would give away a hidden month by difference"},
}

func init() {
	for k, v := range evaluationLabels {
		if _, dup := labels[k]; dup {
			panic("reports: label " + k + " is defined twice")
		}
		labels[k] = v
	}
}

// evaluationSheetLabels are the Evaluation sheet's texts (issue 17).
var evaluationSheetLabels = map[string]label{
	"sheet.evaluation": {"Evaluering", "Evaluation"},
	"eval.title":       {"Hvor sikker er gevinsten? Tre design side om side", "How sure is the saving? Three designs side by side"},
	"eval.note": {"Effekt = endring i minutter per innsending ved endringsmåneden (negativ = færre); timer spart er positive for en gevinst; 95 % intervall. Evidensnivå på Maryland-skalaen (1–5): 2 før og etter (basis), 3 avbrutt tidsserie med placebo som dekker 0, 4 forskjell i forskjeller med parallelle trender før endringen; aldri 5 (ingenting er randomisert). Placebo = samme metode med en falsk endring 12 måneder før den virkelige. Merknaden sier hvorfor et nivå ikke ble nådd. Se Metode-arket.",
		"Effect = change in minutes per submission at the change month (negative = fewer); hours saved are positive for a saving; 95 % intervals. Evidence level on the Maryland scale (1–5): 2 before and after (baseline), 3 interrupted time series whose placebo covers 0, 4 difference-in-differences with parallel trends before the change; never 5 (nothing is randomised). Placebo = the same estimator at a fake change 12 months before the real one. The note says why a level was not reached. See the Method sheet."},
	"eval.none":             {"Ingen evaluering: ingen månedsserier i perioden.", "No evaluation: no monthly series in the range."},
	"eval.headline":         {"Evidensnivå for gevinsttallene: %d av 5 (Maryland-skalaen), det svakeste av %d organisasjon–tjeneste-par; %d av dem når nivå 3 eller 4 med tidsserie eller forskjell i forskjeller (arket %s).", "Evidence level of the savings figures: %d of 5 (Maryland scale), the weakest of %d organisation–service pairs; %d of them reach level 3 or 4 by time series or difference-in-differences (sheet %s)."},
	"eval.headlineNone":     {"Evidensnivå for gevinsttallene: 2 av 5 (før og etter, Maryland-skalaen).", "Evidence level of the savings figures: 2 of 5 (before and after, Maryland scale)."},
	"design.baseline":       {"Før og etter (basis)", "Before and after (baseline)"},
	"design.its":            {"Avbrutt tidsserie", "Interrupted time series"},
	"design.did":            {"Forskjell i forskjeller", "Difference-in-differences"},
	"col.design":            {"Design", "Design"},
	"col.changeMonth":       {"Endringsmåned", "Change month"},
	"col.effect":            {"Effekt (min per innsending)", "Effect (min per submission)"},
	"col.effectLow":         {"Effekt, nedre 95 %", "Effect, 95 % low"},
	"col.effectHigh":        {"Effekt, øvre 95 %", "Effect, 95 % high"},
	"col.placebo":           {"Placebo (min per innsending)", "Placebo (min per submission)"},
	"col.placeboLow":        {"Placebo, nedre", "Placebo, low"},
	"col.placeboHigh":       {"Placebo, øvre", "Placebo, high"},
	"col.preMonths":         {"Måneder før", "Months before"},
	"col.postMonths":        {"Måneder etter", "Months after"},
	"col.comparison":        {"Sammenligning", "Comparison"},
	"col.level":             {"Evidensnivå", "Evidence level"},
	"note.beforeAfter":      {"før og etter (nivå 2): endringen får æren for en trend som alt var i gang", "before-and-after design (level 2): it credits the change with any trend already under way"},
	"note.noPost":           {"ingen innsendinger fra endringsmåneden i perioden", "no submissions from the change month on in the range"},
	"note.itsMonths":        {"trenger %s måneder med innsendinger før og %s fra endringsmåneden %s; har %s og %s", "needs %s months with submissions before and %s from the change month %s on; has %s and %s"},
	"note.didMonths":        {"trenger %s måneder før og %s fra endringsmåneden %s med en sammenligning som ennå ikke har endret; har %s og %s", "needs %s months before and %s from the change month %s on with a comparison not yet changed; has %s and %s"},
	"note.itsPlacebo":       {"placebo i %s: intervallet [%s; %s] dekker ikke 0, så serien beveger seg uten endringen", "placebo at %s: its interval [%s, %s] excludes 0, so the series moves without the change"},
	"note.didPlacebo":       {"placebo i %s: intervallet [%s; %s] dekker ikke 0", "placebo at %s: its interval [%s, %s] excludes 0"},
	"note.noGroup":          {"ingen sammenligningsgruppe (nivå 4 krever forskjell i forskjeller)", "no comparison group (level 4 needs did)"},
	"note.narrow":           {"Newey–West-intervaller blir for smale med få måneder", "Newey–West intervals run narrow on few months"},
	"note.noComparison":     {"ingen sammenligning: ingen annen organisasjon endret tjenesten senere eller aldri", "no comparison: no other organisation changed this service later or never"},
	"note.noPostComparison": {"ingen måned etter endringen med en sammenligning", "no post month with a comparison"},
	"note.trends":           {"trendene før endringen er ulike: stigningen i avstanden, %s minutter per måned, har intervallet [%s; %s], som ikke dekker 0 (nivå 2)", "pre-change trends differ: the slope of the gap, %s minutes per month, has the interval [%s, %s], which excludes 0 (level 2)"},
	"note.notRandom":        {"ikke randomisert (høyst nivå 4)", "not randomised (level 4 at most)"},
	"note.noChange":         {"ingen endringsmåned: målkanalen hadde aldri %s (privacy.min_cell) innsendinger i en måned, og changes: oppgir ingen oppstart", "no change month: the target channel never had %s (privacy.min_cell) submissions in a month and changes: names no go-live"},
	"note.placeboNot":       {"placebo i %s kan ikke beregnes: %s", "placebo at %s not computable: %s"},
	"note.baselineNot":      {"basis kan ikke beregnes (%s)", "baseline not computable (%s)"},
}

func init() {
	for k, v := range evaluationSheetLabels {
		if _, dup := labels[k]; dup {
			panic("reports: label " + k + " is defined twice")
		}
		labels[k] = v
	}
}

// methodEvaluationLabels explain the designs and the working-time metrics
// on the Method sheet (issue 17).
var methodEvaluationLabels = map[string]label{
	"m.lead_working": {"Median og 90-persentil av ledetiden i arbeidsdager: kontorminuttene på arbeidsdager (mandag–fredag, ikke norske helligdager) mellom mottatt og avgjort, delt på minuttene i én kontordag.",
		"Median and 90th percentile of the lead time in working days: the office minutes on working days (Monday–Friday, not Norwegian public holidays) between received and decided, divided by the minutes of one office day."},
	"m.touch_time": {"Σ saksknyttede minutter / Σ arbeidsminutter i ledetiden, over avgjorte tidsførte innsendinger: hvor mye av tiden en sak venter som er arbeidstid. Over 1 når flere arbeider med saken samtidig.",
		"Σ case-linked minutes / Σ working minutes of the lead time, over the decided timed submissions: how much of the time a case waits is staff time. Above 1 when several people work on a case at once."},
	"m.evaluation": {"Hvor sikker er gevinsten (arket Evaluering)", "How sure is the saving (the Evaluation sheet)"},
	"m.designBaseline": {"Før og etter, nivå 2: effekt = minutter per innsending fra endringsmåneden − basis B; minutter spart = Σ (B × innsendinger − minutter) etter endringen, som gevinsttallene. Endringen får æren for enhver trend som alt var i gang, og «gevinst» vises også før det fantes en digital kanal.",
		"Before and after, level 2: effect = minutes per submission from the change month on − baseline B; minutes saved = Σ (B × submissions − minutes) after the change, as the savings figures. It credits the change with any trend already under way, and shows \"savings\" even before a digital channel existed."},
	"m.designITS": {"Avbrutt tidsserie, nivå 3: minstekvadraters regresjon av månedens minutter per innsending (alle kanaler) på tid, et sprang og en ny stigning fra endringsmåneden; effekten er spranget, minutter spart = Σ (førtrendens prognose − faktisk) × innsendinger etter endringen. Newey–West-feil (lag 3 som standard, evaluate.newey_west_lag). Krever 12 måneder før og 12 etter. Stol ikke på den når noe annet endret seg samme måned, og husk at intervallene blir for smale med 24–36 måneder.",
		"Interrupted time series, level 3: least squares of the month's minutes per submission (all channels) on time, a step and a new slope from the change month; the effect is the step, minutes saved = Σ (the pre-trend's prediction − actual) × submissions after the change. Newey–West errors (lag 3 by default, evaluate.newey_west_lag). Needs 12 months before and 12 after. Do not trust it when something else changed the same month, and mind that its intervals run narrow on 24–36 months."},
	"m.designDiD": {"Forskjell i forskjeller, nivå 4: organisasjonens avvik fra sitt snitt før endringen, minus snittet av avvikene til organisasjoner som ennå ikke har endret samme tjeneste; effekten er snittet etter endringen, intervallet fra en blokk-bootstrap over måneder (blokk 3, 999 trekk, frø 1). Krever 12 måneder på hver side og parallelle trender før endringen. Stol ikke på den når sammenligningene skiller seg fra organisasjonen på andre måter som endrer seg over tid.",
		"Difference-in-differences, level 4: the organisation's deviation from its pre-change mean, minus the mean deviation of organisations that have not yet changed the same service; the effect is its mean after the change, the interval from a block bootstrap over months (block 3, 999 draws, seed 1). Needs 12 months each side and parallel trends before the change. Do not trust it when the comparisons differ from the organisation in other ways that change over time."},
	"m.placebo": {"Samme metode med en falsk endring 12 måneder før den virkelige, bare på månedene før endringen. Intervallet bør dekke 0; gjør det ikke det, beveger serien seg uten endringen, og tidsserien blir på nivå 2.",
		"The same estimator with a fake change 12 months before the real one, on the months before the change only. Its interval should cover 0; when it does not, the series moves without the change, and the time series stays at level 2."},
	"m.level": {"Maryland Scientific Methods Scale (brukt i Magenta Book): 2 før og etter; 3 tidsserie med nok måneder og placebo som dekker 0; 4 forskjell i forskjeller med parallelle trender før endringen; aldri 5 (ingenting er randomisert). Et design som ikke oppfyller vilkåret sitt får nivå 2 og en merknad.",
		"Maryland Scientific Methods Scale (as used by the Magenta Book): 2 before and after; 3 time series with enough months and a placebo covering 0; 4 difference-in-differences with parallel trends before the change; never 5 (nothing is randomised). A design that misses its condition gets level 2 and a note."},
	"m.headlineTerm": {"Evidensnivå på Oversikt", "Evidence level on the Summary"},
	"m.headline": {"Gevinsttallene er regnet med før og etter-designet. Hvert organisasjon–tjeneste-par får det høyeste nivået et av designene når (aldri under 2); tallene summert over parene får det laveste av disse. Nivået sier hvor godt designet kan skille endringen fra andre forklaringer, ikke at tallet er lik det sterkere designets estimat: sammenlign dem på arket Evaluering.",
		"The savings figures come from the before-and-after design. Each organisation–service pair has the highest level any of its designs reaches (never below 2); the figures, summed over the pairs, have the lowest of these. The level says how well the design tells the change from other explanations, not that the figure equals the stronger design's estimate: compare them on the Evaluation sheet."},
}

func init() {
	for k, v := range methodEvaluationLabels {
		if _, dup := labels[k]; dup {
			panic("reports: label " + k + " is defined twice")
		}
		labels[k] = v
	}
}
