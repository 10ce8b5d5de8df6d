-- A batch of new time registrations added to the kept figures (figures.go,
-- keepFigures): the parts figures_attribute.sql made of the batch alone
-- (figures_add_time_scope.sql) are added to the kept rows of the same keys.
-- Every kept row that changes is written again as refresh
-- getvariable('fig_gen'), as a full or partition refresh writes its rows,
-- so that a refresh killed in its commit is found at open
-- (recover_figures.sql). Sums add up to the same figures as a build over
-- all the rows (within the last bits: fsum over the kept sum and the new
-- parts instead of over every part).

-- Pooled minutes (rules 2-4) per cell, rule and orphan.
CREATE OR REPLACE TEMP TABLE fig_new_pooled AS
SELECT org, service, channel, month, rule, orphan, minutes, cost, registrations
FROM fig_sums WHERE NOT by_sid AND NOT by_orphan AND rule > 1;

CREATE OR REPLACE TEMP TABLE fig_merged_pooled AS
SELECT org, service, channel, month, rule, orphan,
       fsum(minutes) AS minutes, fsum(cost) AS cost, CAST(sum(registrations) AS BIGINT) AS registrations
FROM (SELECT * FROM fig_new_pooled
      UNION ALL
      SELECT f.org, f.service, f.channel, f.month, f.rule, f.orphan, f.minutes, f.cost, f.registrations
      FROM fig_pooled f SEMI JOIN fig_new_pooled n
          ON n.org = f.org AND n.service IS NOT DISTINCT FROM f.service AND n.channel IS NOT DISTINCT FROM f.channel
         AND n.month = f.month AND n.rule = f.rule AND n.orphan = f.orphan)
GROUP BY ALL;

DELETE FROM fig_pooled f USING fig_new_pooled n
WHERE n.org = f.org AND n.service IS NOT DISTINCT FROM f.service AND n.channel IS NOT DISTINCT FROM f.channel
  AND n.month = f.month AND n.rule = f.rule AND n.orphan = f.orphan;

INSERT INTO fig_pooled SELECT *, getvariable('fig_gen') FROM fig_merged_pooled;

-- The road chart's minutes and employees per cell, activity and role.
CREATE OR REPLACE TEMP TABLE fig_merged_work AS
SELECT org, service, channel, month, activity, role, fsum(minutes) AS minutes, bit_or(emps) AS emps
FROM (SELECT * FROM fig_new_work
      UNION ALL
      SELECT f.org, f.service, f.channel, f.month, f.activity, f.role, f.minutes, f.emps
      FROM fig_work f SEMI JOIN fig_new_work n
          ON n.org = f.org AND n.service IS NOT DISTINCT FROM f.service AND n.channel IS NOT DISTINCT FROM f.channel
         AND n.month = f.month AND n.activity = f.activity AND n.role = f.role)
GROUP BY ALL;

DELETE FROM fig_work f USING fig_new_work n
WHERE n.org = f.org AND n.service IS NOT DISTINCT FROM f.service AND n.channel IS NOT DISTINCT FROM f.channel
  AND n.month = f.month AND n.activity = f.activity AND n.role = f.role;

INSERT INTO fig_work SELECT *, getvariable('fig_gen') FROM fig_merged_work;

-- Roles without an hourly rate: the first such day of each partition.
CREATE OR REPLACE TEMP TABLE fig_merged_gaps AS
SELECT org, month, role, min(first_day) AS first_day
FROM (SELECT * FROM fig_new_gaps
      UNION ALL
      SELECT f.org, f.month, f.role, f.first_day
      FROM fig_rate_gaps f SEMI JOIN fig_new_gaps n ON n.org = f.org AND n.month = f.month AND n.role = f.role)
GROUP BY ALL;

DELETE FROM fig_rate_gaps f USING fig_new_gaps n WHERE n.org = f.org AND n.month = f.month AND n.role = f.role;

INSERT INTO fig_rate_gaps SELECT *, getvariable('fig_gen') FROM fig_merged_gaps;

-- The case ids of the batch's orphans, per work month, where not kept yet.
INSERT INTO fig_orphans
SELECT s.org, s.orphan_case, s.month, getvariable('fig_gen')
FROM fig_sums s
WHERE s.by_orphan
  AND NOT EXISTS (SELECT 1 FROM fig_orphans f WHERE f.org = s.org AND f.case_id = s.orphan_case AND f.month = s.month);

-- Rule 1: the submissions of the batch's case ids, their case minutes
-- and cost added to (a cost stays null when no part had a rate, as fsum
-- leaves it).
CREATE OR REPLACE TEMP TABLE fig_sub_hit AS
SELECT l.sid AS rid, l.* EXCLUDE (sid) REPLACE (
           coalesce(l.case_minutes, 0) + s.minutes AS case_minutes,
           CASE WHEN l.case_cost IS NULL THEN s.cost
                WHEN s.cost IS NULL THEN l.case_cost
                ELSE l.case_cost + s.cost END AS case_cost,
           getvariable('fig_gen') AS gen)
FROM fig_sub_linked l JOIN fig_sums s ON s.by_sid AND s.sid = l.sid;

-- Updated in place, not deleted and written again as the other kept
-- rows are: a delete in a table of a row per submission costs its
-- checkpoint a rewrite of the row groups it touched (0.35 s at 10 M rows
-- for one month's cases, the update 0.01 s). The new gen still marks the
-- rows as this refresh's (recover_figures.sql).
UPDATE fig_sub f SET case_minutes = h.case_minutes, case_cost = h.case_cost, gen = h.gen
FROM fig_sub_hit h WHERE f.rowid = h.rid;

-- The month cells: staff minutes and cost of rules 1-3 added to (a cell
-- no submission or earlier registration reached is new, with none): the
-- submissions' new case minutes by their cell, and the pooled ones of
-- rules 2 and 3, as figures_build.sql sums a cell.
CREATE OR REPLACE TEMP TABLE fig_cell_delta AS
SELECT org, service, channel, month, fsum(minutes) AS minutes, fsum(cost) AS cost
FROM (SELECT c.org, c.s_service AS service, c.s_channel AS channel, c.s_month AS month, s.minutes, s.cost
      FROM fig_sums s JOIN fig_c_part c ON c.sid = s.sid
      WHERE s.by_sid
      UNION ALL
      SELECT org, service, channel, month, minutes, cost FROM fig_new_pooled WHERE rule IN (2, 3))
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE fig_merged_cells AS
SELECT d.org, d.service, d.channel, d.month,
       coalesce(f.submissions, 0) AS submissions, coalesce(f.decided, 0) AS decided,
       coalesce(f.staff_minutes, 0) + d.minutes AS staff_minutes,
       coalesce(f.staff_cost, 0) + coalesce(d.cost, 0) AS staff_cost
FROM fig_cell_delta d
LEFT JOIN fig_cells f ON f.org = d.org AND f.service IS NOT DISTINCT FROM d.service
    AND f.channel IS NOT DISTINCT FROM d.channel AND f.month = d.month;

DELETE FROM fig_cells f USING fig_cell_delta d
WHERE f.org = d.org AND f.service IS NOT DISTINCT FROM d.service
  AND f.channel IS NOT DISTINCT FROM d.channel AND f.month = d.month;

INSERT INTO fig_cells SELECT *, getvariable('fig_gen') FROM fig_merged_cells;

-- The month cells whose case minutes changed: their fig_sub_month rows go,
-- and figures_sub_month.sql sums every submission of them again.
CREATE OR REPLACE TEMP TABLE fig_sub_cells_hit AS
SELECT DISTINCT org, service, channel, month FROM fig_sub_hit;

DELETE FROM fig_sub_month f USING fig_sub_cells_hit h
WHERE f.org = h.org AND f.service = h.service AND f.channel = h.channel AND f.month = h.month;

CREATE OR REPLACE TEMP VIEW fig_sub_src AS
SELECT f.* FROM fig_sub f
SEMI JOIN fig_sub_cells_hit h ON f.org = h.org AND f.service = h.service AND f.channel = h.channel AND f.month = h.month;
