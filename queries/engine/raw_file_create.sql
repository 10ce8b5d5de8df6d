-- The empty table an xlsx or JSON lines reader fills (columns: the
-- file's columns, QuoteIdent'ed, each VARCHAR).
CREATE OR REPLACE TEMP TABLE raw_file (gevinst_rn BIGINT, gevinst_line BIGINT{{columns}})
