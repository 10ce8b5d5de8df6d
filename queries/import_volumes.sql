-- SPEC §2.3: type every mapped row of the file as a monthly volume (the
-- checks are check_volumes.sql). While the decimal separator is not
-- known (getvariable('decimal') = 'auto') the count is read with a point;
-- check_volumes.sql reads a file found to use commas again.
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    src_line,
    coalesce(nullif(trim(org), ''), getvariable('default_org')) AS org,
    lower(nullif(trim(service), '')) AS service,
    lower(nullif(trim(channel), '')) AS channel,
    nullif(trim(period), '') AS period_raw,
    gevinst_month(nullif(trim(period), '')) AS period,
    nullif(trim(count), '') AS count_raw,
    gevinst_number_as(nullif(trim(count), ''), getvariable('decimal') = 'comma') AS count_value
FROM mapped;
