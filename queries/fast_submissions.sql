-- The fast import of a submissions file, after probe_submissions.sql and
-- repeated_keys.sql: flagged and good as in fast_time.sql, the problems
-- spelled out by check_submissions.sql.
CREATE OR REPLACE TEMP VIEW flagged AS
SELECT *,
       gevinst_submission_bad(submission_id, service, channel, received_at, decided_raw, decided_at)
       OR (submission_id IS NOT NULL AND gevinst_repeated(hash(org, submission_id)))
           AS gevinst_problem
FROM typed;

CREATE OR REPLACE TEMP VIEW good AS SELECT * FROM flagged WHERE NOT gevinst_problem;
