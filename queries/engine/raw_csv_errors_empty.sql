-- A file not read by DuckDB's CSV reader has no unreadable records.
DROP TABLE IF EXISTS raw_csv_scans;
CREATE OR REPLACE TEMP TABLE raw_csv_errors (
    line BIGINT, column_name VARCHAR, error_type VARCHAR, csv_line VARCHAR, error_message VARCHAR)
