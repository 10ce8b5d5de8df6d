-- Records a reader could not split into the header's columns (DuckDB's
-- store_rejects for CSV, or the Go readers for xlsx and JSON lines) become
-- rejects of the whole line: DuckDB's line plus the quoted line breaks
-- before it (line_extra, import_lines.sql; empty for the Go readers).
-- DuckDB stores a short record once per missing column ("Found: 2",
-- "Found: 3", ...) and again on every read of the file: the first, shortest
-- message is the true count, and choosing it keeps the reject the same
-- whichever read and plan produced it.
CREATE OR REPLACE TEMP TABLE csv_rejects AS
SELECT DISTINCT ON (file_line)
    file_line AS line,
    '(whole line)' AS column_name,
    -- a time file's line holds a raw employee id, which is never stored (SPEC §8)
    CASE WHEN getvariable('kind') = 'time' THEN NULL ELSE left(csv_line, 200) END AS raw_value,
    CASE error_type
        WHEN 'MISSING COLUMNS' THEN 'line has too few fields for the header: ' || error_message
        WHEN 'TOO MANY COLUMNS' THEN 'line has more fields than the header: ' || error_message
        WHEN 'UNQUOTED VALUE' THEN 'a quote is not closed or a value is badly quoted: ' || error_message
        WHEN 'INVALID UNICODE' THEN 'line is not valid UTF-8 (is the file Latin-1 or Windows-1252? try --encoding)'
        WHEN 'GO READER' THEN error_message
        ELSE 'line could not be read as CSV: ' || error_message
    END AS reason,
    'unreadable line' AS reason_kind
FROM (SELECT r.*, r.line + coalesce(e.lines, 0) AS file_line
      FROM raw_csv_errors r ASOF LEFT JOIN line_extra e ON r.line >= e.from_line)
ORDER BY file_line, length(error_message), error_message;
