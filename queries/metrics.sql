-- SPEC §4 at grain (org, service, channel, period), period per
-- getvariable('grain'), restricted to [from_month, to_month] and the
-- optional org/service filters. Sums come from cells_m; quantiles and
-- shares from the submissions' own values (never averages of averages),
-- as kept by the import (figures_sub_month.sql): at month grain per cell
-- in fig_sub_month; over several months its sums added up, and the
-- quantiles from sub_quant, each month cell's values in buckets. No
-- reader here touches a row per submission.
WITH s_month AS (
    SELECT org, service, channel, gevinst_period(month) AS period,
           timed_submissions, case_q, lead_q, work_q,
           touch_minutes / (touch_work_days * gevinst_office_minutes()) AS touch_time_share,
           after_hours_share, case_minutes_se
    FROM fig_sub_month
    WHERE getvariable('grain') = 'month'
      AND month BETWEEN getvariable('from_month') AND getvariable('to_month')
), s_sums AS (
    -- Over several months, the month cells' sums added up (Σ, Σ² and
    -- counts are additive; the same as over the submissions up to the
    -- order of addition).
    SELECT org, service, channel, gevinst_period_start(month) AS period_start,
           sum(timed_submissions) AS timed_submissions,
           -- Touch time ÷ working time, over the decided timed
           -- submissions whose lead time has working time.
           fsum(touch_minutes) / (fsum(touch_work_days) * gevinst_office_minutes()) AS touch_time_share,
           -- As avg() divides: the sum over the count, in doubles.
           CAST(sum(after_hours_sum) AS DOUBLE) / CAST(sum(after_hours_n) AS DOUBLE) AS after_hours_share,
           -- §5 uncertainty: the standard error of the mean case-linked
           -- minutes, s / √n over the timed submissions (null when n < 2).
           gevinst_se(sum(timed_submissions), fsum(case_sum), fsum(case_sumsq)) AS case_minutes_se
    FROM fig_sub_month
    WHERE getvariable('grain') <> 'month'
      AND month BETWEEN getvariable('from_month') AND getvariable('to_month')
    GROUP BY ALL
), q_src AS (
    -- The quantiles over several months, exact, from the kept buckets
    -- (sub_quant, 0005_fig_quant.sql) instead of every submission:
    -- the counts find the bucket that holds each rank, and only the
    -- values of those buckets are sorted. Figure 1 is the case minutes,
    -- 2 the lead days, 3 the lead working days. (Without the values:
    -- q_sorted reads them for the buckets it needs.)
    SELECT org, service, channel, gevinst_period_start(month) AS period_start, figure, bucket, n
    FROM sub_quant
    WHERE getvariable('grain') <> 'month'
      AND month BETWEEN getvariable('from_month') AND getvariable('to_month')
), q_buckets AS (
    SELECT *,
           CAST(sum(n) OVER (PARTITION BY org, service, channel, period_start, figure ORDER BY bucket
                             ROWS UNBOUNDED PRECEDING) - n AS BIGINT) AS below,
           CAST(sum(n) OVER (PARTITION BY org, service, channel, period_start, figure) AS BIGINT) AS total
    FROM (SELECT org, service, channel, period_start, figure, bucket, sum(n) AS n FROM q_src GROUP BY ALL)
), q_ranks AS (
    -- DuckDB's quantile_cont: rank rn = (n − 1)·q, the values at its
    -- floor and ceiling (0-based) interpolated, in doubles as DuckDB does.
    SELECT org, service, channel, period_start, figure, q, rn,
           CAST(floor(rn) AS BIGINT) AS k1, CAST(ceil(rn) AS BIGINT) AS k2
    FROM (SELECT DISTINCT org, service, channel, period_start, figure, total FROM q_buckets),
         (SELECT unnest([0.5::DOUBLE, 0.9::DOUBLE]) AS q),
         LATERAL (SELECT CAST(total - 1 AS DOUBLE) * q AS rn)
), q_hits AS (
    -- The buckets that hold rank k1 or k2, with the count below each.
    SELECT r.*, b.bucket, b.below
    FROM q_ranks r JOIN q_buckets b USING (org, service, channel, period_start, figure)
    WHERE b.below + b.n > r.k1 AND b.below <= r.k2
), q_sorted AS (
    SELECT org, service, channel, period_start, figure, bucket, list_sort(flatten(list(vals))) AS vs
    FROM (SELECT org, service, channel, gevinst_period_start(month) AS period_start, figure, bucket, vals
          FROM sub_quant
          WHERE getvariable('grain') <> 'month'
            AND month BETWEEN getvariable('from_month') AND getvariable('to_month'))
    SEMI JOIN q_hits USING (org, service, channel, period_start, figure, bucket)
    GROUP BY ALL
), q_picked AS (
    SELECT h.org, h.service, h.channel, h.period_start, h.figure, h.q, h.rn, h.k1, h.k2,
           max(v.vs[h.k1 - h.below + 1]) FILTER (WHERE h.k1 >= h.below AND h.k1 < h.below + len(v.vs)) AS v1,
           max(v.vs[h.k2 - h.below + 1]) FILTER (WHERE h.k2 >= h.below AND h.k2 < h.below + len(v.vs)) AS v2
    FROM q_hits h JOIN q_sorted v USING (org, service, channel, period_start, figure, bucket)
    GROUP BY ALL
), q AS (
    SELECT org, service, channel, period_start,
           list(val ORDER BY q) FILTER (WHERE figure = 1) AS case_q,
           list(val ORDER BY q) FILTER (WHERE figure = 2) AS lead_q,
           list(val ORDER BY q) FILTER (WHERE figure = 3) AS work_q
    FROM (SELECT *, CASE WHEN k1 = k2 THEN v1
                         ELSE v1 * (1.0 - (rn - floor(rn))) + v2 * (rn - floor(rn)) END AS val
          FROM q_picked)
    GROUP BY ALL
), s_other AS (
    SELECT org, service, channel, gevinst_period(period_start) AS period,
           s.timed_submissions, q.case_q, q.lead_q, q.work_q,
           s.touch_time_share, s.after_hours_share, s.case_minutes_se
    FROM s_sums s LEFT JOIN q USING (org, service, channel, period_start)
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
