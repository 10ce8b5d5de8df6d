-- Staff minutes by activity and role at grain (org, service, channel,
-- period), rules 1–3 only: the "road to a simpler everyday" chart (SPEC §7).
-- From the kept figures (fig_work: minutes by month cell, activity and
-- role, with the employees behind them as a bitstring).
SELECT org, service, channel, gevinst_period(month) AS period, activity, role,
       fsum(minutes) AS staff_minutes,
       bit_count(bit_or(emps)) AS employees
FROM fig_work
WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
  AND (getvariable('org') IS NULL OR org = getvariable('org'))
  AND (getvariable('service') IS NULL OR service = getvariable('service'))
GROUP BY ALL
ORDER BY org, service, channel, period, activity, role;
