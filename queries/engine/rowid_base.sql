-- A staging table's (table: QuoteIdent) first rowid, the span of its
-- rowids and its rows: a row's record number is its rowid less the first.
SELECT coalesce(min(rowid), 0), coalesce(max(rowid) - min(rowid) + 1, 0), count(*) FROM {{table}}
