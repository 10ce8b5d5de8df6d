-- SPEC §2.3: a later import of the same (org, service, channel, month)
-- replaces the earlier count. Runs after load_volumes.sql, when the table
-- had rows: the keys are the ones this batch loaded.
DELETE FROM volumes v
USING (SELECT org, service, channel, period FROM volumes WHERE batch_id = getvariable('batch_id')) g
WHERE v.batch_id <> getvariable('batch_id')
  AND v.org = g.org AND v.service = g.service AND v.channel = g.channel AND v.period = g.period;
