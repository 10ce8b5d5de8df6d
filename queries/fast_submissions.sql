-- The fast import of a submissions file, after probe_submissions.sql.
-- flagged is the typed view with gevinst_problem: the row fails a check,
-- or its key is one of the repeated ones (whose rows all go through
-- check_submissions.sql, which keeps the last). good is what
-- load_submissions.sql inserts: the rows without a problem.
CREATE OR REPLACE TEMP TABLE repeated_keys AS SELECT h FROM probe WHERE part = 'key';
-- The repeated keys as a bitmap of their hashes (a join would not keep the
-- file's order, which problems.sql needs): a few other keys share a bit
-- and are checked one by one too, which costs time, not correctness.
SET VARIABLE repeat_slots = (SELECT greatest(65536, least(134217728, 1024 * count(*)))::BIGINT FROM repeated_keys);
SET VARIABLE repeat_bits = (SELECT bitstring_agg((h % getvariable('repeat_slots'))::BIGINT, 0, getvariable('repeat_slots') - 1)
                            FROM repeated_keys);

CREATE OR REPLACE TEMP VIEW flagged AS
SELECT *,
       gevinst_submission_bad(submission_id, service, channel, received_at, decided_raw, decided_at)
       OR (submission_id IS NOT NULL AND gevinst_repeated(hash(org, submission_id)))
           AS gevinst_problem
FROM typed;

CREATE OR REPLACE TEMP VIEW good AS SELECT * FROM flagged WHERE NOT gevinst_problem;
