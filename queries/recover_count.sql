-- Rows whose batch has no batches row: what an import killed inside
-- DuckDB's commit leaves (issue 18). DuckDB writes a large insert's row
-- groups to the database file before the commit (optimistic writes) and
-- its WAL replay re-attaches them even when the commit marker is missing;
-- the batches row, the deletes of replaced rows and the rejects come
-- from the WAL and are rightly dropped. An import's batch id comes from
-- batch_id_seq inside its transaction, and every open removes such rows
-- before anything else runs, so they carry ids above every committed
-- batch: the filter on getvariable('recover_after') (the highest
-- committed batch id) lets DuckDB skip every row group of committed
-- batches by its min/max, so the check costs nothing at 40 M rows.
-- Every table with a batch_id column is here (TestRecoverCoversEveryTable).
SET VARIABLE recover_after = (SELECT coalesce(max(batch_id), 0) FROM batches);
SELECT tbl, batch_id, count(*) AS n FROM (
    SELECT 'submissions' AS tbl, batch_id FROM submissions WHERE batch_id > getvariable('recover_after')
    UNION ALL
    SELECT 'time_registrations', batch_id FROM time_registrations WHERE batch_id > getvariable('recover_after')
    UNION ALL
    SELECT 'volumes', batch_id FROM volumes WHERE batch_id > getvariable('recover_after')
    UNION ALL
    SELECT 'rejects', batch_id FROM rejects WHERE batch_id > getvariable('recover_after')
)
GROUP BY ALL
ORDER BY batch_id, tbl;
