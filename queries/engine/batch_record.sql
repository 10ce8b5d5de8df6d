-- Record a loaded file (parameters in column order).
INSERT INTO batches
    (batch_id, kind, file_name, sha256, rows_read, rows_loaded, rows_rejected, rows_replaced, status,
     started_at, finished_at, source, sheet, format)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?, ?, ?, ?)
