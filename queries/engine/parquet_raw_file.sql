-- A Parquet file's rows as text (columns: CAST(col AS VARCHAR) AS col,
-- QuoteIdent'ed). Parquet rows have no lines: "line" is the row number, 1-based.
CREATE OR REPLACE TEMP TABLE raw_file AS
SELECT file_row_number + 1 AS gevinst_rn, file_row_number + 1 AS gevinst_line, {{columns}}
FROM raw_read ORDER BY file_row_number
