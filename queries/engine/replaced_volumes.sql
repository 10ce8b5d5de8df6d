-- SPEC §2.3: a later import of the same (org, service, channel, month)
-- replaces the earlier count. Runs after load_volumes.sql, when the table
-- had rows: the keys are the ones this batch loaded. The rows to replace
-- are kept (replaced) for replace_volumes.sql and the kept figures.
CREATE OR REPLACE TEMP TABLE replaced AS
SELECT v.rowid AS rid, v.org, v.period AS month, CAST(NULL AS VARCHAR) AS case_id
FROM volumes v
SEMI JOIN (SELECT org, service, channel, period FROM volumes WHERE batch_id = getvariable('batch_id')) g
    ON v.org = g.org AND v.service = g.service AND v.channel = g.channel AND v.period = g.period
WHERE v.batch_id <> getvariable('batch_id');
