-- Staff minutes by activity and role at grain (org, service, channel,
-- period), rules 1–3 only: the "road to a simpler everyday" chart (SPEC §7).
-- One pass over the attributed parts, which carry their registration's
-- activity, role and employee.
SELECT org, cell_service AS service, cell_channel AS channel, gevinst_period(cell_month) AS period,
       coalesce(activity, '') AS activity, coalesce(role, '') AS role,
       fsum(minutes) AS staff_minutes,
       count(DISTINCT employee) AS employees
FROM attribution_parts
WHERE rule < 4
  AND cell_month BETWEEN getvariable('from_month') AND getvariable('to_month')
  AND (getvariable('org') IS NULL OR org = getvariable('org'))
  AND (getvariable('service') IS NULL OR cell_service = getvariable('service'))
GROUP BY ALL
ORDER BY org, service, channel, period, activity, role;
