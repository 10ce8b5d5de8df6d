-- The values of fig_quant_src's submissions into the buckets of
-- 0005_fig_quant.sql, per month cell, one statement per figure: a full or
-- partition build's scope (figures_build.sql), a batch of new
-- submissions (figures_add_subs.sql, beside their cells' earlier rows),
-- or every submission of the month cells whose case minutes a batch of
-- time registrations changed (figures_add_time.sql: the case minutes
-- only, getvariable('fig_quant_leads') false, as lead times stay).
INSERT INTO fig_quant_case
SELECT org, service, channel, month, gevinst_quant_bucket(case_minutes), count(*), list(case_minutes),
       getvariable('fig_gen')
FROM fig_quant_src WHERE case_minutes IS NOT NULL
GROUP BY ALL;

INSERT INTO fig_quant_lead
SELECT org, service, channel, month, gevinst_quant_bucket(lead_days), count(*), list(lead_days),
       getvariable('fig_gen')
FROM fig_quant_src WHERE getvariable('fig_quant_leads') AND lead_days IS NOT NULL
GROUP BY ALL;

INSERT INTO fig_quant_work
SELECT org, service, channel, month, gevinst_quant_bucket(lead_work_days), count(*), list(lead_work_days),
       getvariable('fig_gen')
FROM fig_quant_src WHERE getvariable('fig_quant_leads') AND lead_work_days IS NOT NULL
GROUP BY ALL;
