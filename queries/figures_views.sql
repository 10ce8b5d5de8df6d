-- The readers' names for the kept figures (0003_figures.sql), made once
-- per connection: cells_m, sub, sub_quant, part_rules and vol as metrics.sql,
-- benefits.sql, mix.sql and quality.sql read them. The settings the
-- figures do not hold are applied here: whether costs are configured, and
-- each channel's cost per submission.
CREATE OR REPLACE TEMP VIEW cells_m AS
SELECT f.org, f.service, f.channel, f.month, f.submissions, f.decided, f.staff_minutes,
       CASE WHEN getvariable('costs_configured') THEN f.staff_cost END AS staff_cost,
       CASE WHEN getvariable('costs_configured') THEN f.submissions * coalesce(c.unit_cost, 0) END AS channel_cost
FROM fig_cells f LEFT JOIN cfg_channels c USING (channel);

CREATE OR REPLACE TEMP VIEW sub AS
SELECT org, service, channel, month, lead_days, after_hours, lead_work_days, case_minutes, shared_case
FROM fig_sub;

-- The buckets of 0005_fig_quant.sql, figure 1 the case minutes, 2 the
-- lead days, 3 the lead working days.
CREATE OR REPLACE TEMP VIEW sub_quant AS
SELECT org, service, channel, month, 1 AS figure, bucket, n, vals FROM fig_quant_case
UNION ALL
SELECT org, service, channel, month, 2, bucket, n, vals FROM fig_quant_lead
UNION ALL
SELECT org, service, channel, month, 3, bucket, n, vals FROM fig_quant_work;

CREATE OR REPLACE TEMP VIEW part_rules AS
SELECT org, service, channel, month, rule, orphan, minutes, cost, registrations FROM fig_pooled;

CREATE OR REPLACE TEMP VIEW vol AS
SELECT org, service, channel, month, count, conflict FROM fig_vol;
