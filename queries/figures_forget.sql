-- The kept figures are dropped, to be rebuilt by the next reader or
-- import (figures.go): after an interrupted import or refresh was rolled
-- back at open (recover.go).
DELETE FROM figures_state;
DELETE FROM fig_sub;
DELETE FROM fig_pooled;
DELETE FROM fig_vol;
DELETE FROM fig_cells;
DELETE FROM fig_work;
DELETE FROM fig_employees;
DELETE FROM fig_rate_gaps;
