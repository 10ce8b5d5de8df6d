-- SPEC §2.2: with a registration_id, a later import of the same
-- (org, registration_id) replaces the earlier row. Runs inside the file's
-- transaction, after the reject-share check, when the table has rows.
DELETE FROM time_registrations t USING good g
WHERE t.org = g.org AND t.registration_id = g.registration_id;

-- --replace-period: the source's earlier rows in this file's date range go,
-- so overlapping periodic exports without ids never double count.
DELETE FROM time_registrations t USING batches b
WHERE getvariable('replace_period')
  AND t.batch_id = b.batch_id AND b.kind = 'time' AND b.source = getvariable('source')
  AND t.work_date BETWEEN (SELECT min(work_date) FROM good) AND (SELECT max(work_date) FROM good);
