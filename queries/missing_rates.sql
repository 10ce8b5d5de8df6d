-- The roles in the time registrations that have no hourly rate on some
-- day they work (costs.hourly_rates and costs.rate_changes, resolved into
-- cfg_rates): the roles, then each role's first such day per organisation.
SELECT string_agg(DISTINCT role, ', ' ORDER BY role),
       string_agg(role || ' in ' || org || ' from ' || strftime(first_day, '%Y-%m-%d'), ', ' ORDER BY role, org)
FROM (
    SELECT t.role, t.org, min(t.work_date) AS first_day
    FROM time_registrations t
    WHERE NOT EXISTS (
        SELECT 1 FROM cfg_rates r
        WHERE r.role = t.role AND (r.org = '' OR r.org = t.org)
          AND t.work_date >= r.valid_from AND t.work_date < r.valid_to)
    GROUP BY t.role, t.org
)
