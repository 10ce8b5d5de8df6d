-- The rows of a kind's table (table: QuoteIdent), before and after a load.
SELECT count(*) FROM {{table}}
