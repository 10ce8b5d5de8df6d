-- The fast import's first read of a time file (import.go, fastCheck): one
-- pass over the typed view that counts the records and collects what must
-- be known before any row is written: the distinct minutes texts (the
-- decimal separator, while it is still to be detected, and whether every
-- one is a plain number), the distinct work_date texts (whether every one
-- is a plain ISO date: plain_time.sql) and the registration keys seen
-- more than once (by 64-bit hash; the rows of those keys are checked one
-- by one later, so a collision costs time, not correctness).
CREATE OR REPLACE TEMP TABLE probe AS
SELECT CASE WHEN grouping(h) = 0 THEN 'key'
            WHEN grouping(number_raw) = 0 THEN 'number'
            WHEN grouping(date_raw) = 0 THEN 'date'
            ELSE 'total' END AS part,
       coalesce(number_raw, date_raw) AS value, h, count(*) AS n
FROM (
    SELECT minutes_raw AS number_raw, probe_work_date AS date_raw,
           CASE WHEN registration_id IS NOT NULL THEN hash(org, registration_id) END AS h
    FROM typed
)
GROUP BY GROUPING SETS ((), (number_raw), (date_raw), (h))
HAVING grouping(h) = 1 OR (h IS NOT NULL AND count(*) > 1);
