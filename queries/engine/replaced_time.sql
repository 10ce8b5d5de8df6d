-- The time rows this batch replaces, kept (replaced) for
-- replace_time.sql, which deletes them, and for the kept figures, whose
-- partitions they leave (figures_changed_time.sql). Runs inside the
-- file's transaction, after load_time.sql, when the table had rows: the
-- keys and dates are the ones this batch loaded.
CREATE OR REPLACE TEMP TABLE replaced AS
-- SPEC §2.2: with a registration_id, a later import of the same
-- (org, registration_id) replaces the earlier row.
SELECT t.rowid AS rid, t.org, CAST(date_trunc('month', t.work_date) AS DATE) AS month, t.case_id
FROM time_registrations t
SEMI JOIN (SELECT org, registration_id FROM time_registrations
           WHERE batch_id = getvariable('batch_id') AND registration_id IS NOT NULL) g
    ON t.org = g.org AND t.registration_id = g.registration_id
WHERE t.batch_id <> getvariable('batch_id')
UNION
-- --replace-period: the source's earlier rows in this file's date range
-- go, so overlapping periodic exports without ids never double count.
-- Only the orgs the file holds: a source that delivers one file per
-- organisation must not lose the other orgs' rows. The range is the
-- file's, for each of its orgs (docs/decisions.md, "Replace-period per
-- org").
SELECT t.rowid, t.org, CAST(date_trunc('month', t.work_date) AS DATE), t.case_id
FROM time_registrations t JOIN batches b ON b.batch_id = t.batch_id
WHERE getvariable('replace_period')
  AND b.kind = 'time' AND b.source = getvariable('source')
  AND t.batch_id <> getvariable('batch_id')
  AND t.org IN (SELECT DISTINCT org FROM time_registrations WHERE batch_id = getvariable('batch_id'))
  AND t.work_date BETWEEN (SELECT min(work_date) FROM time_registrations WHERE batch_id = getvariable('batch_id'))
                      AND (SELECT max(work_date) FROM time_registrations WHERE batch_id = getvariable('batch_id'));
