package pipelines

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/queries/model"
	"github.com/gevinst/gevinst/reports"
)

// ErrEvidence is a missing or unreadable evidence sidecar.
var ErrEvidence = errors.New("evidence")

// ErrMismatch means a workbook no longer matches its evidence sidecar or
// the database (`gevinst verify`).
var ErrMismatch = fmt.Errorf("%w: the workbook does not match", ErrEvidence)

// EvidenceSuffix is appended to a workbook's path to name its sidecar.
const EvidenceSuffix = ".evidence.json"

// Evidence is the tamper-evident sidecar of a workbook: what went in
// (every batch's SHA-256, the config and assumptions), what came out (the
// workbook's SHA-256, the headline figures and a digest of every figure
// table) and how (product and query versions, filters), so `gevinst
// verify` can recompute and compare.
type Evidence struct {
	Format int `json:"format"`
	// Kind is KindFunder for the funder's annual report; empty for a
	// dashboard (and in sidecars written before the funder's had one).
	Kind           string          `json:"kind,omitempty"`
	Product        string          `json:"product_version"`
	QueryVersion   string          `json:"query_version"`
	GeneratedAt    string          `json:"generated_at"`
	Workbook       EvidenceFile    `json:"workbook"`
	Filters        EvidenceFilters `json:"filters"`
	ConfigSHA256   string          `json:"config_sha256"`
	AssumptionsSHA string          `json:"assumptions_sha256"`
	Batches        []EvidenceBatch `json:"batches"`
	// Figures are the Summary's headline figures (null: not computable).
	Figures map[string]*float64 `json:"figures"`
	// FiguresSHA256 digests every row of the tables behind the workbook
	// (metrics, benefits, mix, register, appraisal, risk, comparison,
	// evaluation, quality), numbers rounded to 6 significant decimals.
	FiguresSHA256 string `json:"figures_sha256"`
}

// EvidenceFile names a file and its SHA-256.
type EvidenceFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// EvidenceFilters are the settings the workbook was made with.
type EvidenceFilters struct {
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Year is the funder's report's calendar year.
	Year int    `json:"year,omitempty"`
	Org  string `json:"org,omitempty"`
	Lang string `json:"lang"`
}

// EvidenceBatch is one imported file as the batches table records it.
type EvidenceBatch struct {
	ID           int64  `json:"id"`
	File         string `json:"file"`
	Kind         string `json:"kind"`
	SHA256       string `json:"sha256"`
	Status       string `json:"status"`
	RowsLoaded   int64  `json:"rows_loaded"`
	RowsRejected int64  `json:"rows_rejected"`
	RowsReplaced int64  `json:"rows_replaced"`
}

// NewEvidence describes in and the workbook written from it at workbook.
func NewEvidence(in reports.Input, workbook, org string) (Evidence, error) {
	sum, err := fileSHA256(workbook)
	if err != nil {
		return Evidence{}, err
	}
	ev := Evidence{
		Format: 1, Product: in.Version, QueryVersion: in.QueryVersion,
		GeneratedAt: in.GeneratedAt.Format(time.RFC3339),
		Workbook:    EvidenceFile{Name: filepath.Base(workbook), SHA256: sum},
		Filters:     EvidenceFilters{From: in.From, To: in.To, Org: org, Lang: in.Lang},
	}
	ev.ConfigSHA256, ev.AssumptionsSHA, ev.Figures, ev.FiguresSHA256, err = digests(in)
	if err != nil {
		return ev, err
	}
	ev.Batches = evidenceBatches(in.Batches)
	return ev, nil
}

// evidenceBatches records the batches as the sidecar lists them.
func evidenceBatches(batches []model.BatchRow) []EvidenceBatch {
	var out []EvidenceBatch
	for _, b := range batches {
		out = append(out, EvidenceBatch{ID: b.BatchID, File: b.FileName, Kind: b.Kind, SHA256: b.SHA256,
			Status: b.Status, RowsLoaded: b.RowsLoaded, RowsRejected: b.RowsRejected, RowsReplaced: b.RowsReplaced})
	}
	return out
}

// digests returns the config and assumptions hashes, the headline
// figures and the figures digest of in.
func digests(in reports.Input) (cfgSum, assSum string, figs map[string]*float64, figSum string, err error) {
	if cfgSum, assSum, err = inputSums(in); err != nil {
		return "", "", nil, "", err
	}
	figs = map[string]*float64{}
	for _, f := range reports.Headlines(in) {
		if f.Value.Valid {
			v := round6(f.Value.Float64)
			figs[f.Key] = &v
		} else {
			figs[f.Key] = nil
		}
	}
	return cfgSum, assSum, figs, figuresDigest(in), nil
}

// inputSums returns the SHA-256 of the config used (its YAML) and of the
// assumptions register (its JSON), as the evidence records them and the
// Method sheet prints them.
func inputSums(in reports.Input) (cfgSum, assSum string, err error) {
	a, err := json.Marshal(in.Assumptions)
	if err != nil {
		return "", "", fmt.Errorf("evidence: %w", err)
	}
	return sha([]byte(in.ConfigYAML)), sha(a), nil
}

// figuresDigest hashes every figure table of in, one line per row.
func figuresDigest(in reports.Input) string {
	h := sha256.New()
	line := func(table string, vals []any) {
		parts := []string{table}
		for _, v := range vals {
			parts = append(parts, cellText(v))
		}
		io.WriteString(h, strings.Join(parts, "\t")+"\n")
	}
	for _, r := range in.Monthly {
		line("metrics_month", r.Values())
	}
	for _, r := range in.Overall {
		line("metrics_range", r.Values())
	}
	for _, r := range in.Benefits {
		line("benefits", r.Values())
	}
	mix := model.MixSchema(in.Channels)
	for _, r := range in.Mix {
		line("mix", mix.Values(r))
	}
	for _, r := range in.Register {
		line("register", r.Values())
	}
	for _, r := range in.Change {
		line("appraisal", r.Values())
	}
	for _, r := range in.Risk {
		line("risk", r.Values())
	}
	cmp := model.CompareSchema(in.Channels)
	for _, r := range in.Compare {
		line("compare", cmp.Values(r))
	}
	for _, r := range in.Evaluation {
		line("evaluation", r.Values())
	}
	q := in.Quality
	line("quality", []any{q.TotalMinutes, q.CaseLinkedMinutes, q.PooledMinutes, q.UnattributedMinutes, q.UnattributedRows,
		q.OrphanRows, q.OrphanMinutes, q.Submissions, q.TimedSubmissions, q.SharedCaseIDs,
		q.VolumeSubmissions, q.VolumeConflicts, q.VolumeConflictCount})
	return hex.EncodeToString(h.Sum(nil))
}

// cellText renders a value for the digest: numbers rounded, so that
// DuckDB's summation order cannot change the digest.
func cellText(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(round6(x), 'g', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case model.Null:
		if !x.Valid {
			return ""
		}
		return cellText(x.Float64)
	case model.NullInt:
		if !x.Valid {
			return ""
		}
		return strconv.FormatInt(x.Int64, 10)
	case model.NullBool:
		if !x.Valid {
			return ""
		}
		return strconv.FormatBool(x.Bool)
	}
	return fmt.Sprint(v)
}

// round6 rounds to 6 decimal places (the CLI's output precision).
func round6(x float64) float64 {
	r := math.Round(x*1e6) / 1e6
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("evidence: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("evidence: hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// WriteEvidence writes ev beside the workbook (workbook + EvidenceSuffix),
// atomically, and returns the sidecar's path.
func WriteEvidence(workbook string, ev Evidence) (string, error) {
	path := workbook + EvidenceSuffix
	b, err := json.MarshalIndent(ev, "", "  ")
	if err != nil {
		return "", fmt.Errorf("evidence: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gevinst-evidence-*.tmp")
	if err != nil {
		return "", fmt.Errorf("evidence: %w", err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(append(b, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(name, 0o644)); err != nil {
		_ = os.Remove(name)
		return "", fmt.Errorf("evidence: write %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		_ = os.Remove(name)
		return "", fmt.Errorf("evidence: %w", err)
	}
	return path, nil
}

// ReadEvidence reads the sidecar of workbook.
func ReadEvidence(workbook string) (Evidence, error) {
	var ev Evidence
	b, err := os.ReadFile(workbook + EvidenceSuffix)
	if err != nil {
		return ev, fmt.Errorf("%w: no evidence sidecar for %s: %w", ErrEvidence, workbook, err)
	}
	if err := json.Unmarshal(b, &ev); err != nil {
		return ev, fmt.Errorf("%w: evidence %s: %w", ErrEvidence, workbook+EvidenceSuffix, err)
	}
	return ev, nil
}

// Verification is the outcome of Verify: Differences is empty when the
// workbook still matches; Notes are changes that do not alter a figure
// (e.g. another product version).
type Verification struct {
	Differences []string
	Notes       []string
}

// Verify checks workbook against its sidecar: the workbook's bytes, the
// batches in the database, the config and assumptions in use, and the
// figures recomputed from the database with the sidecar's filters. A
// funder's report's sidecar (Kind KindFunder) is checked against the
// funder's report recomputed for its year.
func Verify(ctx context.Context, db *queries.DB, cfg *config.Config, workbook, version string) (Verification, error) {
	var v Verification
	ev, err := ReadEvidence(workbook)
	if err != nil {
		return v, err
	}
	switch ev.Kind {
	case "":
	case KindFunder:
		return verifyFunder(ctx, db, cfg, workbook, version, ev)
	default:
		return v, fmt.Errorf("%w: evidence %s: kind %q is not one this version knows (a dashboard's has none, the funder's report's is %q)",
			ErrEvidence, workbook+EvidenceSuffix, ev.Kind, KindFunder)
	}
	diff := func(format string, args ...any) { v.Differences = append(v.Differences, fmt.Sprintf(format, args...)) }
	if err := checkWorkbook(workbook, ev, diff); err != nil {
		return v, err
	}
	opts := ReportOptions{Lang: ev.Filters.Lang, Org: ev.Filters.Org, Version: version}
	if opts.From, err = time.Parse("2006-01", ev.Filters.From); err != nil {
		return v, fmt.Errorf("%w: evidence filters.from %q: %w", ErrEvidence, ev.Filters.From, err)
	}
	if opts.To, err = time.Parse("2006-01", ev.Filters.To); err != nil {
		return v, fmt.Errorf("%w: evidence filters.to %q: %w", ErrEvidence, ev.Filters.To, err)
	}
	if opts.Now, err = time.Parse(time.RFC3339, ev.GeneratedAt); err != nil {
		opts.Now = time.Time{}
	}
	in, err := ReportInput(ctx, db, cfg, opts)
	if err != nil {
		return v, err
	}
	checkBatches(ev.Batches, in.Batches, diff)
	cfgSum, assSum, figs, figSum, err := digests(in)
	if err != nil {
		return v, err
	}
	checkSums(ev, cfgSum, assSum, diff)
	for _, f := range reports.Headlines(in) {
		rec, ok := ev.Figures[f.Key]
		cur := figs[f.Key]
		if !ok || !sameFigure(rec, cur) {
			diff("figure %s: now %s, recorded %s", f.Key, showFigure(cur), showFigure(rec))
		}
	}
	if figSum != ev.FiguresSHA256 {
		diff("figures: the tables behind the workbook recompute to digest %s, recorded %s", figSum, ev.FiguresSHA256)
	}
	v.Notes = versionNotes(ev, in.QueryVersion, version)
	return v, nil
}

// checkWorkbook reports a workbook whose bytes are not the recorded ones.
func checkWorkbook(workbook string, ev Evidence, diff func(string, ...any)) error {
	sum, err := fileSHA256(workbook)
	if err != nil {
		return err
	}
	if sum != ev.Workbook.SHA256 {
		diff("workbook: SHA-256 %s, recorded %s: the file was changed after it was written", sum, ev.Workbook.SHA256)
	}
	return nil
}

// checkSums reports a config or assumptions hash that differs from ev's.
func checkSums(ev Evidence, cfgSum, assSum string, diff func(string, ...any)) {
	if cfgSum != ev.ConfigSHA256 {
		diff("config: SHA-256 %s, recorded %s: the configuration in use differs", cfgSum, ev.ConfigSHA256)
	}
	if assSum != ev.AssumptionsSHA {
		diff("assumptions: SHA-256 %s, recorded %s: rates, unit costs, windows, cash shares, costs or bands differ", assSum, ev.AssumptionsSHA)
	}
}

// versionNotes are the notes on another query or product version.
func versionNotes(ev Evidence, queryVersion, version string) []string {
	var notes []string
	if ev.QueryVersion != queryVersion {
		notes = append(notes, fmt.Sprintf("query version is %s, the workbook was made with %s", queryVersion, ev.QueryVersion))
	}
	if ev.Product != version {
		notes = append(notes, fmt.Sprintf("product version is %s, the workbook was made with %s", version, ev.Product))
	}
	return notes
}

// checkBatches reports every recorded batch that is gone or changed and
// every batch imported since: every recorded one still there, unchanged,
// and no new one.
func checkBatches(recorded []EvidenceBatch, current []model.BatchRow, diff func(string, ...any)) {
	now := map[int64]model.BatchRow{}
	for _, b := range current {
		now[b.BatchID] = b
	}
	for _, b := range recorded {
		cur, ok := now[b.ID]
		switch {
		case !ok:
			diff("batch %d (%s, sha256 %s) is no longer in the database", b.ID, b.File, b.SHA256)
		case cur.SHA256 != b.SHA256 || cur.Status != b.Status || cur.RowsLoaded != b.RowsLoaded ||
			cur.RowsRejected != b.RowsRejected || cur.RowsReplaced != b.RowsReplaced:
			diff("batch %d (%s) changed: sha256 %s, %d loaded, %d rejected, %d replaced, status %s; recorded sha256 %s, %d, %d, %d, %s",
				b.ID, b.File, cur.SHA256, cur.RowsLoaded, cur.RowsRejected, cur.RowsReplaced, cur.Status,
				b.SHA256, b.RowsLoaded, b.RowsRejected, b.RowsReplaced, b.Status)
		}
		delete(now, b.ID)
	}
	for _, b := range current {
		if _, ok := now[b.BatchID]; ok {
			diff("batch %d (%s, %s, sha256 %s) was imported after the workbook was written", b.BatchID, b.FileName, b.Kind, b.SHA256)
		}
	}
}

func sameFigure(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func showFigure(v *float64) string {
	if v == nil {
		return "not computable"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
