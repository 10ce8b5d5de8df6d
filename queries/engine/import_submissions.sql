-- SPEC §2.1: the mapped rows typed as submissions, as a view (the checks
-- are check_submissions.sql). Scalar expressions only, so a copy of it
-- keeps the file's order.
CREATE OR REPLACE TEMP VIEW typed AS
SELECT
    src_line,
    coalesce(gevinst_text(org), getvariable('default_org')) AS org,
    gevinst_text(submission_id) AS submission_id,
    lower(gevinst_text(service)) AS service,
    -- a channel that is not configured stays as written: it is rejected,
    -- and the reject quotes it
    CASE WHEN list_contains(getvariable('channels'), lower(gevinst_text(channel)))
         THEN lower(gevinst_text(channel)) ELSE gevinst_text(channel) END AS channel,
    gevinst_timestamp(gevinst_text(received_at)) AS received_at,
    gevinst_has_time(gevinst_text(received_at)) AS received_time_known,
    gevinst_timestamp(gevinst_text(decided_at)) AS decided_at,
    -- the texts only where a reject quotes them (a narrow stage is what
    -- keeps a large file in memory)
    CASE WHEN gevinst_timestamp(gevinst_text(received_at)) IS NULL
           OR gevinst_timestamp(gevinst_text(decided_at)) < gevinst_timestamp(gevinst_text(received_at))
         THEN gevinst_text(received_at) END AS received_raw,
    CASE WHEN gevinst_timestamp(gevinst_text(decided_at)) IS NULL
           OR gevinst_timestamp(gevinst_text(decided_at)) < gevinst_timestamp(gevinst_text(received_at))
         THEN gevinst_text(decided_at) END AS decided_raw,
    gevinst_text(case_id) AS case_id,
    -- values the source's value maps lack (import.go, unmappedValues)
    gevinst_unmapped
FROM mapped;
