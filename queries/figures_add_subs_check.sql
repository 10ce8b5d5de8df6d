-- Whether a batch of submissions can be added to the kept figures
-- (figures_add_subs.sql) instead of having its months rebuilt: then it
-- changes no registration's attribution and no other submission's
-- figures. It replaced no row; no earlier submission or kept
-- registration carries one of its case ids (no case count changes, no
-- orphan becomes case-linked: a registration carrying a case id carries
-- a submission's, or is an orphan in fig_orphans); no pooled minutes of its services' months
-- hang on rule 3's weights (rule 3, or rule 4 for want of submissions to
-- spread over); and no volume row is in its cells (it would become a
-- conflict).
WITH b AS (
    SELECT org, service, channel, CAST(date_trunc('month', received_at) AS DATE) AS month, case_id
    FROM submissions WHERE batch_id = getvariable('batch_id')
), k AS (
    SELECT DISTINCT org, case_id FROM b WHERE case_id IS NOT NULL
)
SELECT NOT EXISTS (SELECT 1 FROM replaced)
   AND NOT EXISTS (SELECT 1 FROM fig_sub f SEMI JOIN k ON k.org = f.org AND k.case_id = f.case_id)
   AND NOT EXISTS (SELECT 1 FROM fig_orphans o SEMI JOIN k ON k.org = o.org AND k.case_id = o.case_id)
   AND NOT EXISTS (SELECT 1 FROM fig_pooled p SEMI JOIN b ON b.org = p.org AND b.service = p.service AND b.month = p.month
                   WHERE p.rule IN (3, 4))
   AND NOT EXISTS (SELECT 1 FROM fig_vol v SEMI JOIN b
                   ON b.org = v.org AND b.service = v.service AND b.channel = v.channel AND b.month = v.month);
