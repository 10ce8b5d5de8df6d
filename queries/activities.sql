-- Staff minutes by activity and role at grain (org, service, channel,
-- period), rules 1–3 only: the "road to a simpler everyday" chart (SPEC §7).
-- A part's activity, role and employee are its registration's (reg = rowid).
SELECT a.org, a.service, a.channel, gevinst_period(a.month) AS period,
       coalesce(t.activity, '') AS activity, coalesce(t.role, '') AS role,
       fsum(a.minutes) AS staff_minutes,
       count(DISTINCT t.employee) AS employees
FROM attributed_cells a JOIN time_registrations t ON t.rowid = a.reg
WHERE a.rule < 4
  AND a.month BETWEEN getvariable('from_month') AND getvariable('to_month')
  AND (getvariable('org') IS NULL OR a.org = getvariable('org'))
  AND (getvariable('service') IS NULL OR a.service = getvariable('service'))
GROUP BY ALL
ORDER BY a.org, a.service, a.channel, period, activity, role;
