-- Run only when read_csv left records in raw_csv_errors (records DuckDB
-- could not split into the header's columns): the good records after them
-- get their line in the file back (header = line 1). Without such records
-- gevinst_line is simply gevinst_rn + 1, as set when the file was read.
--
-- Good record rn is preceded by rn - 1 good records and by the k rejected
-- ones whose "good records before" count g = line - 1 - j is at most rn - 1
-- (j numbers the rejected lines in order); so its line is rn + 1 + k.
UPDATE raw_file SET gevinst_line = x.line
FROM (
    WITH bad AS (
        SELECT line, row_number() OVER (ORDER BY line) AS j
        FROM (SELECT DISTINCT line FROM raw_csv_errors)
    ), steps AS (
        SELECT line - 1 - j AS g, max(j) AS k FROM bad GROUP BY ALL
    )
    SELECT r.gevinst_rn, r.gevinst_rn + 1 + s.k AS line
    FROM raw_file r ASOF JOIN steps s ON r.gevinst_rn - 1 >= s.g
) x
WHERE raw_file.gevinst_rn = x.gevinst_rn;
