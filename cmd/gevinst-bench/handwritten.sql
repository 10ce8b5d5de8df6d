-- The yardstick of SPEC §10: ONE hand-written DuckDB statement that
-- computes the §4 metrics table at month grain over all loaded data,
-- §3 attribution included, straight from the stored tables. gevinst's
-- metrics + benefits are timed against it. Volumes are left out (the
-- benchmark has none). The rates and unit costs are the benchmark
-- config's (bench.Rates, bench.UnitCosts); ? is the list of public
-- holidays as 'YYYY-MM-DD,...'. bench_test.go checks that it returns
-- gevinst's own metrics table.
WITH hol AS (
    SELECT CAST(unnest(string_split(?, ',')) AS DATE) AS day
), rates(role, rate) AS (
    VALUES ('reception', 520.0), ('clerk', 560.0), ('case_officer', 690.0), ('archive', 540.0)
), unit_costs(channel, unit_cost) AS (
    VALUES ('paper', 12.0), ('eform', 4.0), ('integrated', 6.0)
), sub AS (
    SELECT org, submission_id, service, channel, case_id, decided_at,
           CAST(date_trunc('month', received_at) AS DATE) AS month,
           count(*) OVER (PARTITION BY org, case_id) AS case_n,
           (epoch_us(decided_at) - epoch_us(received_at)) / 86400e6 AS lead_days,
           CASE WHEN NOT received_time_known THEN NULL
                WHEN isodow(received_at) >= 6
                  OR CAST(received_at AS DATE) IN (SELECT day FROM hol)
                  OR CAST(received_at AS TIME) < TIME '08:00:00'
                  OR CAST(received_at AS TIME) >= TIME '15:30:00'
                THEN 1.0 ELSE 0.0 END AS after_hours
    FROM submissions
), t AS (
    SELECT tr.*, r.rate, CAST(date_trunc('month', work_date) AS DATE) AS work_month
    FROM time_registrations tr LEFT JOIN rates r USING (role)
), linked AS (
    -- §3 rule 1: to the submission's cell, split over a shared case.
    SELECT s.org, s.submission_id, s.service, s.channel, s.month,
           t.minutes / s.case_n AS minutes, t.minutes / s.case_n / 60 * t.rate AS cost
    FROM t JOIN sub s ON s.org = t.org AND s.case_id = t.case_id
), unlinked AS (
    SELECT t.* FROM t ANTI JOIN sub s ON s.org = t.org AND s.case_id = t.case_id
), weights AS (
    SELECT org, service, month, channel, count(*) AS n,
           sum(count(*)) OVER (PARTITION BY org, service, month) AS total
    FROM sub GROUP BY org, service, month, channel
), pooled AS (
    -- §3 rule 2: pooled with a channel.
    SELECT org, service, channel, work_month AS month, minutes, minutes / 60 * rate AS cost
    FROM unlinked WHERE service IS NOT NULL AND channel IS NOT NULL
    UNION ALL
    -- §3 rule 3: spread over the month's channels by submission counts.
    SELECT u.org, u.service, w.channel, u.work_month, u.minutes * w.n / w.total,
           u.minutes * w.n / w.total / 60 * u.rate
    FROM unlinked u JOIN weights w ON w.org = u.org AND w.service = u.service AND w.month = u.work_month
    WHERE u.service IS NOT NULL AND u.channel IS NULL
), per_sub AS (
    SELECT s.org, s.service, s.channel, s.month, s.decided_at, s.lead_days, s.after_hours, c.case_minutes
    FROM sub s LEFT JOIN (
        SELECT org, submission_id, sum(minutes) AS case_minutes FROM linked GROUP BY ALL
    ) c USING (org, submission_id)
), subs AS (
    SELECT org, service, channel, month,
           count(*) AS submissions, count(decided_at) AS decided,
           count(case_minutes) AS timed_submissions,
           quantile_cont(case_minutes, 0.5) AS median_case_minutes,
           quantile_cont(case_minutes, 0.9) AS p90_case_minutes,
           quantile_cont(lead_days, 0.5) AS lead_time_median_days,
           quantile_cont(lead_days, 0.9) AS lead_time_p90_days,
           avg(after_hours) AS after_hours_share
    FROM per_sub GROUP BY ALL
), mins AS (
    SELECT org, service, channel, month, sum(minutes) AS staff_minutes, sum(cost) AS staff_cost
    FROM (SELECT org, service, channel, month, minutes, cost FROM linked
          UNION ALL SELECT * FROM pooled)
    GROUP BY ALL
)
SELECT org, service, channel, strftime(month, '%Y-%m') AS period,
       coalesce(s.submissions, 0) AS submissions,
       coalesce(s.decided, 0) AS decided,
       coalesce(m.staff_minutes, 0) AS staff_minutes,
       coalesce(m.staff_minutes, 0) / nullif(s.submissions, 0) AS minutes_per_submission,
       coalesce(s.timed_submissions, 0) AS timed_submissions,
       coalesce(s.timed_submissions, 0) / nullif(s.submissions, 0) AS timed_coverage,
       s.median_case_minutes, s.p90_case_minutes,
       s.lead_time_median_days, s.lead_time_p90_days,
       s.after_hours_share,
       coalesce(m.staff_cost, 0) AS staff_cost,
       (coalesce(m.staff_cost, 0) + coalesce(s.submissions, 0) * coalesce(u.unit_cost, 0)) / nullif(s.submissions, 0)
           AS cost_per_submission
FROM subs s FULL JOIN mins m USING (org, service, channel, month)
LEFT JOIN unit_costs u USING (channel)
ORDER BY org, service, channel, period;
