-- A Parquet file (? = its path), with its row numbers.
CREATE OR REPLACE TEMP TABLE raw_read AS
SELECT * FROM read_parquet(?, file_row_number = true)
