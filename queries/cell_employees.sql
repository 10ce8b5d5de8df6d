-- Distinct (pseudonymised) employees behind the attributed minutes of each
-- metrics cell (org, service, channel, period) and each benefits cell
-- (org, service, period; channel NULL), for small-cell suppression (SPEC §8).
SELECT a.org, a.service, a.channel, gevinst_period(a.month) AS period, count(DISTINCT t.employee) AS employees
FROM attributed_cells a JOIN time_registrations t ON t.rowid = a.reg
WHERE a.rule < 4
  AND a.month BETWEEN getvariable('from_month') AND getvariable('to_month')
  AND (getvariable('org') IS NULL OR a.org = getvariable('org'))
  AND (getvariable('service') IS NULL OR a.service = getvariable('service'))
GROUP BY GROUPING SETS ((a.org, a.service, a.channel, gevinst_period(a.month)), (a.org, a.service, gevinst_period(a.month)))
