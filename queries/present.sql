-- The organisations and services that hold any data (submissions, time
-- registrations, volumes), for the warning when a filter matches nothing.
SELECT 'org' AS what, org AS value FROM submissions
UNION SELECT 'org', org FROM time_registrations
UNION SELECT 'org', org FROM volumes
UNION SELECT 'service', service FROM submissions
UNION SELECT 'service', service FROM time_registrations WHERE service IS NOT NULL
UNION SELECT 'service', service FROM volumes
ORDER BY what, value;
