-- One DuckDB variable (name: QuoteIdent; value: ? or a cast of ?).
SET VARIABLE {{name}} = {{value}}
