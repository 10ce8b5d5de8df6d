-- The scope of a refresh that adds a batch of new time registrations to
-- the kept figures (figures.go, keepFigures; figures_add_time.sql): the
-- batch's rows only. Registrations that replace none change no other
-- registration's attribution (§3 depends on the submissions alone), so
-- their parts can be added to the kept rows.
--   fig_t        the batch's registrations;
--   fig_c        every submission carrying one of their case ids (all of
--                a case's, so that its count, rule 1's split, is whole),
--                from the kept fig_sub;
--   fig_weights  rule 3's weights, from the kept month cells (fig_cells:
--                submissions, and volumes where no submission row is).
-- fig_t and fig_c are views, not temp tables: writing the batch's 90 k
-- registrations to a temp table cost 0.05 s, as much as the attribution's
-- pass over them, while each read of the view is a pruned scan of the
-- batch's own rows.
CREATE OR REPLACE TEMP VIEW fig_t AS
SELECT t.org, t.employee, t.role, t.work_date, t.minutes, t.case_id, t.service, t.channel, t.activity,
       CAST(date_trunc('month', t.work_date) AS DATE) AS work_month, true AS in_scope
FROM time_registrations t
WHERE t.batch_id = getvariable('batch_id');

-- The kept submissions (fig_sub, one row each) of the batch's case ids,
-- whole, with what figures_add_time.sql adds to by their rowid (sid).
CREATE OR REPLACE TEMP TABLE fig_sub_linked AS
SELECT f.rowid AS sid, f.org, f.case_id, f.service, f.channel, f.month, f.case_minutes, f.case_cost
FROM fig_sub f
SEMI JOIN (SELECT DISTINCT org, case_id FROM fig_t WHERE case_id IS NOT NULL) k
    ON k.org = f.org AND k.case_id = f.case_id;

CREATE OR REPLACE TEMP VIEW fig_c AS
SELECT sid, org, case_id, service AS s_service, channel AS s_channel, month AS s_month, true AS in_scope
FROM fig_sub_linked;

CREATE OR REPLACE TEMP TABLE fig_weights AS
SELECT org, service, month, channel, CAST(submissions AS DOUBLE) AS n,
       CAST(sum(submissions) OVER (PARTITION BY org, service, month) AS DOUBLE) AS total,
       row_number() OVER (PARTITION BY org, service, month ORDER BY channel) = 1 AS lead
FROM fig_cells
WHERE submissions > 0;
