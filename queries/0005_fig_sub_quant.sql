-- 0005: each month cell's values in order of size, coarsely: per figure
-- (1 case minutes, 2 lead days, 3 lead working days) and bucket
-- (gevinst_quant_bucket, session.sql) the count and the values
-- themselves. A quantile over several months (metrics.sql, any grain
-- but month) adds up the counts to find the bucket that holds each rank
-- and sorts only that bucket's values, instead of collecting every
-- submission of the range (issue 15: the report flat in the row count).
-- Written by figures_quant.sql at every refresh, and cleared with
-- fig_sub_month. A bucket may hold several rows (a batch of new
-- submissions appends its own beside its cells' earlier ones): the
-- readers add them up. fig_sub_month gains the after-hours share's count and sum, so that
-- every other figure over several months adds up month cells too. The
-- figures 0004 kept lack both: they are forgotten here, and the next
-- reader builds them again (figures.go, ensureFigures).
CREATE TABLE fig_sub_quant (
    org     VARCHAR NOT NULL,
    service VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    month   DATE NOT NULL,
    figure  TINYINT NOT NULL,       -- 1 case_minutes, 2 lead_days, 3 lead_work_days
    bucket  INTEGER NOT NULL,       -- gevinst_quant_bucket of each value
    n       INTEGER NOT NULL,       -- how many values
    vals    DOUBLE[] NOT NULL,      -- the values, in no order
    gen     BIGINT NOT NULL
);

ALTER TABLE fig_sub_month ADD COLUMN after_hours_n BIGINT;   -- submissions with a known time
ALTER TABLE fig_sub_month ADD COLUMN after_hours_sum BIGINT; -- of them after hours

DELETE FROM figures_state;
