-- The fast import of a submissions file, after probe_submissions.sql:
-- flagged and good as in fast_time.sql (the repeated keys too), checked
-- one by one by check_submissions.sql.
CREATE OR REPLACE TEMP TABLE repeated_keys AS SELECT h FROM probe WHERE part = 'key';
SET VARIABLE repeat_slots = (SELECT gevinst_repeat_slots(count(*)) FROM repeated_keys);
SET VARIABLE repeat_bits = (SELECT gevinst_repeat_bits(h) FROM repeated_keys);

CREATE OR REPLACE TEMP VIEW flagged AS
SELECT *,
       gevinst_submission_bad(submission_id, service, channel, received_at, decided_raw, decided_at)
       OR (submission_id IS NOT NULL AND gevinst_repeated(hash(org, submission_id)))
           AS gevinst_problem
FROM typed;

CREATE OR REPLACE TEMP VIEW good AS SELECT * FROM flagged WHERE NOT gevinst_problem;
