-- Distinct (pseudonymised) employees behind the attributed minutes of each
-- metrics cell (org, service, channel, period) and each benefits cell
-- (org, service, period; channel NULL), for small-cell suppression (SPEC §8).
-- One pass over the attributed parts (they carry their employee).
SELECT org, cell_service, cell_channel, gevinst_period(cell_month) AS period, count(DISTINCT employee) AS employees
FROM attribution_parts
WHERE rule < 4
  AND cell_month BETWEEN getvariable('from_month') AND getvariable('to_month')
  AND (getvariable('org') IS NULL OR org = getvariable('org'))
  AND (getvariable('service') IS NULL OR cell_service = getvariable('service'))
GROUP BY GROUPING SETS ((org, cell_service, cell_channel, gevinst_period(cell_month)), (org, cell_service, gevinst_period(cell_month)))
