-- A batch of new submissions added to the kept figures (figures.go,
-- keepFigures): figures_build_sub.sql wrote their fig_sub rows; their
-- month cells' counts are added to, and figures_sub_month.sql sums every
-- submission of those cells again. No time figure changes
-- (figures_add_subs_check.sql). Changed rows carry the refresh's gen,
-- getvariable('fig_gen') (recover_figures.sql).
MERGE INTO fig_cells f
USING fig_sub_cells n
ON f.org = n.org AND f.service = n.service AND f.channel = n.channel AND f.month = n.month
WHEN MATCHED THEN UPDATE SET submissions = f.submissions + n.n, decided = f.decided + n.decided,
    gen = getvariable('fig_gen')
WHEN NOT MATCHED THEN INSERT VALUES (n.org, n.service, n.channel, n.month, n.n, n.decided, 0, 0,
    getvariable('fig_gen'));

DELETE FROM fig_sub_month f USING fig_sub_cells n
WHERE f.org = n.org AND f.service = n.service AND f.channel = n.channel AND f.month = n.month;

CREATE OR REPLACE TEMP VIEW fig_sub_src AS
SELECT f.* FROM fig_sub f
SEMI JOIN fig_sub_cells n ON f.org = n.org AND f.service = n.service AND f.channel = n.channel AND f.month = n.month;

-- The batch's own values go into the buckets beside the cells' earlier
-- ones (figures_quant.sql): a bucket may hold several rows, which the
-- readers add up.
CREATE OR REPLACE TEMP VIEW fig_quant_src AS
SELECT * FROM fig_sub WHERE gen = getvariable('fig_gen');
SET VARIABLE fig_quant_leads = true;
