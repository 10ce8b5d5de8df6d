-- Run only when read_csv left records in raw_csv_errors (records DuckDB
-- could not split into the header's columns): every staged row gets its
-- line in the file stored in src_line (header = line 1). Without such
-- records a staged CSV row's line is its record number + 2 (0-based), the
-- record number being its rowid less getvariable('rowid_base'), or, for the
-- fast import's staged problem rows, src_line - 2 (problem_lines.sql).
-- (A sorted copy rather than an UPDATE, so stage keeps one row id per
-- record, in order.)
--
-- Good record r (0-based) is preceded by r good records and by the k
-- rejected ones whose "good records before" count g = line - 1 - j is at
-- most r (j numbers the rejected lines in order); so its line is r + 2 + k.
CREATE OR REPLACE TEMP TABLE stage_lined AS
WITH bad_lines AS (
    SELECT line, row_number() OVER (ORDER BY line) AS j
    FROM (SELECT DISTINCT line FROM raw_csv_errors)
), steps AS (
    SELECT line - 1 - j AS g, max(j) AS k FROM bad_lines GROUP BY ALL
)
SELECT * EXCLUDE (r, k) REPLACE (r + 2 + coalesce(k, 0) AS src_line)
FROM (SELECT stage.*, coalesce(stage.src_line - 2, stage.rowid - getvariable('rowid_base')) AS r FROM stage) x ASOF LEFT JOIN steps s ON x.r >= s.g
ORDER BY r;

DROP TABLE stage;
ALTER TABLE stage_lined RENAME TO stage;
