-- The load's rows need no order in the table: DuckDB writes in parallel.
SET preserve_insertion_order = false
