-- SPEC §2.2: the mapped rows typed as time registrations, as a view (the
-- checks are check_time.sql). Scalar expressions only, so a copy of it
-- keeps the file's order. Until the decimal separator is known
-- (getvariable('decimal') = 'auto', the staged import) minutes are read
-- with a point, and check_time.sql reads a staged copy's minutes again
-- when the file uses commas. The fast import knows it from its sample, and
-- may take shortcuts the sample suggests and its notes confirm: the clean_*
-- texts (gevinst_text_as, clean_time.sql), plain_dates and plain_minutes.
CREATE OR REPLACE TEMP VIEW typed AS
SELECT
    src_line,
    coalesce(gevinst_text_as(org, getvariable('clean_org')), getvariable('default_org')) AS org,
    gevinst_text_as(registration_id, getvariable('clean_registration_id')) AS registration_id,
    -- the raw id, replaced by its keyed pseudonym before anything is stored
    gevinst_text_as(employee, getvariable('clean_employee')) AS employee_raw,
    gevinst_lower_as(role, getvariable('clean_role')) AS role,
    -- plain_dates and plain_minutes (plain_time.sql): the fast import's
    -- sample found only values the plain cast reads as the general
    -- expression would (a third of the typing's time at 3 M rows), which
    -- the load's notes confirm for the whole file
    CASE WHEN getvariable('plain_dates') THEN TRY_CAST(work_date AS DATE)
         ELSE gevinst_date(gevinst_text(work_date)) END AS work_date,
    -- the text only where it is not a date (for the reject; a narrow stage
    -- is what keeps a large file in memory)
    CASE WHEN NOT getvariable('plain_dates') AND gevinst_date(gevinst_text(work_date)) IS NULL
         THEN gevinst_text(work_date) END AS work_date_raw,
    -- the texts as written, as the fast import's sample and notes see them
    -- (sample_time.sql, fast_time.sql): the plain casts read them as
    -- written, so a blank at either end rules them out; columns named
    -- probe_* are not staged (import.go, stagedCheck)
    work_date AS probe_work_date,
    minutes AS probe_minutes,
    -- minutes as written, or "start–end" for sources that log clock times
    CASE WHEN getvariable('minutes_from_span')
         THEN gevinst_text(gevinst_start) || '–' || gevinst_text(gevinst_end)
         WHEN getvariable('plain_minutes') THEN minutes
         ELSE gevinst_text(minutes) END AS minutes_raw,
    -- SPEC §2.2: sources in hours or start/end times are converted to
    -- minutes, rounded to 1/1000 minute (gevinst_converted)
    CASE WHEN getvariable('minutes_from_span')
         THEN round(gevinst_clock(gevinst_text(gevinst_end)) - gevinst_clock(gevinst_text(gevinst_start)), 3)
         WHEN getvariable('plain_minutes')
         THEN gevinst_converted(TRY_CAST(minutes AS DOUBLE))
         ELSE gevinst_converted(gevinst_number_as(gevinst_text(minutes), getvariable('decimal') = 'comma')) END AS minutes,
    gevinst_text_as(case_id, getvariable('clean_case_id')) AS case_id,
    gevinst_lower_as(service, getvariable('clean_service')) AS service,
    -- a channel that is not configured stays as written: it is rejected,
    -- and the reject quotes it (clean: as written is lower case)
    CASE WHEN getvariable('clean_channel') THEN nullif(channel, '')
         WHEN list_contains(getvariable('channels'), lower(gevinst_text(channel)))
         THEN lower(gevinst_text(channel)) ELSE gevinst_text(channel) END AS channel,
    gevinst_lower_as(activity, getvariable('clean_activity')) AS activity,
    -- values the source's value maps lack (import.go, unmappedValues)
    gevinst_unmapped
FROM mapped;
