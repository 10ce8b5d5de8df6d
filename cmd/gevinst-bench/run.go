package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/gevinst/gevinst/pipelines/bench"
)

// Size is one benchmark size: rows of submissions and of time registrations.
type Size struct {
	Submissions, TimeRows int64
}

// Label names a size as 1M/3M.
func (s Size) Label() string { return count(s.Submissions) + "/" + count(s.TimeRows) }

func count(n int64) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return strconv.FormatInt(n/1_000_000, 10) + "M"
	case n >= 1000 && n%1000 == 0:
		return strconv.FormatInt(n/1000, 10) + "k"
	}
	return strconv.FormatInt(n, 10)
}

// ParseSizes reads a comma-separated list of submission counts, each with
// an optional k or M suffix and an optional ":TIME" count (default three
// time registrations per submission): "1M,10M" or "100k:250k".
func ParseSizes(s string) ([]Size, error) {
	var out []Size
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		subs, tm, hasTime := strings.Cut(part, ":")
		n, err := parseCount(subs)
		if err != nil {
			return nil, err
		}
		size := Size{Submissions: n, TimeRows: 3 * n}
		if hasTime {
			if size.TimeRows, err = parseCount(tm); err != nil {
				return nil, err
			}
		}
		out = append(out, size)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sizes in %q (expected e.g. 1M,10M or 100k)", s)
	}
	return out, nil
}

func parseCount(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, s = 1000, s[:len(s)-1]
	case strings.HasSuffix(s, "m"), strings.HasSuffix(s, "M"):
		mult, s = 1_000_000, s[:len(s)-1]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("size %q: expected a positive count such as 100k or 1M", s)
	}
	return n * mult, nil
}

// Runner runs the benchmark. Gevinst is the gevinst binary; Self is the
// command that runs one in-process step as a child (the benchmark binary
// with its "step" subcommand).
type Runner struct {
	Dir         string
	Gevinst     string
	Self        []string
	MemoryLimit string
	Threads     int
	// Keep keeps the generated CSVs (and reuses them on the next run).
	Keep bool
	// Rounds runs the import steps (COPY and gevinst import of each kind,
	// alternating) this many times, each round into empty databases, and
	// reports each one's median time and largest peak RSS (1 if < 1):
	// this machine's speed drifts by ±10 % from minute to minute, which
	// moved a single run's import ratio by ±0.05.
	Rounds int
	// Log receives progress lines.
	Log io.Writer
	// YardstickMax is the largest size (submissions) the pandas yardstick
	// runs at (0: every size): it holds both files in memory, 1.3 GiB at
	// 1 M / 3 M and about ten times that at 10 M / 30 M.
	YardstickMax int64
	// Loads are the one-minute load averages after each step (the machine
	// may be shared; the figures are only as good as its quiet).
	Loads []float64
}

// Measure is one step's outcome.
type Measure struct {
	Step    string
	Rows    int64
	Seconds float64
	// Ratio is the step's ratio to DuckDB's own (import: COPY time / import
	// time, a throughput ratio; metrics: time / hand-written time); 0 if none.
	Ratio   float64
	RSSMiB  float64
	Details map[string]float64
	Note    string
	// Skipped says why the step was not measured ("" when it was).
	Skipped string
}

// Result is the outcome of one size.
type Result struct {
	Size     Size
	Measures []Measure
	Bytes    map[string]int64
}

// The steps the bars of issue 15 read.
const (
	stepImportSubs = "gevinst import submissions"
	stepImportTime = "gevinst import time"
	stepMetrics    = "gevinst metrics (CLI)"
	stepBenefits   = "gevinst benefits (CLI)"
	stepReport     = "gevinst report (CLI)"
	// stepFirstReport is the report right after the imports: it builds
	// the figures the imports left to the first reader (a first import
	// of a whole file does), so the whole job counts it, not stepReport.
	stepFirstReport = "gevinst report, first after the imports (CLI)"
	stepYardstick   = "pandas + openpyxl script (yardstick)"
	stepWholeJob    = "gevinst whole job: import both + report (summed)"
	stepMonthCopy   = "DuckDB COPY month "                         // + kind
	stepMonthEmpty  = "gevinst import month %s, empty database"    // kind
	stepMonthFull   = "gevinst import month %s, into the full one" // kind
)

// MonthSize is the size of the one more month imported into a full
// database (issue 15): 30 k submissions, or 3 % of a smaller size, with
// the size's time registrations per submission.
func MonthSize(size Size) Size {
	n := min(30_000, max(1, size.Submissions*3/100))
	return Size{Submissions: n, TimeRows: n * size.TimeRows / size.Submissions}
}

// Run measures one size in a fresh subdirectory of r.Dir.
func (r *Runner) Run(ctx context.Context, size Size) (Result, error) {
	res := Result{Size: size, Bytes: map[string]int64{}}
	dir := filepath.Join(r.Dir, strings.ReplaceAll(size.Label(), "/", "-"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, err
	}
	subsCSV, timeCSV := filepath.Join(dir, "submissions.csv"), filepath.Join(dir, "time.csv")
	shape := bench.Shape{Submissions: size.Submissions, TimeRows: size.TimeRows}
	marker := filepath.Join(dir, "generated")
	if b, err := os.ReadFile(marker); err != nil || string(b) != size.Label() {
		r.logf("%s: generating %s", size.Label(), dir)
		if _, err := bench.WriteSubmissions(subsCSV, shape); err != nil {
			return res, err
		}
		if _, err := bench.WriteTime(timeCSV, shape); err != nil {
			return res, err
		}
		if err := os.WriteFile(marker, []byte(size.Label()), 0o644); err != nil {
			return res, err
		}
	}
	for k, p := range map[string]string{"submissions": subsCSV, "time": timeCSV} {
		st, err := os.Stat(p)
		if err != nil {
			return res, err
		}
		res.Bytes[k] = st.Size()
	}
	if !r.Keep {
		defer os.Remove(subsCSV)
		defer os.Remove(timeCSV)
		defer os.Remove(marker)
	}
	db := filepath.Join(dir, "gevinst.duckdb")
	rawDB := filepath.Join(dir, "raw.duckdb")
	for _, p := range []string{db, rawDB} {
		removeDB(p)
		defer removeDB(p)
	}
	cfgPath := filepath.Join(dir, "gevinst.yaml")
	if err := r.writeConfig(cfgPath); err != nil {
		return res, err
	}
	defer os.Remove(cfgPath)
	gevAt := func(db string, args ...string) []string {
		return append([]string{r.Gevinst, "--config", cfgPath, "--db", db, "--quiet"}, args...)
	}
	gev := func(args ...string) []string { return gevAt(db, args...) }
	self := func(args ...string) []string {
		a := append([]string{}, r.Self...)
		a = append(a, args...)
		return append(a, "--memory-limit", r.MemoryLimit, "--threads", strconv.Itoa(r.Threads))
	}
	xlsx := filepath.Join(dir, "dashboard.xlsx")
	defer os.Remove(xlsx)
	defer os.Remove(xlsx + ".evidence.json")
	both := size.Submissions + size.TimeRows

	steps := []struct {
		name string
		rows int64
		cmd  []string
	}{
		{"DuckDB COPY submissions", size.Submissions, self("copy", "--db", rawDB, "--kind", "submissions", "--file", subsCSV)},
		{stepImportSubs, size.Submissions, gev("import", "submissions", subsCSV)},
		{"DuckDB COPY time", size.TimeRows, self("copy", "--db", rawDB, "--kind", "time", "--file", timeCSV)},
		{stepImportTime, size.TimeRows, gev("import", "time", timeCSV)},
		{stepFirstReport, both, gev("report", "--out", xlsx)},
		{"hand-written SQL statement", both, self("handwritten", "--db", db)},
		{"gevinst metrics + benefits (one connection)", both, self("metrics-benefits", "--db", db)},
		{stepMetrics, both, gev("metrics", "--format", "csv")},
		{stepBenefits, both, gev("benefits", "--format", "csv")},
		{stepReport, both, gev("report", "--out", xlsx)},
		{"gevinst report, split", both, self("report", "--db", db, "--out", xlsx)},
	}
	// The imports: rounds of all four, each into empty databases; the
	// last round's gevinst database is the one the later steps query.
	const imports = 4
	rounds := max(r.Rounds, 1)
	byStep := make([][]Measure, imports)
	for round := range rounds {
		removeDB(db)
		removeDB(rawDB)
		for i, s := range steps[:imports] {
			r.logf("%s: %s (round %d of %d)", size.Label(), s.name, round+1, rounds)
			m, err := r.child(ctx, s.cmd)
			if err != nil {
				return res, fmt.Errorf("%s: %w", s.name, err)
			}
			byStep[i] = append(byStep[i], m)
		}
	}
	for i, s := range steps[:imports] {
		m := medianOf(byStep[i])
		m.Step, m.Rows = s.name, s.rows
		res.Measures = append(res.Measures, m)
	}
	// The reads of the kept figures take a second or two: they run as
	// many rounds as the imports (medians), the bars compare them across
	// sizes, and one run of metrics once took 0.38 s where the others took
	// 0.18-0.21 s. The first report (the build) and the hand-written
	// statement run once.
	reads := map[string]bool{stepMetrics: true, stepBenefits: true, stepReport: true,
		"gevinst report, split": true, "gevinst metrics + benefits (one connection)": true}
	for _, s := range steps[imports:] {
		n := 1
		if reads[s.name] {
			n = rounds
		}
		var ms []Measure
		for round := range n {
			if n > 1 {
				r.logf("%s: %s (round %d of %d)", size.Label(), s.name, round+1, n)
			} else {
				r.logf("%s: %s", size.Label(), s.name)
			}
			m, err := r.child(ctx, s.cmd)
			if err != nil {
				return res, fmt.Errorf("%s: %w", s.name, err)
			}
			ms = append(ms, m)
		}
		m := ms[0]
		if n > 1 {
			m = medianOf(ms)
		}
		m.Step, m.Rows = s.name, s.rows
		res.Measures = append(res.Measures, m)
	}
	m, err := r.yardstick(ctx, dir, size, subsCSV, timeCSV)
	if err != nil {
		return res, err
	}
	res.Measures = append(res.Measures, m)
	ms, err := r.month(ctx, dir, size, shape, self, gevAt, db)
	if err != nil {
		return res, err
	}
	res.Measures = append(res.Measures, ms...)
	res.ratios()
	return res, nil
}

// yardstick times the pandas + openpyxl script on the two CSVs as a
// child process, or returns a skipped step saying why it cannot run.
func (r *Runner) yardstick(ctx context.Context, dir string, size Size, subsCSV, timeCSV string) (Measure, error) {
	rows := size.Submissions + size.TimeRows
	if r.YardstickMax > 0 && size.Submissions > r.YardstickMax {
		return Measure{Step: stepYardstick, Rows: rows, Skipped: fmt.Sprintf(
			"above --yardstick-max %s (pandas holds both files in memory, 1.3 GiB at 1M/3M)", count(r.YardstickMax))}, nil
	}
	py, err := Python()
	if err != nil {
		r.logf("skipping the yardstick: %v", err)
		return Measure{Step: stepYardstick, Rows: rows, Skipped: err.Error()}, nil
	}
	script, err := WriteYardstick(dir)
	if err != nil {
		return Measure{}, err
	}
	defer os.Remove(script)
	out := filepath.Join(dir, "yardstick.xlsx")
	defer os.Remove(out)
	r.logf("%s: %s", filepath.Base(dir), stepYardstick)
	m, err := r.child(ctx, []string{py, script, subsCSV, timeCSV, out})
	if err != nil {
		return m, fmt.Errorf("%s: %w", stepYardstick, err)
	}
	m.Step, m.Rows = stepYardstick, rows
	m.Note = fmt.Sprintf("read %.2f s, attribution %.2f s, workbook %.2f s; %d rows",
		m.Details["read_s"], m.Details["attribute_s"], m.Details["write_s"], int64(m.Details["rows"]))
	return m, nil
}

// month imports one more month (MonthSize) after the data's last: DuckDB's
// COPY of each file into a fresh database, gevinst's import of each into
// an empty database, then into a copy of the full one at db (db itself is
// left as it was). Like the imports, the steps run Rounds times, each
// round into fresh databases and a fresh copy, and each step reports its
// median: a single run of these sub-second steps moved by ±0.15 s.
func (r *Runner) month(ctx context.Context, dir string, size Size, full bench.Shape,
	self func(...string) []string, gevAt func(string, ...string) []string, db string) ([]Measure, error) {
	ms := MonthSize(size)
	shape := full.Month(ms.Submissions, ms.TimeRows)
	files := map[string]string{
		"submissions": filepath.Join(dir, "month-submissions.csv"),
		"time":        filepath.Join(dir, "month-time.csv"),
	}
	if _, err := bench.WriteSubmissions(files["submissions"], shape); err != nil {
		return nil, err
	}
	if _, err := bench.WriteTime(files["time"], shape); err != nil {
		return nil, err
	}
	raw, empty := filepath.Join(dir, "month-raw.duckdb"), filepath.Join(dir, "month-empty.duckdb")
	fullCopy := filepath.Join(dir, "month-full.duckdb")
	for _, p := range []string{raw, empty, fullCopy} {
		removeDB(p)
		defer removeDB(p)
	}
	for _, p := range files {
		defer os.Remove(p)
	}
	rows := map[string]int64{"submissions": ms.Submissions, "time": ms.TimeRows}
	type step struct {
		name string
		rows int64
		cmd  []string
	}
	var steps []step
	for _, k := range []string{"submissions", "time"} {
		steps = append(steps, step{stepMonthCopy + k, rows[k], self("copy", "--db", raw, "--kind", k, "--file", files[k])})
	}
	for _, k := range []string{"submissions", "time"} {
		steps = append(steps, step{fmt.Sprintf(stepMonthEmpty, k), rows[k], gevAt(empty, "import", k, files[k])})
	}
	for _, k := range []string{"submissions", "time"} {
		steps = append(steps, step{fmt.Sprintf(stepMonthFull, k), rows[k], gevAt(fullCopy, "import", k, files[k])})
	}
	rounds := max(r.Rounds, 1)
	byStep := make([][]Measure, len(steps))
	for round := range rounds {
		for _, p := range []string{raw, empty, fullCopy} {
			removeDB(p)
		}
		if err := copyDB(db, fullCopy); err != nil {
			return nil, err
		}
		for i, s := range steps {
			r.logf("%s: %s (round %d of %d)", size.Label(), s.name, round+1, rounds)
			m, err := r.child(ctx, s.cmd)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.name, err)
			}
			byStep[i] = append(byStep[i], m)
		}
	}
	var out []Measure
	for i, s := range steps {
		m := medianOf(byStep[i])
		m.Step, m.Rows = s.name, s.rows
		out = append(out, m)
	}
	return out, nil
}

// copyDB copies a closed database file (and its WAL, if it has one) and
// syncs the copy to disk.
func copyDB(from, to string) error {
	for _, ext := range []string{"", ".wal"} {
		in, err := os.Open(from + ext)
		if ext == ".wal" && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		out, err := os.Create(to + ext)
		if err != nil {
			in.Close()
			return err
		}
		_, err = io.Copy(out, in)
		// Synced: left dirty, the copy's pages were written back during
		// the timed imports, and the first commit's fsync waited for all
		// of them (the month's submissions 0.87 s into the 10 M copy, 0.55 s
		// into the database itself).
		if err = errors.Join(err, out.Sync(), in.Close(), out.Close()); err != nil {
			return fmt.Errorf("copy %s: %w", from+ext, err)
		}
	}
	return nil
}

// medianOf combines the rounds of one step: the median of its time and
// of each detail (the lower middle one for an even count), the largest
// peak RSS, and how many rounds there were.
func medianOf(ms []Measure) Measure {
	med := func(v []float64) float64 {
		slices.Sort(v)
		return v[(len(v)-1)/2]
	}
	out := Measure{Details: map[string]float64{}}
	var secs []float64
	for _, m := range ms {
		secs = append(secs, m.Seconds)
		out.RSSMiB = max(out.RSSMiB, m.RSSMiB)
	}
	out.Seconds = med(secs)
	for k := range ms[0].Details {
		var v []float64
		for _, m := range ms {
			v = append(v, m.Details[k])
		}
		out.Details[k] = med(v)
	}
	if len(ms) > 1 {
		out.Note = fmt.Sprintf("median of %d rounds", len(ms))
	}
	return out
}

// Get returns the measure of the named step, or nil.
func (res *Result) Get(name string) *Measure {
	for i := range res.Measures {
		if res.Measures[i].Step == name {
			return &res.Measures[i]
		}
	}
	return nil
}

// ratios fills in each step's ratio to DuckDB's own, and the whole job
// against the yardstick.
func (res *Result) ratios() {
	get := res.Get
	for _, k := range []string{"submissions", "time"} {
		raw, imp := get("DuckDB COPY "+k), get("gevinst import "+k)
		// Throughput ratio: the COPY statement's own time against the whole
		// gevinst command (process start, checksum, checks, load, commit).
		raw.Ratio = 1
		if c := raw.Details["copy_s"]; c > 0 {
			imp.Ratio = c / imp.Seconds
			raw.Note = strings.TrimPrefix(raw.Note+"; "+fmt.Sprintf("COPY statement %.2f s", c), "; ")
		}
	}
	hand := get("hand-written SQL statement")
	hs := hand.Details["query_s"]
	hand.Ratio = 1
	hand.Note = fmt.Sprintf("statement %.2f s, %d rows", hs, int64(hand.Details["rows"]))
	mb := get("gevinst metrics + benefits (one connection)")
	if ms := mb.Details["metrics_s"] + mb.Details["benefits_s"]; hs > 0 {
		mb.Ratio = ms / hs
		mb.Note = fmt.Sprintf("metrics %.2f s + benefits %.2f s (queries only)", mb.Details["metrics_s"], mb.Details["benefits_s"])
	}
	cm, cb := get("gevinst metrics (CLI)"), get("gevinst benefits (CLI)")
	if hand.Seconds > 0 {
		cm.Ratio = (cm.Seconds + cb.Seconds) / hand.Seconds
		cm.Note = "ratio: metrics + benefits CLI vs the statement's process"
	}
	rs := get("gevinst report, split")
	rs.Note = fmt.Sprintf("queries %.2f s, workbook %.2f s", rs.Details["queries_s"], rs.Details["workbook_s"])
	for _, k := range []string{"submissions", "time"} {
		c, e, f := get(stepMonthCopy+k), get(fmt.Sprintf(stepMonthEmpty, k)), get(fmt.Sprintf(stepMonthFull, k))
		if c == nil || e == nil || f == nil {
			continue
		}
		c.Ratio, c.Note = 1, fmt.Sprintf("fresh database; COPY statement %.3f s", c.Details["copy_s"])
		if cs := c.Details["copy_s"]; cs > 0 {
			e.Ratio, f.Ratio = cs/e.Seconds, cs/f.Seconds
		}
		f.Note = fmt.Sprintf("%.2f× the import into an empty database", f.Seconds/e.Seconds)
	}
	if w := WholeJob(*res); w.Seconds > 0 {
		// Beside the yardstick it is compared with.
		i := len(res.Measures)
		for j, m := range res.Measures {
			if m.Step == stepYardstick {
				i = j
			}
		}
		res.Measures = slices.Insert(res.Measures, i, w)
	}
}

// WholeJob is the job of issue 15's first bar: gevinst's two imports and
// the report right after them (which builds the figures the imports left
// to their first reader), each its own process, their times summed and their largest
// peak; its ratio is how many times faster than the yardstick it is (0
// when the yardstick was skipped). Zero when a step is missing.
func WholeJob(res Result) Measure {
	w := Measure{Step: stepWholeJob, Rows: res.Size.Submissions + res.Size.TimeRows}
	for _, name := range []string{stepImportSubs, stepImportTime, stepFirstReport} {
		m := res.Get(name)
		if m == nil {
			return Measure{}
		}
		w.Seconds += m.Seconds
		w.RSSMiB = max(w.RSSMiB, m.RSSMiB)
	}
	if y := res.Get(stepYardstick); y != nil && y.Skipped == "" && y.Seconds > 0 {
		w.Ratio = y.Seconds / w.Seconds
		w.Note = fmt.Sprintf("ratio: the yardstick's time / this; peak %.2f× the yardstick's", w.RSSMiB/y.RSSMiB)
	}
	return w
}

func removeDB(p string) {
	os.Remove(p)
	os.Remove(p + ".wal")
	os.RemoveAll(p + ".tmp")
}

func (r *Runner) writeConfig(path string) error {
	b, err := yaml.Marshal(map[string]any{
		"pseudonym_key": benchKey,
		"duckdb":        map[string]any{"memory_limit": r.MemoryLimit, "threads": r.Threads},
		"costs":         map[string]any{"hourly_rates": Rates, "channel_unit_costs": UnitCosts},
	})
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o600)
}

// child runs one step as a child process and returns its wall time, its
// peak RSS (the kernel's ru_maxrss) and, for the benchmark's own steps,
// the figures it printed as JSON on stdout.
func (r *Runner) child(ctx context.Context, args []string) (Measure, error) {
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	m := Measure{Seconds: time.Since(start).Seconds()}
	if err != nil {
		return m, fmt.Errorf("%s: %w\n%s", strings.Join(args, " "), err, tail(errOut.String(), 2000))
	}
	if l, err := strconv.ParseFloat(LoadAverage(), 64); err == nil {
		r.Loads = append(r.Loads, l)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.RSSMiB = float64(ru.Maxrss) / 1024 // KiB on Linux
	}
	if line := lastLine(out.String()); strings.HasPrefix(line, "{") {
		if err := json.Unmarshal([]byte(line), &m.Details); err != nil {
			return m, fmt.Errorf("step output %q: %w", line, err)
		}
	}
	return m, nil
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

func (r *Runner) logf(format string, args ...any) {
	if r.Log != nil {
		fmt.Fprintf(r.Log, "bench: "+format+"\n", args...)
	}
}

// Machine describes where the benchmark ran.
type Machine struct {
	CPU, DuckDB, Go string
	Cores           int
	MemoryGiB       float64
}

// SelfPeakMiB is this process's resident high-water mark (VmHWM). A child
// inherits its parent's high-water mark at exec (Linux keeps ru_maxrss
// across exec), so this is the floor of every step's peak RSS.
func SelfPeakMiB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.Index(s, "VmHWM:")
	if i < 0 {
		return 0
	}
	var kib float64
	fmt.Sscanf(s[i+len("VmHWM:"):], "%f", &kib)
	return kib / 1024
}

// Describe returns the machine's description: CPU model and cores,
// memory, DuckDB's and Go's versions.
func Describe(ctx context.Context) Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), CPU: "unknown", DuckDB: "unknown"}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var kb float64
			if _, err := fmt.Sscanf(sc.Text(), "MemTotal: %f kB", &kb); err == nil {
				m.MemoryGiB = kb / (1 << 20)
				break
			}
		}
		f.Close()
	}
	if db, err := sql.Open("duckdb", ""); err == nil {
		db.QueryRowContext(ctx, `SELECT version()`).Scan(&m.DuckDB)
		db.Close()
	}
	return m
}

// Table writes the results of one size as a plain-text table.
func Table(w io.Writer, res Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "step\trows\tseconds\trows/s\tratio\tpeak RSS MiB\tnote\t\n")
	for _, m := range res.Measures {
		if m.Skipped != "" {
			fmt.Fprintf(tw, "%s\t%d\t—\t\t\t—\tskipped: %s\t\n", m.Step, m.Rows, m.Skipped)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%s\t%s\t%.0f\t%s\t\n", m.Step, m.Rows, m.Seconds, rate(m), ratio(m), m.RSSMiB, m.Note)
	}
	return tw.Flush()
}

func rate(m Measure) string {
	if m.Seconds <= 0 {
		return ""
	}
	return strconv.FormatFloat(float64(m.Rows)/m.Seconds, 'f', 0, 64)
}

func ratio(m Measure) string {
	if m.Ratio == 0 {
		return ""
	}
	return strconv.FormatFloat(m.Ratio, 'f', 2, 64)
}

// Markdown returns the results of one size as a section of docs/benchmarks.md.
func Markdown(res Result, mach Machine, memoryLimit string, threads int, when time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s (submissions / time registrations)\n\n", res.Size.Label())
	fmt.Fprintf(&b, "Run %s on %d × %s, %.1f GiB memory; DuckDB %s, %s; memory_limit %s, threads %s. ",
		when.Format("2006-01-02 15:04 MST"), mach.Cores, mach.CPU, mach.MemoryGiB, mach.DuckDB, mach.Go,
		memoryLimit, threadsLabel(threads))
	fmt.Fprintf(&b, "CSV sizes: submissions %.0f MiB, time %.0f MiB. Peak RSS is each child's ru_maxrss; the benchmark's own %.0f MiB is its floor.\n\n",
		float64(res.Bytes["submissions"])/(1<<20), float64(res.Bytes["time"])/(1<<20), SelfPeakMiB())
	b.WriteString("| step | rows | seconds | rows/s | ratio | peak RSS MiB | note |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---|\n")
	for _, m := range res.Measures {
		if m.Skipped != "" {
			fmt.Fprintf(&b, "| %s | %d | — |  |  | — | skipped: %s |\n", m.Step, m.Rows, m.Skipped)
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %.2f | %s | %s | %.0f | %s |\n", m.Step, m.Rows, m.Seconds, rate(m), ratio(m), m.RSSMiB, m.Note)
	}
	return b.String()
}

func threadsLabel(n int) string {
	if n <= 0 {
		return "one per core"
	}
	return strconv.Itoa(n)
}

// UpdateDoc replaces (or appends) the section of one size in the results
// part of the markdown file at path, between "<!-- bench:LABEL -->" and
// "<!-- /bench:LABEL -->", keeping everything else.
func UpdateDoc(path, label, section string) error {
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	doc := string(b)
	begin, end := "<!-- bench:"+label+" -->", "<!-- /bench:"+label+" -->"
	block := begin + "\n" + section + end
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	switch {
	case i >= 0 && j > i:
		doc = doc[:i] + block + doc[j+len(end):]
	default:
		if k := strings.Index(doc, "<!-- bench:end -->"); k >= 0 {
			doc = doc[:k] + block + "\n\n" + doc[k:]
		} else {
			doc += "\n" + block + "\n"
		}
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}
