-- A full build starts from empty kept figures (also after a refresh that
-- a kill inside DuckDB's commit left half written: recover_figures.sql).
DELETE FROM fig_sub;
DELETE FROM fig_sub_month;
DELETE FROM fig_quant_case;
DELETE FROM fig_quant_lead;
DELETE FROM fig_quant_work;
DELETE FROM fig_pooled;
DELETE FROM fig_vol;
DELETE FROM fig_cells;
DELETE FROM fig_work;
DELETE FROM fig_employees;
DELETE FROM fig_rate_gaps;
DELETE FROM fig_orphans;
