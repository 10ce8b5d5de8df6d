-- SPEC §2.3: type every mapped row of the file as a monthly volume (the
-- checks are check_volumes.sql). The count is read both ways while the
-- decimal separator is not known (getvariable('decimal') = 'auto').
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    src_line,
    coalesce(nullif(trim(org), ''), getvariable('default_org')) AS org,
    lower(nullif(trim(service), '')) AS service,
    lower(nullif(trim(channel), '')) AS channel,
    nullif(trim(period), '') AS period_raw,
    gevinst_month(nullif(trim(period), '')) AS period,
    nullif(trim(count), '') AS count_raw,
    CASE WHEN getvariable('decimal') <> 'comma' THEN gevinst_number_as(nullif(trim(count), ''), false) END AS count_point,
    CASE WHEN getvariable('decimal') <> 'point' THEN gevinst_number_as(nullif(trim(count), ''), true) END AS count_comma
FROM mapped;
