-- A loaded batch of the same file: kind, SHA-256 and sheet (? ? ?), the
-- one through the same source (?) first.
SELECT batch_id, kind, file_name, sha256, rows_read, rows_loaded,
    rows_rejected, rows_replaced, status, started_at, finished_at,
    coalesce(source, ''), coalesce(format, 'csv'), coalesce(sheet, '')
FROM batches WHERE kind = ? AND sha256 = ? AND coalesce(sheet, '') = ? AND status = 'loaded'
ORDER BY coalesce(source, '') = ? DESC, batch_id LIMIT 1
