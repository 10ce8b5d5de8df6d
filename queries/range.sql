-- The months that hold any data: the default reporting range. min and max
-- come before date_trunc (monotonic), so DuckDB answers them from the
-- column statistics instead of truncating every row.
SELECT min(m), max(m) FROM (
    SELECT CAST(date_trunc('month', min(received_at)) AS DATE) AS m FROM submissions
    UNION ALL
    SELECT CAST(date_trunc('month', max(received_at)) AS DATE) FROM submissions
    UNION ALL
    SELECT CAST(date_trunc('month', min(work_date)) AS DATE) FROM time_registrations
    UNION ALL
    SELECT CAST(date_trunc('month', max(work_date)) AS DATE) FROM time_registrations
    UNION ALL
    SELECT min(period) FROM volumes
    UNION ALL
    SELECT max(period) FROM volumes
);
