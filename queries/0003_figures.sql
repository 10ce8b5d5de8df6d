-- 0003: the attributed figures, kept by every import (issue 15). Each
-- import recomputes, inside its own transaction, the (org, month)
-- partitions its rows can change (figures.go); the readers (metrics,
-- benefits, report, export, verify) read these tables only, never the raw
-- rows. They are derived: figures_state says which batch and which
-- figure settings (rates, holidays, office hours) they match, and any
-- mismatch rebuilds them all. gen is the refresh that wrote a row: a row
-- above figures_state.gen is what a refresh killed inside DuckDB's commit
-- left (recover_figures.sql), and the figures are rebuilt.

-- One row, or none before the first build.
CREATE TABLE figures_state (
    gen      BIGINT NOT NULL,   -- the last refresh
    upto_batch BIGINT NOT NULL, -- the highest loaded batch the figures include
    digest   VARCHAR NOT NULL   -- of the figure settings (figures_digest.sql)
);

-- One row per submission: the narrow facts of SPEC §4 the quantiles and
-- intervals are computed over.
CREATE TABLE fig_sub (
    org            VARCHAR NOT NULL,
    service        VARCHAR NOT NULL,
    channel        VARCHAR NOT NULL,
    month          DATE NOT NULL,       -- of received_at
    lead_days      DOUBLE,
    lead_work_days DOUBLE,
    after_hours    UTINYINT,
    case_minutes   DOUBLE,              -- its share of its case's minutes (§3 rule 1); null: untimed
    case_cost      DOUBLE,
    shared_case    VARCHAR,             -- its case id when several submissions share it
    gen            BIGINT NOT NULL
);

-- SPEC §3 rules 2–4 by the cell the minutes went to, rule and orphan
-- (a case id that matches no submission); registrations counts each
-- registration once.
CREATE TABLE fig_pooled (
    org           VARCHAR NOT NULL,
    service       VARCHAR,
    channel       VARCHAR,
    month         DATE NOT NULL,        -- of work_date
    rule          TINYINT NOT NULL,
    orphan        BOOLEAN NOT NULL,
    minutes       DOUBLE NOT NULL,
    cost          DOUBLE,
    registrations BIGINT NOT NULL,
    gen           BIGINT NOT NULL
);

-- The per-submission figures of SPEC §4 at month grain, per month cell:
-- what metrics.sql computes over fig_sub for a month (exact quantiles,
-- the touch-time sums, the after-hours share, the standard error), kept
-- so that the month grain reads one row per cell.
CREATE TABLE fig_sub_month (
    org               VARCHAR NOT NULL,
    service           VARCHAR NOT NULL,
    channel           VARCHAR NOT NULL,
    month             DATE NOT NULL,
    timed_submissions BIGINT NOT NULL,
    case_q            DOUBLE[],         -- median, p90 of case minutes
    lead_q            DOUBLE[],         -- of lead days
    work_q            DOUBLE[],         -- of lead working days
    touch_minutes     DOUBLE,           -- touch-time share's numerator
    touch_work_days   DOUBLE,           -- and its denominator, in working days
    after_hours_share DOUBLE,
    case_minutes_se   DOUBLE,
    case_sum          DOUBLE,           -- Σ and Σ² of the case minutes: the standard
    case_sumsq        DOUBLE,           -- error of any set of months (benefits.sql)
    gen               BIGINT NOT NULL
);

-- Monthly volumes (SPEC §2.3) with whether submission rows win in the cell.
CREATE TABLE fig_vol (
    org      VARCHAR NOT NULL,
    service  VARCHAR NOT NULL,
    channel  VARCHAR NOT NULL,
    month    DATE NOT NULL,
    count    BIGINT NOT NULL,
    conflict BOOLEAN NOT NULL,
    gen      BIGINT NOT NULL
);

-- The month cells: the additive sums every period and benefit is built from.
CREATE TABLE fig_cells (
    org           VARCHAR NOT NULL,
    service       VARCHAR,
    channel       VARCHAR,
    month         DATE NOT NULL,
    submissions   BIGINT NOT NULL,
    decided       BIGINT NOT NULL,
    staff_minutes DOUBLE NOT NULL,
    staff_cost    DOUBLE,
    gen           BIGINT NOT NULL
);

-- The employee pseudonyms the kept figures name, each once, as a small
-- integer (fig_work's emps).
CREATE TABLE fig_employees (
    emp      INTEGER NOT NULL,
    employee VARCHAR NOT NULL,
    gen      BIGINT NOT NULL
);

-- Attributed minutes (rules 1–3) by cell, activity and role, with the
-- employees behind them: the "road" chart and the distinct employees
-- behind a cell (small-cell suppression, SPEC §8), which cannot be summed
-- over months but can be counted from the bitstrings.
CREATE TABLE fig_work (
    org      VARCHAR NOT NULL,
    service  VARCHAR,
    channel  VARCHAR,
    month    DATE NOT NULL,
    activity VARCHAR NOT NULL,
    role     VARCHAR NOT NULL,
    minutes  DOUBLE NOT NULL,
    emps     BIT NOT NULL,          -- bit fig_employees.emp set for each (figures_build.sql)
    gen      BIGINT NOT NULL
);

-- Roles working on a day without an hourly rate, by (org, month of work):
-- the readers refuse to price costs while any is left.
CREATE TABLE fig_rate_gaps (
    org       VARCHAR NOT NULL,
    month     DATE NOT NULL,
    role      VARCHAR NOT NULL,
    first_day DATE NOT NULL,
    gen       BIGINT NOT NULL
);
