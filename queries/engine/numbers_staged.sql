-- The distinct texts of the staged number column (column: the
-- QuoteIdent of its _raw column), for the decimal separator.
SELECT DISTINCT {{column}} FROM stage
