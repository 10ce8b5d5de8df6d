-- The file's rows under canonical column names, value maps applied
-- (columns: built by mapSource; source: raw_file or the CSV reader).
CREATE OR REPLACE TEMP VIEW mapped AS SELECT {{columns}} FROM {{source}}
