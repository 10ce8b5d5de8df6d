-- Run when a CSV row's line is not its record number + 2 (header = line
-- 1): read_csv left records in raw_csv_errors (records DuckDB could not
-- split into the header's columns), or the file has blank lines
-- (line_blank) or quoted line breaks (line_extra; both from the
-- pipeline's first pass, queries/lines.go). Every staged row gets its
-- line in the file stored in src_line. Otherwise a staged CSV row's line
-- is its record number + 2 (0-based), the record number being its rowid
-- less getvariable('rowid_base'), or, for the fast import's staged
-- problem rows, src_line - 2 (problem_lines.sql).
-- (A sorted copy rather than an UPDATE, so stage keeps one row id per
-- record, in order.)
--
-- DuckDB numbers one line per record and per blank line. Good record r
-- (0-based) is preceded by r good records and by the k lines without a
-- row (unreadable or blank) whose "good records before" count
-- g = line - 1 - j is at most r (j numbers those lines in order); so its
-- DuckDB line is r + 2 + k, and the file's line that plus the quoted line
-- breaks before it (line_extra, the last step at or before it).
CREATE OR REPLACE TEMP TABLE stage_lined AS
WITH bad_lines AS (
    SELECT line, row_number() OVER (ORDER BY line) AS j
    FROM (SELECT line FROM raw_csv_errors UNION SELECT line FROM line_blank)
), steps AS (
    SELECT line - 1 - j AS g, max(j) AS k FROM bad_lines GROUP BY ALL
), lined AS (
    SELECT x.* EXCLUDE (r), x.r + 2 + coalesce(s.k, 0) AS dline
    FROM (SELECT stage.*, coalesce(stage.src_line - 2, stage.rowid - getvariable('rowid_base')) AS r FROM stage) x
    ASOF LEFT JOIN steps s ON x.r >= s.g
)
SELECT l.* EXCLUDE (dline) REPLACE (l.dline + coalesce(e.lines, 0) AS src_line)
FROM lined l ASOF LEFT JOIN line_extra e ON l.dline >= e.from_line
ORDER BY l.dline;

DROP TABLE stage;
ALTER TABLE stage_lined RENAME TO stage;
