-- A full build's partitions: every (org, month) that holds a submission,
-- a registration or a volume row.
CREATE OR REPLACE TEMP TABLE fig_todo AS
SELECT DISTINCT org, CAST(date_trunc('month', received_at) AS DATE) AS month FROM submissions
UNION
SELECT DISTINCT org, CAST(date_trunc('month', work_date) AS DATE) FROM time_registrations
UNION
SELECT DISTINCT org, period FROM volumes;
