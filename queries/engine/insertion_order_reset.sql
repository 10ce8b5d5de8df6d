-- Back to DuckDB's default, which staging relies on.
RESET preserve_insertion_order
