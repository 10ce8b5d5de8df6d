-- A full or partition refresh (figures.go) writes the scope's figures
-- (figures_build_cells.sql, figures_attribute.sql, and the submissions'
-- own in figures_build_sub.sql) into the kept tables of 0003_figures.sql
-- as refresh getvariable('fig_gen'). The partitions' old rows are gone
-- already (figures_clear_*.sql); figures_sub_month.sql then sums
-- fig_sub_src (the scope's submissions) by month cell.

INSERT INTO fig_pooled
SELECT org, service, channel, month, rule, orphan, minutes, cost, registrations, getvariable('fig_gen')
FROM fig_sums WHERE NOT by_sid AND NOT by_orphan AND rule > 1;

INSERT INTO fig_orphans
SELECT org, orphan_case, month, getvariable('fig_gen') FROM fig_sums WHERE by_orphan;

INSERT INTO fig_work SELECT *, getvariable('fig_gen') FROM fig_new_work;

INSERT INTO fig_rate_gaps SELECT *, getvariable('fig_gen') FROM fig_new_gaps;

-- The submissions whose month cells figures_sub_month.sql sums: the scope's.
CREATE OR REPLACE TEMP VIEW fig_sub_src AS
SELECT * FROM fig_sub WHERE gen = getvariable('fig_gen');

-- And whose values figures_quant.sql puts into buckets: the same, every
-- figure.
CREATE OR REPLACE TEMP VIEW fig_quant_src AS SELECT * FROM fig_sub_src;
SET VARIABLE fig_quant_leads = true;

-- The month cells of the scope: submissions (and volumes where no
-- submission row is in the cell), and the minutes and cost of rules 1-3;
-- a cell's case-linked minutes are the sum of its submissions' case
-- minutes.
INSERT INTO fig_cells
WITH s AS (
    SELECT org, service, channel, month,
           CAST(sum(n) AS BIGINT) AS submissions, CAST(sum(d) AS BIGINT) AS decided
    FROM (SELECT org, service, channel, month, n, decided AS d FROM fig_sub_cells
          UNION ALL
          SELECT org, service, channel, month, count, 0 FROM fig_vol
          WHERE gen = getvariable('fig_gen') AND NOT conflict)
    GROUP BY ALL
), t AS (
    SELECT org, service, channel, month, fsum(minutes) AS staff_minutes, fsum(cost) AS staff_cost
    FROM (SELECT org, service, channel, month, case_minutes AS minutes, case_cost AS cost
          FROM fig_sub WHERE gen = getvariable('fig_gen') AND case_minutes IS NOT NULL
          UNION ALL
          SELECT org, service, channel, month, minutes, cost FROM fig_pooled
          WHERE gen = getvariable('fig_gen') AND rule IN (2, 3))
    GROUP BY ALL
)
SELECT org, service, channel, month,
       coalesce(s.submissions, 0), coalesce(s.decided, 0),
       coalesce(t.staff_minutes, 0), coalesce(t.staff_cost, 0),
       getvariable('fig_gen')
FROM s FULL JOIN t USING (org, service, channel, month);

DROP TABLE fig_sums;
