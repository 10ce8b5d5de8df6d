-- The fast import loaded every row: no row has a problem.
CREATE OR REPLACE TEMP TABLE stage_rejects (rn BIGINT, line BIGINT,
    column_name VARCHAR, raw_value VARCHAR, reason VARCHAR, reason_kind VARCHAR)
