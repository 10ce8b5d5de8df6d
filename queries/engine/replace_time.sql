-- SPEC §2.2: with a registration_id, a later import of the same
-- (org, registration_id) replaces the earlier row. Runs inside the file's
-- transaction, after load_time.sql, when the table had rows: the keys and
-- dates are the ones this batch loaded.
DELETE FROM time_registrations t
USING (SELECT org, registration_id FROM time_registrations
       WHERE batch_id = getvariable('batch_id') AND registration_id IS NOT NULL) g
WHERE t.batch_id <> getvariable('batch_id') AND t.org = g.org AND t.registration_id = g.registration_id;

-- --replace-period: the source's earlier rows in this file's date range go,
-- so overlapping periodic exports without ids never double count. Only the
-- orgs the file holds: a source that delivers one file per organisation
-- must not lose the other orgs' rows. The range is the file's, for each of
-- its orgs (docs/decisions.md, "Replace-period per org").
DELETE FROM time_registrations t USING batches b
WHERE getvariable('replace_period')
  AND t.batch_id = b.batch_id AND b.kind = 'time' AND b.source = getvariable('source')
  AND t.batch_id <> getvariable('batch_id')
  AND t.org IN (SELECT DISTINCT org FROM time_registrations WHERE batch_id = getvariable('batch_id'))
  AND t.work_date BETWEEN (SELECT min(work_date) FROM time_registrations WHERE batch_id = getvariable('batch_id'))
                      AND (SELECT max(work_date) FROM time_registrations WHERE batch_id = getvariable('batch_id'));
