-- The scope of an import's refresh of the kept figures (figures.go): the
-- (org, month) partitions in fig_todo, which the import filled with every
-- partition its rows can change (figures_dirty_*.sql). The same four
-- views as figures_scope_all.sql; fig_from and fig_to (the first todo
-- month and the month after the last) let DuckDB skip row groups by
-- their min/max before the join on fig_todo.
CREATE OR REPLACE TEMP VIEW fig_s AS
SELECT s.rowid AS sid, s.org, s.service, s.channel, s.received_at, s.received_time_known,
       s.decided_at, s.case_id, d.month
FROM submissions s
JOIN fig_todo d ON d.org = s.org AND d.month = CAST(date_trunc('month', s.received_at) AS DATE)
WHERE s.received_at >= getvariable('fig_from') AND s.received_at < getvariable('fig_to');

CREATE OR REPLACE TEMP VIEW fig_v AS
SELECT v.org, v.service, v.channel, v.period AS month, v.count
FROM volumes v JOIN fig_todo d ON d.org = v.org AND d.month = v.period;

-- The registrations of the work months, read once: the build reads them
-- four times, and their case ids join the scope's.
CREATE OR REPLACE TEMP TABLE fig_t_part AS
SELECT t.org, t.employee, t.role, t.work_date, t.minutes, t.case_id, t.service, t.channel, t.activity,
       d.month AS work_month, true AS in_scope
FROM time_registrations t
JOIN fig_todo d ON d.org = t.org AND d.month = CAST(date_trunc('month', t.work_date) AS DATE)
WHERE t.work_date >= getvariable('fig_from') AND t.work_date < getvariable('fig_to');

-- The case ids the scope holds: its submissions' and its work months'
-- registrations'. Every submission carrying one is in fig_c, whatever its
-- month, so that a case's count (rule 1's split) is whole.
CREATE OR REPLACE TEMP TABLE fig_case_keys AS
SELECT org, case_id FROM fig_s WHERE case_id IS NOT NULL
UNION
SELECT org, case_id FROM fig_t_part WHERE case_id IS NOT NULL;

CREATE OR REPLACE TEMP TABLE fig_c_part AS
SELECT s.rowid AS sid, s.org, s.case_id, s.service AS s_service, s.channel AS s_channel,
       CAST(date_trunc('month', s.received_at) AS DATE) AS s_month,
       EXISTS (SELECT 1 FROM fig_todo d WHERE d.org = s.org
               AND d.month = CAST(date_trunc('month', s.received_at) AS DATE)) AS in_scope
FROM submissions s SEMI JOIN fig_case_keys k ON k.org = s.org AND k.case_id = s.case_id;

CREATE OR REPLACE TEMP VIEW fig_c AS SELECT * FROM fig_c_part;

-- The case ids that reach a recomputed submission.
CREATE OR REPLACE TEMP TABLE fig_case_reach AS
SELECT DISTINCT org, case_id FROM fig_c_part WHERE in_scope;

-- The other months' registrations whose case id reaches a recomputed
-- submission: their minutes land in its month. A hash join on the case
-- ids, so DuckDB can skip row groups by the ids' min/max.
INSERT INTO fig_t_part
SELECT t.org, t.employee, t.role, t.work_date, t.minutes, t.case_id, t.service, t.channel, t.activity,
       CAST(date_trunc('month', t.work_date) AS DATE), false
FROM time_registrations t
SEMI JOIN fig_case_reach r ON r.org = t.org AND r.case_id = t.case_id
WHERE NOT EXISTS (SELECT 1 FROM fig_todo d
                  WHERE d.org = t.org AND d.month = CAST(date_trunc('month', t.work_date) AS DATE));

CREATE OR REPLACE TEMP VIEW fig_t AS SELECT * FROM fig_t_part;
