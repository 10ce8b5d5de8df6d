-- After read_csv filled raw_read (every column as text, gevinst_rn = record
-- number in file order) and raw_csv_errors (records DuckDB could not split
-- into the header's columns), give each good record its line in the file
-- (header = line 1) and turn the unreadable records into rejects.
--
-- Good record rn is preceded by rn - 1 good records and by the k rejected
-- ones whose "good records before" count g = line - 1 - j is at most rn - 1
-- (j numbers the rejected lines in order); so its line is rn + 1 + k.
CREATE OR REPLACE TEMP TABLE raw_file AS
WITH bad AS (
    SELECT line, row_number() OVER (ORDER BY line) AS j
    FROM (SELECT DISTINCT line FROM raw_csv_errors)
), steps AS (
    SELECT line - 1 - j AS g, max(j) AS k FROM bad GROUP BY ALL
)
SELECT r.*, r.gevinst_rn + 1 + coalesce(s.k, 0) AS gevinst_line
FROM raw_read r ASOF LEFT JOIN steps s ON r.gevinst_rn - 1 >= s.g;
