-- The scope of a refresh that adds a batch of new submissions to the kept
-- figures (figures.go, keepFigures; figures_add_subs_check.sql says when
-- it may): the batch's submissions, no volume and no registration (none
-- reaches them or changes with them). The same four views as
-- figures_scope_all.sql.
CREATE OR REPLACE TEMP VIEW fig_s AS
SELECT s.rowid AS sid, s.org, s.service, s.channel, s.received_at, s.received_time_known,
       s.decided_at, s.case_id, CAST(date_trunc('month', s.received_at) AS DATE) AS month
FROM submissions s
WHERE s.batch_id = getvariable('batch_id');

CREATE OR REPLACE TEMP VIEW fig_v AS
SELECT org, service, channel, period AS month, count FROM volumes WHERE false;

CREATE OR REPLACE TEMP VIEW fig_c AS
SELECT sid, org, case_id, service AS s_service, channel AS s_channel, month AS s_month, true AS in_scope
FROM fig_s WHERE case_id IS NOT NULL;

CREATE OR REPLACE TEMP VIEW fig_t AS
SELECT t.org, t.employee, t.role, t.work_date, t.minutes, t.case_id, t.service, t.channel, t.activity,
       CAST(date_trunc('month', t.work_date) AS DATE) AS work_month, true AS in_scope
FROM time_registrations t WHERE false;
