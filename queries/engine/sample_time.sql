-- The fast import's look at the start of a time file (import.go,
-- fastCheck): the first getvariable('sample_rows') records, the distinct
-- minutes texts as written (the decimal separator, while it is still to be
-- detected, from them trimmed; whether every one is a plain number) and
-- the distinct work_date texts as written (whether every one is a plain
-- ISO date: plain_time.sql). The load
-- types the file as the sample suggests; what it notes of every record
-- (notes_probe.sql) then confirms the guess, or the file is loaded again
-- with what the whole file says.
CREATE OR REPLACE TEMP TABLE probe AS
SELECT CASE WHEN grouping(number_raw) = 0 THEN 'number'
            WHEN grouping(date_raw) = 0 THEN 'date'
            ELSE 'total' END AS part,
       coalesce(number_raw, date_raw) AS value, NULL::UBIGINT AS h, count(*) AS n
FROM (
    SELECT probe_minutes AS number_raw, probe_work_date AS date_raw
    FROM typed
    LIMIT getvariable('sample_rows')
)
GROUP BY GROUPING SETS ((), (number_raw), (date_raw));
