-- Whether a time file's two typed columns may take a shortcut, from the
-- texts as written in probe (sample_time.sql before the load,
-- notes_probe.sql after it; import.go sets plain_dates and plain_minutes).
-- When every work_date text is a valid date written exactly YYYY-MM-DD,
-- the text cast gives what gevinst_date gives (no blanks to trim, no
-- other pattern to try); when every minutes text is digits with at most a
-- decimal point and digits, the cast gives what gevinst_number_as gives
-- with a point (and, for whole numbers, with a comma). A file with any
-- other value keeps the general expressions for every row: a blank at
-- either end too, which the general expressions trim and the cast may
-- not (a no-break space). Empty values are null either way.
SELECT
    (SELECT coalesce(bool_and(regexp_full_match(value, '\d{4}-\d{2}-\d{2}') AND TRY_CAST(value AS DATE) IS NOT NULL), true)
     FROM probe WHERE part = 'date' AND value <> '') AS plain_dates,
    NOT getvariable('minutes_from_span') AND (
    SELECT coalesce(bool_and(CASE WHEN getvariable('decimal') = 'comma' THEN regexp_full_match(value, '\d+')
                                  ELSE regexp_full_match(value, '\d+(\.\d+)?') END), true)
     FROM probe WHERE part = 'number' AND value <> '') AS plain_minutes;
