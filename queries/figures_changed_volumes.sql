-- The partitions and case ids a volumes batch changes: its rows, and the
-- rows it replaced (replaced, from replaced_volumes.sql or replaced_none.sql).
CREATE OR REPLACE TEMP TABLE fig_changed AS
SELECT DISTINCT org, period AS month, CAST(NULL AS VARCHAR) AS case_id FROM volumes WHERE batch_id = getvariable('batch_id')
UNION
SELECT DISTINCT org, month, case_id FROM replaced;
