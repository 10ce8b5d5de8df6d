-- SPEC §2.2: type every mapped row of the file as a time registration
-- (the checks are check_time.sql). Scalar expressions only, so the rows
-- keep the file's order and a CSV row's line is its record number + 1.
-- While the decimal separator is not known (getvariable('decimal') =
-- 'auto') minutes are read with a point; check_time.sql reads a file
-- found to use commas again.
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    src_line,
    coalesce(nullif(trim(org), ''), getvariable('default_org')) AS org,
    nullif(trim(registration_id), '') AS registration_id,
    -- the raw id, replaced by its keyed pseudonym before anything is stored
    nullif(trim(employee), '') AS employee_raw,
    lower(nullif(trim(role), '')) AS role,
    gevinst_date(nullif(trim(work_date), '')) AS work_date,
    -- the text only where it is not a date (for the reject; a narrow stage
    -- is what keeps a large file in memory)
    CASE WHEN gevinst_date(nullif(trim(work_date), '')) IS NULL THEN nullif(trim(work_date), '') END AS work_date_raw,
    -- minutes as written, or "start–end" for sources that log clock times
    CASE WHEN getvariable('minutes_from_span')
         THEN nullif(trim(gevinst_start), '') || '–' || nullif(trim(gevinst_end), '')
         ELSE nullif(trim(minutes), '') END AS minutes_raw,
    -- SPEC §2.2: sources in hours or start/end times are converted to minutes
    CASE WHEN getvariable('minutes_from_span')
         THEN gevinst_clock(nullif(trim(gevinst_end), '')) - gevinst_clock(nullif(trim(gevinst_start), ''))
         ELSE gevinst_number_as(nullif(trim(minutes), ''), getvariable('decimal') = 'comma')
              * getvariable('minutes_factor') END AS minutes,
    nullif(trim(case_id), '') AS case_id,
    lower(nullif(trim(service), '')) AS service,
    lower(nullif(trim(channel), '')) AS channel,
    lower(nullif(trim(activity), '')) AS activity
FROM mapped;
