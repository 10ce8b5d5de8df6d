-- The staged import: every typed row, in the reader's order, without the
-- fast import's probe columns.
CREATE OR REPLACE TEMP TABLE stage AS SELECT COLUMNS(c -> NOT starts_with(c, 'probe_')) FROM typed
