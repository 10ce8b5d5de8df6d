-- The n-th staged problem row is the n-th flagged record (problems.sql):
-- its line is its record number + 2 (header = line 1; import_lines.sql
-- then adds the records DuckDB could not read, if any). A sorted copy, so
-- stage keeps one row id per row, in order.
CREATE OR REPLACE TEMP TABLE stage_lined AS
SELECT s.* EXCLUDE (k) REPLACE (r.record + 2 AS src_line)
FROM (SELECT row_number() OVER (ORDER BY rowid) AS k, * FROM stage) s
JOIN (SELECT row_number() OVER (ORDER BY rowid) AS k, rowid - getvariable('flags_base') AS record
      FROM flags WHERE f) r USING (k)
ORDER BY k;

DROP TABLE stage;
ALTER TABLE stage_lined RENAME TO stage;
