-- The per-submission figures at month grain (as metrics.sql computes
-- them for any period) of the month cells of fig_sub_src, whose old rows
-- are gone already: the scope's submissions (figures_build.sql), or every
-- submission of the cells whose case minutes a batch changed
-- (figures_add_time.sql).
INSERT INTO fig_sub_month
SELECT org, service, channel, month,
       count(case_minutes),
       quantile_cont(case_minutes, [0.5, 0.9]),
       quantile_cont(lead_days, [0.5, 0.9]),
       quantile_cont(lead_work_days, [0.5, 0.9]),
       fsum(case_minutes) FILTER (WHERE lead_work_days > 0),
       fsum(lead_work_days) FILTER (WHERE case_minutes IS NOT NULL AND lead_work_days > 0),
       avg(after_hours),
       gevinst_se(count(case_minutes), fsum(case_minutes), fsum(case_minutes * case_minutes)),
       fsum(case_minutes), fsum(case_minutes * case_minutes),
       getvariable('fig_gen'),
       count(after_hours), sum(after_hours)
FROM fig_sub_src
GROUP BY org, service, channel, month;
