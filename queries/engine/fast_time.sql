-- The fast import of a time file (import.go, fastCheck), with the
-- decimal separator and shortcuts its sample suggests. flagged is the
-- typed view with gevinst_problem: the row fails a check, or its key is
-- one of the repeated ones (none known during the load; the problem path
-- knows them), whose rows all go through check_time.sql, which keeps the
-- last. gevinst_note is in the projection, where DuckDB computes every
-- term of the OR for every row, so it sees every record once, problem or
-- not: it notes the key's hash and the texts the sample's guesses rest on
-- (the numbers, the dates, the text columns in clean_time.sql's order),
-- and returns NULL. good is what load_time.sql inserts: the rows without
-- a problem, with the employee's keyed pseudonym (the function keeps the
-- pseudonyms it computed: a file has hundreds of employees; cheaper than
-- a join with them).
CREATE OR REPLACE TEMP VIEW flagged AS
SELECT *,
       gevinst_note(CASE WHEN registration_id IS NOT NULL THEN hash(org, registration_id) END,
                    probe_minutes, probe_work_date,
                    org, registration_id, employee_raw, role, case_id, service, channel, activity) IS NOT NULL
       OR gevinst_time_bad(employee_raw, role, work_date, minutes_raw, minutes, channel, gevinst_unmapped)
       OR (registration_id IS NOT NULL AND gevinst_repeated(hash(org, registration_id)))
           AS gevinst_problem
FROM typed;

CREATE OR REPLACE TEMP VIEW good AS
SELECT *, gevinst_pseudonym(employee_raw) AS employee FROM flagged WHERE NOT gevinst_problem;
