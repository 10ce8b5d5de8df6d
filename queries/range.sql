-- The months that hold any data: the default reporting range.
SELECT min(m), max(m) FROM (
    SELECT CAST(date_trunc('month', received_at) AS DATE) AS m FROM submissions
    UNION ALL
    SELECT CAST(date_trunc('month', work_date) AS DATE) FROM time_registrations
    UNION ALL
    SELECT period FROM volumes
);
