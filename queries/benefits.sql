-- SPEC §5 at grain (org, service, period): baseline unit cost B (minutes)
-- and Bc (money) per (org, service), then counterfactual, actual, saved,
-- value, cash/capacity split and potential per period.
WITH rng AS (
    SELECT * FROM cells_m
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
), keys AS (
    SELECT DISTINCT org, service FROM rng
), win AS (
    -- A configured baseline window: all channels in those months.
    SELECT c.org, c.service,
           sum(c.submissions) AS n,
           sum(c.staff_minutes) / nullif(sum(c.submissions), 0) AS b,
           (sum(c.staff_cost) + sum(c.channel_cost)) / nullif(sum(c.submissions), 0) AS bc
    FROM cells_m c JOIN cfg_services w ON w.service = c.service
    WHERE w.window_from IS NOT NULL AND c.month BETWEEN w.window_from AND w.window_to
    GROUP BY ALL
), chan_range AS (
    -- The baseline channel over the reporting range.
    SELECT org, service, sum(submissions) AS n,
           sum(staff_minutes) / nullif(sum(submissions), 0) AS b,
           (sum(staff_cost) + sum(channel_cost)) / nullif(sum(submissions), 0) AS bc
    FROM rng WHERE channel = getvariable('baseline_channel') GROUP BY ALL
), chan_all AS (
    -- The baseline channel over all loaded data.
    SELECT org, service, sum(submissions) AS n,
           sum(staff_minutes) / nullif(sum(submissions), 0) AS b,
           (sum(staff_cost) + sum(channel_cost)) / nullif(sum(submissions), 0) AS bc
    FROM cells_m WHERE channel = getvariable('baseline_channel') GROUP BY ALL
), base AS (
    SELECT k.org, k.service, coalesce(sv.cash_share, 0) AS cash_share,
        CASE WHEN sv.window_from IS NOT NULL THEN w.b
             WHEN cr.n >= getvariable('min_submissions') THEN cr.b
             WHEN ca.n >= getvariable('min_submissions') THEN ca.b END AS b,
        CASE WHEN sv.window_from IS NOT NULL THEN w.bc
             WHEN cr.n >= getvariable('min_submissions') THEN cr.bc
             WHEN ca.n >= getvariable('min_submissions') THEN ca.bc END AS bc,
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
    LEFT JOIN cfg_services sv ON sv.service = k.service
    LEFT JOIN win w ON w.org = k.org AND w.service = k.service
    LEFT JOIN chan_range cr ON cr.org = k.org AND cr.service = k.service
    LEFT JOIN chan_all ca ON ca.org = k.org AND ca.service = k.service
), unit AS (
    -- U: each channel's minutes per submission over the reporting range.
    SELECT org, service, channel, sum(staff_minutes) / nullif(sum(submissions), 0) AS u
    FROM rng GROUP BY ALL
), per AS (
    SELECT r.org, r.service, gevinst_period(r.month) AS period, r.channel,
           sum(r.submissions) AS submissions, sum(r.staff_minutes) AS staff_minutes,
           sum(r.staff_cost) + sum(r.channel_cost) AS cost
    FROM rng r GROUP BY ALL
), cell AS (
    SELECT p.org, p.service, p.period,
           sum(p.submissions) AS submissions,
           sum(p.staff_minutes) AS actual_minutes,
           sum(p.cost) AS actual_cost,
           -- §5 potential: Σ over c ≠ target of submissions_c × (U_c − U_target).
           sum(CASE WHEN p.channel <> getvariable('target_channel') AND p.submissions > 0
                    THEN p.submissions * (u.u - ut.u) ELSE 0 END) AS potential_raw,
           any_value(ut.u) AS u_target
    FROM per p
    LEFT JOIN unit u ON u.org = p.org AND u.service = p.service AND u.channel = p.channel
    LEFT JOIN unit ut ON ut.org = p.org AND ut.service = p.service AND ut.channel = getvariable('target_channel')
    GROUP BY p.org, p.service, p.period
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
    (c.submissions * b.bc - c.actual_cost) * b.cash_share AS cash_releasing,
    (c.submissions * b.bc - c.actual_cost) * (1 - b.cash_share) AS capacity_freed,
    CASE WHEN c.u_target IS NOT NULL THEN c.potential_raw END AS potential_minutes,
    b.b AS baseline_minutes_per_submission,
    b.basis AS baseline_basis
FROM cell c JOIN base b USING (org, service)
WHERE (getvariable('org') IS NULL OR c.org = getvariable('org'))
  AND (getvariable('service') IS NULL OR c.service = getvariable('service'))
ORDER BY c.org, c.service, c.period;
