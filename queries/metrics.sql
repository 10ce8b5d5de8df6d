-- SPEC §4 at grain (org, service, channel, period), period per
-- getvariable('grain'), restricted to [from_month, to_month] and the
-- optional org/service filters. Sums come from cells_m; quantiles and
-- shares from the submissions themselves (never averages of averages).
-- sub (the kept figures, figures_views.sql) holds each submission's
-- facts; at month grain they come per cell from fig_sub_month, the same
-- aggregates kept by the import.
WITH s_month AS (
    SELECT org, service, channel, gevinst_period(month) AS period,
           timed_submissions, case_q, lead_q, work_q,
           touch_minutes / (touch_work_days * gevinst_office_minutes()) AS touch_time_share,
           after_hours_share, case_minutes_se
    FROM fig_sub_month
    WHERE getvariable('grain') = 'month'
      AND month BETWEEN getvariable('from_month') AND getvariable('to_month')
), per_submission AS (
    -- The period's first month as a date, labelled after grouping: one
    -- label per group, not one strftime per submission.
    SELECT org, service, channel,
           CASE getvariable('grain') WHEN 'month' THEN month
                WHEN 'quarter' THEN CAST(date_trunc('quarter', month) AS DATE)
                WHEN 'year' THEN CAST(date_trunc('year', month) AS DATE)
                ELSE getvariable('from_month') END AS period_start,
           lead_days, lead_work_days, after_hours, case_minutes
    FROM sub
    WHERE getvariable('grain') <> 'month'
      AND month BETWEEN getvariable('from_month') AND getvariable('to_month')
), s_other AS (
    SELECT org, service, channel, gevinst_period(period_start) AS period,
           count(case_minutes) AS timed_submissions,
           -- One state per column for both quantiles: half the memory and
           -- time of one quantile_cont per figure, the same values.
           quantile_cont(case_minutes, [0.5, 0.9]) AS case_q,
           quantile_cont(lead_days, [0.5, 0.9]) AS lead_q,
           quantile_cont(lead_work_days, [0.5, 0.9]) AS work_q,
           -- Touch time ÷ working time, over the decided timed
           -- submissions whose lead time has working time.
           fsum(case_minutes) FILTER (WHERE lead_work_days > 0)
               / (fsum(lead_work_days) FILTER (WHERE case_minutes IS NOT NULL AND lead_work_days > 0)
                  * gevinst_office_minutes()) AS touch_time_share,
           avg(after_hours) AS after_hours_share,
           -- §5 uncertainty: the standard error of the mean case-linked
           -- minutes, s / √n over the timed submissions (null when n < 2).
           gevinst_se(count(case_minutes), fsum(case_minutes), fsum(case_minutes * case_minutes)) AS case_minutes_se
    FROM per_submission GROUP BY org, service, channel, period_start
), s AS (
    SELECT * FROM s_month
    UNION ALL
    SELECT * FROM s_other
), c AS (
    SELECT org, service, channel, gevinst_period(month) AS period,
           sum(submissions) AS submissions, sum(decided) AS decided,
           fsum(staff_minutes) AS staff_minutes,
           fsum(staff_cost) AS staff_cost, fsum(channel_cost) AS channel_cost
    FROM cells_m
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
    GROUP BY ALL
)
SELECT
    c.org, c.service, c.channel, c.period,
    c.submissions,
    c.decided,
    c.staff_minutes,
    c.staff_minutes / nullif(c.submissions, 0) AS minutes_per_submission,
    coalesce(s.timed_submissions, 0) AS timed_submissions,
    coalesce(s.timed_submissions, 0) / nullif(c.submissions, 0) AS timed_coverage,
    s.case_q[1] AS median_case_minutes,
    s.case_q[2] AS p90_case_minutes,
    s.lead_q[1] AS lead_time_median_days,
    s.lead_q[2] AS lead_time_p90_days,
    s.after_hours_share,
    c.staff_cost,
    (c.staff_cost + c.channel_cost) / nullif(c.submissions, 0) AS cost_per_submission,
    s.case_minutes_se,
    s.work_q[1] AS lead_time_median_working_days,
    s.work_q[2] AS lead_time_p90_working_days,
    s.touch_time_share
FROM c LEFT JOIN s USING (org, service, channel, period)
WHERE (getvariable('org') IS NULL OR c.org = getvariable('org'))
  AND (getvariable('service') IS NULL OR c.service = getvariable('service'))
ORDER BY c.org, c.service, c.channel, c.period;
