-- The kept figures of the partitions in fig_todo go before
-- figures_build.sql writes them again.
DELETE FROM fig_sub f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
DELETE FROM fig_sub_month f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
DELETE FROM fig_quant_case f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
DELETE FROM fig_quant_lead f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
DELETE FROM fig_quant_work f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
DELETE FROM fig_pooled f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
DELETE FROM fig_vol f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
DELETE FROM fig_cells f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
DELETE FROM fig_work f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
DELETE FROM fig_rate_gaps f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
DELETE FROM fig_orphans f USING fig_todo d WHERE f.org = d.org AND f.month = d.month;
