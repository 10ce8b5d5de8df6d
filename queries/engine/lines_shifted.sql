-- Whether a CSV row's line is not its record number + 2: unreadable
-- records, blank lines or quoted line breaks (import_lines.sql).
SELECT EXISTS (SELECT 1 FROM raw_csv_errors)
    OR EXISTS (SELECT 1 FROM line_blank) OR EXISTS (SELECT 1 FROM line_extra)
