-- SPEC §2.1: a later import of the same key replaces the earlier values.
-- Runs inside the file's transaction, after load_submissions.sql, when the
-- table had rows: the keys are the ones this batch loaded. The rows to
-- replace are kept (replaced) for replace_submissions.sql, which deletes
-- them, and for the kept figures, whose partitions they leave
-- (figures_changed_submissions.sql).
CREATE OR REPLACE TEMP TABLE replaced AS
SELECT s.rowid AS rid, s.org, CAST(date_trunc('month', s.received_at) AS DATE) AS month, s.case_id
FROM submissions s
SEMI JOIN (SELECT org, submission_id FROM submissions WHERE batch_id = getvariable('batch_id')) g
    ON s.org = g.org AND s.submission_id = g.submission_id
WHERE s.batch_id <> getvariable('batch_id');
