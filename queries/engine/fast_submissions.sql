-- The fast import of a submissions file: flagged and good as in
-- fast_time.sql (gevinst_note notes the records and their keys' hashes),
-- the problems spelled out by check_submissions.sql.
CREATE OR REPLACE TEMP VIEW flagged AS
SELECT *,
       gevinst_note(CASE WHEN submission_id IS NOT NULL THEN hash(org, submission_id) END,
                    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL) IS NOT NULL
       OR gevinst_submission_bad(submission_id, service, channel, received_at, decided_raw, decided_at, gevinst_unmapped)
       OR (submission_id IS NOT NULL AND gevinst_repeated(hash(org, submission_id)))
           AS gevinst_problem
FROM typed;

CREATE OR REPLACE TEMP VIEW good AS SELECT * FROM flagged WHERE NOT gevinst_problem;
