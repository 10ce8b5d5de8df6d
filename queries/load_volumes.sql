-- Insert the checked rows of one file as batch getvariable('batch_id')
-- (after replace_volumes.sql removed the rows they replace).
INSERT INTO volumes (org, service, channel, period, count, batch_id)
SELECT org, service, channel, period, CAST(count_value AS BIGINT), getvariable('batch_id') FROM good;
