-- The roles that have no hourly rate on some day they work (costs.hourly_rates
-- and costs.rate_changes, resolved into cfg_rates), from the kept figures
-- (fig_rate_gaps): the roles, then each role's first such day per
-- organisation.
SELECT string_agg(DISTINCT role, ', ' ORDER BY role),
       string_agg(role || ' in ' || org || ' from ' || strftime(first_day, '%Y-%m-%d'), ', ' ORDER BY role, org)
FROM (SELECT role, org, min(first_day) AS first_day FROM fig_rate_gaps GROUP BY role, org)
