-- What the load noted of every record (import.go, loadNotes), in the shape
-- of sample_time.sql's probe: the records ('total'), the distinct minutes
-- and work_date texts when they were noted, and the key hashes noted more
-- than once ('key', for repeated_keys.sql). Parameters: the record count,
-- the texts, the hashes.
CREATE OR REPLACE TEMP TABLE probe AS
SELECT 'total' AS part, NULL::VARCHAR AS value, NULL::UBIGINT AS h, ?::BIGINT AS n
UNION ALL SELECT 'number', unnest(?::VARCHAR[]), NULL, NULL
UNION ALL SELECT 'date', unnest(?::VARCHAR[]), NULL, NULL
UNION ALL SELECT 'key', NULL, unnest(?::UBIGINT[]), NULL;
