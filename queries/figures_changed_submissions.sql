-- The partitions and case ids a submissions batch changes: its rows, and the
-- rows it replaced (replaced, from replaced_submissions.sql or replaced_none.sql).
CREATE OR REPLACE TEMP TABLE fig_changed AS
SELECT DISTINCT org, CAST(date_trunc('month', received_at) AS DATE) AS month, case_id AS case_id FROM submissions WHERE batch_id = getvariable('batch_id')
UNION
SELECT DISTINCT org, month, case_id FROM replaced;
