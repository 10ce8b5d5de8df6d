package pipelines

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/reports"
)

// KindFunder is the Evidence.Kind of the funder's annual report's
// sidecar; a dashboard's sidecar has none.
const KindFunder = "funder"

// NewFunderEvidence describes the funder's report written from in at
// workbook under cfg: the batches, the config and assumptions, the
// workbook's SHA-256, the headline figures (reports.FunderHeadlines) and
// a digest of every table behind the report.
func NewFunderEvidence(cfg *config.Config, in reports.FunderInput, workbook string) (Evidence, error) {
	sum, err := fileSHA256(workbook)
	if err != nil {
		return Evidence{}, err
	}
	ev := Evidence{
		Format: 1, Kind: KindFunder, Product: in.Version, QueryVersion: in.QueryVersion,
		GeneratedAt: in.GeneratedAt.Format(time.RFC3339),
		Workbook:    EvidenceFile{Name: filepath.Base(workbook), SHA256: sum},
		Filters:     EvidenceFilters{Year: in.Year, Lang: in.Lang},
	}
	if ev.ConfigSHA256, ev.AssumptionsSHA, err = configSums(cfg); err != nil {
		return ev, err
	}
	ev.Figures, ev.FiguresSHA256 = funderFigures(in), funderDigest(in)
	ev.Batches = evidenceBatches(in.Batches)
	return ev, nil
}

// configSums are the SHA-256 of the config and of the assumptions
// register, as a dashboard's sidecar records them.
func configSums(cfg *config.Config) (cfgSum, assSum string, err error) {
	y, err := ConfigYAML(cfg)
	if err != nil {
		return "", "", err
	}
	return inputSums(reports.Input{ConfigYAML: y, Assumptions: assumptionsOf(cfg)})
}

func funderFigures(in reports.FunderInput) map[string]*float64 {
	figs := map[string]*float64{}
	for _, f := range reports.FunderHeadlines(in) {
		if f.Value.Valid {
			v := round6(f.Value.Float64)
			figs[f.Key] = &v
		} else {
			figs[f.Key] = nil
		}
	}
	return figs
}

// funderDigest hashes every table behind the funder's report, one line
// per row, numbers rounded as figuresDigest does.
func funderDigest(in reports.FunderInput) string {
	h := sha256.New()
	line := func(table string, vals ...any) {
		parts := []string{table}
		for _, v := range vals {
			parts = append(parts, cellText(v))
		}
		io.WriteString(h, strings.Join(parts, "\t")+"\n")
	}
	for _, p := range in.Plan {
		line("plan", p.ID, p.Name, p.Class, p.Owner, p.Measure, p.Effect, p.Org, p.Service, p.Year,
			p.Planned, p.Actual, p.Deviation, p.DeviationShare, p.TakenOut, p.CitizenHours,
			p.Explanation, p.ExplanationMissing, p.Unplanned, p.Score, p.Text)
	}
	for _, r := range in.R109 {
		line("r109", r.Org, r.Service, r.AnalysisYears, r.OneOff, r.RunningPerYear, r.BenefitPerYear, r.CashPerYear,
			r.PVBenefits, r.PVCosts, r.PVTaxCost, r.PVResidual, r.NPV, r.CashNPV,
			r.NPVBenefitsLow, r.NPVBenefitsHigh, r.NPVCostsLow, r.NPVCostsHigh, r.NPVSavingsCILow, r.NPVSavingsCIHigh,
			r.DigitalShare, r.BreakEvenDigitalShare)
	}
	for _, r := range in.Benefits {
		line("benefits", r.Values()...)
	}
	for _, r := range in.Evaluation {
		line("evaluation", r.Values()...)
	}
	for _, r := range in.Rejects {
		line("rejects", r.Kind, r.Column, r.Reason, r.Rows)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// verifyFunder checks a funder's report against its sidecar ev: the
// workbook's bytes, the batches, the config and assumptions in use, and
// the figures recomputed for the recorded year and language.
func verifyFunder(ctx context.Context, db *queries.DB, cfg *config.Config, workbook, version string, ev Evidence) (Verification, error) {
	var v Verification
	diff := func(format string, args ...any) { v.Differences = append(v.Differences, fmt.Sprintf(format, args...)) }
	if err := checkWorkbook(workbook, ev, diff); err != nil {
		return v, err
	}
	if ev.Filters.Year == 0 {
		return v, fmt.Errorf("%w: evidence %s: a funder's report's sidecar without filters.year", ErrEvidence, workbook+EvidenceSuffix)
	}
	now, err := time.Parse(time.RFC3339, ev.GeneratedAt)
	if err != nil {
		now = time.Time{}
	}
	in, err := FunderInput(ctx, db, cfg, FunderOptions{Lang: ev.Filters.Lang, Year: ev.Filters.Year, Now: now, Version: version})
	if err != nil {
		return v, err
	}
	checkBatches(ev.Batches, in.Batches, diff)
	cfgSum, assSum, err := configSums(cfg)
	if err != nil {
		return v, err
	}
	checkSums(ev, cfgSum, assSum, diff)
	figs := funderFigures(in)
	for _, f := range reports.FunderHeadlines(in) {
		rec, ok := ev.Figures[f.Key]
		if cur := figs[f.Key]; !ok || !sameFigure(rec, cur) {
			diff("figure %s: now %s, recorded %s", f.Key, showFigure(cur), showFigure(rec))
		}
	}
	for k, rec := range ev.Figures {
		if _, ok := figs[k]; !ok {
			diff("figure %s: recorded %s, no longer computed", k, showFigure(rec))
		}
	}
	if sum := funderDigest(in); sum != ev.FiguresSHA256 {
		diff("figures: the tables behind the report recompute to digest %s, recorded %s", sum, ev.FiguresSHA256)
	}
	v.Notes = versionNotes(ev, in.QueryVersion, version)
	return v, nil
}
