-- SPEC §2.3: the mapped rows typed as monthly volumes, as a view (the
-- checks are check_volumes.sql, over a staged copy). While the decimal
-- separator is not known (getvariable('decimal') = 'auto') the count is
-- read with a point; check_volumes.sql reads a file found to use commas again.
CREATE OR REPLACE TEMP VIEW typed AS
SELECT
    src_line,
    coalesce(gevinst_text(org), getvariable('default_org')) AS org,
    lower(gevinst_text(service)) AS service,
    -- a channel that is not configured stays as written: it is rejected,
    -- and the reject quotes it
    CASE WHEN list_contains(getvariable('channels'), lower(gevinst_text(channel)))
         THEN lower(gevinst_text(channel)) ELSE gevinst_text(channel) END AS channel,
    gevinst_text(period) AS period_raw,
    gevinst_month(gevinst_text(period)) AS period,
    gevinst_text(count) AS count_raw,
    gevinst_number_as(gevinst_text(count), getvariable('decimal') = 'comma') AS count_value,
    -- values the source's value maps lack (import.go, unmappedValues)
    gevinst_unmapped
FROM mapped;
