-- Distinct (pseudonymised) employees behind the attributed minutes of each
-- metrics cell (org, service, channel, period) and each benefits cell
-- (org, service, period; channel NULL), for small-cell suppression (SPEC §8).
-- From the kept figures (fig_work, a bitstring of each month cell's employees).
SELECT org, service, channel, gevinst_period(month) AS period, bit_count(bit_or(emps)) AS employees
FROM fig_work
WHERE month BETWEEN getvariable('from_month') AND getvariable('to_month')
  AND (getvariable('org') IS NULL OR org = getvariable('org'))
  AND (getvariable('service') IS NULL OR service = getvariable('service'))
GROUP BY GROUPING SETS ((org, service, channel, gevinst_period(month)), (org, service, gevinst_period(month)))
