-- 0005: each month cell's values in order of size, coarsely: per bucket
-- (gevinst_quant_bucket, session.sql) the count and the values
-- themselves, one table per figure (case minutes, lead days, lead
-- working days). A quantile over several months (metrics.sql, any grain
-- but month, through the view sub_quant) adds up the counts to find the
-- bucket that holds each rank and sorts only that bucket's values,
-- instead of collecting every submission of the range (issue 15: the
-- report flat in the row count). Written by figures_quant.sql at every
-- refresh, and cleared with fig_sub_month. A bucket may hold several
-- rows (a batch of new submissions appends its own beside its cells'
-- earlier ones): the readers add them up. One table per figure: each is
-- written by a statement of its own, so a build holds one figure's lists
-- at a time (in one statement, 1.2 GB at 10 M / 30 M rows against
-- 0.8 GB), and leaves only its last row group partly filled (a partly
-- filled one between figures was merged at the next checkpoint that
-- touched the table, rewriting its lists: 0.2 s of the first monthly
-- import after a build at 1 M / 3 M).
--
-- fig_sub_month gains the after-hours share's count and sum, so that
-- every other figure over several months adds up month cells too. The
-- figures 0004 kept lack both: they are forgotten here, and the next
-- reader builds them again (figures.go, ensureFigures).
--
-- The three tables are spelled out alike: DuckDB 1.5.6 has no CREATE
-- TABLE ... (LIKE ...), and CREATE TABLE ... AS would drop the NOT NULLs.
CREATE TABLE fig_quant_case (            -- of the case minutes
    org     VARCHAR NOT NULL,
    service VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    month   DATE NOT NULL,
    bucket  INTEGER NOT NULL,       -- gevinst_quant_bucket of each value
    n       INTEGER NOT NULL,       -- how many values
    vals    DOUBLE[] NOT NULL,      -- the values, in no order
    gen     BIGINT NOT NULL
);

CREATE TABLE fig_quant_lead (            -- of the lead days
    org     VARCHAR NOT NULL,
    service VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    month   DATE NOT NULL,
    bucket  INTEGER NOT NULL,       -- gevinst_quant_bucket of each value
    n       INTEGER NOT NULL,       -- how many values
    vals    DOUBLE[] NOT NULL,      -- the values, in no order
    gen     BIGINT NOT NULL
);

CREATE TABLE fig_quant_work (            -- of the lead working days
    org     VARCHAR NOT NULL,
    service VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    month   DATE NOT NULL,
    bucket  INTEGER NOT NULL,       -- gevinst_quant_bucket of each value
    n       INTEGER NOT NULL,       -- how many values
    vals    DOUBLE[] NOT NULL,      -- the values, in no order
    gen     BIGINT NOT NULL
);

ALTER TABLE fig_sub_month ADD COLUMN after_hours_n BIGINT;   -- submissions with a known time
ALTER TABLE fig_sub_month ADD COLUMN after_hours_sum BIGINT; -- of them after hours

DELETE FROM figures_state;
