-- SPEC §3 and the per-submission facts of §4, for all loaded data.
-- Builds the temp tables every metric reads:
--   sub_cells         submissions and decided per month cell (org, service, channel, month);
--   vol, weights      volume rows, and the rule 3 weights;
--   shared_cases      case ids that several submissions of an org share;
--   attribution_parts (a view) one row per (registration, place it went),
--                     read in one pass by metrics (attributed_sums) and by
--                     activities and the small-cell counts;
--   attributed_sums   its minutes and cost per submission (rule 1) and per
--                     cell, rule and orphan, dropped once sub and
--                     part_rules hold them;
--   part_rules        the per-cell half, read by cells_m and data quality;
--   workdays          every day from the first receipt to the last decision,
--                     whether it is a working day and how many came before;
--   sub               one row per submission, with its month, per-submission
--                     facts and its case-linked minutes and cost;
--   cells_m           the month cells with their sums.
-- Nothing here writes a row per registration: writing them (wide, then
-- narrow) was half the time of metrics + benefits at 3 M registrations,
-- and joining them back to time_registrations for activities and quality
-- took most of the report's time and memory at 30 M.

CREATE OR REPLACE TEMP TABLE sub_cells AS
SELECT org, service, channel, CAST(date_trunc('month', received_at) AS DATE) AS month,
       count(*) AS n, count(decided_at) AS decided
FROM submissions GROUP BY ALL;

-- SPEC §2.3: monthly volumes count as submissions without times, except
-- in a cell that also has submission rows: those win, and the volume row
-- is a conflict shown in data quality.
CREATE OR REPLACE TEMP TABLE vol AS
SELECT v.org, v.service, v.channel, v.period AS month, v.count,
       EXISTS (SELECT 1 FROM sub_cells s WHERE s.org = v.org AND s.service = v.service
                 AND s.channel = v.channel AND s.month = v.period) AS conflict
FROM volumes v;

-- Rule 3 weights: each channel's submissions in the service's month.
-- lead marks one channel per month, so that one part per registration
-- carries it (counting registrations without count(DISTINCT reg)).
CREATE OR REPLACE TEMP TABLE weights AS
SELECT org, service, month, channel, CAST(sum(n) AS DOUBLE) AS n,
       CAST(sum(sum(n)) OVER (PARTITION BY org, service, month) AS DOUBLE) AS total,
       row_number() OVER (PARTITION BY org, service, month ORDER BY channel) = 1 AS lead
FROM (SELECT org, service, month, channel, n FROM sub_cells
      UNION ALL
      SELECT org, service, month, channel, count FROM vol WHERE NOT conflict)
GROUP BY org, service, month, channel
HAVING sum(n) > 0;

-- §3 rule 1: submissions sharing a case id split its minutes equally. Few
-- case ids are shared, so they are counted apart (no window over every
-- submission).
CREATE OR REPLACE TEMP TABLE shared_cases AS
SELECT org, case_id, count(*) AS n
FROM submissions WHERE case_id IS NOT NULL
GROUP BY ALL HAVING count(*) > 1;

-- Every registration's attributed parts, one row per (registration, place
-- it went), minutes split so that each registration's parts sum to its
-- minutes. One pass: a LEFT JOIN finds each one's submissions (rule 1) or
-- none (rules 2-4), a LEFT JOIN on the weights, keyed only for a rule 3
-- candidate, spreads it over the channels, and the role's rate becomes the
-- part's cost (§4 staff_cost: minutes/60 × the role's hourly rate).
-- cell_service, cell_channel and cell_month are the place it went: the
-- submission's for rule 1, else the registration's service, its channel
-- or the weights' channel (rule 3), and its work month. A view, never
-- written: metrics, benefits and data quality need only its sums
-- (attributed_sums), activities and the small-cell counts aggregate it in
-- one pass each (the columns a query does not read are pruned from its
-- plan).
CREATE OR REPLACE TEMP VIEW attribution_parts AS
WITH cases AS (
    SELECT s.rowid AS sid, s.org, s.case_id, coalesce(sh.n, 1) AS case_n,
           s.service AS s_service, s.channel AS s_channel,
           CAST(date_trunc('month', s.received_at) AS DATE) AS s_month
    FROM submissions s LEFT JOIN shared_cases sh ON sh.org = s.org AND sh.case_id = s.case_id
    WHERE s.case_id IS NOT NULL
), parts AS (
    SELECT t.org, t.minutes, coalesce(ro.rate, r.rate) AS rate, c.sid, c.case_n, w.n, w.total, w.channel AS w_channel,
           t.service, t.channel, CAST(date_trunc('month', t.work_date) AS DATE) AS work_month,
           c.s_service, c.s_channel, c.s_month, w.lead, t.employee, t.role, t.activity,
           CASE WHEN c.sid IS NOT NULL THEN 1
                -- Rule 2: pooled with channel, to (service, channel, month of work_date).
                WHEN t.service IS NOT NULL AND t.channel IS NOT NULL THEN 2
                -- Rule 3: pooled without channel, spread by that month's channel counts.
                WHEN w.channel IS NOT NULL THEN 3
                -- Rule 4: unattributed: no service, or no submissions to spread over.
                ELSE 4 END AS rule,
           t.case_id IS NOT NULL AND c.sid IS NULL AS orphan
    FROM time_registrations t
    LEFT JOIN cases c ON c.org = t.org AND c.case_id = t.case_id
    LEFT JOIN weights w ON w.org = t.org
        AND w.service = CASE WHEN c.sid IS NULL AND t.channel IS NULL THEN t.service END
        AND w.month = CAST(date_trunc('month', t.work_date) AS DATE)
    -- The role's rate on the day of work: the org's own (costs.rate_changes)
    -- when it has one then, else the common one.
    LEFT JOIN cfg_rates ro ON ro.role = t.role AND ro.org = t.org
        AND t.work_date >= ro.valid_from AND t.work_date < ro.valid_to
    LEFT JOIN cfg_rates r ON r.role = t.role AND r.org = ''
        AND t.work_date >= r.valid_from AND t.work_date < r.valid_to
), split AS (
    SELECT *, CASE rule WHEN 1 THEN minutes / case_n WHEN 3 THEN minutes * n / total ELSE minutes END AS part
    FROM parts
)
SELECT org, sid, part AS minutes, part / 60 * rate AS cost,
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
       employee, role, activity
FROM split;

-- The attributed minutes and cost summed in the one pass over the parts
-- (the join above runs once per connection), without writing them:
--   (sid): per submission, for rule 1 (sub below);
--   (the cell of rules 2-4, rule, orphan): per cell for rules 2-3
--     (cells_m below), and the minutes and registrations of rules 2-4 for
--     data quality (part_rules). A rule 1 part's cell is null here (its
--     sid has it): carrying the submission's month through the join for
--     it cost a third more time and memory.
-- Two grouping sets, not one group per (cell, sid): a small hash table on
-- the cell's strings and a large one on one integer are cheaper than a
-- large one on everything. The sid set also groups the parts without a
-- sid: HAVING drops that row.
CREATE OR REPLACE TEMP TABLE attributed_sums AS
SELECT sid, org, service, channel, month, rule, orphan,
       fsum(minutes) AS minutes, fsum(cost) AS cost,
       count(*) FILTER (WHERE lead) AS registrations,
       GROUPING(sid) = 0 AS by_sid
FROM attribution_parts
GROUP BY GROUPING SETS ((sid), (org, service, channel, month, rule, orphan))
HAVING GROUPING(sid) = 1 OR sid IS NOT NULL;

-- The minutes and cost of rules 2-4 by the cell they went to, rule and
-- orphan (a case id that matches no submission); registrations counts
-- each registration once (its lead part). Small (cells × rules), kept for
-- data quality (quality.sql), which takes rule 1's minutes from sub, so
-- that it does not make the join again.
CREATE OR REPLACE TEMP TABLE part_rules AS
SELECT org, service, channel, month, rule, orphan, minutes, cost, registrations
FROM attributed_sums WHERE NOT by_sid AND rule > 1;

-- §4 working time: every day from the first receipt to the last decision,
-- working (Mon–Fri, not a holiday) or not, with the number of working days
-- before it. A timestamp's place in working time is before × the office
-- day plus the office minutes of its own day up to it, so the working
-- minutes between two timestamps are a difference of two lookups.
CREATE OR REPLACE TEMP TABLE workdays AS
WITH span AS (
    SELECT CAST(min(received_at) AS DATE) AS first,
           CAST(greatest(max(received_at), max(decided_at)) AS DATE) AS last
    FROM submissions
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
-- case-linked minutes and cost (its share of a shared case), kept once for
-- every grain the metrics are asked for.
CREATE OR REPLACE TEMP TABLE sub AS
SELECT
    s.rowid AS sid, s.org, s.service, s.channel,
    CAST(date_trunc('month', s.received_at) AS DATE) AS month,
    -- §4 lead time: the plain difference of two wall-clock values, in days.
    CASE WHEN s.decided_at IS NOT NULL
         THEN (epoch_us(s.decided_at) - epoch_us(s.received_at)) / 86400e6 END AS lead_days,
    -- §4 after hours: weekend, holiday, or outside [office_start, office_end),
    -- unknown when the source gave a date without a time. 1 or 0 in one
    -- byte: avg() of these is the same share as of 1.0 and 0.0.
    CAST(CASE WHEN NOT s.received_time_known THEN NULL
         WHEN isodow(s.received_at) >= 6
           OR CAST(s.received_at AS DATE) IN (SELECT day FROM cfg_holidays)
           OR CAST(s.received_at AS TIME) < getvariable('office_start')
           OR CAST(s.received_at AS TIME) >= getvariable('office_end')
         THEN 1 ELSE 0 END AS UTINYINT) AS after_hours,
    -- §4 lead time in working days: office minutes between receipt and
    -- decision on working days, over the minutes of one office day.
    CASE WHEN s.decided_at IS NOT NULL
         THEN (gevinst_work_place(wd.before, wd.working, s.decided_at)
               - gevinst_work_place(wr.before, wr.working, s.received_at)) / gevinst_office_minutes() END AS lead_work_days,
    l.minutes AS case_minutes, l.cost AS case_cost
FROM submissions s LEFT JOIN (SELECT sid, minutes, cost FROM attributed_sums WHERE by_sid) l
    ON l.sid = s.rowid
LEFT JOIN workdays wr ON wr.day = CAST(s.received_at AS DATE)
LEFT JOIN workdays wd ON wd.day = CAST(s.decided_at AS DATE);

-- Month-grain cells (org, service, channel, month) over all data: the sums
-- every coarser period and every benefit is built from (never averages).
-- A cell's case-linked minutes are the sum of its submissions' case minutes.
CREATE OR REPLACE TEMP TABLE cells_m AS
WITH s AS (
    SELECT org, service, channel, month,
           CAST(sum(n) AS BIGINT) AS submissions, CAST(sum(d) AS BIGINT) AS decided
    FROM (SELECT org, service, channel, month, n, decided AS d FROM sub_cells
          UNION ALL
          SELECT org, service, channel, month, count, 0 FROM vol WHERE NOT conflict)
    GROUP BY ALL
), t AS (
    SELECT org, service, channel, month, fsum(minutes) AS staff_minutes, fsum(cost) AS staff_cost
    FROM (SELECT org, service, channel, month, case_minutes AS minutes, case_cost AS cost
          FROM sub WHERE case_minutes IS NOT NULL
          UNION ALL
          SELECT org, service, channel, month, minutes, cost FROM part_rules WHERE rule IN (2, 3))
    GROUP BY ALL
)
SELECT org, service, channel, month,
       coalesce(s.submissions, 0) AS submissions,
       coalesce(s.decided, 0) AS decided,
       coalesce(t.staff_minutes, 0) AS staff_minutes,
       CASE WHEN getvariable('costs_configured') THEN coalesce(t.staff_cost, 0) END AS staff_cost,
       CASE WHEN getvariable('costs_configured')
            THEN coalesce(s.submissions, 0) * coalesce(c.unit_cost, 0) END AS channel_cost
FROM s FULL JOIN t USING (org, service, channel, month)
LEFT JOIN cfg_channels c USING (channel);

-- Read by sub and part_rules only: its memory is the metrics' (10 M / 30 M
-- rows run against a 2 GB memory_limit).
DROP TABLE attributed_sums;
