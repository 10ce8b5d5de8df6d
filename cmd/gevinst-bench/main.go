// Command gevinst-bench is `make bench` (SPEC §10): it generates canonical
// CSVs of the given sizes, times gevinst's import, metrics, benefits and
// report against DuckDB's own COPY and one hand-written SQL statement,
// each step a child process whose peak RSS is read from the kernel, and
// prints a table and writes it into docs/benchmarks.md. The runner and
// the steps are here; the CSV generator is package pipelines/bench (the
// crash and concurrency tests of cmd/gevinst use it too).
//
//	gevinst-bench --gevinst bin/gevinst --sizes 1M,10M --doc docs/benchmarks.md
//	gevinst-bench step copy|handwritten|metrics-benefits|report ...   (run by the benchmark itself)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "step" {
		if err := step(ctx, args[1:], stdout); err != nil {
			fmt.Fprintf(stderr, "gevinst-bench step: %v\n", err)
			return 1
		}
		return 0
	}
	fs := flag.NewFlagSet("gevinst-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "1M,10M", "submission counts (k, M), each with three time registrations per submission, or N:T")
	dir := fs.String("dir", filepath.Join(os.TempDir(), "gevinst-bench"), "scratch directory for the CSVs and databases")
	gevinst := fs.String("gevinst", "bin/gevinst", "the gevinst binary to measure")
	mem := fs.String("memory-limit", "1.25GB", "DuckDB memory_limit for every step (duckdb.memory_limit)")
	threads := fs.Int("threads", 0, "DuckDB threads for every step (0: one per core)")
	keep := fs.Bool("keep", false, "keep the generated CSVs in --dir and reuse them next time")
	rounds := fs.Int("rounds", 3, "rounds of the import steps (COPY and import alternating), of the reads and of the monthly import; medians are reported")
	doc := fs.String("doc", "", "markdown file whose per-size sections are replaced with the results")
	ymax := fs.String("yardstick-max", "1M", "largest size (submissions) the pandas yardstick runs at, 0 for every size (it needs about 1.3 GiB per 1M)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	list, err := ParseSizes(*sizes)
	if err != nil {
		fmt.Fprintln(stderr, "gevinst-bench:", err)
		return 2
	}
	yardstickMax := int64(0)
	if *ymax != "0" {
		if yardstickMax, err = parseCount(*ymax); err != nil {
			fmt.Fprintln(stderr, "gevinst-bench: --yardstick-max:", err)
			return 2
		}
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "gevinst-bench:", err)
		return 1
	}
	gev, err := filepath.Abs(*gevinst)
	if err != nil {
		fmt.Fprintln(stderr, "gevinst-bench:", err)
		return 1
	}
	r := &Runner{Dir: *dir, Gevinst: gev, Self: []string{self, "step"}, MemoryLimit: *mem,
		Threads: *threads, Keep: *keep, Rounds: *rounds, Log: stderr, YardstickMax: yardstickMax}
	mach := Describe(ctx)
	fmt.Fprintf(stdout, "machine: %d × %s, %.1f GiB; DuckDB %s; %s; memory_limit %s\n",
		mach.Cores, mach.CPU, mach.MemoryGiB, mach.DuckDB, mach.Go, *mem)
	loadBefore := LoadAverage()
	var results []Result
	for _, size := range list {
		res, err := r.Run(ctx, size)
		if err != nil {
			fmt.Fprintf(stderr, "gevinst-bench: %s: %v\n", size.Label(), err)
			return 1
		}
		results = append(results, res)
		fmt.Fprintf(stdout, "\n%s (submissions / time registrations)\n", size.Label())
		Table(stdout, res)
		if *doc != "" {
			md := Markdown(res, mach, *mem, *threads, time.Now())
			if err := UpdateDoc(*doc, size.Label(), md); err != nil {
				fmt.Fprintf(stderr, "gevinst-bench: %v\n", err)
				return 1
			}
		}
	}
	bars := Bars(results)
	fmt.Fprintf(stdout, "\nbars of issue 15\n")
	for _, b := range bars {
		fmt.Fprintf(stdout, "%-12s %s %s: %s\n", b.Verdict, b.Name, b.Size, b.Measured)
	}
	if *doc != "" {
		load := fmt.Sprintf("load average (1 min) %s at the start, %s after the steps, %s at the end, on %d cores",
			loadBefore, LoadRange(r.Loads), LoadAverage(), mach.Cores)
		if err := UpdateDoc(*doc, "bars", BarsMarkdown(bars, results, time.Now(), load)); err != nil {
			fmt.Fprintf(stderr, "gevinst-bench: %v\n", err)
			return 1
		}
	}
	return 0
}

// LoadRange is the range and median of the load averages after the steps
// ("?" for none).
func LoadRange(loads []float64) string {
	if len(loads) == 0 {
		return "?"
	}
	v := slices.Sorted(slices.Values(loads))
	return fmt.Sprintf("%.1f–%.1f (median %.1f)", v[0], v[len(v)-1], v[(len(v)-1)/2])
}

// LoadAverage is the machine's one-minute load average (/proc/loadavg),
// "?" where there is none: the machine may be shared, and the figures
// are only as good as the quiet they were measured in.
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

// step runs one measured step in this (child) process and prints its
// figures as JSON.
func step(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("which step? copy, handwritten, metrics-benefits or report")
	}
	name := args[0]
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	db := fs.String("db", "", "database")
	kind := fs.String("kind", "", "copy: submissions or time")
	file := fs.String("file", "", "copy: the CSV")
	out := fs.String("out", "", "report: the workbook")
	mem := fs.String("memory-limit", "1.25GB", "DuckDB memory_limit")
	threads := fs.Int("threads", 0, "DuckDB threads")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	var res map[string]float64
	var err error
	switch name {
	case "copy":
		res, err = StepCopy(ctx, *db, *kind, *file, *mem, *threads)
	case "handwritten":
		res, err = StepHandwritten(ctx, *db, *mem, *threads)
	case "metrics-benefits", "report":
		cfg, cerr := Config(*db, *mem, *threads)
		if cerr != nil {
			return cerr
		}
		if name == "report" {
			res, err = StepReport(ctx, cfg, *out)
		} else {
			res, err = StepMetricsBenefits(ctx, cfg)
		}
	default:
		return fmt.Errorf("unknown step %q", name)
	}
	if err != nil {
		return err
	}
	return WriteResult(stdout, res)
}
