-- The rows the checks rejected (one row may have several problems) and the
-- records DuckDB's CSV reader could not read.
SELECT (SELECT count(DISTINCT rn) FROM stage_rejects), (SELECT count(*) FROM csv_rejects)
