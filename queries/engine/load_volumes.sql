-- Insert the checked rows of one file as batch getvariable('batch_id')
-- (replace_volumes.sql then removes the rows they replace).
INSERT INTO volumes (org, service, channel, period, count, batch_id)
SELECT org, service, channel, period, CAST(count_value AS BIGINT), getvariable('batch_id') FROM good;
