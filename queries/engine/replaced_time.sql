-- The time rows this batch replaces, kept (replaced) for
-- replace_time.sql, which deletes them, and for the kept figures, whose
-- partitions they leave (figures_changed_time.sql). Runs inside the
-- file's transaction, after load_time.sql, when the table had rows: the
-- keys and dates are the ones this batch loaded.
CREATE OR REPLACE TEMP TABLE replaced AS
SELECT t.rowid AS rid, t.org, CAST(date_trunc('month', t.work_date) AS DATE) AS month, t.case_id
FROM time_registrations t
WHERE t.batch_id <> getvariable('batch_id') AND (
    -- SPEC §2.2: with a registration_id, a later import of the same
    -- (org, registration_id) replaces the earlier row.
    EXISTS (SELECT 1 FROM time_registrations g
            WHERE g.batch_id = getvariable('batch_id') AND g.registration_id IS NOT NULL
              AND g.org = t.org AND g.registration_id = t.registration_id)
    -- --replace-period: the source's earlier rows in this file's date
    -- range go, so overlapping periodic exports without ids never double
    -- count. Only the orgs the file holds: a source that delivers one file
    -- per organisation must not lose the other orgs' rows. The range is
    -- the file's, for each of its orgs (docs/decisions.md, "Replace-period
    -- per org").
    OR (getvariable('replace_period')
        AND t.batch_id IN (SELECT batch_id FROM batches WHERE kind = 'time' AND source = getvariable('source'))
        AND t.org IN (SELECT DISTINCT org FROM time_registrations WHERE batch_id = getvariable('batch_id'))
        AND t.work_date BETWEEN (SELECT min(work_date) FROM time_registrations WHERE batch_id = getvariable('batch_id'))
                            AND (SELECT max(work_date) FROM time_registrations WHERE batch_id = getvariable('batch_id'))));
