-- The fast import's first read of a time file (import.go, fastCheck): one
-- pass over the typed view that counts the records and collects what must
-- be known before any row is written: the distinct minutes texts while
-- the decimal separator is still to be detected, and the registration
-- keys seen more than once (by 64-bit hash; the rows of those keys are
-- checked one by one later, so a collision costs time, not correctness).
CREATE OR REPLACE TEMP TABLE probe AS
SELECT CASE WHEN grouping(h) = 0 THEN 'key'
            WHEN grouping(number_raw) = 0 THEN 'number'
            ELSE 'total' END AS part,
       number_raw AS value, h, count(*) AS n
FROM (
    SELECT CASE WHEN getvariable('decimal') = 'auto' THEN minutes_raw END AS number_raw,
           CASE WHEN registration_id IS NOT NULL THEN hash(org, registration_id) END AS h
    FROM typed
)
GROUP BY GROUPING SETS ((), (number_raw), (h))
HAVING grouping(h) = 1 OR (h IS NOT NULL AND count(*) > 1);
