-- SPEC §3 and the per-submission facts of §4, for all loaded data.
-- Builds two temp tables that every metric reads:
--   sub        one row per submission, with its month and per-submission facts;
--   attributed one row per (registration, place it went), minutes split so
--              that each registration's parts sum to its minutes.

CREATE OR REPLACE TEMP TABLE sub AS
SELECT
    org, submission_id, service, channel, received_at, decided_at, case_id,
    CAST(date_trunc('month', received_at) AS DATE) AS month,
    -- §3 rule 1: submissions sharing a case id split its minutes equally.
    CASE WHEN case_id IS NOT NULL THEN count(*) OVER (PARTITION BY org, case_id) END AS case_n,
    -- §4 lead time: the plain difference of two wall-clock values, in days.
    CASE WHEN decided_at IS NOT NULL
         THEN (epoch_us(decided_at) - epoch_us(received_at)) / 86400e6 END AS lead_days,
    -- §4 after hours: weekend, holiday, or outside [office_start, office_end);
    -- unknown when the source gave a date without a time.
    CASE WHEN NOT received_time_known THEN NULL
         WHEN isodow(received_at) >= 6
           OR CAST(received_at AS DATE) IN (SELECT day FROM cfg_holidays)
           OR CAST(received_at AS TIME) < getvariable('office_start')
           OR CAST(received_at AS TIME) >= getvariable('office_end')
         THEN 1.0 ELSE 0.0 END AS after_hours
FROM submissions;

-- SPEC §2.3: monthly volumes count as submissions without times, except
-- in a cell that also has submission rows: those win, and the volume row
-- is a conflict shown in data quality.
CREATE OR REPLACE TEMP TABLE vol AS
SELECT v.org, v.service, v.channel, v.period AS month, v.count,
       EXISTS (SELECT 1 FROM sub s WHERE s.org = v.org AND s.service = v.service
                 AND s.channel = v.channel AND s.month = v.period) AS conflict
FROM volumes v;

CREATE OR REPLACE TEMP TABLE attributed AS
-- One pass over the registrations: a LEFT JOIN finds each one's
-- submissions (rule 1) or none (rules 2-4), instead of a JOIN and an ANTI
-- JOIN that each probe every registration.
WITH joined AS MATERIALIZED (
    SELECT t.rowid AS reg, t.org, t.employee, t.role, t.work_date, t.minutes, t.case_id,
           t.service AS t_service, t.channel AS t_channel, t.activity,
           s.service AS s_service, s.channel AS s_channel, s.month AS s_month,
           s.submission_id, s.case_n
    FROM time_registrations t LEFT JOIN sub s ON s.org = t.org AND s.case_id = t.case_id
),
-- Rule 1: case-linked, to the submission's (service, channel, month).
linked AS (
    SELECT reg, org, s_service AS service, s_channel AS channel, s_month AS month, submission_id,
           minutes / case_n AS minutes, role, activity, employee,
           1 AS rule, false AS orphan
    FROM joined WHERE submission_id IS NOT NULL
),
unlinked AS MATERIALIZED (
    SELECT reg, org, employee, role, work_date, minutes, case_id,
           t_service AS service, t_channel AS channel, activity,
           CAST(date_trunc('month', work_date) AS DATE) AS work_month,
           case_id IS NOT NULL AS orphan
    FROM joined WHERE submission_id IS NULL
),
-- Rule 3 weights: each channel's submissions in the service's month.
weights AS MATERIALIZED (
    SELECT org, service, month, channel, CAST(sum(n) AS DOUBLE) AS n,
           CAST(sum(sum(n)) OVER (PARTITION BY org, service, month) AS DOUBLE) AS total
    FROM (SELECT org, service, month, channel, 1 AS n FROM sub
          UNION ALL
          SELECT org, service, month, channel, count FROM vol WHERE NOT conflict)
    GROUP BY org, service, month, channel
    HAVING sum(n) > 0
)
SELECT * FROM linked
UNION ALL
-- Rule 2: pooled with channel, to (service, channel, month of work_date).
SELECT reg, org, service, channel, work_month, NULL, minutes, role, activity, employee, 2, orphan
FROM unlinked
WHERE service IS NOT NULL AND channel IS NOT NULL
UNION ALL
-- Rule 3: pooled without channel, spread by that month's channel counts.
SELECT u.reg, u.org, u.service, w.channel, u.work_month, NULL, u.minutes * w.n / w.total,
       u.role, u.activity, u.employee, 3, u.orphan
FROM unlinked u JOIN weights w ON w.org = u.org AND w.service = u.service AND w.month = u.work_month
WHERE u.service IS NOT NULL AND u.channel IS NULL
UNION ALL
-- Rule 4: unattributed: no service, or no submissions to spread over.
SELECT u.reg, u.org, u.service, NULL, u.work_month, NULL, u.minutes, u.role, u.activity, u.employee, 4, u.orphan
FROM unlinked u
WHERE u.service IS NULL
   OR (u.channel IS NULL AND NOT EXISTS (
        SELECT 1 FROM weights w WHERE w.org = u.org AND w.service = u.service AND w.month = u.work_month));

-- Month-grain cells (org, service, channel, month) over all data: the sums
-- every coarser period and every benefit is built from (never averages).
CREATE OR REPLACE TEMP TABLE cells_m AS
WITH s AS (
    SELECT org, service, channel, month,
           CAST(sum(n) AS BIGINT) AS submissions, CAST(sum(d) AS BIGINT) AS decided
    FROM (SELECT org, service, channel, month, 1 AS n, CAST(decided_at IS NOT NULL AS INTEGER) AS d FROM sub
          UNION ALL
          SELECT org, service, channel, month, count, 0 FROM vol WHERE NOT conflict)
    GROUP BY ALL
), t AS (
    SELECT a.org, a.service, a.channel, a.month, fsum(a.minutes) AS staff_minutes,
           -- §4 staff_cost: minutes/60 x the role's hourly rate.
           fsum(a.minutes / 60 * r.rate) AS staff_cost
    FROM attributed a LEFT JOIN cfg_rates r ON r.role = a.role
    WHERE a.rule < 4
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

-- §4: each timed submission's case-linked minutes (its share of a shared
-- case), kept once for every grain the metrics are asked for.
CREATE OR REPLACE TEMP TABLE submission_minutes AS
SELECT org, submission_id, fsum(minutes) AS case_minutes
FROM attributed WHERE rule = 1 GROUP BY ALL;
