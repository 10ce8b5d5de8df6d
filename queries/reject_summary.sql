-- Rejects counted by kind, column and reason (the reason without its value).
SELECT b.kind, r.column_name, r.reason_kind, count(DISTINCT (r.batch_id, r.line)) AS rows
FROM rejects r JOIN batches b USING (batch_id)
GROUP BY ALL ORDER BY rows DESC, b.kind, r.column_name, r.reason_kind;
