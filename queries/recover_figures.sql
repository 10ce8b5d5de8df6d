-- Whether the kept figures hold rows of a refresh that figures_state does
-- not record: what a refresh killed inside DuckDB's commit leaves (its
-- large inserts' row groups re-attached, its deletes and state row
-- dropped; recover_count.sql). The gen filter lets DuckDB skip every row
-- group of recorded refreshes by its min/max.
SET VARIABLE recover_gen = (SELECT coalesce(max(gen), 0) FROM figures_state);
SELECT EXISTS (SELECT 1 FROM fig_sub WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_sub_month WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_quant_case WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_quant_lead WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_quant_work WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_pooled WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_vol WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_cells WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_work WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_employees WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_rate_gaps WHERE gen > getvariable('recover_gen'))
    OR EXISTS (SELECT 1 FROM fig_orphans WHERE gen > getvariable('recover_gen'));
