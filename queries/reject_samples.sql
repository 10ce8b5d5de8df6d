-- The first rejects of every batch, in file and line order.
SELECT r.batch_id, b.file_name, r.line, r.column_name, coalesce(r.raw_value, ''), r.reason
FROM rejects r JOIN batches b USING (batch_id)
QUALIFY row_number() OVER (PARTITION BY r.batch_id ORDER BY r.line, r.column_name) <= getvariable('samples_per_batch')
ORDER BY r.batch_id, r.line, r.column_name;
