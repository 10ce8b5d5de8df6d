-- fig_sub keeps every submission's case id: an import of new time
-- registrations adds their minutes to the submissions of their case ids
-- (figures_add_time.sql) instead of recomputing the months they touch. The
-- figures 0003 kept have no case ids: they are forgotten here, and the
-- next reader builds them again (figures.go, ensureFigures).
ALTER TABLE fig_sub ADD COLUMN case_id VARCHAR;
DELETE FROM figures_state;
