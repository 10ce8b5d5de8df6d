-- An import into an empty table replaces nothing (replaced_*.sql).
CREATE OR REPLACE TEMP TABLE replaced (rid BIGINT, org VARCHAR, month DATE, case_id VARCHAR);
