-- The first rejects in line order (ImportResult.Rejects; ? = how many).
SELECT line, column_name, coalesce(raw_value, ''), reason FROM (
    SELECT line, column_name, raw_value, reason FROM stage_rejects
    UNION ALL SELECT line, column_name, raw_value, reason FROM csv_rejects)
ORDER BY line, column_name LIMIT ?
