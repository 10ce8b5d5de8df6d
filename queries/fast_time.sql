-- The fast import of a time file, after probe_time.sql and the decimal
-- separator's detection. flagged is the typed view with gevinst_problem:
-- the row fails a check, or its key is one of the repeated ones (whose
-- rows all go through check_time.sql, which keeps the last). good is what
-- load_time.sql inserts: the rows without a problem, with the employee's
-- keyed pseudonym (computed once per distinct id).
CREATE OR REPLACE TEMP TABLE employee_keys AS
SELECT value AS raw, gevinst_pseudonym(value) AS pseudonym
FROM probe WHERE part = 'employee' AND value IS NOT NULL;

CREATE OR REPLACE TEMP TABLE repeated_keys AS SELECT h FROM probe WHERE part = 'key';
-- The repeated keys as a bitmap of their hashes (a join would not keep the
-- file's order, which problems.sql needs): a few other keys share a bit
-- and are checked one by one too, which costs time, not correctness.
SET VARIABLE repeat_slots = (SELECT greatest(65536, least(134217728, 1024 * count(*)))::BIGINT FROM repeated_keys);
SET VARIABLE repeat_bits = (SELECT bitstring_agg((h % getvariable('repeat_slots'))::BIGINT, 0, getvariable('repeat_slots') - 1)
                            FROM repeated_keys);

CREATE OR REPLACE TEMP VIEW flagged AS
SELECT *,
       gevinst_time_bad(employee_raw, role, work_date, minutes_raw, minutes, channel)
       OR (registration_id IS NOT NULL AND gevinst_repeated(hash(org, registration_id)))
           AS gevinst_problem
FROM typed;

CREATE OR REPLACE TEMP VIEW good AS
SELECT f.*, k.pseudonym AS employee
FROM flagged f JOIN employee_keys k ON k.raw = f.employee_raw
WHERE NOT f.gevinst_problem;
