-- Every imported batch, oldest first.
SELECT batch_id, kind, file_name, sha256, rows_read, rows_loaded, rows_rejected,
       rows_replaced, status, started_at, finished_at,
       coalesce(source, ''), coalesce(format, 'csv'), coalesce(sheet, '')
FROM batches ORDER BY batch_id;
