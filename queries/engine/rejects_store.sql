-- Keep the file's rejects with its batch (SPEC §9).
INSERT INTO rejects
SELECT getvariable('batch_id'), line, column_name, raw_value, reason, reason_kind FROM stage_rejects
UNION ALL
SELECT getvariable('batch_id'), line, column_name, raw_value, reason, reason_kind FROM csv_rejects
