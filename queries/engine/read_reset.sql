-- Before a file is read: no CSV reader's rejects, an empty line map
-- (line_blank and line_extra are session tables).
DROP TABLE IF EXISTS raw_csv_errors;
DROP TABLE IF EXISTS raw_csv_scans;
DELETE FROM line_blank;
DELETE FROM line_extra
