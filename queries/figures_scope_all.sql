-- The scope of a full build of the kept figures (figures.go): every
-- submission, volume and time registration. figures_scope_part.sql makes
-- the same four views for the partitions in fig_todo; figures_build.sql
-- reads only these.
--   fig_s  the submissions whose figures are recomputed, with their month;
--   fig_v  the volume rows of those partitions;
--   fig_c  every submission with a case id that a time row of the scope
--          can reach (rule 1), in_scope when its own figures are recomputed;
--   fig_t  the time registrations whose parts can land in the scope,
--          in_scope when their work month is a recomputed partition.
CREATE OR REPLACE TEMP VIEW fig_s AS
SELECT s.rowid AS sid, s.org, s.service, s.channel, s.received_at, s.received_time_known,
       s.decided_at, s.case_id, CAST(date_trunc('month', s.received_at) AS DATE) AS month
FROM submissions s;

CREATE OR REPLACE TEMP VIEW fig_v AS
SELECT org, service, channel, period AS month, count FROM volumes;

CREATE OR REPLACE TEMP VIEW fig_c AS
SELECT s.rowid AS sid, s.org, s.case_id, s.service AS s_service, s.channel AS s_channel,
       CAST(date_trunc('month', s.received_at) AS DATE) AS s_month, true AS in_scope
FROM submissions s WHERE s.case_id IS NOT NULL;

CREATE OR REPLACE TEMP VIEW fig_t AS
SELECT t.org, t.employee, t.role, t.work_date, t.minutes, t.case_id, t.service, t.channel, t.activity,
       CAST(date_trunc('month', t.work_date) AS DATE) AS work_month, true AS in_scope
FROM time_registrations t;
