-- A batch of new submissions added to the kept figures (figures.go,
-- keepFigures): figures_build_sub.sql wrote their fig_sub rows; their
-- month cells' counts are added to, and figures_sub_month.sql sums every
-- submission of those cells again. No time figure changes
-- (figures_add_subs_check.sql). Changed rows are written again as refresh
-- getvariable('fig_gen') (recover_figures.sql).
CREATE OR REPLACE TEMP TABLE fig_merged_cells AS
SELECT n.org, n.service, n.channel, n.month,
       coalesce(f.submissions, 0) + n.n AS submissions, coalesce(f.decided, 0) + n.decided AS decided,
       coalesce(f.staff_minutes, 0) AS staff_minutes, coalesce(f.staff_cost, 0) AS staff_cost
FROM fig_sub_cells n
LEFT JOIN fig_cells f ON f.org = n.org AND f.service = n.service AND f.channel = n.channel AND f.month = n.month;

DELETE FROM fig_cells f USING fig_sub_cells n
WHERE f.org = n.org AND f.service = n.service AND f.channel = n.channel AND f.month = n.month;

INSERT INTO fig_cells SELECT *, getvariable('fig_gen') FROM fig_merged_cells;

DELETE FROM fig_sub_month f USING fig_sub_cells n
WHERE f.org = n.org AND f.service = n.service AND f.channel = n.channel AND f.month = n.month;

CREATE OR REPLACE TEMP VIEW fig_sub_src AS
SELECT f.* FROM fig_sub f
SEMI JOIN fig_sub_cells n ON f.org = n.org AND f.service = n.service AND f.channel = n.channel AND f.month = n.month;
