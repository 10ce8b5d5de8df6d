-- SPEC §3 and the per-submission facts of §4 for the scope's partitions
-- (figures_scope_{all,part}.sql: fig_s, fig_v, fig_c, fig_t), written into
-- the kept tables of 0003_figures.sql as refresh getvariable('fig_gen').
-- The partitions' old rows are gone already (figures_clear_*.sql). The
-- readers then sum narrow tables: nothing here or after it writes a row
-- per registration.

-- Submissions and decided per month cell.
CREATE OR REPLACE TEMP TABLE fig_sub_cells AS
SELECT org, service, channel, month, count(*) AS n, count(decided_at) AS decided
FROM fig_s GROUP BY ALL;

-- SPEC §2.3: monthly volumes count as submissions without times, except
-- in a cell that also has submission rows: those win, and the volume row
-- is a conflict shown in data quality.
INSERT INTO fig_vol
SELECT v.org, v.service, v.channel, v.month, v.count,
       EXISTS (SELECT 1 FROM fig_sub_cells s WHERE s.org = v.org AND s.service = v.service
                 AND s.channel = v.channel AND s.month = v.month) AS conflict,
       getvariable('fig_gen')
FROM fig_v v;

-- Rule 3 weights: each channel's submissions in the service's month.
-- lead marks one channel per month, so that one part per registration
-- carries it (counting registrations without count(DISTINCT reg)).
CREATE OR REPLACE TEMP TABLE fig_weights AS
SELECT org, service, month, channel, CAST(sum(n) AS DOUBLE) AS n,
       CAST(sum(sum(n)) OVER (PARTITION BY org, service, month) AS DOUBLE) AS total,
       row_number() OVER (PARTITION BY org, service, month ORDER BY channel) = 1 AS lead
FROM (SELECT org, service, month, channel, n FROM fig_sub_cells
      UNION ALL
      SELECT org, service, month, channel, count FROM fig_vol
      WHERE gen = getvariable('fig_gen') AND NOT conflict)
GROUP BY org, service, month, channel
HAVING sum(n) > 0;

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
           t.case_id IS NOT NULL AND c.sid IS NULL AS orphan
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
       emp, coalesce(role, '') AS role, coalesce(activity, '') AS activity
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
-- without writing them: per submission (sid, rule 1) and per cell of
-- rules 2-4, rule and orphan. Two grouping sets, not one group per
-- (cell, sid): a small hash table on the cell's strings and a large one
-- on one integer are cheaper than a large one on everything. The sid set
-- also groups the parts without a sid: HAVING drops that row.
CREATE OR REPLACE TEMP TABLE fig_sums AS
SELECT sid, org, service, channel, month, rule, orphan,
       fsum(minutes) AS minutes, fsum(cost) AS cost,
       count(*) FILTER (WHERE lead) AS registrations,
       GROUPING(sid) = 0 AS by_sid
FROM fig_parts
GROUP BY GROUPING SETS ((sid), (org, service, channel, month, rule, orphan))
HAVING GROUPING(sid) = 1 OR sid IS NOT NULL;

INSERT INTO fig_pooled
SELECT org, service, channel, month, rule, orphan, minutes, cost, registrations, getvariable('fig_gen')
FROM fig_sums WHERE NOT by_sid AND rule > 1;

-- The minutes that reached a cell (rules 1-3) by activity and role, with
-- the employees behind them as a bitstring of their numbers: a second
-- pass over the parts (without their cost: no rate to join) into few
-- groups (cells × activities × roles); the readers count distinct
-- employees over any period by OR-ing the bitstrings. (One pass with a
-- third grouping set on the employee took twice as long at 30 M.)
INSERT INTO fig_work
SELECT org, cell_service, cell_channel, cell_month, activity, role,
       fsum(minutes) FILTER (WHERE road),
       bitstring_agg(emp, 1, getvariable('fig_emp_bits')) FILTER (WHERE road), getvariable('fig_gen')
FROM fig_places
GROUP BY org, cell_service, cell_channel, cell_month, activity, role
-- (Rule 4's parts are filtered in the aggregates, not before them: a
-- filter on the parts changed the join's plan, four times slower.)
HAVING bool_or(road);

-- Roles working on a day without an hourly rate, per partition (the
-- scope's work months only: another month's rows are its own partition's).
INSERT INTO fig_rate_gaps
SELECT t.org, t.work_month, t.role, min(t.work_date), getvariable('fig_gen')
FROM fig_t t
WHERE t.in_scope AND NOT EXISTS (
    SELECT 1 FROM cfg_rates r
    WHERE r.role = t.role AND (r.org = '' OR r.org = t.org)
      AND t.work_date >= r.valid_from AND t.work_date < r.valid_to)
GROUP BY ALL;

-- §4 working time: every day from the scope's first receipt to its last
-- decision, whether it is a working day (Mon–Fri, not a holiday) and the
-- working days before it. A timestamp's place in working time is before ×
-- the office day plus the office minutes of its own day up to it, so the
-- working minutes between two timestamps are a difference of two lookups
-- (the same whatever day the count starts from).
CREATE OR REPLACE TEMP TABLE fig_workdays AS
WITH span AS (
    SELECT CAST(min(received_at) AS DATE) AS first,
           CAST(greatest(max(received_at), max(decided_at)) AS DATE) AS last
    FROM fig_s
), days AS (
    SELECT CAST(d AS DATE) AS day
    FROM span, range(CAST(span.first AS TIMESTAMP), CAST(span.last AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
    WHERE span.first IS NOT NULL
), w AS (
    SELECT day, isodow(day) < 6 AND day NOT IN (SELECT day FROM cfg_holidays) AS working FROM days
)
SELECT day, working,
       coalesce(sum(CAST(working AS INTEGER)) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
FROM w;

-- Each submission with its month, the per-submission facts of §4 and its
-- case-linked minutes and cost (its share of a shared case).
INSERT INTO fig_sub
SELECT
    s.org, s.service, s.channel, s.month,
    -- §4 lead time: the plain difference of two wall-clock values, in days.
    CASE WHEN s.decided_at IS NOT NULL
         THEN (epoch_us(s.decided_at) - epoch_us(s.received_at)) / 86400e6 END,
    -- §4 lead time in working days: office minutes between receipt and
    -- decision on working days, over the minutes of one office day.
    CASE WHEN s.decided_at IS NOT NULL
         THEN (gevinst_work_place(wd.before, wd.working, s.decided_at)
               - gevinst_work_place(wr.before, wr.working, s.received_at)) / gevinst_office_minutes() END,
    -- §4 after hours: weekend, holiday, or outside [office_start, office_end),
    -- unknown when the source gave a date without a time. 1 or 0 in one
    -- byte: avg() of these is the same share as of 1.0 and 0.0.
    CAST(CASE WHEN NOT s.received_time_known THEN NULL
         WHEN isodow(s.received_at) >= 6
           OR CAST(s.received_at AS DATE) IN (SELECT day FROM cfg_holidays)
           OR CAST(s.received_at AS TIME) < getvariable('office_start')
           OR CAST(s.received_at AS TIME) >= getvariable('office_end')
         THEN 1 ELSE 0 END AS UTINYINT),
    l.minutes, l.cost,
    sh.case_id,
    getvariable('fig_gen')
FROM fig_s s
LEFT JOIN (SELECT sid, minutes, cost FROM fig_sums WHERE by_sid) l ON l.sid = s.sid
LEFT JOIN fig_shared sh ON sh.org = s.org AND sh.case_id = s.case_id
LEFT JOIN fig_workdays wr ON wr.day = CAST(s.received_at AS DATE)
LEFT JOIN fig_workdays wd ON wd.day = CAST(s.decided_at AS DATE);

-- The per-submission figures at month grain (as metrics.sql computes
-- them for any period), per month cell of the scope.
INSERT INTO fig_sub_month
SELECT org, service, channel, month,
       count(case_minutes),
       quantile_cont(case_minutes, [0.5, 0.9]),
       quantile_cont(lead_days, [0.5, 0.9]),
       quantile_cont(lead_work_days, [0.5, 0.9]),
       fsum(case_minutes) FILTER (WHERE lead_work_days > 0),
       fsum(lead_work_days) FILTER (WHERE case_minutes IS NOT NULL AND lead_work_days > 0),
       avg(after_hours),
       gevinst_se(count(case_minutes), fsum(case_minutes), fsum(case_minutes * case_minutes)),
       fsum(case_minutes), fsum(case_minutes * case_minutes),
       getvariable('fig_gen')
FROM fig_sub WHERE gen = getvariable('fig_gen')
GROUP BY org, service, channel, month;

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
