-- A refresh's temp objects (figures_*.sql), gone when it is done.
DROP VIEW IF EXISTS fig_parts;
DROP VIEW IF EXISTS fig_s;
DROP VIEW IF EXISTS fig_v;
DROP VIEW IF EXISTS fig_t;
DROP VIEW IF EXISTS fig_c;
DROP TABLE IF EXISTS fig_c_part;
DROP TABLE IF EXISTS fig_t_part;
DROP TABLE IF EXISTS fig_case_keys;
DROP TABLE IF EXISTS fig_case_reach;
DROP TABLE IF EXISTS fig_sub_cells;
DROP TABLE IF EXISTS fig_weights;
DROP TABLE IF EXISTS fig_shared;
DROP TABLE IF EXISTS fig_workdays;
DROP TABLE IF EXISTS fig_changed;
DROP TABLE IF EXISTS fig_dirty_cases;
DROP TABLE IF EXISTS fig_todo;
DROP TABLE IF EXISTS replaced;
