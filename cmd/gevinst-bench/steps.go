package main

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gevinst/gevinst/config"
	"github.com/gevinst/gevinst/pipelines"
	"github.com/gevinst/gevinst/queries"
	"github.com/gevinst/gevinst/reports"
)

// HandwrittenSQL is the one hand-written statement that computes the §4
// metrics table (month grain, all data) from the stored tables.
//
//go:embed handwritten.sql
var HandwrittenSQL string

// Rates and UnitCosts are the benchmark's costs (the same literals are in
// handwritten.sql).
var (
	Rates     = map[string]float64{"reception": 520, "clerk": 560, "case_officer": 690, "archive": 540}
	UnitCosts = map[string]float64{"paper": 12, "eform": 4, "integrated": 6}
)

// Holidays returns the closed days of the benchmark's config (the
// default Norwegian calendar) as the parameter of HandwrittenSQL.
func Holidays() string {
	return strings.Join(queries.ClosedDays(config.OfficeHours{Holidays: "norway"}), ",")
}

// Config returns the gevinst configuration the benchmark uses: the
// defaults plus the benchmark's rates and unit costs, the memory limit
// and threads, and the database path.
func Config(db, memoryLimit string, threads int) (config.Config, error) {
	cfg := config.Config{DB: db, PseudonymKey: benchKey, Quiet: true}
	cfg.Costs.HourlyRates, cfg.Costs.ChannelUnitCosts = Rates, UnitCosts
	cfg.DuckDB = config.DuckDB{MemoryLimit: memoryLimit, Threads: threads}
	err := cfg.Validate()
	return cfg, err
}

// benchKey is the pseudonym key of the benchmark's throw-away data.
const benchKey = "gevinst-bench-key-0123456789abcdef"

// Typed tables for DuckDB's raw COPY: the canonical columns with their
// SPEC §2 types, the same as gevinst stores.
var copyTables = map[string]string{
	"submissions": `CREATE TABLE submissions (org VARCHAR, submission_id VARCHAR, service VARCHAR, channel VARCHAR,
		received_at TIMESTAMP, decided_at TIMESTAMP, case_id VARCHAR)`,
	"time": `CREATE TABLE time_registrations (registration_id VARCHAR, org VARCHAR, employee VARCHAR, role VARCHAR,
		work_date DATE, minutes DOUBLE, case_id VARCHAR, service VARCHAR, channel VARCHAR, activity VARCHAR)`,
}

// StepCopy is DuckDB's own speed: COPY of the file into an equally typed
// table in a fresh database, with the same memory limit and threads.
func StepCopy(ctx context.Context, dbPath, kind, file, memoryLimit string, threads int) (map[string]float64, error) {
	create, ok := copyTables[kind]
	if !ok {
		return nil, fmt.Errorf("copy: unknown kind %q", kind)
	}
	db, err := sql.Open("duckdb", dbPath)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if err := setResources(ctx, conn, memoryLimit, threads); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, create); err != nil {
		return nil, err
	}
	table := "submissions"
	if kind == "time" {
		table = "time_registrations"
	}
	start := time.Now()
	// COPY takes no parameter for its path: a quoted literal (our own file).
	if _, err := conn.ExecContext(ctx, `COPY `+queries.QuoteIdent(table)+` FROM `+queries.QuoteLiteral(file)+` (HEADER)`); err != nil {
		return nil, fmt.Errorf("copy %s: %w", file, err)
	}
	return map[string]float64{"copy_s": time.Since(start).Seconds()}, nil
}

func setResources(ctx context.Context, conn *sql.Conn, memoryLimit string, threads int) error {
	if _, err := conn.ExecContext(ctx, `SET memory_limit = ?`, memoryLimit); err != nil {
		return err
	}
	if threads > 0 {
		if _, err := conn.ExecContext(ctx, `SET threads = ?`, threads); err != nil {
			return err
		}
	}
	return nil
}

// StepHandwritten runs HandwrittenSQL on gevinst's database and reads
// every row; it returns the row count.
func StepHandwritten(ctx context.Context, dbPath, memoryLimit string, threads int) (map[string]float64, error) {
	db, err := sql.Open("duckdb", dbPath)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if err := setResources(ctx, conn, memoryLimit, threads); err != nil {
		return nil, err
	}
	start := time.Now()
	n, err := drain(ctx, conn, HandwrittenSQL, Holidays())
	if err != nil {
		return nil, fmt.Errorf("hand-written statement: %w", err)
	}
	return map[string]float64{"rows": float64(n), "query_s": time.Since(start).Seconds()}, nil
}

// drain runs a query and scans every row (as text), so the whole result
// is computed and transferred.
func drain(ctx context.Context, conn *sql.Conn, query string, args ...any) (int64, error) {
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// StepMetricsBenefits runs gevinst's metrics and benefits (month grain,
// all data) on one connection, as the report does: the attribution is
// built once.
func StepMetricsBenefits(ctx context.Context, cfg config.Config) (map[string]float64, error) {
	db, err := queries.Open(ctx, cfg.DB, &cfg)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	start := time.Now()
	m, err := db.Metrics(ctx, queries.Filter{Grain: queries.GrainMonth})
	if err != nil {
		return nil, err
	}
	mid := time.Now()
	b, err := db.Benefits(ctx, queries.Filter{Grain: queries.GrainMonth})
	if err != nil {
		return nil, err
	}
	return map[string]float64{
		"metrics_s": mid.Sub(start).Seconds(), "benefits_s": time.Since(mid).Seconds(),
		"metric_rows": float64(len(m)), "benefit_rows": float64(len(b)),
	}, nil
}

// StepReport builds the dashboard's input (every query) and writes the
// workbook, timing the two apart: SPEC §10 asks the workbook, which sees
// aggregates only, to take seconds whatever the row count.
func StepReport(ctx context.Context, cfg config.Config, out string) (map[string]float64, error) {
	db, err := queries.Open(ctx, cfg.DB, &cfg)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	start := time.Now()
	in, err := pipelines.ReportInput(ctx, db, &cfg, pipelines.ReportOptions{Lang: "en", Now: now, Version: "bench"})
	if err != nil {
		return nil, err
	}
	mid := time.Now()
	if err := reports.Write(out, in); err != nil {
		return nil, err
	}
	return map[string]float64{"queries_s": mid.Sub(start).Seconds(), "workbook_s": time.Since(mid).Seconds()}, nil
}

// WriteResult prints a step's figures as one JSON object, the child's
// answer to the parent.
func WriteResult(w io.Writer, r map[string]float64) error {
	return json.NewEncoder(w).Encode(r)
}
