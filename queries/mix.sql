-- SPEC §4 channel mix at grain (org, service, period), one row per channel
-- with the cell's shares repeated: digital_share = Σ non-baseline-channel
-- submissions / submissions; target_share = target-channel submissions / submissions.
WITH per AS (
    SELECT org, service, gevinst_period(month) AS period, channel, sum(submissions) AS submissions
    FROM cells_m
    WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
      AND (getvariable('org') IS NULL OR org = getvariable('org'))
      AND (getvariable('service') IS NULL OR service = getvariable('service'))
    GROUP BY ALL
)
SELECT org, service, period, channel, submissions,
       sum(submissions) OVER w AS total,
       -- a group with no row of the channel has none of it: 0, not null
       coalesce(sum(submissions) FILTER (WHERE channel <> getvariable('baseline_channel')) OVER w, 0)
           / nullif(sum(submissions) OVER w, 0) AS digital_share,
       coalesce(sum(submissions) FILTER (WHERE channel = getvariable('target_channel')) OVER w, 0)
           / nullif(sum(submissions) OVER w, 0) AS target_share
FROM per
WINDOW w AS (PARTITION BY org, service, period)
ORDER BY org, service, period, channel;
