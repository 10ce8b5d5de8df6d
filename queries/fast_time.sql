-- The fast import of a time file, after probe_time.sql and the decimal
-- separator's detection. flagged is the typed view with gevinst_problem:
-- the row fails a check, or its key is one of the repeated ones, whose
-- rows all go through check_time.sql, which keeps the last. good is what
-- load_time.sql inserts: the rows without a problem, with the employee's
-- keyed pseudonym (the function keeps the pseudonyms it computed: a file
-- has hundreds of employees; cheaper than a join with them).
--
-- The repeated keys are a bitmap of their hashes, not a table to join (a
-- join would not keep the file's order, which problems.sql needs): a few
-- other keys share a bit and are checked one by one too, which costs
-- time, not correctness.
CREATE OR REPLACE TEMP TABLE repeated_keys AS SELECT h FROM probe WHERE part = 'key';
SET VARIABLE repeat_slots = (SELECT gevinst_repeat_slots(count(*)) FROM repeated_keys);
SET VARIABLE repeat_bits = (SELECT gevinst_repeat_bits(h) FROM repeated_keys);

CREATE OR REPLACE TEMP VIEW flagged AS
SELECT *,
       gevinst_time_bad(employee_raw, role, work_date, minutes_raw, minutes, channel)
       OR (registration_id IS NOT NULL AND gevinst_repeated(hash(org, registration_id)))
           AS gevinst_problem
FROM typed;

CREATE OR REPLACE TEMP VIEW good AS
SELECT *, gevinst_pseudonym(employee_raw) AS employee FROM flagged WHERE NOT gevinst_problem;
