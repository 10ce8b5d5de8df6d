-- SPEC §2.1: a later import of the same key replaces the earlier values.
-- Runs inside the file's transaction, after load_submissions.sql, when the
-- table had rows: the keys are the ones this batch loaded.
DELETE FROM submissions s
USING (SELECT org, submission_id FROM submissions WHERE batch_id = getvariable('batch_id')) g
WHERE s.batch_id <> getvariable('batch_id') AND s.org = g.org AND s.submission_id = g.submission_id;
