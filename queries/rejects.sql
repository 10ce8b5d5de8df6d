-- Every stored reject with its batch's file and sheet (a reject's line is
-- then the sheet's row), in batch, line and column order. $1 batch id,
-- $2 file (as given at import, or its base name), $3 reason (the reason
-- kind, or any part of the reason; case-insensitive); NULL: all.
SELECT r.batch_id, b.file_name, coalesce(b.sheet, ''), r.line, r.column_name, r.raw_value,
       r.reason, r.reason_kind
FROM rejects r JOIN batches b USING (batch_id)
WHERE (CAST($1 AS BIGINT) IS NULL OR r.batch_id = CAST($1 AS BIGINT))
  AND (CAST($2 AS VARCHAR) IS NULL OR b.file_name = CAST($2 AS VARCHAR)
       OR parse_filename(b.file_name) = parse_filename(CAST($2 AS VARCHAR)))
  AND (CAST($3 AS VARCHAR) IS NULL OR lower(r.reason_kind) = lower(CAST($3 AS VARCHAR))
       OR contains(lower(r.reason), lower(CAST($3 AS VARCHAR))))
ORDER BY r.batch_id, r.line, r.column_name, r.reason;
