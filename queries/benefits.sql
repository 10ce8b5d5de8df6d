-- SPEC §5 at grain (org, service, period): baseline unit cost B (minutes)
-- and Bc (money) per (org, service), then counterfactual, actual, saved,
-- value, cash/capacity split and potential per period; then gevinst's
-- uncertainty (the standard error of B), rolling 12-month totals and the
-- annualised run-rate.
WITH svc AS (
    -- Each (org, service)'s settings: the org's own baseline window and
    -- cash decision (services.<code>.orgs) where set, else the service's.
    SELECT k.org, k.service,
           CASE WHEN o.window_from IS NOT NULL THEN o.window_from ELSE c.window_from END AS window_from,
           CASE WHEN o.window_from IS NOT NULL THEN o.window_to ELSE c.window_to END AS window_to,
           coalesce(o.cash_share, c.cash_share) AS cash_share,
           CASE WHEN o.cash_share IS NOT NULL THEN o.cash_from ELSE c.cash_from END AS cash_from
    FROM (SELECT DISTINCT org, service FROM cells_m) k
    LEFT JOIN cfg_services c ON c.service = k.service AND c.org = ''
    LEFT JOIN cfg_services o ON o.service = k.service AND o.org = k.org
), rng AS (
    SELECT * FROM cells_m
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
), keys AS (
    SELECT DISTINCT org, service FROM rng
), case_minutes AS (
    -- The timed submissions' case-linked minutes (§4) per month cell: their
    -- count, sum and sum of squares (fig_sub_month), which add up over
    -- months to the standard error of any window.
    SELECT org, service, channel, month, timed_submissions AS n, case_sum AS s1, case_sumsq AS s2
    FROM fig_sub_month WHERE timed_submissions > 0
), win AS (
    -- A configured baseline window: all channels in those months.
    SELECT c.org, c.service,
           sum(c.submissions) AS n,
           fsum(c.staff_minutes) / nullif(sum(c.submissions), 0) AS b,
           (fsum(c.staff_cost) + fsum(c.channel_cost)) / nullif(sum(c.submissions), 0) AS bc,
           fsum(c.staff_cost) / nullif(fsum(c.staff_minutes), 0) AS rate
    FROM cells_m c JOIN svc w ON w.org = c.org AND w.service = c.service
    WHERE w.window_from IS NOT NULL AND c.month BETWEEN w.window_from AND w.window_to
    GROUP BY ALL
), win_se AS (
    SELECT c.org, c.service, CAST(sum(c.n) AS BIGINT) AS n,
           gevinst_se(CAST(sum(c.n) AS BIGINT), fsum(c.s1), fsum(c.s2)) AS se
    FROM case_minutes c JOIN svc w ON w.org = c.org AND w.service = c.service
    WHERE w.window_from IS NOT NULL AND c.month BETWEEN w.window_from AND w.window_to
    GROUP BY ALL
), chan_range AS (
    -- The baseline channel over the reporting range.
    SELECT org, service, sum(submissions) AS n,
           fsum(staff_minutes) / nullif(sum(submissions), 0) AS b,
           (fsum(staff_cost) + fsum(channel_cost)) / nullif(sum(submissions), 0) AS bc,
           fsum(staff_cost) / nullif(fsum(staff_minutes), 0) AS rate
    FROM rng WHERE channel = getvariable('baseline_channel') GROUP BY ALL
), chan_range_se AS (
    SELECT org, service, CAST(sum(n) AS BIGINT) AS n,
           gevinst_se(CAST(sum(n) AS BIGINT), fsum(s1), fsum(s2)) AS se
    FROM case_minutes
    WHERE channel = getvariable('baseline_channel')
      AND month BETWEEN getvariable('from_month') AND getvariable('to_month')
    GROUP BY ALL
), chan_all AS (
    -- The baseline channel over all loaded data.
    SELECT org, service, sum(submissions) AS n,
           fsum(staff_minutes) / nullif(sum(submissions), 0) AS b,
           (fsum(staff_cost) + fsum(channel_cost)) / nullif(sum(submissions), 0) AS bc,
           fsum(staff_cost) / nullif(fsum(staff_minutes), 0) AS rate
    FROM cells_m WHERE channel = getvariable('baseline_channel') GROUP BY ALL
), chan_all_se AS (
    SELECT org, service, CAST(sum(n) AS BIGINT) AS n,
           gevinst_se(CAST(sum(n) AS BIGINT), fsum(s1), fsum(s2)) AS se
    FROM case_minutes WHERE channel = getvariable('baseline_channel') GROUP BY ALL
), base AS (
    SELECT k.org, k.service, coalesce(sv.cash_share, 0) AS cash_share, sv.cash_from,
        CASE WHEN sv.window_from IS NOT NULL THEN w.b
             WHEN cr.n >= getvariable('min_submissions') THEN cr.b
             WHEN ca.n >= getvariable('min_submissions') THEN ca.b END AS b,
        CASE WHEN sv.window_from IS NOT NULL THEN w.bc
             WHEN cr.n >= getvariable('min_submissions') THEN cr.bc
             WHEN ca.n >= getvariable('min_submissions') THEN ca.bc END AS bc,
        -- The baseline's staff cost per staff minute: prices B's interval.
        CASE WHEN sv.window_from IS NOT NULL THEN w.rate
             WHEN cr.n >= getvariable('min_submissions') THEN cr.rate
             WHEN ca.n >= getvariable('min_submissions') THEN ca.rate END AS rate,
        -- §5 uncertainty: the standard error and n of the case-linked
        -- minutes of the timed submissions behind B, by the same rule.
        CASE WHEN sv.window_from IS NOT NULL THEN CASE WHEN w.b IS NOT NULL THEN coalesce(ws.n, 0) END
             WHEN cr.n >= getvariable('min_submissions') THEN coalesce(crs.n, 0)
             WHEN ca.n >= getvariable('min_submissions') THEN coalesce(cas.n, 0) END AS ci_n,
        CASE WHEN sv.window_from IS NOT NULL THEN ws.se
             WHEN cr.n >= getvariable('min_submissions') THEN crs.se
             WHEN ca.n >= getvariable('min_submissions') THEN cas.se END AS se,
        CASE WHEN sv.window_from IS NOT NULL AND w.b IS NOT NULL
                THEN format('baseline window {}..{} ({} submissions, all channels)',
                            strftime(sv.window_from, '%Y-%m'), strftime(sv.window_to, '%Y-%m'), w.n)
             WHEN sv.window_from IS NOT NULL
                THEN format('not computable: no submissions in baseline window {}..{}',
                            strftime(sv.window_from, '%Y-%m'), strftime(sv.window_to, '%Y-%m'))
             WHEN cr.n >= getvariable('min_submissions')
                THEN format('{} channel, reporting range ({} submissions)', getvariable('baseline_channel'), cr.n)
             WHEN ca.n >= getvariable('min_submissions')
                THEN format('{} channel, all loaded data ({} submissions)', getvariable('baseline_channel'), ca.n)
             ELSE format('not computable: {} {} submissions in all loaded data, fewer than baseline.min_submissions = {}',
                         coalesce(ca.n, 0), getvariable('baseline_channel'), getvariable('min_submissions'))
        END AS basis
    FROM keys k
    LEFT JOIN svc sv ON sv.org = k.org AND sv.service = k.service
    LEFT JOIN win w ON w.org = k.org AND w.service = k.service
    LEFT JOIN chan_range cr ON cr.org = k.org AND cr.service = k.service
    LEFT JOIN chan_all ca ON ca.org = k.org AND ca.service = k.service
    LEFT JOIN win_se ws ON ws.org = k.org AND ws.service = k.service
    LEFT JOIN chan_range_se crs ON crs.org = k.org AND crs.service = k.service
    LEFT JOIN chan_all_se cas ON cas.org = k.org AND cas.service = k.service
), unit AS (
    -- U: each channel's minutes per submission over the reporting range.
    SELECT org, service, channel, fsum(staff_minutes) / nullif(sum(submissions), 0) AS u
    FROM rng GROUP BY ALL
), per AS (
    -- cash_*: the months from the service's cash decision (cash_from) on,
    -- the only ones whose value saved is cash-releasing.
    SELECT r.org, r.service, gevinst_period(r.month) AS period, r.channel,
           sum(r.submissions) AS submissions, fsum(r.staff_minutes) AS staff_minutes,
           fsum(r.staff_cost) + fsum(r.channel_cost) AS cost,
           sum(CASE WHEN cs.cash_from IS NULL OR r.month >= cs.cash_from THEN r.submissions ELSE 0 END) AS cash_submissions,
           fsum(CASE WHEN cs.cash_from IS NULL OR r.month >= cs.cash_from THEN r.staff_cost + r.channel_cost ELSE 0 END) AS cash_cost
    FROM rng r LEFT JOIN svc cs ON cs.org = r.org AND cs.service = r.service GROUP BY ALL
), cell AS (
    SELECT p.org, p.service, p.period,
           sum(p.submissions) AS submissions,
           fsum(p.staff_minutes) AS actual_minutes,
           fsum(p.cost) AS actual_cost,
           sum(p.cash_submissions) AS cash_submissions, fsum(p.cash_cost) AS cash_cost,
           -- §5 potential: Σ over c ≠ target of submissions_c × (U_c − U_target).
           fsum(CASE WHEN p.channel <> getvariable('target_channel') AND p.submissions > 0
                    THEN p.submissions * (u.u - ut.u) ELSE 0 END) AS potential_raw,
           any_value(ut.u) AS u_target
    FROM per p
    LEFT JOIN unit u ON u.org = p.org AND u.service = p.service AND u.channel = p.channel
    LEFT JOIN unit ut ON ut.org = p.org AND ut.service = p.service AND ut.channel = getvariable('target_channel')
    GROUP BY p.org, p.service, p.period
), months AS (
    -- The calendar months of the reporting range and their periods.
    SELECT CAST(m AS DATE) AS month, gevinst_period(CAST(m AS DATE)) AS period
    FROM range(getvariable('from_month'), getvariable('to_month') + INTERVAL 1 MONTH, INTERVAL 1 MONTH) t(m)
), pm AS (
    SELECT period, count(*) AS months, max(month) AS last_month FROM months GROUP BY period
), first_data AS (
    -- The first month holding any data (as range.sql).
    SELECT least(
        (SELECT CAST(date_trunc('month', min(received_at)) AS DATE) FROM submissions),
        (SELECT CAST(date_trunc('month', min(work_date)) AS DATE) FROM time_registrations),
        (SELECT min(period) FROM volumes)) AS m
), mon AS (
    SELECT org, service, month, sum(submissions) AS subs, fsum(staff_minutes) AS mins,
           fsum(staff_cost) + fsum(channel_cost) AS cost
    FROM cells_m GROUP BY ALL
), roll AS (
    -- Rolling 12 months: the 12 months ending with the period's last month
    -- in the range, over all loaded data (not cut at the range's start);
    -- incomplete (null) when they reach before the first month with data.
    SELECT c.org, c.service, c.period, pm.months AS period_months,
           pm.last_month >= (SELECT m FROM first_data) + INTERVAL 11 MONTH AS complete,
           coalesce(sum(mo.subs), 0) AS subs, coalesce(fsum(mo.mins), 0) AS mins, fsum(mo.cost) AS cost
    FROM cell c JOIN pm USING (period)
    LEFT JOIN mon mo ON mo.org = c.org AND mo.service = c.service
        AND mo.month BETWEEN pm.last_month - INTERVAL 11 MONTH AND pm.last_month
    GROUP BY ALL
)
SELECT
    c.org, c.service, c.period,
    c.submissions,
    c.submissions * b.b AS counterfactual_minutes,
    c.actual_minutes,
    c.submissions * b.b - c.actual_minutes AS minutes_saved,
    (c.submissions * b.b - c.actual_minutes) / 60 AS hours_saved,
    (c.submissions * b.b - c.actual_minutes) / 60 / getvariable('hours_per_fte') AS fte_saved,
    c.submissions * b.bc - c.actual_cost AS value_saved,
    -- A dated cash decision (cash_from) counts only the months from it.
    CASE WHEN b.cash_from IS NULL THEN (c.submissions * b.bc - c.actual_cost) * b.cash_share
         ELSE (c.cash_submissions * b.bc - c.cash_cost) * b.cash_share END AS cash_releasing,
    CASE WHEN b.cash_from IS NULL THEN (c.submissions * b.bc - c.actual_cost) * (1 - b.cash_share)
         ELSE (c.submissions * b.bc - c.actual_cost) - (c.cash_submissions * b.bc - c.cash_cost) * b.cash_share END AS capacity_freed,
    CASE WHEN c.u_target IS NOT NULL THEN c.potential_raw END AS potential_minutes,
    b.b AS baseline_minutes_per_submission,
    b.basis AS baseline_basis,
    b.se AS baseline_se,
    b.ci_n,
    CASE WHEN r.complete THEN (r.subs * b.b - r.mins) / 60 END AS hours_saved_12m,
    CASE WHEN r.complete THEN (r.subs * b.b - r.mins) / 60 / getvariable('hours_per_fte') END AS fte_saved_12m,
    CASE WHEN r.complete THEN r.subs * b.bc - r.cost END AS value_saved_12m,
    -- Annualised run-rate: the period's figure × 12 / its months in the range.
    (c.submissions * b.b - c.actual_minutes) / 60 * 12 / r.period_months AS hours_saved_run_rate,
    (c.submissions * b.b - c.actual_minutes) / 60 / getvariable('hours_per_fte') * 12 / r.period_months AS fte_saved_run_rate,
    (c.submissions * b.bc - c.actual_cost) * 12 / r.period_months AS value_saved_run_rate,
    -- The money behind value_saved, so it can be redone by hand.
    b.bc AS baseline_cost_per_submission,
    c.submissions * b.bc AS counterfactual_cost,
    c.actual_cost,
    b.rate AS baseline_cost_per_minute
FROM cell c JOIN base b USING (org, service)
JOIN roll r USING (org, service, period)
WHERE (getvariable('org') IS NULL OR c.org = getvariable('org'))
  AND (getvariable('service') IS NULL OR c.service = getvariable('service'))
ORDER BY c.org, c.service, c.period;
