-- SPEC §2.1: type every mapped row of the file as a submission (the
-- checks are check_submissions.sql). Scalar expressions only, so the rows
-- keep the file's order and a CSV row's line is its record number + 1.
CREATE OR REPLACE TEMP TABLE stage AS
SELECT
    src_line,
    coalesce(nullif(trim(org), ''), getvariable('default_org')) AS org,
    nullif(trim(submission_id), '') AS submission_id,
    lower(nullif(trim(service), '')) AS service,
    lower(nullif(trim(channel), '')) AS channel,
    gevinst_timestamp(nullif(trim(received_at), '')) AS received_at,
    gevinst_has_time(nullif(trim(received_at), '')) AS received_time_known,
    gevinst_timestamp(nullif(trim(decided_at), '')) AS decided_at,
    -- the texts only where a reject quotes them (a narrow stage is what
    -- keeps a large file in memory)
    CASE WHEN gevinst_timestamp(nullif(trim(received_at), '')) IS NULL
           OR gevinst_timestamp(nullif(trim(decided_at), '')) < gevinst_timestamp(nullif(trim(received_at), ''))
         THEN nullif(trim(received_at), '') END AS received_raw,
    CASE WHEN gevinst_timestamp(nullif(trim(decided_at), '')) IS NULL
           OR gevinst_timestamp(nullif(trim(decided_at), '')) < gevinst_timestamp(nullif(trim(received_at), ''))
         THEN nullif(trim(decided_at), '') END AS decided_raw,
    nullif(trim(case_id), '') AS case_id
FROM mapped;
