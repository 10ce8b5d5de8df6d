-- The fast import's first read of a submissions file (import.go,
-- fastCheck): one pass over the typed view that counts the records and
-- finds the keys seen more than once (by 64-bit hash; the rows of those
-- keys are checked one by one later, so a collision costs time, not
-- correctness).
CREATE OR REPLACE TEMP TABLE probe AS
SELECT CASE WHEN grouping(h) = 0 THEN 'key' ELSE 'total' END AS part,
       NULL::VARCHAR AS value, h, count(*) AS n
FROM (
    SELECT CASE WHEN submission_id IS NOT NULL THEN hash(org, submission_id) END AS h
    FROM typed
)
GROUP BY GROUPING SETS ((), (h))
HAVING grouping(h) = 1 OR (h IS NOT NULL AND count(*) > 1);
