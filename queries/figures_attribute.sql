-- SPEC §3 for the scope's registrations (fig_t, with the submissions of
-- their case ids in fig_c and the rule 3 weights of their months in
-- fig_weights), for every kind of refresh (figures.go): a full or
-- partition build (figures_build.sql writes what this leaves) or a
-- batch of new registrations (figures_add_time.sql adds it to the kept
-- rows). It leaves, without writing a kept row but the employees':
--   fig_sums      the minutes and cost per submission (sid, rule 1) and
--                 per cell, rule and orphan (rules 2-4), and the orphans'
--                 case ids per work month (by_orphan);
--   fig_new_work  the minutes of rules 1-3 per cell, activity and role,
--                 with the employees' bitstring;
--   fig_new_gaps  the roles working on a day without an hourly rate.
-- Nothing here writes a row per registration.

-- §3 rule 1: submissions sharing a case id split its minutes equally. Few
-- case ids are shared, so they are counted apart (no window over every
-- submission).
CREATE OR REPLACE TEMP TABLE fig_shared AS
SELECT org, case_id, count(*) AS n FROM fig_c GROUP BY ALL HAVING count(*) > 1;

-- The scope's employees that the dictionary does not hold yet get the
-- next numbers.
INSERT INTO fig_employees
SELECT (SELECT coalesce(max(emp), 0) FROM fig_employees) + row_number() OVER (ORDER BY employee),
       employee, getvariable('fig_gen')
FROM (SELECT DISTINCT employee FROM fig_t) t
WHERE NOT EXISTS (SELECT 1 FROM fig_employees e WHERE e.employee = t.employee);

-- fig_work keeps a cell's employees as a bitstring, bit emp set for each
-- (bitstring_agg), all of one length so that the readers can OR them over
-- months: a multiple of 1024 bits that holds every number, never
-- shrinking; when the dictionary outgrows it, the kept rows are padded
-- with zeros (the bits keep their places).
SET VARIABLE fig_emp_bits = (
    SELECT CAST(greatest(1024, coalesce((SELECT max(bit_length(emps)) FROM fig_work), 0),
                         1024 * ceil(coalesce(max(emp), 0) / 1024)) AS BIGINT)
    FROM fig_employees);

UPDATE fig_work SET emps = CAST(CAST(emps AS VARCHAR) || repeat('0', CAST(getvariable('fig_emp_bits') - bit_length(emps) AS BIGINT)) AS BIT)
WHERE bit_length(emps) < getvariable('fig_emp_bits');

-- Every registration's attributed parts in the scope, one row per
-- (registration, place it went), minutes split so that each
-- registration's parts sum to its minutes. One pass: a LEFT JOIN finds
-- each one's submissions (rule 1) or none (rules 2-4), a LEFT JOIN on the
-- weights, keyed only for a rule 3 candidate, spreads it over the
-- channels (fig_parts below adds each part's cost). A part is in
-- the scope when the place it went is: the submission's partition for
-- rule 1, the work month's for rules 2-4. A view, never written.
CREATE OR REPLACE TEMP VIEW fig_places AS
WITH cases AS (
    SELECT c.sid, c.org, c.case_id, coalesce(sh.n, 1) AS case_n, c.s_service, c.s_channel, c.s_month, c.in_scope
    FROM fig_c c LEFT JOIN fig_shared sh ON sh.org = c.org AND sh.case_id = c.case_id
), parts AS (
    SELECT t.org, t.minutes, t.work_date, c.sid, c.case_n, w.n, w.total, w.channel AS w_channel,
           t.service, t.channel, t.work_month, c.s_service, c.s_channel, c.s_month, w.lead,
           e.emp, t.role, t.activity,
           CASE WHEN c.sid IS NOT NULL THEN 1
                -- Rule 2: pooled with channel, to (service, channel, month of work_date).
                WHEN t.service IS NOT NULL AND t.channel IS NOT NULL THEN 2
                -- Rule 3: pooled without channel, spread by that month's channel counts.
                WHEN w.channel IS NOT NULL THEN 3
                -- Rule 4: unattributed: no service, or no submissions to spread over.
                ELSE 4 END AS rule,
           t.case_id IS NOT NULL AND c.sid IS NULL AS orphan, t.case_id AS t_case_id
    FROM fig_t t
    LEFT JOIN cases c ON c.org = t.org AND c.case_id = t.case_id
    LEFT JOIN fig_weights w ON w.org = t.org
        AND w.service = CASE WHEN c.sid IS NULL AND t.channel IS NULL THEN t.service END
        AND w.month = t.work_month
    JOIN fig_employees e ON e.employee = t.employee
    WHERE CASE WHEN c.sid IS NOT NULL THEN c.in_scope ELSE t.in_scope END
), split AS (
    SELECT *, CASE rule WHEN 1 THEN minutes / case_n WHEN 3 THEN minutes * n / total ELSE minutes END AS part
    FROM parts
)
SELECT org, sid, part AS minutes, work_date,
       CAST(rule AS TINYINT) AS rule, orphan,
       -- the place of rules 2-4 (null for rule 1, whose place is its sid's)
       CASE WHEN rule > 1 THEN service END AS service,
       CASE rule WHEN 2 THEN channel WHEN 3 THEN w_channel END AS channel,
       CASE WHEN rule > 1 THEN work_month END AS month,
       CASE WHEN rule = 1 THEN s_service ELSE service END AS cell_service,
       CASE rule WHEN 1 THEN s_channel WHEN 2 THEN channel WHEN 3 THEN w_channel END AS cell_channel,
       CASE WHEN rule = 1 THEN s_month ELSE work_month END AS cell_month,
       -- exactly one part of each registration (a rule 3 one's first channel)
       rule <> 3 OR lead AS lead,
       rule < 4 AS road,
       emp, coalesce(role, '') AS role, coalesce(activity, '') AS activity,
       CASE WHEN orphan THEN t_case_id END AS orphan_case
FROM split;

-- The parts with their cost (§4 staff_cost: minutes/60 × the role's
-- hourly rate on the day of work: the org's own (costs.rate_changes) when
-- it has one then, else the common one).
CREATE OR REPLACE TEMP VIEW fig_parts AS
SELECT p.*, p.minutes / 60 * coalesce(ro.rate, r.rate) AS cost
FROM fig_places p
LEFT JOIN cfg_rates ro ON ro.role = p.role AND ro.org = p.org
    AND p.work_date >= ro.valid_from AND p.work_date < ro.valid_to
LEFT JOIN cfg_rates r ON r.role = p.role AND r.org = ''
    AND p.work_date >= r.valid_from AND p.work_date < r.valid_to;

-- The attributed minutes and cost summed in one pass over the parts,
-- without writing them: per submission (sid, rule 1), per cell of rules
-- 2-4, rule and orphan, and per orphan case id and work month (by_orphan:
-- fig_orphans). Grouping sets, not one group per (cell, sid): a small
-- hash table on the cell's strings and a large one on one integer are
-- cheaper than a large one on everything. The sid and orphan sets also
-- group the parts without one: HAVING drops those rows.
CREATE OR REPLACE TEMP TABLE fig_sums AS
SELECT sid, org, service, channel, month, rule, orphan, orphan_case,
       fsum(minutes) AS minutes, fsum(cost) AS cost,
       count(*) FILTER (WHERE lead) AS registrations,
       GROUPING(sid) = 0 AS by_sid,
       GROUPING(orphan_case) = 0 AS by_orphan
FROM fig_parts
GROUP BY GROUPING SETS ((sid), (org, service, channel, month, rule, orphan), (org, orphan_case, month))
HAVING CASE WHEN GROUPING(sid) = 0 THEN sid IS NOT NULL
            WHEN GROUPING(orphan_case) = 0 THEN orphan_case IS NOT NULL
            ELSE true END;

-- The minutes that reached a cell (rules 1-3) by activity and role, with
-- the employees behind them as a bitstring of their numbers: a second
-- pass over the parts (without their cost: no rate to join) into few
-- groups (cells × activities × roles); the readers count distinct
-- employees over any period by OR-ing the bitstrings. (One pass with a
-- third grouping set on the employee took twice as long at 30 M.)
CREATE OR REPLACE TEMP TABLE fig_new_work AS
SELECT org, cell_service AS service, cell_channel AS channel, cell_month AS month, activity, role,
       fsum(minutes) FILTER (WHERE road) AS minutes,
       bitstring_agg(emp, 1, getvariable('fig_emp_bits')) FILTER (WHERE road) AS emps
FROM fig_places
GROUP BY org, cell_service, cell_channel, cell_month, activity, role
-- (Rule 4's parts are filtered in the aggregates, not before them: a
-- filter on the parts changed the join's plan, four times slower.)
HAVING bool_or(road);

-- Roles working on a day without an hourly rate, per partition (the
-- scope's work months only: another month's rows are its own partition's).
CREATE OR REPLACE TEMP TABLE fig_new_gaps AS
SELECT t.org, t.work_month AS month, t.role, min(t.work_date) AS first_day
FROM fig_t t
WHERE t.in_scope AND NOT EXISTS (
    SELECT 1 FROM cfg_rates r
    WHERE r.role = t.role AND (r.org = '' OR r.org = t.org)
      AND t.work_date >= r.valid_from AND t.work_date < r.valid_to)
GROUP BY ALL;
